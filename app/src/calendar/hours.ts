/**
 * The hours the calendar grid shows: fitted to the schedule's hours and slots on the shown days (rounded out to whole
 * hours), widened for anything that falls outside them, so that the fitting never hides a slot, a booking or a closed
 * period; or the whole day when asked for.
 *
 * @example
 * fitHours([{ start: 540, end: 720 }]); // { first: 9, last: 12 } (a 09:00–12:00 morning)
 * fitHours([{ start: 540, end: 720 }], [{ start: 1320, end: 1380 }]); // { first: 9, last: 23 } (a band at 22:00)
 */
import { Temporal } from 'temporal-polyfill';
import { DAYS_OF_WEEK, type WeeklyWindow } from '../../../core/availability/index';

/** Minutes after local midnight on a day's grid, 0–1440. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Whole hours of the day: the grid's first row starts at `first`:00, its last ends at `last`:00. */
export interface HourRange {
  readonly first: number;
  readonly last: number;
}

/** What the grid shows when nothing on the shown days says otherwise. */
export const DEFAULT_HOURS: HourRange = { first: 8, last: 18 };
/** Midnight to midnight. */
export const WHOLE_DAY: HourRange = { first: 0, last: 24 };

/**
 * The hours that hold every span whole (slots and opening hours placed on the shown days), rounded out to whole
 * hours, and that touch every closed band (a band lying wholly outside them is taken in whole; one that overlaps
 * them shows, clipped). 08:00–18:00 when there is no span.
 *
 * @example
 * fitHours([]); // { first: 8, last: 18 }
 * fitHours([{ start: 555, end: 600 }, { start: 780, end: 1020 }]); // { first: 9, last: 17 }
 */
export function fitHours(spans: readonly Span[], closed: readonly Span[] = []): HourRange {
  let first = spans.length > 0 ? 24 : DEFAULT_HOURS.first;
  let last = spans.length > 0 ? 0 : DEFAULT_HOURS.last;
  for (const span of spans) {
    first = Math.min(first, Math.floor(span.start / 60));
    last = Math.max(last, Math.ceil(span.end / 60));
  }
  for (const band of closed) {
    if (band.end <= first * 60) {
      first = Math.floor(band.start / 60);
    } else if (band.start >= last * 60) {
      last = Math.ceil(band.end / 60);
    }
  }
  first = Math.max(0, Math.min(first, 23));
  return { first, last: Math.min(24, Math.max(last, first + 1)) };
}

/**
 * Where a schedule's weekly opening hours fall on a local date: each window on the date's weekday, and the part after
 * midnight of a window that runs past midnight from the day before.
 *
 * @example
 * windowsOnDay([{ days: ['fri'], startMinute: 1320, endMinute: 1560 }], '2026-11-28'); // [{ start: 0, end: 120 }] (Sat)
 */
export function windowsOnDay(windows: readonly WeeklyWindow[], date: string): Span[] {
  const weekday = Temporal.PlainDate.from(date).dayOfWeek;
  const today = DAYS_OF_WEEK[weekday - 1];
  const yesterday = DAYS_OF_WEEK[(weekday + 5) % 7];
  return windows.flatMap((w) => {
    const spans: Span[] = [];
    if (today && w.days.includes(today)) {
      spans.push({ start: w.startMinute, end: Math.min(w.endMinute, 1440) });
    }
    if (yesterday && w.days.includes(yesterday) && w.endMinute > 1440) {
      spans.push({ start: 0, end: w.endMinute - 1440 });
    }
    return spans;
  });
}
