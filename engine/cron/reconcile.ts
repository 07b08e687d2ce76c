/**
 * The schedule bot's cron run, every minute: nothing a user changed waits for the nightly sweep, and no event is
 * lost, whatever happened to the run it started (quota, time, a server restart, a Subscription that never fired).
 *
 * Each run:
 * 1. continues every Schedule whose slot-sync Task is `requested`, or whose lease expired (a run that died);
 * 2. syncs every Schedule changed since the last checked instant whose Task does not name its current version;
 * 3. re-applies every Appointment changed since then whose Slots do not reflect its status;
 * 4. releases expired holds (their Slots are free again within a minute of expiry), and, when anything changed,
 *    closes the reschedule Tasks whose appointment is fine again;
 * 5. once a day (the hour in `sweepHourUtc`), sweeps every active Schedule so the rolling window moves on.
 * It then records how far it checked, on its own Task, only when steps 1–3 were not cut short.
 */
import type { MedplumClient } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue, Task } from '@medplum/fhirtypes';
import { issue, outcome } from '../../core/fhir';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { formatUtc } from '../../core/time';
import { syncAppointmentSlots } from '../appointments/sync';
import { clockOf } from '../transport/clock';
import { releaseExpiredHolds } from '../appointments/holds';
import { closeResolvedTasks } from './tasks-close';
import { createPacer, DEFAULT_PACING, isDeferred, type Pacer } from '../transport/pacing';
import { describeSummary, syncScheduleSlots, type SyncOptions } from '../sync/schedule-sync';
import { dueSchedules, inParallel, staleAppointments } from './checks';
import { SYNC_TASK_SYSTEM, type SyncTask } from '../sync/lease';
import { sweepSchedules } from './sweep';

/** The reconciler's own Task (identifier value under the slot-sync system). */
const CRON_KEY = 'cron-reconciler';
const OVERLAP_MS = 60_000;
const FIRST_LOOKBACK_MS = 15 * 60_000;
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
  readonly holdsReleased: number;
  readonly tasksClosed: number;
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
  const tally = {
    resumed: 0,
    changedSchedules: 0,
    appointments: 0,
    holdsReleased: 0,
    tasksClosed: 0,
    swept: false,
    deferred: false,
  };
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

    const holds = await pacer.call('release expired holds', () => releaseExpiredHolds(medplum, clock.now()));
    tally.holdsReleased = holds.released.length;
    if (due.ids.size + appointments.length + holds.released.length > 0) {
      const closed = await pacer.call('close resolved tasks', () => closeResolvedTasks(medplum, clock.now()));
      tally.tasksClosed = closed.length;
    }

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
    `${tally.appointments}, holds released ${tally.holdsReleased}, tasks closed ${tally.tasksClosed}` +
    `${tally.swept ? ', daily sweep ran' : ''}${tally.deferred ? '; some work deferred' : ''}`;
  const head = issue(tally.deferred ? 'warning' : 'information', 'informational', undefined, text);
  return {
    summary: tally,
    outcome: {
      ...outcome([{ ...head, diagnostics: JSON.stringify(tally) }, ...details.slice(0, 50)]),
      id: 'slot-cron',
    },
  };
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
