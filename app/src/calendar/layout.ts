/**
 * The calendar's geometry, as pure functions of instants and a zone: which local days a view shows, the instants
 * that cover them, where an interval sits on a day's time grid (minutes after local midnight), and side-by-side lanes
 * for overlapping slots. The hours the grid shows are fitted in ./hours.
 *
 * @example
 * daysOf('week', '2026-11-26'); // ['2026-11-23', …, '2026-11-29'] (Monday to Sunday)
 * daysOf('workweek', '2026-11-26'); // ['2026-11-23', …, '2026-11-27'] (Monday to Friday)
 * placeOnDay(Date.parse('2026-11-24T14:00:00Z'), Date.parse('2026-11-24T14:30:00Z'), '2026-11-24', 'America/New_York');
 * // { start: 540, end: 570 } (09:00–09:30 local)
 */
import { Temporal } from 'temporal-polyfill';

/** A week (Monday to Sunday, the weekend left out when nothing happens on it), a work week (Mon–Fri), or a day. */
export type CalendarView = 'week' | 'workweek' | 'day';

/** Today's date in the zone: 'YYYY-MM-DD'. */
export function todayIn(zone: string, now: number = Date.now()): string {
  return Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/**
 * The local dates a view shows around `anchor`: its Monday-to-Sunday week, its Monday-to-Friday work week, or the day
 * itself.
 *
 * @example
 * daysOf('day', '2026-11-26'); // ['2026-11-26']
 */
export function daysOf(view: CalendarView, anchor: string): string[] {
  const date = Temporal.PlainDate.from(anchor);
  if (view === 'day') {
    return [date.toString()];
  }
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  return Array.from({ length: view === 'week' ? 7 : 5 }, (_, i) => monday.add({ days: i }).toString());
}

/** The anchor moved by one view: a week (also for a work week) or a day. */
export function shiftAnchor(view: CalendarView, anchor: string, steps: number): string {
  return Temporal.PlainDate.from(anchor)
    .add(view === 'day' ? { days: steps } : { weeks: steps })
    .toString();
}

/** Local midnight of a date in a zone, as epoch ms (the first instant after a gap at midnight). */
export function startOfDay(date: string, zone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

/** The instants covering the given local days: [first day's midnight, the midnight after the last day). */
export function rangeOf(days: readonly string[], zone: string): { from: number; to: number } {
  const last = Temporal.PlainDate.from(days[days.length - 1] ?? days[0] ?? '1970-01-01').add({ days: 1 });
  return { from: startOfDay(days[0] ?? '1970-01-01', zone), to: startOfDay(last.toString(), zone) };
}

/**
 * Where `[start, end)` sits on a local day's grid, as minutes after local midnight clipped to the day (0–1440); on a
 * DST day the grid keeps wall-clock minutes. `undefined` when it does not touch the day.
 */
export function placeOnDay(
  start: number,
  end: number,
  date: string,
  zone: string
): { start: number; end: number } | undefined {
  const dayStart = startOfDay(date, zone);
  const dayEnd = startOfDay(Temporal.PlainDate.from(date).add({ days: 1 }).toString(), zone);
  if (end <= dayStart || start >= dayEnd) {
    return undefined;
  }
  const minuteOf = (ms: number): number => {
    if (ms <= dayStart) return 0;
    if (ms >= dayEnd) return 1440;
    const t = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
    return t.hour * 60 + t.minute;
  };
  return { start: minuteOf(start), end: Math.max(minuteOf(end), minuteOf(start) + 1) };
}

/** The local date an instant falls on. */
export function dateOf(ms: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/**
 * Side-by-side lanes for intervals that overlap on a day (a schedule's visit types offer the same time): each gets
 * the first lane free at its start, and `of`, the lanes its group of overlapping intervals needs.
 *
 * @example
 * lanes([{ start: 540, end: 570 }, { start: 540, end: 555 }, { start: 600, end: 630 }]);
 * // [{ lane: 0, of: 2 }, { lane: 1, of: 2 }, { lane: 0, of: 1 }]
 */
export function lanes(placed: readonly { start: number; end: number }[]): { lane: number; of: number }[] {
  const order = placed.map((p, i) => ({ ...p, i })).sort((a, b) => a.start - b.start || b.end - a.end);
  const result: { lane: number; of: number }[] = placed.map(() => ({ lane: 0, of: 1 }));
  let group: number[] = [];
  let groupEnd = -Infinity;
  let laneEnds: number[] = [];
  const close = (): void => {
    group.forEach((i) => ((result[i] as { of: number }).of = laneEnds.length));
  };
  for (const p of order) {
    if (p.start >= groupEnd) {
      close();
      group = [];
      laneEnds = [];
    }
    let lane = laneEnds.findIndex((end) => end <= p.start);
    if (lane < 0) {
      lane = laneEnds.length;
    }
    laneEnds[lane] = p.end;
    result[p.i] = { lane, of: 1 };
    group.push(p.i);
    groupEnd = Math.max(groupEnd, p.end);
  }
  close();
  return result;
}
