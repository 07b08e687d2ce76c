/**
 * The slot diff: what must change so that the Slots a Schedule has match its plan.
 *
 * Safety rules, whatever the plan says:
 * - a booked Slot (busy, busy-tentative) is never cancelled or changed;
 * - a Slot not made by the generator is never cancelled; deactivation only withdraws a free one
 *   (free → busy-unavailable, marked), and reactivation restores exactly the ones it withdrew;
 * - a Slot that started before `now` is history and is left alone.
 */
import type { Slot } from '@medplum/fhirtypes';
import { getSlotKey, isBookedSlot, isGeneratedSlot, isWithdrawnSlot } from './fhir';
import { coveredBy } from './intervals';
import type { PlannedSlot, SlotPlan } from './slot-plan';
import { parseInstant, type Interval } from './time';

/** What to do. Each existing Slot appears in at most one list. */
export interface SlotDiff {
  /** Planned slots that do not exist yet. */
  readonly create: readonly PlannedSlot[];
  /** Free generated Slots that no longer belong (to delete, conditionally on still being free). */
  readonly cancel: readonly Slot[];
  /** Existing Slots that match the plan, or booked generated Slots, left as they are. */
  readonly keep: readonly Slot[];
  /** Booked Slots outside the current availability (or on a deactivated schedule): kept, and reported. */
  readonly conflicts: readonly Slot[];
  /** Free hand-made Slots a deactivation takes off the market. */
  readonly withdraw: readonly Slot[];
  /** Hand-made Slots a deactivation withdrew, to make free again now that the schedule is active. */
  readonly restore: readonly Slot[];
}

/** A Slot's instants, or undefined when its times are unreadable. */
export function slotInterval(slot: Slot): Interval | undefined {
  const start = parseInstant(slot.start);
  const end = parseInstant(slot.end);
  return start !== undefined && end !== undefined ? { start, end } : undefined;
}

/**
 * Time the generator must keep clear of: every Slot it did not make (whatever its status, except
 * entered-in-error) and every booked Slot it made.
 *
 * @example
 * planSlots({ rules, now, blocks: blockingIntervals(existingSlots) });
 */
export function blockingIntervals(existing: readonly Slot[]): Interval[] {
  const result: Interval[] = [];
  for (const slot of existing) {
    if (slot.status === 'entered-in-error' || (isGeneratedSlot(slot) && !isBookedSlot(slot))) {
      continue;
    }
    const interval = slotInterval(slot);
    if (interval) {
      result.push(interval);
    }
  }
  return result;
}

/**
 * Compares the plan with the Slots that exist for the Schedule (from `plan.now` on) and says what to change.
 * Diffing a plan against itself changes nothing.
 *
 * @example
 * const diff = diffSlots(plan, existing);
 * // diff.create → conditional creates; diff.cancel → conditional deletes; diff.conflicts → reschedule tasks
 */
export function diffSlots(plan: SlotPlan, existing: readonly Slot[]): SlotDiff {
  const desired = new Map(plan.slots.map((slot) => [slot.key, slot]));
  const claimed = new Set<string>();
  const cancel: Slot[] = [];
  const keep: Slot[] = [];
  const conflicts: Slot[] = [];
  const withdraw: Slot[] = [];
  const restore: Slot[] = [];

  const current = existing.filter((slot) => {
    const interval = slotInterval(slot);
    return slot.status !== 'entered-in-error' && interval !== undefined && interval.start >= plan.now;
  });
  // Booked slots first, so that they claim their keys before any free duplicate does.
  const ordered = [...current.filter(isBookedSlot), ...current.filter((slot) => !isBookedSlot(slot))];

  for (const slot of ordered) {
    const key = getSlotKey(slot);
    if (isBookedSlot(slot)) {
      if (key !== undefined) {
        claimed.add(key);
      }
      if (isBookingOutsidePlan(plan, slot)) {
        conflicts.push(slot);
      } else if (isGeneratedSlot(slot)) {
        keep.push(slot);
      }
    } else if (isGeneratedSlot(slot)) {
      if (slot.status !== 'free') {
        continue; // a generated slot someone blocked by hand: not ours to undo
      }
      if (key !== undefined && desired.has(key) && !claimed.has(key)) {
        claimed.add(key);
        keep.push(slot);
      } else {
        cancel.push(slot);
      }
    } else if (plan.mode === 'inactive') {
      if (slot.status === 'free') {
        withdraw.push(slot);
      }
    } else if (isWithdrawnSlot(slot) && slot.status === 'busy-unavailable') {
      restore.push(slot);
    }
  }

  const create = plan.slots.filter((slot) => !claimed.has(slot.key));
  return { create, cancel, keep, conflicts, withdraw, restore };
}

/**
 * Whether a booked Slot no longer fits the Schedule: the schedule is inactive, or (with availability rules) the slot
 * is outside the horizon or the open hours. Slots beyond the materialized window are judged later. A manual
 * schedule's slots are their own availability.
 *
 * @example
 * isBookingOutsidePlan(plan, bookedSlot); // true → keep the slot, create a reschedule Task
 */
export function isBookingOutsidePlan(plan: SlotPlan, slot: Slot): boolean {
  if (plan.mode === 'inactive') {
    return true;
  }
  if (plan.mode === 'manual') {
    return false;
  }
  const interval = slotInterval(slot);
  if (!interval) {
    return false;
  }
  const outsideHorizon =
    interval.start < plan.window.start || (plan.horizonEnd !== undefined && interval.end > plan.horizonEnd);
  if (outsideHorizon) {
    return true;
  }
  if (interval.start >= plan.window.end) {
    return false; // not materialized yet: judged when the rolling window reaches it
  }
  return !coveredBy(interval, plan.open);
}
