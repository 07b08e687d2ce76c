/**
 * Whether a generated Slot is, as it stands, one its Schedule's rules make now. Such a Slot, given back, kept
 * nothing else of its schedule out while it was booked (one grid never overlaps itself) and still fits the hours:
 * freeing it is all there is to do, with no re-plan of the time around it.
 */
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { readScheduleRules, serviceIds, takesZoneFromActors, type Limits } from './availability/index';
import { getSlotKey } from './fhir';
import { slotInterval } from './slot-diff';
import { planSlots } from './slot-plan';
import { days } from './time';

/**
 * True only when the schedule has one grid (no visit types), a zone of its own, and its rules plan a slot with this
 * Slot's key (schedule, start and end) at `now`. Anything else (visit types, a zone taken from the actors, rules
 * changed since, a time not planned yet) answers false: the caller re-plans, as it would without this check.
 *
 * @example
 * if (!isPlannedAsItIs(schedule, freedSlot, Date.now())) await replanAround(...);
 */
export function isPlannedAsItIs(schedule: Schedule, slot: Slot, now: number, limits?: Partial<Limits>): boolean {
  const interval = slotInterval(slot);
  const key = getSlotKey(slot);
  if (!interval || !key || schedule.active === false || serviceIds(schedule).length > 0) {
    return false;
  }
  if (takesZoneFromActors(schedule)) {
    return false;
  }
  const rules = readScheduleRules(schedule, limits ? { limits } : {});
  if (!rules.ok || (rules.value.visitTypes?.length ?? 0) > 0) {
    return false;
  }
  // The slot's own day and one either side (the grid is anchored on each day's hours, not on the horizon).
  const { horizon } = rules.value;
  const around = {
    start: Math.max(horizon.start ?? -Infinity, interval.start - days(1)),
    end: Math.min(horizon.end ?? Infinity, interval.end + days(1)),
  };
  const plan = planSlots({ rules: { ...rules.value, horizon: around }, now, ...(limits ? { limits } : {}) });
  return plan.ok && plan.value.slots.some((planned) => planned.key === key);
}
