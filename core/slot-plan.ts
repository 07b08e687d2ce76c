/**
 * The slot plan: which bookable slots a Schedule's availability gives inside a window of time.
 *
 * Wall-clock rules, real instants:
 * - Weekly windows are local times in the schedule's zone. A window boundary in a repeated (fall-back) hour means
 *   its first occurrence; a boundary in a skipped (spring-forward) gap means the transition instant.
 * - Slot starts sit on a local-time grid (the window start stepped by buffer + duration + buffer, or the alignment
 *   grid) that never drifts across DST. A grid time in a DST gap gives no slot. A grid time in a repeated hour gives
 *   a slot at each of its two instants, each once, when both fit. A slot lasts exactly `duration` in real time.
 * - A slot, with its buffers, lies wholly inside one window occurrence (never across two adjacent windows), and
 *   never overlaps another slot's buffers, a closed period (`notAvailableTime`) or a block (an existing slot not
 *   made by the generator, or a booked one).
 */
import { Temporal } from 'temporal-polyfill';
import {
  DEFAULT_LIMITS,
  type Availability,
  type Limits,
  type ScheduleRules,
  type VisitType,
} from './availability/index';
import { fail, issue, ok, slotKey, type Result } from './fhir';
import { coveredBy, intersectsAny, mergeIntervals, subtractIntervals } from './intervals';
import { boundaryInstant, days, instantsAt, localDateOf, minutes, type Interval } from './time';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One desired slot. */
export interface PlannedSlot extends Interval {
  /** Deterministic key: schedule id + start + end instants (+ the visit type's service). */
  readonly key: string;
  /** The visit type this slot offers; absent for the schedule-wide hours. */
  readonly visit?: Pick<VisitType, 'service' | 'name' | 'serviceType'>;
}

/** The outcome of planning. */
export interface SlotPlan {
  readonly scheduleId: string;
  /**
   * `generate`: active with availability rules; `manual`: active without rules (slots are made by hand);
   * `inactive`: deactivated (nothing free stays on the market).
   */
  readonly mode: 'generate' | 'manual' | 'inactive';
  /** The instant the plan was made for; slots starting before it are history and never touched. */
  readonly now: number;
  /** The schedule's zone; `UTC` for a schedule without availability. */
  readonly timeZone: string;
  /** The materialized window: `planningHorizon ∩ [now, now + materializeDays)`. Empty when start ≥ end. */
  readonly window: Interval;
  /** The planning horizon's end, when it has one. */
  readonly horizonEnd?: number;
  /** Desired slots, sorted by start. */
  readonly slots: readonly PlannedSlot[];
  /** Open time (weekly windows minus closed periods) over the window and a day either side, sorted and merged. */
  readonly open: readonly Interval[];
  /** Whether the window reaches the horizon's end (false: later runs materialize the rest). */
  readonly complete: boolean;
}

/** Inputs to {@link planSlots}. */
export interface PlanInput {
  readonly rules: ScheduleRules;
  /** The current instant (epoch ms); nothing before it is planned. */
  readonly now: number;
  /** Time taken by slots the generator must not overlap: booked slots, hand-made slots. */
  readonly blocks?: readonly Interval[];
  readonly limits?: Partial<Limits>;
}

/**
 * Plans the desired slots of a Schedule inside `planningHorizon ∩ [now, now + materializeDays)`.
 * An inactive or manual schedule (no availability rules) plans no slot.
 *
 * @example
 * const rules = readScheduleRules(schedule);
 * if (rules.ok) {
 *   const plan = planSlots({ rules: rules.value, now: Date.parse('2025-03-01T00:00:00Z') });
 *   if (plan.ok) console.log(plan.value.slots.length);
 * }
 */
export function planSlots(input: PlanInput): Result<SlotPlan> {
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const { rules, now } = input;
  const cap = now + days(limits.materializeDays);
  const start = Math.max(now, rules.horizon.start ?? now);
  const end = Math.min(rules.horizon.end ?? cap, cap);
  const window = { start, end: Math.max(start, end) };
  const complete = rules.horizon.end !== undefined && rules.horizon.end <= cap;
  const grids = gridsOf(rules);
  const timeZone = grids[0]?.availability.timeZone ?? 'UTC';
  const mode = !rules.active ? 'inactive' : grids.length > 0 ? 'generate' : 'manual';
  const base = {
    scheduleId: rules.scheduleId,
    mode,
    now,
    window,
    timeZone,
    ...(rules.horizon.end !== undefined ? { horizonEnd: rules.horizon.end } : {}),
    complete,
  } as const;
  if (mode !== 'generate') {
    return ok({ ...base, slots: [], open: [] });
  }
  const around = { start: window.start - days(1), end: window.end + days(1) };
  const open = mergeIntervals(grids.flatMap(({ availability }) => openIntervals(availability, around)));
  if (window.end <= window.start) {
    return ok({ ...base, slots: [], open });
  }
  const blocks = mergeIntervals(input.blocks ?? []);
  const slots: PlannedSlot[] = [];
  for (const grid of grids) {
    const own = openIntervals(grid.availability, around);
    const fitted = fitSlots(rules.scheduleId, grid, window, own, blocks, limits.maxSlots - slots.length);
    if (fitted === undefined) {
      return fail([
        issue(
          'error',
          'too-costly',
          'Schedule.planningHorizon',
          `These rules would make more than ${limits.maxSlots} slots in one plan. Shorten the planning horizon or lengthen the slots.`
        ),
      ]);
    }
    slots.push(...fitted);
  }
  slots.sort((a, b) => a.start - b.start || a.end - b.end || a.key.localeCompare(b.key));
  return ok({ ...base, slots, open });
}

/** One grid of slots: the schedule-wide hours, or a visit type's. */
interface Grid {
  readonly availability: Availability;
  readonly visit?: PlannedSlot['visit'];
}

/**
 * One grid per visit type; without visit types, the schedule-wide one. With visit types the schedule-wide entry only
 * lends them its hours, zone and closed periods: every slot is then some visit type's (Medplum's `$find` reads the
 * service-scoped entries only, too).
 */
function gridsOf(rules: ScheduleRules): Grid[] {
  const visits = (rules.visitTypes ?? []).map(({ availability, service, name, serviceType }) => ({
    availability,
    visit: { service, name, serviceType },
  }));
  if (visits.length > 0) {
    return visits;
  }
  return rules.availability ? [{ availability: rules.availability }] : [];
}

/**
 * Open time: every weekly window occurrence touching `range`, as instants, minus closed periods.
 *
 * @example
 * openIntervals(availability, { start: Date.parse('2025-03-03T00:00:00Z'), end: Date.parse('2025-03-04T00:00:00Z') });
 */
export function openIntervals(availability: Availability, range: Interval): Interval[] {
  const occurrences = windowOccurrences(availability, range).map((o) => o.interval);
  return subtractIntervals(
    occurrences,
    availability.closed.map(({ start, end }) => ({ start, end }))
  );
}

/** One occurrence of a weekly window on a local date. */
interface Occurrence {
  readonly date: Temporal.PlainDate;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly interval: Interval;
}

function windowOccurrences(availability: Availability, range: Interval): Occurrence[] {
  const zone = availability.timeZone;
  const first = localDateOf(range.start, zone).subtract({ days: 1 });
  const last = localDateOf(range.end, zone);
  const result: Occurrence[] = [];
  for (let date = first; Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    const weekday = WEEKDAYS[date.dayOfWeek - 1];
    const midnight = date.toPlainDateTime();
    for (const window of availability.windows) {
      if (weekday === undefined || !window.days.includes(weekday)) {
        continue;
      }
      const start = boundaryInstant(midnight.add({ minutes: window.startMinute }), zone);
      const end = boundaryInstant(midnight.add({ minutes: window.endMinute }), zone);
      if (end > start && end > range.start && start < range.end) {
        result.push({ date, startMinute: window.startMinute, endMinute: window.endMinute, interval: { start, end } });
      }
    }
  }
  return result;
}

/** Grid minutes (after local midnight of the occurrence's date) at which a slot may start. */
function gridMinutes(availability: Availability, occurrence: Occurrence): number[] {
  const { durationMinutes, bufferBeforeMinutes, bufferAfterMinutes } = availability;
  const firstStart = occurrence.startMinute + bufferBeforeMinutes;
  const lastStart = occurrence.endMinute; // the instant check decides what really fits
  const result: number[] = [];
  const interval = availability.alignmentIntervalMinutes;
  if (interval === undefined) {
    const stride = bufferBeforeMinutes + durationMinutes + bufferAfterMinutes;
    for (let m = firstStart; m < lastStart; m += stride) {
      result.push(m);
    }
    return result;
  }
  const offset = availability.alignmentOffsetMinutes;
  const k = Math.ceil((firstStart - offset) / interval);
  for (let m = offset + k * interval; m < lastStart; m += interval) {
    result.push(m);
  }
  return result;
}

function fitSlots(
  scheduleId: string,
  grid: Grid,
  window: Interval,
  open: readonly Interval[],
  blocks: readonly Interval[],
  maxSlots: number
): PlannedSlot[] | undefined {
  const { availability, visit } = grid;
  const zone = availability.timeZone;
  const duration = minutes(availability.durationMinutes);
  const before = minutes(availability.bufferBeforeMinutes);
  const after = minutes(availability.bufferAfterMinutes);

  // Each candidate keeps the window occurrence it came from: a slot fits inside one window, never across two.
  const candidates: { start: number; within: Interval }[] = [];
  for (const occurrence of windowOccurrences(availability, window)) {
    const midnight = occurrence.date.toPlainDateTime();
    for (const m of gridMinutes(availability, occurrence)) {
      for (const start of instantsAt(midnight.add({ minutes: m }), zone)) {
        if (start >= window.start && start + duration <= window.end) {
          candidates.push({ start, within: occurrence.interval });
        }
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start);

  const slots: PlannedSlot[] = [];
  let busyUntil = -Infinity; // end of the previous slot's after-buffer
  for (const { start, within } of candidates) {
    const occupied = { start: start - before, end: start + duration + after };
    if (
      occupied.start < busyUntil ||
      occupied.start < within.start ||
      occupied.end > within.end ||
      !coveredBy(occupied, open) ||
      intersectsAny(occupied, blocks)
    ) {
      continue;
    }
    if (slots.length >= maxSlots) {
      return undefined;
    }
    const key = slotKey(scheduleId, start, start + duration, visit?.service);
    slots.push({ key, start, end: start + duration, ...(visit ? { visit } : {}) });
    busyUntil = occupied.end;
  }
  return slots;
}
