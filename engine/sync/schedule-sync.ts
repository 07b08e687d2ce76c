/**
 * Brings a Schedule's Slots in line with its current rules: the work of the schedule bot, shared with the
 * appointment bot (re-planning around a freed slot), the cron run and the local runtime. A short pipeline:
 *
 *   take the Schedule's sync lease → read and plan (schedule-work) → write nearest first under the quota (batch,
 *   pacing) → re-read after any conflict or uncertain batch → hand the lease back with the result.
 *
 * A run that cannot finish (quota, time budget, server unavailable) says so ("deferred") and leaves the Schedule's
 * slot-sync Task `requested`: the per-minute cron run continues it, and a run that stopped on time with quota to
 * spare resumes itself at once. "complete" is reported only when every planned write was confirmed by the server.
 */
import { OperationOutcomeError } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { Limits } from '../../core/availability/index';
import { issue } from '../../core/fhir';
import { bareId } from '../../core/references';
import type { Interval } from '../../core/time';
import { writeEntries, type WriteReport } from './batch';
import { clockOf, type Clock } from '../transport/clock';
import { createPacer, DEFAULT_PACING, isDeferred, type Pacer, type PacingSettings } from '../transport/pacing';
import { othersWrote } from './others';
import { scheduleWork, type ScheduleWork, type WorkOptions, type WriteLabel } from './work';
import { describeSummary, emptySummary, summarize, type SyncSummary } from './summary';
import { errorText } from '../transport/errors';
import {
  acquireSyncLease,
  findSyncTask,
  refusedVersion,
  releaseSyncLease,
  syncRequested,
  syncedVersion,
  type SyncLease,
} from './lease';

export { describeSummary, type SyncSummary } from './summary';

export interface SyncOptions {
  readonly clock?: Clock;
  readonly limits?: Partial<Limits>;
  /** Milliseconds this run may spend (default 100,000: under the schedule bot's 120 s timeout). */
  readonly budgetMs?: number;
  readonly chunkSize?: number;
  /** Restrict the work to Slots starting in this range (the appointment bot re-plans one slot's day). */
  readonly range?: Interval;
  readonly pacing?: PacingSettings;
  /** Slots starting within this many days are written first, at interactive priority (default 14). */
  readonly urgentDays?: number;
  /** Identifies this run as the lease owner (default: a random id). */
  readonly runId?: string;
}

const LEASE_MARGIN_MS = 60_000;
const MAX_PASSES = 4;

type Result = { summary: SyncSummary; outcome: OperationOutcome };

/** One sync run: what every step needs, resolved once from the options. */
interface SyncRun {
  readonly medplum: MedplumClient;
  readonly pacer: Pacer;
  readonly id: string;
  readonly owner: string;
  readonly leaseMs: number;
  readonly chunkSize?: number;
  /** The part of the calendar this run plans (a range, or all of it from now on). */
  readonly work: Omit<WorkOptions, 'now'>;
}

/**
 * Syncs one Schedule. Throws an OperationOutcomeError, before any write, when the Schedule's rules are invalid.
 *
 * @example
 * const { summary, outcome } = await syncScheduleSlots(medplum, 'Schedule/abc');
 * console.log(summary.created, summary.complete);
 */
export async function syncScheduleSlots(
  medplum: MedplumClient,
  schedule: string | { id?: string },
  options: SyncOptions = {}
): Promise<Result> {
  const clock = options.clock ?? clockOf(medplum);
  const started = clock.now();
  const id = bareId(typeof schedule === 'string' ? schedule : (schedule.id ?? ''), 'Schedule');
  if (!id) {
    throw new OperationOutcomeError({
      resourceType: 'OperationOutcome',
      issue: [issue('error', 'required', 'Schedule.id', 'The schedule has no id.')],
    });
  }
  const budgetMs = options.budgetMs ?? 100_000;
  const run: SyncRun = {
    medplum,
    pacer: createPacer(medplum, clock, started + budgetMs, options.pacing ?? DEFAULT_PACING),
    id,
    owner: options.runId ?? `${started.toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    leaseMs: budgetMs + LEASE_MARGIN_MS,
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    work: {
      urgentDays: options.urgentDays ?? 14,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.range ? { range: options.range } : {}),
    },
  };
  const first = await planThenLease(run);
  if (!('lease' in first)) {
    return first;
  }
  return syncUnderLease(run, first.lease, first.planned);
}

/**
 * Reads and plans first, without the lease: invalid rules are refused before anything is written, and a run with
 * nothing to do writes nothing at all. Then takes the lease, or says why not.
 */
async function planThenLease(run: SyncRun): Promise<Result | { lease: SyncLease; planned: ScheduleWork }> {
  const tally = emptySummary(run.id);
  const { medplum, pacer, id } = run;
  try {
    const known = await findSyncTask(medplum, pacer, id);
    const planned = await scheduleWork(medplum, pacer, id, { ...run.work, now: pacer.clock.now() });
    if (!planned) {
      return summarize({ ...tally, mode: 'deleted' });
    }
    const upToDate =
      run.work.range !== undefined ||
      (known?.status === 'completed' && syncedVersion(known) === planned.schedule.meta?.versionId);
    if (planned.entries.length === 0 && upToDate) {
      return summarize(passSummary(tally, planned, undefined, 1));
    }
    const lease = await acquireSyncLease(medplum, pacer, id, run.owner, run.leaseMs, known ?? null);
    if (lease === 'busy') {
      return summarize({ ...tally, mode: 'busy', stoppedBecause: 'another run holds the sync lease; it applies this' });
    }
    return { lease, planned };
  } catch (err) {
    if (isDeferred(err)) {
      return summarize({ ...tally, deferred: true, complete: false, stoppedBecause: err.message });
    }
    if (err instanceof OperationOutcomeError) {
      await recordRefusal(run, err);
    }
    throw err;
  }
}

/**
 * Rules the bots refuse (invalid, or a plan over the slot cap) leave a record people can see: the slot-sync Task
 * `failed`, saying why, for that Schedule version, so that no run retries it until the Schedule changes.
 */
async function recordRefusal(run: SyncRun, err: OperationOutcomeError): Promise<void> {
  const { medplum, pacer, id } = run;
  try {
    const schedule = await pacer.call('read Schedule', () =>
      medplum.readResource('Schedule', id, { cache: 'no-cache' })
    );
    const version = schedule.meta?.versionId;
    const known = await findSyncTask(medplum, pacer, id);
    if (!version || refusedVersion(known) === version) {
      return; // recorded already (a repeated event)
    }
    const lease = await acquireSyncLease(medplum, pacer, id, run.owner, run.leaseMs, known ?? null);
    if (lease !== 'busy') {
      const note = err.outcome.issue.map((i) => i.details?.text ?? i.code).join(' ');
      await releaseSyncLease(medplum, pacer, lease, { state: 'failed', version, note }, run.leaseMs);
    }
  } catch {
    // The refusal is still the run's answer; the record is best effort.
  }
}

/** Writes under the lease and hands it back; syncs again (the whole calendar) while more syncs were asked for. */
async function syncUnderLease(run: SyncRun, lease: SyncLease, planned: ScheduleWork): Promise<Result> {
  const { medplum, pacer } = run;
  let held = lease;
  let work = run.work;
  let summary = emptySummary(run.id);
  try {
    for (;;) {
      // The plan made before taking the lease still holds when no other run held it in between.
      const reuse = held.unchangedSince && held === lease ? planned : undefined;
      summary = await syncPasses({ ...run, work }, held, summary, reuse);
      const released = await releaseSyncLease(
        medplum,
        pacer,
        held,
        {
          ...(work.range ? {} : { state: summary.complete ? 'completed' : 'requested' }),
          ...(summary.mode !== 'deleted' && summary.version ? { version: summary.version } : {}),
          note: describeSummary(summary),
        },
        run.leaseMs
      );
      if (released === 'released' || released === 'lost') {
        return summarize(summary);
      }
      // Another sync was asked for meanwhile: sync again, the whole calendar, with the newest Schedule.
      held = released;
      work = { ...work, range: undefined };
      if (pacer.left() <= 0) {
        return summarize({ ...summary, complete: false, deferred: true, stoppedBecause: 'time budget used up' });
      }
    }
  } catch (err) {
    if (isDeferred(err)) {
      // The lease runs out by itself; the slot-sync Task stays in progress and the cron run continues it.
      return summarize({ ...summary, complete: false, deferred: true, stoppedBecause: err.message });
    }
    // Invalid rules (thrown before any write): say so on the Task, so that no run retries until the Schedule changes.
    const note = errorText(err);
    await releaseSyncLease(medplum, pacer, held, { state: 'failed', note }, run.leaseMs).catch(() => undefined);
    throw err;
  }
}

/** Reads, plans and writes until the store matches the plan, or the run must stop. */
async function syncPasses(
  run: SyncRun,
  lease: SyncLease,
  start: SyncSummary,
  planned?: ScheduleWork
): Promise<SyncSummary> {
  const { medplum, pacer } = run;
  let summary = start;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const before = summary;
    const work =
      pass === 1 && planned
        ? planned
        : await scheduleWork(medplum, pacer, lease.scheduleId, { ...run.work, now: pacer.clock.now() });
    if (!work) {
      return { ...summary, mode: 'deleted', complete: true, deferred: false, pending: 0, passes: pass };
    }
    // The lease outlives the run's budget by a minute, so every write starts while this run is the only writer.
    const report = await writeEntries(medplum, pacer, work.entries, {
      ...(run.chunkSize ? { chunkSize: run.chunkSize } : {}),
      interrupt: async () => (await syncRequested(medplum, pacer, lease)) || othersWrote(medplum, pacer, work),
    });
    summary = passSummary(summary, work, report, pass);
    // Done, or stopped by the quota or the clock: a later run continues. A conflict or an uncertain batch means
    // the store changed under us, and so does a slot someone else wrote while this pass created slots (./others):
    // read it again and write what is still missing, or take away what now stands on their time.
    const changed = summary.writeConflicts > before.writeConflicts || report.uncertain || report.interrupted;
    const again =
      pacer.left() > 0 && (changed || (summary.created > before.created && (await othersWrote(medplum, pacer, work))));
    if (!again) {
      return summary;
    }
  }
  return { ...summary, complete: false, deferred: true };
}

/** The running summary after one pass (or, without a report, a pass with nothing to write). */
function passSummary(
  summary: SyncSummary,
  work: ScheduleWork,
  report: WriteReport<WriteLabel> | undefined,
  pass: number
): SyncSummary {
  const results = report?.results ?? [];
  const count = (label: WriteLabel): number =>
    results.filter((r) => r.entry.label === label && r.status === 'done').length;
  const pending = results.filter((r) => r.status === 'pending');
  const conflicts = results.filter((r) => r.status === 'conflict').length;
  const failed = results.filter((r) => r.status === 'failed');
  const first = pending[0]?.entry.resource;
  return {
    ...summary,
    mode: work.plan.mode,
    ...(work.schedule.meta?.versionId ? { version: work.schedule.meta.versionId } : {}),
    created: summary.created + count('create'),
    cancelled: summary.cancelled + count('cancel'),
    tasks: summary.tasks + count('task'),
    withdrawn: summary.withdrawn + count('withdraw'),
    restored: summary.restored + count('restore'),
    kept: work.diff.keep.length,
    conflicts: work.diff.conflicts.length,
    writeConflicts: summary.writeConflicts + conflicts,
    failed: failed.length,
    failures: failed.slice(0, 20).map((r) => `${r.entry.request.method} ${r.entry.request.url}: ${r.message}`),
    pending: pending.length,
    urgentPending: pending.filter((r) => r.entry.priority === 'urgent').length,
    ...(first?.resourceType === 'Slot' ? { nextPending: first.start } : {}),
    planComplete: work.plan.complete,
    warnings: work.warnings,
    requests: summary.requests + work.requests + (report?.requests ?? 0),
    passes: pass,
    complete: pending.length === 0 && failed.length === 0 && conflicts === 0 && !report?.uncertain,
    deferred: pending.length > 0,
    ...(report?.stoppedBecause ? { stoppedBecause: report.stoppedBecause } : { stoppedBecause: undefined }),
  };
}
