/**
 * The schedule bot's cron run, every minute: nothing a user changed waits for the nightly sweep, and no event is
 * lost, whatever happened to the run it started (quota, time, a server restart, a Subscription that never fired).
 *
 * Each run:
 * 1. continues every Schedule whose slot-sync Task is `requested`, or whose lease expired (a run that died);
 * 2. syncs every Schedule changed since the last checked instant whose Task does not name its current version;
 * 3. re-applies every Appointment changed since then whose Slots do not reflect its status, and gives back orphan
 *    Slots (booked, held by no live Appointment: those the changed Appointments used to hold, and one day of the
 *    calendar in turn; engine/appointments/orphans.ts);
 * 4. releases expired holds (their Slots are free again within a minute of expiry), and, when anything changed,
 *    closes the reschedule Tasks whose appointment is fine again;
 * 5. once a day (the hour in `sweepHourUtc`), sweeps every active Schedule so the rolling window moves on.
 * It then records how far it checked, on its own Task, only when steps 1–3 were not cut short.
 */
import type { MedplumClient } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue, Task } from '@medplum/fhirtypes';
import { issue } from '../../core/fhir';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { formatUtc } from '../../core/time';
import { syncAppointmentSlots } from '../appointments/sync';
import { releaseExpiredHolds } from '../appointments/holds';
import { freeOrphanSlots } from '../appointments/orphans';
import { summaryOutcome } from '../report';
import { clockOf, type Clock } from '../transport/clock';
import { createIfNoneExist, updateIfMatch } from '../transport/conditional-write';
import { errorText } from '../transport/errors';
import { createPacer, DEFAULT_PACING, isDeferred, type Pacer } from '../transport/pacing';
import { describeSummary, syncScheduleSlots, type SyncOptions } from '../sync/schedule-sync';
import { SYNC_TASK_SYSTEM, type SyncTask } from '../sync/lease';
import { closeResolvedTasks } from './tasks-close';
import { dueSchedules, inParallel, staleAppointments } from './checks';
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
  readonly orphansFreed: number;
  readonly holdsReleased: number;
  readonly tasksClosed: number;
  readonly swept: boolean;
  readonly deferred: boolean;
}

/** One cron run's shared state: its client, clock, pacer, figures and details. */
interface CronRun {
  readonly medplum: MedplumClient;
  readonly options: ReconcileOptions;
  readonly clock: Clock;
  readonly pacer: Pacer;
  readonly started: number;
  readonly tally: { -readonly [K in keyof ReconcileSummary]: ReconcileSummary[K] };
  readonly details: OperationOutcomeIssue[];
  /** Work was deferred where no slot-sync Task records it: the checked-through instant must not move on. */
  unrecorded: boolean;
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
  const run: CronRun = {
    medplum,
    options,
    clock,
    pacer,
    started,
    tally: {
      resumed: 0,
      changedSchedules: 0,
      appointments: 0,
      orphansFreed: 0,
      holdsReleased: 0,
      tasksClosed: 0,
      swept: false,
      deferred: false,
    },
    details: [],
    unrecorded: false,
  };
  try {
    await cronSteps(run);
  } catch (err) {
    if (!isDeferred(err)) {
      throw err;
    }
    run.tally.deferred = true;
    run.unrecorded = true;
    run.details.push(issue('warning', 'incomplete', undefined, `Deferred to the next minute: ${err.message}`));
  }
  const { tally } = run;
  const text =
    `Cron: resumed ${tally.resumed}, changed schedules ${tally.changedSchedules}, appointments re-applied ` +
    `${tally.appointments}, orphan slots freed ${tally.orphansFreed}, holds released ${tally.holdsReleased}, tasks closed ${tally.tasksClosed}` +
    `${tally.swept ? ', daily sweep ran' : ''}${tally.deferred ? '; some work deferred' : ''}`;
  const head = issue(tally.deferred ? 'warning' : 'information', 'informational', undefined, text);
  return { summary: tally, outcome: summaryOutcome('slot-cron', head, tally, run.details.slice(0, 50)) };
}

/** Steps 1–5 of the module comment, then the cron Task. */
async function cronSteps(run: CronRun): Promise<void> {
  const { medplum, pacer, clock, started, tally } = run;
  const cron = await findCronTask(medplum, pacer);
  const checked = cron?.input?.find((i) => i.type.text === 'checked-through')?.valueDateTime;
  const since = checked ? Date.parse(checked) - OVERLAP_MS : started - FIRST_LOOKBACK_MS;
  const schedules = await syncDueSchedules(run, since);
  const appointments = await reapplyAppointments(run, since);
  const holds = await releaseExpiredHolds(medplum, clock.now(), pacer);
  tally.holdsReleased = holds.released.length;
  if (schedules + appointments + tally.orphansFreed + holds.released.length > 0) {
    tally.tasksClosed = (await closeResolvedTasks(medplum, clock.now(), pacer)).length;
  }
  const sweptOn = await sweepWhenDue(run, cron?.input?.find((i) => i.type.text === 'swept-on')?.valueString);
  if (!run.unrecorded) {
    await saveCronTask(medplum, pacer, cron, started - 5_000, sweptOn);
  }
}

/** Steps 1 and 2: every Schedule with work left or changed without being synced. Returns how many. */
async function syncDueSchedules(run: CronRun, since: number): Promise<number> {
  const { medplum, pacer, tally } = run;
  const due = await dueSchedules(medplum, pacer, since, run.started);
  tally.resumed = due.resumed;
  tally.changedSchedules = due.changed;
  await inParallel(
    [...due.ids],
    CONCURRENCY,
    async (id) => {
      const budgetMs = Math.max(0, pacer.left());
      const { summary } = await syncScheduleSlots(medplum, id, { ...run.options, clock: run.clock, budgetMs });
      tally.deferred ||= summary.deferred;
      // Deferred after taking the lease: the slot-sync Task records the work. Before it: nothing does.
      run.unrecorded ||= summary.deferred && summary.passes === 0;
      if (!summary.complete && summary.mode !== 'busy') {
        run.details.push(issue('warning', 'incomplete', undefined, describeSummary(summary)));
      }
    },
    (id, err) => run.details.push(failure(`Schedule/${id}`, err))
  );
  return due.ids.size;
}

/** Step 3: every Appointment changed since then whose Slots do not show its status, then orphan Slots. */
async function reapplyAppointments(run: CronRun, since: number): Promise<number> {
  const { stale: appointments, changed } = await staleAppointments(run.medplum, run.pacer, since);
  run.tally.appointments = appointments.length;
  await inParallel(
    appointments,
    CONCURRENCY,
    async (id) => {
      const budgetMs = Math.max(0, run.pacer.left());
      const { summary } = await syncAppointmentSlots(run.medplum, id, { clock: run.clock, budgetMs });
      run.unrecorded ||= summary.deferred === true;
    },
    (id, err) => run.details.push(failure(`Appointment/${id}`, err))
  );
  const orphans = await freeOrphanSlots(run.medplum, run.pacer, {
    clock: run.clock,
    changed,
    ...(run.options.limits ? { limits: run.options.limits } : {}),
  });
  run.tally.orphansFreed = orphans.length;
  if (orphans.length > 0) {
    run.details.push(
      issue(
        'information',
        'informational',
        undefined,
        `Orphan slots freed: ${orphans.map((id) => `Slot/${id}`).join(', ')}`
      )
    );
  }
  return appointments.length;
}

/** Step 5: the daily sweep, in its hour, once a day. Returns the day last swept completely. */
async function sweepWhenDue(run: CronRun, lastSweep: string | undefined): Promise<string | undefined> {
  const today = formatUtc(run.started).slice(0, 10);
  const sweepDue = new Date(run.started).getUTCHours() === (run.options.sweepHourUtc ?? 3) && lastSweep !== today;
  if (!sweepDue || run.pacer.left() <= 0) {
    return lastSweep;
  }
  const sweep = await sweepSchedules(run.medplum, {
    ...run.options,
    clock: run.clock,
    budgetMs: run.pacer.left(),
    pacer: run.pacer,
  });
  run.details.push(sweep.outcome.issue[0] as OperationOutcomeIssue);
  run.tally.swept = true;
  return sweep.summary.remaining === 0 ? today : lastSweep;
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
  const io = { medplum, pacer };
  await (
    existing
      ? updateIfMatch(io, task, existing)
      : createIfNoneExist(io, task, `identifier=${SYNC_TASK_SYSTEM}|${CRON_KEY}`)
  ).catch((err: unknown) => {
    if (isDeferred(err)) {
      throw err;
    }
  });
}

function failure(target: string, err: unknown): OperationOutcomeIssue {
  return issue(
    isDeferred(err) ? 'warning' : 'error',
    isDeferred(err) ? 'incomplete' : 'invalid',
    undefined,
    `${target}: ${errorText(err)}`
  );
}
