/**
 * Whether a week shows its weekend: only when the schedule opens on Saturday or Sunday, or a slot falls on one of
 * them in the week shown; a weekday clinic's week is Monday to Friday.
 *
 * @example
 * weekDays(daysOf('week', '2026-11-26'), { windows: mondayToFriday, slots: [], zone }); // Mon 23 … Fri 27 Nov
 */
import { Temporal } from 'temporal-polyfill';
import type { WeeklyWindow } from '../../../core/availability/index';
import { windowsOnDay } from './hours';
import { placeOnDay } from './layout';

/**
 * Saturday or Sunday.
 *
 * @example
 * isWeekend('2026-11-28'); // true (a Saturday)
 */
export function isWeekend(date: string): boolean {
  return Temporal.PlainDate.from(date).dayOfWeek >= 6;
}

export interface WeekContent {
  /** The schedule's weekly opening hours (none for a manual schedule). */
  readonly windows: readonly WeeklyWindow[];
  /** The slots of the week, as instants (any object with `start` and `end` ISO strings). */
  readonly slots: readonly { readonly start: string; readonly end: string }[];
  readonly zone: string;
}

/**
 * Whether anything happens on the weekend days among `days`: opening hours (also a Friday window that runs past
 * midnight) or a slot touching one of them.
 *
 * @example
 * weekendInUse(['2026-11-28', '2026-11-29'], { windows: [], slots: [], zone: 'UTC' }); // false
 */
export function weekendInUse(days: readonly string[], content: WeekContent): boolean {
  return days.filter(isWeekend).some((day) => {
    if (windowsOnDay(content.windows, day).length > 0) {
      return true;
    }
    return content.slots.some(
      (slot) => placeOnDay(Date.parse(slot.start), Date.parse(slot.end), day, content.zone) !== undefined
    );
  });
}

/**
 * The days of a Monday-to-Sunday week to show: all seven when the weekend is in use, else Monday to Friday.
 *
 * @example
 * weekDays(['2026-11-23', …, '2026-11-29'], { windows: [], slots: [], zone: 'UTC' }); // ['2026-11-23', …, '2026-11-27']
 */
export function weekDays(days: readonly string[], content: WeekContent): string[] {
  return weekendInUse(days, content) ? [...days] : days.filter((day) => !isWeekend(day));
}
