/**
 * What one Schedule needs: read the current Schedule (events arrive late, twice, out of order), its actors when
 * the zone comes from them, its Slots from `now` on (paged by start) and the Appointments that hold them; plan,
 * diff, and turn the diff into writes ordered nearest first, each with its priority.
 */
import { OperationOutcomeError } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type {
  Appointment,
  BundleEntryRequest,
  OperationOutcomeIssue,
  Resource,
  Schedule,
  Slot,
  Task,
} from '@medplum/fhirtypes';
import { readScheduleRules, type Limits } from '../../core/availability/index';
import { buildSlot, restoredSlot, TASK_KEY_SYSTEM, withdrawnSlot } from '../../core/fhir';
import { blockingIntervals, diffSlots, slotInterval, type SlotDiff } from '../../core/slot-diff';
import { planSizeIssue } from '../../core/plan-size';
import { planSlots, type SlotPlan } from '../../core/slot-plan';
import { rescheduleTask, type RescheduleReason } from '../../core/tasks';
import { type AffectedOccurrence, seriesRescheduleTask } from '../../core/series-tasks';
import { seriesOf } from '../../core/series';
import { days, type Interval } from '../../core/time';
import type { WriteEntry } from './batch';
import { actorsForZone } from './actors';
import { servicesOf } from './services';
import { findScheduleAppointments } from '../appointments/lookups';
import { ifMatchValue, readOrUndefined } from '../transport/conditional-write';
import type { Pacer, Priority } from '../transport/pacing';
import { requestCost } from '../transport/quota-costs';
import { searchSlots } from '../transport/search';

export type WriteLabel = 'create' | 'cancel' | 'withdraw' | 'restore' | 'task';

export interface ScheduleWork {
  readonly schedule: Schedule & { id: string };
  readonly plan: SlotPlan;
  readonly diff: SlotDiff;
  readonly entries: readonly WriteEntry<WriteLabel>[];
  readonly warnings: readonly OperationOutcomeIssue[];
  readonly requests: number;
  /** When the Slots the plan is based on were read (the run's clock). */
  readonly readAt: number;
}

export interface WorkOptions {
  readonly now: number;
  readonly limits?: Partial<Limits>;
  /** Only Slots starting in this range (the appointment bot re-plans one slot's day). */
  readonly range?: Interval;
  /** Writes for slots starting before `now + urgentDays` are urgent; later ones are background. */
  readonly urgentDays: number;
}

/**
 * Reads and plans one Schedule. Undefined when the Schedule no longer exists. Throws an OperationOutcomeError,
 * before any write, when its rules are invalid.
 *
 * @example
 * const work = await scheduleWork(medplum, pacer, 'sch-1', { now: Date.now(), urgentDays: 14 });
 */
export async function scheduleWork(
  medplum: MedplumClient,
  pacer: Pacer,
  id: string,
  options: WorkOptions
): Promise<ScheduleWork | undefined> {
  let requests = 1;
  const schedule = await readOrUndefined({ medplum, pacer }, 'Schedule', id);
  if (!schedule) {
    return undefined;
  }
  const actors = await actorsForZone({ medplum, pacer }, schedule);
  const services = await servicesOf({ medplum, pacer }, schedule);
  requests += actors.length + (services.length > 0 ? 1 : 0);
  const rules = readScheduleRules(schedule, {
    actors,
    services,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (!rules.ok) {
    throw new OperationOutcomeError(rules.outcome);
  }
  const from = options.range ? Math.max(options.now, options.range.start) : options.now;
  const readAt = pacer.clock.now();
  const found = await pacer.call('search Slots', () =>
    searchSlots(medplum, { scheduleId: id, from, ...(options.range ? { to: options.range.end } : {}) })
  );
  requests += found.requests;
  const planned = planSlots({
    rules: rules.value,
    now: from,
    blocks: blockingIntervals(found.slots),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (!planned.ok) {
    // Over the slot cap: said in words, with the estimate, exactly as the API says it before a save.
    const tooMany = planSizeIssue(rules.value, from, options.limits);
    throw new OperationOutcomeError(
      tooMany
        ? { resourceType: 'OperationOutcome', issue: [{ ...tooMany, expression: ['Schedule.planningHorizon'] }] }
        : planned.outcome
    );
  }
  const range = options.range;
  const plan = range
    ? { ...planned.value, slots: planned.value.slots.filter((s) => s.start >= range.start && s.start < range.end) }
    : planned.value;
  const { diff, bySlot, requests: lookups } = await keepBooked(medplum, pacer, id, from, diffSlots(plan, found.slots));
  requests += lookups;
  const current = schedule;
  const entries = orderNearestFirst(
    [
      ...taskEntries(current, plan, diff, bySlot, options.now, !!range),
      ...diff.cancel.map((slot) => cancel(slot)),
      ...diff.withdraw.map((slot) => update('withdraw', withdrawnSlot(slot, current.comment))),
      ...diff.restore.map((slot) => update('restore', restoredSlot(slot))),
      ...diff.create.map((slot) => create(buildSlot(current, slot, plan.timeZone), slot.start)),
    ],
    options.now + days(options.urgentDays)
  );
  return { schedule: current, plan, diff, entries, warnings: rules.warnings, requests, readAt };
}

/**
 * A free Slot an Appointment already references (the appointment bot has not run yet) is kept and reported, never
 * cancelled or withdrawn. One chained search, only when something would change.
 */
async function keepBooked(
  medplum: MedplumClient,
  pacer: Pacer,
  scheduleId: string,
  from: number,
  computed: SlotDiff
): Promise<{ diff: SlotDiff; bySlot: Map<string, (Appointment & { id: string })[]>; requests: number }> {
  const touchesBookings = computed.cancel.length + computed.withdraw.length + computed.conflicts.length > 0;
  if (!touchesBookings) {
    return { diff: computed, bySlot: new Map(), requests: 0 };
  }
  const { bySlot, requests } = await findScheduleAppointments({ medplum, pacer }, scheduleId, from);
  const held = (slot: Slot): boolean => (bySlot.get(slot.id as string)?.length ?? 0) > 0;
  const diff: SlotDiff = {
    ...computed,
    cancel: computed.cancel.filter((slot) => !held(slot)),
    withdraw: computed.withdraw.filter((slot) => !held(slot)),
    conflicts: [...computed.conflicts, ...computed.cancel.filter(held), ...computed.withdraw.filter(held)],
  };
  return { diff, bySlot, requests };
}

type Timed = WriteEntry<WriteLabel> & { readonly at: number };

/** Writes that are urgent whatever their date: reschedule Tasks, and taking free time off the market. */
const ALWAYS_URGENT: ReadonlySet<WriteLabel> = new Set<WriteLabel>(['task', 'cancel', 'withdraw']);

/**
 * Reschedule Tasks first, then every write by its slot's start. Urgent: Tasks, every withdrawal of free time
 * (a cancel or a withdraw: a deactivation closes the calendar at once, whatever the date), and every other write
 * before `urgentUntil` (the calendar people book from this week); the rest is background. Cancels come before
 * creates at the same instant.
 */
function orderNearestFirst(entries: readonly Timed[], urgentUntil: number): WriteEntry<WriteLabel>[] {
  const rank = (e: Timed): number => (e.label === 'task' ? 0 : e.label === 'create' ? 2 : 1);
  return [...entries]
    .sort((a, b) => (a.label === 'task' ? -1 : 0) - (b.label === 'task' ? -1 : 0) || a.at - b.at || rank(a) - rank(b))
    .map(({ at, ...entry }): WriteEntry<WriteLabel> => {
      const priority: Priority = ALWAYS_URGENT.has(entry.label) || at < urgentUntil ? 'urgent' : 'background';
      return { ...entry, priority };
    });
}

function startOf(slot: Slot): number {
  return slotInterval(slot)?.start ?? 0;
}

/**
 * The reschedule Tasks of the booked slots a change leaves behind: one per single booking (or booked Slot without
 * an Appointment), and one per affected series on this schedule (core/series-tasks.ts), not one per occurrence.
 * A run over part of the calendar (`ranged`) leaves series to the whole schedule's run, whose Task names them all.
 */
function taskEntries(
  schedule: Schedule & { id: string },
  plan: SlotPlan,
  diff: SlotDiff,
  bySlot: ReadonlyMap<string, readonly (Appointment & { id: string })[]>,
  now: number,
  ranged: boolean
): Timed[] {
  const reason: RescheduleReason = plan.mode === 'inactive' ? 'schedule-deactivated' : 'outside-availability';
  const note = schedule.comment ? { note: schedule.comment } : {};
  const series = new Map<string, AffectedOccurrence[]>();
  const singles = diff.conflicts.flatMap((conflict) => {
    const slot = conflict as Slot & { id: string };
    const booked = bySlot.get(slot.id) ?? [];
    const targets: readonly ((Appointment & { id: string }) | undefined)[] = booked.length > 0 ? booked : [undefined];
    return targets.flatMap((appointment): Timed[] => {
      const seriesId = appointment ? seriesOf(appointment)?.seriesId : undefined;
      if (appointment && seriesId) {
        if (!ranged) {
          series.set(seriesId, [...(series.get(seriesId) ?? []), { appointment, slot }]);
        }
        return [];
      }
      const task = rescheduleTask({ reason, slot, ...(appointment ? { appointment } : {}), schedule, ...note, now });
      return [taskEntry(task, startOf(slot))];
    });
  });
  const perSeries = [...series].map(([seriesId, occurrences]) => {
    const task = seriesRescheduleTask({ reason, seriesId, occurrences, scheduleId: schedule.id, ...note, now });
    return taskEntry(task, Math.min(...occurrences.map((o) => startOf(o.slot))));
  });
  return [...singles, ...perSeries];
}

/** A Task created once: If-None-Exist on its key. */
function taskEntry(task: Task, at: number): Timed {
  const ifNoneExist = `identifier=${TASK_KEY_SYSTEM}|${task.identifier?.[0]?.value}`;
  return timed('task', { method: 'POST', url: 'Task', ifNoneExist }, at, task);
}

/** A batch entry, urgent until ordered, costed from the quota table (engine/transport/quota-costs). */
function timed(label: WriteLabel, request: BundleEntryRequest, at: number, resource?: Resource): Timed {
  const cost = requestCost(request.method, request.url, { ifNoneExist: !!request.ifNoneExist, inBatch: true });
  return { label, request, cost, priority: 'urgent', at, ...(resource ? { resource } : {}) };
}

/**
 * A plain create (100 points, not 140): the sync lease makes this run the Schedule's only writer, and every run
 * re-reads the Slots before it plans, so a planned Slot is created once.
 */
function create(slot: Slot, at: number): Timed {
  return timed('create', { method: 'POST', url: 'Slot' }, at, slot);
}

/**
 * Deletes a free Slot only if it is still the version that was read (If-Match): a Slot booked in the meantime has a
 * new version, the delete answers 412, and the Slot stays. (A conditional `DELETE Slot?_id=…&status=free` is not
 * safe inside a batch: Medplum resolves the condition for every entry first and deletes later, unconditionally.)
 */
function cancel(slot: Slot): Timed {
  const version = ifMatchValue(slot);
  const request: BundleEntryRequest = version
    ? { method: 'DELETE', url: `Slot/${slot.id}`, ifMatch: version }
    : { method: 'DELETE', url: `Slot?_id=${slot.id}&status=free` };
  return timed('cancel', request, startOf(slot));
}

function update(label: WriteLabel, slot: Slot): Timed {
  const version = ifMatchValue(slot);
  const request: BundleEntryRequest = {
    method: 'PUT',
    url: `Slot/${slot.id}`,
    ...(version ? { ifMatch: version } : {}),
  };
  return timed(label, request, startOf(slot), slot);
}
