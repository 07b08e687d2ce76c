/**
 * An independent oracle for recurring series: local readings from `Intl.DateTimeFormat` (./oracle.ts) and calendar
 * arithmetic on UTC day numbers (`Date.UTC`), never the Temporal code under test. Days are local day numbers (days
 * since 1970-01-01 local); a local time is minutes after local midnight.
 */
import { wallMinutes, weekdayOf } from './oracle';

export type Day = ReturnType<typeof weekdayOf>;
export const WEEK: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Every instant whose local reading in `zone` is the wall minute `wall`: one, two in a repeated hour, none in a
 * gap. The zone's offsets a day before, at and a day after the naive reading are the only candidates.
 */
export function instantsReading(wall: number, zone: string): number[] {
  const offsets = new Set<number>();
  for (const shift of [-1440, 0, 1440]) {
    const t = (wall + shift) * 60_000;
    offsets.add(wallMinutes(t, zone) - (wall + shift));
  }
  const hits = [...offsets].map((o) => (wall - o) * 60_000).filter((t) => wallMinutes(t, zone) === wall);
  return [...new Set(hits)].sort((a, b) => a - b);
}

/** Monday-based weekday number (0 = Monday) of a day number. */
export function weekdayIndex(day: number): number {
  return WEEK.indexOf(weekdayOf(day));
}

/** Year, month (1..12) and day of month of a day number. */
export function ymd(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** The day number of a calendar date (month may overflow into following years). */
export function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function daysInMonth(y: number, m: number): number {
  return dayOf(y, m + 1, 1) - dayOf(y, m, 1);
}

/** The day of the nth (1..5, or -1 = last) weekday of a month, or undefined. */
export function nthWeekdayDay(y: number, m: number, weekday: Day, nth: number): number | undefined {
  const wanted = WEEK.indexOf(weekday);
  if (nth === -1) {
    const last = dayOf(y, m, daysInMonth(y, m));
    return last - ((weekdayIndex(last) - wanted + 7) % 7);
  }
  const first = dayOf(y, m, 1);
  const day = first + ((wanted - weekdayIndex(first) + 7) % 7) + (nth - 1) * 7;
  return ymd(day).m === ((m - 1) % 12) + 1 ? day : undefined;
}

/** The last day a series may reach: the same date 5 years on (the month's last day when it has no such date). */
export function fiveYearsOn(day: number): number {
  const { y, m, d } = ymd(day);
  return dayOf(y + 5, m, Math.min(d, daysInMonth(y + 5, m)));
}

/** The days a weekly rule names from `first` up to and including `last`. */
export function weeklyDays(first: number, days: readonly Day[], interval: number, last: number): number[] {
  const monday0 = first - weekdayIndex(first);
  const out: number[] = [];
  for (let day = first; day <= last; day++) {
    const week = (day - weekdayIndex(day) - monday0) / 7;
    if (days.includes(weekdayOf(day)) && week % interval === 0) {
      out.push(day);
    }
  }
  return out;
}

/** The days a monthly rule names from `first` up to and including `last`. */
export function monthlyDays(first: number, weekday: Day, nth: number, interval: number, last: number): number[] {
  const { y, m } = ymd(first);
  const out: number[] = [];
  for (let k = 0; dayOf(y, m + k, 1) <= last; k += interval) {
    const month = ymd(dayOf(y, m + k, 1));
    const day = nthWeekdayDay(month.y, month.m, weekday, nth);
    if (day !== undefined && day >= first && day <= last) {
      out.push(day);
    }
  }
  return out;
}

/** `YYYY-MM-DDTHH:MM:00` of a day number and a local time. */
export function localText(day: number, minuteOfDay: number): string {
  const { y, m, d } = ymd(day);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(m)}-${pad(d)}T${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:00`;
}
