/**
 * Brings a Schedule's Slots in line with its current rules: the work of the schedule bot, shared with the local
 * runtime and the benchmark. Reads the current Schedule (events arrive late, twice, out of order), the Slots from
 * `now` on (paged by start), plans, diffs, and writes only the diff in batches.
 */
import { OperationOutcomeError } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type {
  Appointment,
  OperationOutcome,
  OperationOutcomeIssue,
  Resource,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';
import { readScheduleRules, type Limits } from '../availability';
import { buildSlot, issue, outcome, restoredSlot, SLOT_KEY_SYSTEM, TASK_KEY_SYSTEM, withdrawnSlot } from '../fhir';
import { blockingIntervals, diffSlots } from '../slot-diff';
import { planSlots, type SlotPlan } from '../slot-plan';
import { rescheduleTask, type RescheduleReason } from '../tasks';
import type { Interval } from '../time';
import { systemClock, type Clock } from './clock';
import { writeEntries, type EntryResult, type WriteEntry } from './batch';
import { searchSlots } from './search';
import { readOrUndefined } from './errors';
import { actorsForZone } from './actors';
import { findScheduleAppointments } from './appointments';

/** Quota points Medplum charges inside a batch (conditional create 140; delete and update 100; search part 20). */
const COST = { create: 140, cancel: 120, update: 100, task: 140 } as const;

export interface SyncOptions {
  readonly clock?: Clock;
  readonly limits?: Partial<Limits>;
  /** Milliseconds of writing allowed before stopping and reporting (default 8,000, under the 10 s bot timeout). */
  readonly budgetMs?: number;
  readonly chunkSize?: number;
  /** Send the writes as asynchronous batch jobs when there are more than this many (see `writeEntries`). */
  readonly asyncOver?: number;
  /** Restrict the work to Slots starting in this range (the appointment bot re-plans one slot's day). */
  readonly range?: Interval;
}

type Label = 'create' | 'cancel' | 'withdraw' | 'restore' | 'task';

/** What a sync did. */
export interface SyncSummary {
  readonly scheduleId: string;
  readonly mode: SlotPlan['mode'] | 'deleted';
  /** Slots created (201). */
  readonly created: number;
  /** Planned creates that found their Slot already there (a concurrent run made it): 200 on the conditional create. */
  readonly existed: number;
  readonly cancelled: number;
  readonly kept: number;
  readonly conflicts: number;
  readonly tasks: number;
  readonly withdrawn: number;
  readonly restored: number;
  /** Writes the store refused, and writes skipped because the store changed meanwhile. */
  readonly failed: number;
  readonly skipped: number;
  /** Writes not done yet (time budget or quota); a later run picks them up. */
  readonly pending: number;
  /** Writes handed to asynchronous batch jobs (not confirmed yet; the next run verifies). */
  readonly submitted: number;
  /** Status URLs of those jobs. */
  readonly jobs?: readonly string[];
  /** The plan covers the whole horizon (false: a rolling window; later runs extend it). */
  readonly planComplete: boolean;
  /** Every planned write was done. */
  readonly complete: boolean;
  readonly requests: number;
  readonly stoppedBecause?: string;
}

/**
 * Syncs one Schedule's Slots. Throws an OperationOutcomeError, before any write, when the Schedule's rules are
 * invalid. Returns a summary and an OperationOutcome describing it.
 *
 * @example
 * const { summary, outcome } = await syncScheduleSlots(medplum, 'Schedule/abc');
 * console.log(summary.created, summary.complete);
 */
export async function syncScheduleSlots(
  medplum: MedplumClient,
  schedule: string | Schedule,
  options: SyncOptions = {}
): Promise<{ summary: SyncSummary; outcome: OperationOutcome }> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const id = typeof schedule === 'string' ? schedule.replace(/^Schedule\//, '') : schedule.id;
  if (!id) {
    throw new OperationOutcomeError(outcome([issue('error', 'required', 'Schedule.id', 'The schedule has no id.')]));
  }
  let requests = 1;
  const current = await readOrUndefined(medplum, 'Schedule', id);
  if (!current) {
    const summary = emptySummary(id, 'deleted', requests);
    return {
      summary,
      outcome: summarize(summary, [
        issue('information', 'not-found', 'Schedule', `Schedule/${id} no longer exists; nothing to do.`),
      ]),
    };
  }

  const actors = await actorsForZone(medplum, current);
  requests += actors.length;
  const rules = readScheduleRules(current, { actors, ...(options.limits ? { limits: options.limits } : {}) });
  if (!rules.ok) {
    throw new OperationOutcomeError(rules.outcome);
  }
  const now = options.range ? Math.max(started, options.range.start) : started;
  const found = await searchSlots(medplum, {
    scheduleId: id,
    from: now,
    ...(options.range ? { to: options.range.end } : {}),
  });
  requests += found.requests;
  const existing = found.slots;

  const limits = options.limits;
  const planned = planSlots({
    rules: rules.value,
    now,
    blocks: blockingIntervals(existing),
    ...(limits ? { limits } : {}),
  });
  if (!planned.ok) {
    throw new OperationOutcomeError(planned.outcome);
  }
  const plan = options.range ? clipPlan(planned.value, options.range) : planned.value;
  const computed = diffSlots(plan, existing);

  // Appointments on this schedule: a free Slot an Appointment already references (the appointment bot has not run
  // yet) is kept and reported, never cancelled or withdrawn. One chained search, only when something would change.
  const touchesBookings = computed.cancel.length + computed.withdraw.length + computed.conflicts.length > 0;
  const appointments = touchesBookings
    ? await findScheduleAppointments(medplum, id, now)
    : { bySlot: new Map<string, (Appointment & { id: string })[]>(), requests: 0 };
  requests += appointments.requests;
  const held = (slot: Slot): boolean => (appointments.bySlot.get(slot.id as string)?.length ?? 0) > 0;
  const diff = {
    ...computed,
    cancel: computed.cancel.filter((slot) => !held(slot)),
    withdraw: computed.withdraw.filter((slot) => !held(slot)),
    conflicts: [...computed.conflicts, ...computed.cancel.filter(held), ...computed.withdraw.filter(held)],
  };

  const reason: RescheduleReason = plan.mode === 'inactive' ? 'schedule-deactivated' : 'outside-availability';
  const taskEntries = diff.conflicts.flatMap((slot) => {
    const booked = appointments.bySlot.get(slot.id as string) ?? [];
    const targets: (Appointment & { id: string })[] | [undefined] = booked.length > 0 ? booked : [undefined];
    return targets.map((appointment) => {
      const task = rescheduleTask({
        reason,
        slot: slot as Slot & { id: string },
        ...(appointment ? { appointment } : {}),
        schedule: current,
        ...(current.comment ? { note: current.comment } : {}),
        now: started,
      });
      return entry('task', task, `identifier=${TASK_KEY_SYSTEM}|${task.identifier?.[0]?.value}`);
    });
  });
  const withdrawReason = current.comment;

  const entries: WriteEntry<Label>[] = [
    ...taskEntries,
    ...diff.cancel.map((slot) => cancel(slot)),
    ...diff.withdraw.map((slot) => update('withdraw', withdrawnSlot(slot, withdrawReason))),
    ...diff.restore.map((slot) => update('restore', restoredSlot(slot))),
    ...diff.create.map((slot) =>
      entry('create', buildSlot(current, slot, plan.timeZone), `identifier=${SLOT_KEY_SYSTEM}|${slot.key}`)
    ),
  ];
  const report = await writeEntries(medplum, entries, {
    clock,
    deadline: started + (options.budgetMs ?? 8000),
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    ...(options.asyncOver !== undefined ? { asyncOver: options.asyncOver } : {}),
  });
  requests += report.requests;

  const count = (label: Label, status: EntryResult['status'] = 'done'): number =>
    report.results.filter((r) => r.entry.label === label && r.status === status).length;
  const pending = report.results.filter((r) => r.status === 'pending').length;
  const failed = report.results.filter((r) => r.status === 'failed');
  const summary: SyncSummary = {
    scheduleId: id,
    mode: plan.mode,
    created: report.results.filter(
      (r) => r.entry.label === 'create' && r.status === 'done' && r.httpStatus?.startsWith('201')
    ).length,
    existed: report.results.filter(
      (r) => r.entry.label === 'create' && r.status === 'done' && !r.httpStatus?.startsWith('201')
    ).length,
    cancelled: count('cancel'),
    kept: diff.keep.length,
    conflicts: diff.conflicts.length,
    tasks: count('task'),
    withdrawn: count('withdraw'),
    restored: count('restore'),
    failed: failed.length,
    skipped: report.results.filter((r) => r.status === 'skipped').length,
    pending,
    submitted: report.results.filter((r) => r.status === 'submitted').length,
    ...(report.jobs.length > 0 ? { jobs: report.jobs } : {}),
    planComplete: plan.complete,
    complete: pending === 0 && failed.length === 0 && report.jobs.length === 0,
    requests,
    ...(report.stoppedBecause ? { stoppedBecause: report.stoppedBecause } : {}),
  };
  const details: OperationOutcomeIssue[] = [
    ...rules.warnings,
    ...(plan.mode === 'manual'
      ? [
          issue(
            'information',
            'informational',
            'Schedule.extension',
            'No availability rules: a manual schedule, so no slots are generated.'
          ),
        ]
      : []),
    ...failed
      .slice(0, 20)
      .map((r) =>
        issue(
          'error',
          'exception',
          undefined,
          `${r.entry.request.method} ${r.entry.request.url} failed: ${r.message ?? r.httpStatus}`
        )
      ),
  ];
  return { summary, outcome: summarize(summary, details) };
}

/** One line describing a summary, for logs and the outcome's text. */
export function describeSummary(s: SyncSummary): string {
  const plan = s.planComplete ? 'plan covers the horizon' : 'plan is a rolling window';
  const submitted = s.submitted > 0 ? `, ${s.submitted} submitted in ${s.jobs?.length ?? 0} async job(s)` : '';
  const reason = s.stoppedBecause ? `: ${s.stoppedBecause}` : '';
  const state = s.complete ? 'complete' : `incomplete (${s.pending} pending${submitted}${reason})`;
  return (
    `Schedule/${s.scheduleId} [${s.mode}]: created ${s.created}${s.existed ? ` (+${s.existed} already there)` : ''}, cancelled ${s.cancelled}, kept ${s.kept}, ` +
    `conflicts ${s.conflicts}, tasks ${s.tasks}, withdrawn ${s.withdrawn}, restored ${s.restored}, ` +
    `failed ${s.failed}, skipped ${s.skipped}; ${state}; ${plan}; ${s.requests} requests`
  );
}

function summarize(summary: SyncSummary, details: readonly OperationOutcomeIssue[]): OperationOutcome {
  const head = issue(
    summary.complete ? 'information' : 'warning',
    summary.complete ? 'informational' : 'incomplete',
    undefined,
    describeSummary(summary)
  );
  return { ...outcome([{ ...head, diagnostics: JSON.stringify(summary) }, ...details]), id: 'slot-sync-summary' };
}

function emptySummary(scheduleId: string, mode: SyncSummary['mode'], requests: number): SyncSummary {
  return {
    scheduleId,
    mode,
    created: 0,
    existed: 0,
    cancelled: 0,
    kept: 0,
    conflicts: 0,
    tasks: 0,
    withdrawn: 0,
    restored: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    submitted: 0,
    planComplete: true,
    complete: true,
    requests,
  };
}

function entry(label: Label, resource: Resource, ifNoneExist: string): WriteEntry<Label> {
  return {
    label,
    resource,
    request: { method: 'POST', url: resource.resourceType, ifNoneExist },
    cost: COST[label === 'task' ? 'task' : 'create'],
  };
}

/**
 * Deletes a free Slot only if it is still the version that was read (If-Match): a Slot booked in the meantime has a
 * new version, the delete answers 412, and the Slot stays. (A conditional `DELETE Slot?_id=…&status=free` is not
 * safe inside a batch: Medplum resolves the condition for every entry first and deletes later, unconditionally.)
 */
function cancel(slot: Slot): WriteEntry<Label> {
  const version = slot.meta?.versionId;
  return {
    label: 'cancel',
    request: version
      ? { method: 'DELETE', url: `Slot/${slot.id}`, ifMatch: `W/"${version}"` }
      : { method: 'DELETE', url: `Slot?_id=${slot.id}&status=free` },
    cost: COST.cancel,
  };
}

function update(label: Label, slot: Slot): WriteEntry<Label> {
  const version = slot.meta?.versionId;
  return {
    label,
    resource: slot,
    request: { method: 'PUT', url: `Slot/${slot.id}`, ...(version ? { ifMatch: `W/"${version}"` } : {}) },
    cost: COST.update,
  };
}

/** Restricts a plan to the slots starting inside `range` (the window the caller loaded). */
function clipPlan(plan: SlotPlan, range: Interval): SlotPlan {
  return { ...plan, slots: plan.slots.filter((s) => s.start >= range.start && s.start < range.end) };
}
