/**
 * The schedule bot's cron run, every minute: nothing a user changed waits for the nightly sweep, and no event is
 * lost, whatever happened to the run it started (quota, time, a server restart, a Subscription that never fired).
 *
 * Each run:
 * 1. continues every Schedule whose slot-sync Task is `requested`, or whose lease expired (a run that died);
 * 2. syncs every Schedule changed since the last checked instant whose Task does not name its current version;
 * 3. re-applies every Appointment changed since then whose Slots do not reflect its status;
 * 4. once a day (the hour in `sweepHourUtc`), sweeps every active Schedule so the rolling window moves on.
 * It then records how far it checked, on its own Task, only when steps 1–3 were not cut short.
 */
import type { MedplumClient } from '@medplum/core';
import type { Appointment, OperationOutcome, OperationOutcomeIssue, Resource, Slot, Task } from '@medplum/fhirtypes';
import { isBookedSlot, issue, outcome } from '../fhir';
import { TASK_TYPE_SYSTEM } from '../tasks';
import { formatUtc } from '../time';
import { HOLDING_STATUSES } from './appointments';
import { syncAppointmentSlots } from './appointment-sync';
import { clockOf } from './clock';
import { createPacer, DEFAULT_PACING, isDeferred, type Pacer } from './pacing';
import { describeSummary, syncScheduleSlots, type SyncOptions } from './schedule-sync';
import { isLeased, SYNC_TASK_CODE, SYNC_TASK_SYSTEM, syncedVersion, type SyncTask } from './sync-lease';
import { sweepSchedules } from './sweep';

/** The reconciler's own Task (identifier value under the slot-sync system). */
const CRON_KEY = 'cron-reconciler';
const OVERLAP_MS = 60_000;
const FIRST_LOOKBACK_MS = 15 * 60_000;
const PAGE = 200;
const CONCURRENCY = 6;

export interface ReconcileOptions extends SyncOptions {
  readonly budgetMs: number;
  /** The UTC hour of the daily sweep (default 3). */
  readonly sweepHourUtc?: number;
}

export interface ReconcileSummary {
  readonly resumed: number;
  readonly changedSchedules: number;
  readonly appointments: number;
  readonly swept: boolean;
  readonly deferred: boolean;
}

/**
 * One cron run.
 *
 * @example
 * const { outcome } = await reconcile(medplum, { budgetMs: 45_000 });
 */
export async function reconcile(
  medplum: MedplumClient,
  options: ReconcileOptions
): Promise<{ summary: ReconcileSummary; outcome: OperationOutcome }> {
  const clock = options.clock ?? clockOf(medplum);
  const started = clock.now();
  const pacer = createPacer(medplum, clock, started + options.budgetMs, options.pacing ?? DEFAULT_PACING);
  const details: OperationOutcomeIssue[] = [];
  const tally = { resumed: 0, changedSchedules: 0, appointments: 0, swept: false, deferred: false };
  let unrecorded = false;
  try {
    const cron = await findCronTask(medplum, pacer);
    const checked = cron?.input?.find((i) => i.type.text === 'checked-through')?.valueDateTime;
    const since = checked ? Date.parse(checked) - OVERLAP_MS : started - FIRST_LOOKBACK_MS;

    const due = await dueSchedules(medplum, pacer, since, started);
    tally.resumed = due.resumed;
    tally.changedSchedules = due.changed;
    const syncOptions: SyncOptions = { ...options, clock, budgetMs: Math.max(0, pacer.left()) };
    await inParallel(
      [...due.ids],
      CONCURRENCY,
      async (id) => {
        const { summary } = await syncScheduleSlots(medplum, id, {
          ...syncOptions,
          budgetMs: Math.max(0, pacer.left()),
        });
        tally.deferred ||= summary.deferred;
        // Deferred after taking the lease: the slot-sync Task records the work. Before it: nothing does.
        unrecorded ||= summary.deferred && summary.passes === 0;
        if (!summary.complete && summary.mode !== 'busy') {
          details.push(issue('warning', 'incomplete', undefined, describeSummary(summary)));
        }
      },
      (id, err) => details.push(failure(`Schedule/${id}`, err))
    );

    const appointments = await staleAppointments(medplum, pacer, since);
    tally.appointments = appointments.length;
    await inParallel(
      appointments,
      CONCURRENCY,
      async (id) => {
        const { summary } = await syncAppointmentSlots(medplum, id, { clock, budgetMs: Math.max(0, pacer.left()) });
        unrecorded ||= summary.deferred === true;
      },
      (id, err) => details.push(failure(`Appointment/${id}`, err))
    );

    const today = formatUtc(started).slice(0, 10);
    const lastSweep = cron?.input?.find((i) => i.type.text === 'swept-on')?.valueString;
    const sweepDue = new Date(started).getUTCHours() === (options.sweepHourUtc ?? 3) && lastSweep !== today;
    let sweptOn = lastSweep;
    if (sweepDue && pacer.left() > 0) {
      const sweep = await sweepSchedules(medplum, { ...options, clock, budgetMs: pacer.left() });
      details.push(sweep.outcome.issue[0] as OperationOutcomeIssue);
      tally.swept = true;
      sweptOn = sweep.summary.remaining === 0 ? today : lastSweep;
    }
    if (!unrecorded) {
      await saveCronTask(medplum, pacer, cron, started - 5_000, sweptOn);
    }
  } catch (err) {
    if (!isDeferred(err)) {
      throw err;
    }
    tally.deferred = true;
    unrecorded = true;
    details.push(issue('warning', 'incomplete', undefined, `Deferred to the next minute: ${err.message}`));
  }
  const text =
    `Cron: resumed ${tally.resumed}, changed schedules ${tally.changedSchedules}, appointments re-applied ` +
    `${tally.appointments}${tally.swept ? ', daily sweep ran' : ''}${tally.deferred ? '; some work deferred' : ''}`;
  const head = issue(tally.deferred ? 'warning' : 'information', 'informational', undefined, text);
  return {
    summary: tally,
    outcome: {
      ...outcome([{ ...head, diagnostics: JSON.stringify(tally) }, ...details.slice(0, 50)]),
      id: 'slot-cron',
    },
  };
}

/** Schedules with work left (`requested` or an expired lease) and Schedules changed since `since` but not synced. */
async function dueSchedules(
  medplum: MedplumClient,
  pacer: Pacer,
  since: number,
  now: number
): Promise<{ ids: Set<string>; resumed: number; changed: number }> {
  const ids = new Set<string>();
  const open = await pacer.call('search slot-sync Tasks', () =>
    medplum.searchResources(
      'Task',
      { code: `${TASK_TYPE_SYSTEM}|${SYNC_TASK_CODE}`, status: 'requested,in-progress', _count: String(PAGE) },
      { cache: 'no-cache' }
    )
  );
  for (const task of open) {
    const scheduleId = scheduleOf(task);
    if (scheduleId && !isLeased(task, now)) {
      ids.add(scheduleId);
    }
  }
  const resumed = ids.size;
  const changed = await pacer.call('search changed Schedules', () =>
    medplum.searchResources(
      'Schedule',
      { _lastUpdated: `ge${formatUtc(since)}`, _count: String(PAGE), _sort: '_lastUpdated' },
      { cache: 'no-cache' }
    )
  );
  if (changed.length > 0) {
    const tasks = await pacer.call('search their slot-sync Tasks', () =>
      medplum.searchResources(
        'Task',
        { identifier: changed.map((s) => `${SYNC_TASK_SYSTEM}|${s.id}`).join(','), _count: String(PAGE) },
        { cache: 'no-cache' }
      )
    );
    const byId = new Map(tasks.map((t) => [scheduleOf(t), t as SyncTask]));
    for (const schedule of changed) {
      const task = byId.get(schedule.id);
      if (!task || (syncedVersion(task) !== schedule.meta?.versionId && !isLeased(task, now))) {
        ids.add(schedule.id);
      }
    }
  }
  return { ids, resumed, changed: ids.size - resumed };
}

/** Appointments changed since `since` whose Slots do not show their status (the appointment bot's run was lost). */
async function staleAppointments(medplum: MedplumClient, pacer: Pacer, since: number): Promise<string[]> {
  const bundle = await pacer.call('search changed Appointments', () =>
    medplum.search(
      'Appointment',
      { _lastUpdated: `ge${formatUtc(since)}`, _include: 'Appointment:slot', _count: String(PAGE) },
      { cache: 'no-cache' }
    )
  );
  const slots = new Map<string, Slot>();
  const appointments: Appointment[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource as Resource | undefined;
    if (resource?.resourceType === 'Slot') {
      slots.set(`Slot/${resource.id}`, resource);
    } else if (resource?.resourceType === 'Appointment') {
      appointments.push(resource);
    }
  }
  return appointments
    .filter((appointment) => {
      const held = (appointment.slot ?? []).map((ref) => slots.get(ref.reference ?? ''));
      if (HOLDING_STATUSES.has(appointment.status)) {
        const wanted =
          appointment.status === 'pending' || appointment.status === 'proposed' ? 'busy-tentative' : 'busy';
        return held.some((slot) => !slot || slot.status !== wanted);
      }
      // Releasing statuses: a Slot still booked may be held by another appointment; the sync decides.
      return held.some((slot) => slot !== undefined && isBookedSlot(slot));
    })
    .map((appointment) => appointment.id as string);
}

function scheduleOf(task: Task): string | undefined {
  const reference = task.focus?.reference;
  return reference?.startsWith('Schedule/') ? reference.slice('Schedule/'.length) : undefined;
}

async function findCronTask(medplum: MedplumClient, pacer: Pacer): Promise<SyncTask | undefined> {
  const found = await pacer.call('read cron Task', () =>
    medplum.searchResources('Task', { identifier: `${SYNC_TASK_SYSTEM}|${CRON_KEY}` }, { cache: 'no-cache' })
  );
  return found[0] as SyncTask | undefined;
}

async function saveCronTask(
  medplum: MedplumClient,
  pacer: Pacer,
  existing: SyncTask | undefined,
  checkedThrough: number,
  sweptOn: string | undefined
): Promise<void> {
  const task: Task = {
    ...(existing ?? {
      resourceType: 'Task',
      identifier: [{ system: SYNC_TASK_SYSTEM, value: CRON_KEY }],
      intent: 'order',
      code: { coding: [{ system: TASK_TYPE_SYSTEM, code: 'slot-cron', display: 'Slot reconciliation' }] },
      description: 'How far the schedule bot’s per-minute run has checked Schedules and Appointments.',
    }),
    resourceType: 'Task',
    status: 'in-progress',
    intent: 'order',
    lastModified: formatUtc(pacer.clock.now()),
    input: [
      { type: { text: 'checked-through' }, valueDateTime: formatUtc(checkedThrough) },
      ...(sweptOn ? [{ type: { text: 'swept-on' }, valueString: sweptOn }] : []),
    ],
  };
  // A concurrent cron run may have saved first: its figures are as good as ours (a 412 is not an error here).
  await pacer
    .call('save cron Task', () =>
      existing
        ? medplum.updateResource(task, { headers: { 'If-Match': `W/"${existing.meta?.versionId}"` } })
        : medplum.createResourceIfNoneExist(task, `identifier=${SYNC_TASK_SYSTEM}|${CRON_KEY}`)
    )
    .catch((err: unknown) => {
      if (isDeferred(err)) {
        throw err;
      }
    });
}

function failure(target: string, err: unknown): OperationOutcomeIssue {
  const text = (err as { outcome?: OperationOutcome } | undefined)?.outcome?.issue?.[0]?.details?.text ?? String(err);
  return issue(
    isDeferred(err) ? 'warning' : 'error',
    isDeferred(err) ? 'incomplete' : 'invalid',
    undefined,
    `${target}: ${text}`
  );
}

/** Runs `work` for each item, at most `limit` at a time; errors go to `onError`, never stop the others. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  onError: (item: T, err: unknown) => void
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (err) {
        onError(item, err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
