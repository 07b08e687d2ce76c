/** A series' occurrences that were not booked or not moved, in words: when, why, and the nearest free time. */
import type { SeriesMiss } from '../../../api/index';
import { formatDateTime, formatRange } from '../format';

/**
 * One occurrence not booked (or not moved): its (wanted) time in the schedule's zone, the reason, and the nearest
 * free time when there is one. A local time the clocks skip has no instant: its date and time are written as they are.
 *
 * @example
 * describeMiss(miss, 'America/New_York');
 * // 'Tue 18 Mar 2025, 10:00 EDT: Slot/s-9 is booked (Appointment/a-1). Nearest free: Tue 18 Mar 2025, 09:30–10:00 EDT.'
 */
export function describeMiss(miss: SeriesMiss, zone: string): string {
  const when = miss.start
    ? formatDateTime(miss.start, zone)
    : `${miss.local.slice(0, 10)}, ${miss.local.slice(11, 16)}`;
  const nearest = miss.alternative
    ? ` Nearest free: ${formatRange(miss.alternative.start, miss.alternative.end, zone)}.`
    : '';
  return `${when}: ${miss.reason}${nearest}`;
}
