/**
 * Moving a series "this and all following": the chosen occurrence moves from its local date and time to the new
 * slot's, and every later occurrence moves by the same **local wall-clock shift**, computed from its own local date
 * and time (Mon 09:00 → Tue 10:30 means each later Monday 09:00 moves to the Tuesday 10:30 of its own week), never by
 * a fixed number of hours: across a DST change the instants move by the offset change, the local time does not.
 * Pure: Temporal decides every offset; nothing here reads the clock.
 *
 * - The old times are read in the series' zone (the chosen occurrence's schedule's), the targets are local times
 *   in the new slot's schedule's zone. When both are the same zone, as usual, this is simply "the same shift in the
 *   new slot's zone".
 * - **A DST gap**: a target whose local time does not exist that day gets no instant (`start` undefined): the slot
 *   planner makes no slot there, so it is reported (`dst-gap`), never shifted to another time.
 * - **A repeated hour**: the first of the two instants, as core/recurrence.ts does.
 */
import { Temporal } from 'temporal-polyfill';
import type { Occurrence } from './recurrence';
import { instantsAt } from './time';

/** A move of one occurrence as local wall-clock times: from (in `fromZone`) to (in `toZone`). */
export interface WallClockShift {
  /** The chosen occurrence's old local date and time in `fromZone`, `YYYY-MM-DDTHH:MM:SS`. */
  readonly from: string;
  readonly fromZone: string;
  /** The new slot's local date and time in `toZone`. */
  readonly to: string;
  readonly toZone: string;
}

/**
 * The shift that moves the occurrence starting at `oldStart` (read in `fromZone`) to `newStart` (read in `toZone`).
 *
 * @example
 * wallClockShift(Date.parse('2025-03-03T09:00:00-05:00'), 'America/New_York', Date.parse('2025-03-04T10:30:00-05:00'), 'America/New_York');
 * // { from: '2025-03-03T09:00:00', fromZone: 'America/New_York', to: '2025-03-04T10:30:00', toZone: 'America/New_York' }
 */
export function wallClockShift(oldStart: number, fromZone: string, newStart: number, toZone: string): WallClockShift {
  return {
    from: localOf(oldStart, fromZone).toString(),
    fromZone,
    to: localOf(newStart, toZone).toString(),
    toZone,
  };
}

/**
 * Where an occurrence starting at `start` goes under the shift: its local date and time in the new zone, and the
 * instant (undefined when that local time falls in a DST gap).
 *
 * @example
 * // Mon 9 Mar 09:00 New York (after the change to summer time), shifted Mon 09:00 → Tue 10:30:
 * shiftedOccurrence(shift, 2, Date.parse('2025-03-10T09:00:00-04:00'));
 * // { index: 2, local: '2025-03-11T10:30:00', start: Date.parse('2025-03-11T10:30:00-04:00') }
 */
export function shiftedOccurrence(shift: WallClockShift, index: number, start: number): Occurrence {
  const own = localOf(start, shift.fromZone);
  const apart = own.since(Temporal.PlainDateTime.from(shift.from), { largestUnit: 'days' });
  const target = Temporal.PlainDateTime.from(shift.to).add(apart);
  const instant = instantsAt(target, shift.toZone)[0];
  return { index, local: target.toString(), ...(instant !== undefined ? { start: instant } : {}) };
}

function localOf(epochMs: number, zone: string): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDateTime();
}
