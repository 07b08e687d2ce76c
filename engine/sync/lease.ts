/**
 * One writer per Schedule: a lease on the Schedule's slot-sync Task, taken and handed back with `If-Match`.
 *
 * The Task (one per Schedule, keyed by the Schedule id) is also the durable record of unfinished work: its status
 * is `in-progress` while a run holds the lease, `requested` when work is left (quota, time, a change that arrived
 * while another run held the lease), and `completed` when the Slots match the Schedule version it names. The
 * per-minute cron run picks up every `requested` Task and every expired lease, so no change is lost, whatever
 * happens to a run.
 *
 * A run that finds the lease held marks the Task (a new version) and leaves: the holder's hand-back then fails its
 * `If-Match`, and the holder syncs again with the newest Schedule. With a single writer per Schedule, generated
 * Slots can be plain creates (100 quota points) instead of conditional ones (140) without ever being duplicated.
 */
import type { MedplumClient } from '@medplum/core';
import type { Task, TaskInput } from '@medplum/fhirtypes';
import { PRODUCT_URI } from '../../core/fhir';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { formatUtc } from '../../core/time';
import { createIfNoneExist, updateIfMatch } from '../transport/conditional-write';
import { isPreconditionError } from '../transport/errors';
import type { Pacer } from '../transport/pacing';

/** Identifier system of slot-sync Tasks; the value is the Schedule id. */
export const SYNC_TASK_SYSTEM = `${PRODUCT_URI}/slot-sync`;
/** Identifier system of a lease owner (one run). */
const OWNER_SYSTEM = `${PRODUCT_URI}/slot-sync-run`;
export const SYNC_TASK_CODE = 'slot-sync';

export type SyncTask = Task & { id: string };

export interface SyncLease {
  readonly scheduleId: string;
  readonly owner: string;
  readonly task: SyncTask;
  /** Epoch ms when the lease ends: no write may start after it. */
  readonly expires: number;
  /** The Task's status before this run took it (restored by a run that synced only part of the calendar). */
  readonly previousStatus: Task['status'];
  /**
   * The lease was taken from the very Task version the caller had read: no other run held it in between, so what
   * the caller read and planned before taking the lease is still what the store holds of generated Slots.
   */
  readonly unchangedSince?: boolean;
}

/** The Schedule version the Slots were last completely synced to, per the Task. */
export function syncedVersion(task: Task | undefined): string | undefined {
  return task?.input?.find((i) => i.type.text === 'synced-version')?.valueString;
}

/** The Schedule version whose rules the bots refused (the Task is `failed` until the Schedule changes). */
export function refusedVersion(task: Task | undefined): string | undefined {
  return task?.status === 'failed'
    ? task.input?.find((i) => i.type.text === 'refused-version')?.valueString
    : undefined;
}

/** Whether the Task is leased by a run right now. */
export function isLeased(task: Task, now: number): boolean {
  const end = task.restriction?.period?.end;
  return task.status === 'in-progress' && !!task.owner && !!end && Date.parse(end) > now;
}

/** The slot-sync Task of a Schedule, if any. */
export async function findSyncTask(
  medplum: MedplumClient,
  pacer: Pacer,
  scheduleId: string
): Promise<SyncTask | undefined> {
  const found = await pacer.call('search slot-sync Task', () =>
    medplum.searchResources('Task', { identifier: `${SYNC_TASK_SYSTEM}|${scheduleId}` }, { cache: 'no-cache' })
  );
  return found[0] as SyncTask | undefined;
}

/**
 * Takes the lease, or marks the Task so that the current holder syncs again ('busy').
 *
 * @example
 * const lease = await acquireSyncLease(medplum, pacer, 'sch-1', 'run-42', 60_000);
 * if (lease === 'busy') return; // the holder will apply this change
 */
export async function acquireSyncLease(
  medplum: MedplumClient,
  pacer: Pacer,
  scheduleId: string,
  owner: string,
  ttlMs: number,
  known?: SyncTask | null
): Promise<SyncLease | 'busy'> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const now = pacer.clock.now();
    // The Task as the caller last read it (null: it had none), first; then as it is now.
    const task =
      attempt === 0 && known !== undefined ? (known ?? undefined) : await findSyncTask(medplum, pacer, scheduleId);
    if (!task) {
      const created = await createIfNoneExist(
        { medplum, pacer },
        leased(newTask(scheduleId), owner, now + ttlMs),
        `identifier=${SYNC_TASK_SYSTEM}|${scheduleId}`
      );
      if (created.owner?.identifier?.value === owner) {
        return {
          scheduleId,
          owner,
          task: created,
          expires: now + ttlMs,
          previousStatus: 'requested',
          unchangedSince: attempt === 0 && known === null,
        };
      }
      continue; // another run created it first: read it again
    }
    const wanted = isLeased(task, now) ? requested(task, now) : leased(task, owner, now + ttlMs);
    try {
      const saved = await updateIfMatch({ medplum, pacer }, wanted, task);
      if (isLeased(task, now)) {
        return 'busy';
      }
      return {
        scheduleId,
        owner,
        task: saved,
        expires: now + ttlMs,
        previousStatus: task.status,
        unchangedSince: attempt === 0 && known !== undefined,
      };
    } catch (err) {
      if (!isPreconditionError(err)) {
        throw err;
      }
      // Changed meanwhile: read it again.
    }
  }
  return 'busy';
}

/** Whether someone asked for another sync since the lease was taken or renewed (1 quota point). */
export async function syncRequested(medplum: MedplumClient, pacer: Pacer, lease: SyncLease): Promise<boolean> {
  const task = await pacer.call('read slot-sync Task', () =>
    medplum.readResource('Task', lease.task.id, { cache: 'no-cache' })
  );
  return task.meta?.versionId !== lease.task.meta?.versionId;
}

export interface SyncResult {
  /**
   * `completed`: the Slots match `version`; `requested`: work is left for a later run; `failed`: the Schedule's
   * rules at `version` are refused (not retried until the Schedule changes). Undefined: the status is left as it
   * was.
   */
  readonly state?: 'completed' | 'requested' | 'failed';
  readonly version?: string;
  /** One line for people (the app shows it as progress). */
  readonly note: string;
}

/**
 * Hands the lease back with the run's result. 'again': another sync was asked for meanwhile; the lease was
 * renewed (the returned one) and the caller syncs again. 'lost': the lease expired and another run took it.
 */
export async function releaseSyncLease(
  medplum: MedplumClient,
  pacer: Pacer,
  lease: SyncLease,
  result: SyncResult,
  ttlMs: number
): Promise<'released' | 'lost' | SyncLease> {
  const now = pacer.clock.now();
  const status = result.state ?? (lease.previousStatus === 'in-progress' ? 'requested' : lease.previousStatus);
  const inputs = (lease.task.input ?? []).filter(
    (i) => !['synced-version', 'refused-version'].includes(i.type.text ?? '')
  );
  const version = result.state === 'completed' ? result.version : syncedVersion(lease.task);
  const refused: TaskInput[] =
    result.state === 'failed' && result.version
      ? [{ type: { text: 'refused-version' }, valueString: result.version }]
      : [];
  const released: SyncTask = {
    ...lease.task,
    status,
    owner: undefined,
    restriction: undefined,
    lastModified: formatUtc(now),
    businessStatus: { text: result.note },
    input: [...inputs, ...(version ? [versionInput(version)] : []), ...refused],
  };
  let expected: Task = lease.task;
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      await updateIfMatch({ medplum, pacer }, { ...released, meta: expected.meta }, expected);
      return 'released';
    } catch (err) {
      if (!isPreconditionError(err)) {
        throw err;
      }
    }
    const current = await pacer.call('read slot-sync Task', () =>
      medplum.readResource('Task', lease.task.id, { cache: 'no-cache' })
    );
    if (current.owner?.identifier?.value !== lease.owner) {
      return 'lost';
    }
    if (current.meta?.versionId !== lease.task.meta?.versionId) {
      // Someone asked for another sync meanwhile: keep the lease, renewed, and tell the caller to sync again.
      try {
        const renewed = await updateIfMatch(
          { medplum, pacer },
          leased(current as SyncTask, lease.owner, now + ttlMs),
          current
        );
        return { ...lease, task: renewed, expires: now + ttlMs };
      } catch (err) {
        if (!isPreconditionError(err)) {
          throw err;
        }
      }
    }
    expected = current;
  }
  return 'lost';
}

function newTask(scheduleId: string): Task {
  return {
    resourceType: 'Task',
    identifier: [{ system: SYNC_TASK_SYSTEM, value: scheduleId }],
    status: 'requested',
    intent: 'order',
    code: {
      coding: [{ system: TASK_TYPE_SYSTEM, code: SYNC_TASK_CODE, display: 'Generate slots' }],
      text: 'Generate slots',
    },
    description: 'Keeps the Schedule’s Slots in step with its availability (written by the schedule bot).',
    focus: { reference: `Schedule/${scheduleId}` },
  };
}

function leased<T extends Task>(task: T, owner: string, expires: number): T {
  return {
    ...task,
    status: 'in-progress',
    owner: { identifier: { system: OWNER_SYSTEM, value: owner }, display: 'schedule bot run' },
    restriction: { period: { end: formatUtc(expires) } },
  };
}

function requested(task: SyncTask, now: number): SyncTask {
  const inputs = (task.input ?? []).filter((i) => i.type.text !== 'requested-at');
  const request: TaskInput = { type: { text: 'requested-at' }, valueDateTime: formatUtc(now) };
  return { ...task, input: [...inputs, request] };
}

function versionInput(version: string): TaskInput {
  return { type: { text: 'synced-version' }, valueString: version };
}
