/**
 * Availability in words, for people: "Mon–Fri 09:00–17:00 America/New_York, 30-min slots".
 */
import type { Availability, WeeklyWindow } from './availability/index';
import { Temporal } from 'temporal-polyfill';
import { formatInstant, parseInstant } from './time';

const ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const NAMES: Record<(typeof ORDER)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/**
 * Days as ranges: ['mon','tue','wed','fri'] → 'Mon–Wed, Fri'.
 *
 * @example
 * describeDays(['mon', 'tue', 'wed', 'thu', 'fri']); // 'Mon–Fri'
 */
export function describeDays(days: readonly string[]): string {
  const indexes = ORDER.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  const parts: string[] = [];
  for (let i = 0; i < indexes.length; i++) {
    const first = indexes[i] as number;
    let last = first;
    while (indexes[i + 1] === last + 1) {
      last = indexes[++i] as number;
    }
    const a = NAMES[ORDER[first] as (typeof ORDER)[number]];
    const b = NAMES[ORDER[last] as (typeof ORDER)[number]];
    parts.push(first === last ? a : last === first + 1 ? `${a}, ${b}` : `${a}–${b}`);
  }
  return parts.join(', ');
}

function hhmm(minute: number): string {
  const m = minute % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Writes a minute of the day (0–1439) as a clock does: '09:00' by default; the app passes the browser's clock. */
export type Clock = (minuteOfDay: number) => string;

/** One window in words: 'Mon–Fri 09:00–17:00', 'Sat all day', 'Fri 22:00–02:00 (next day)'. */
export function describeWindow(window: WeeklyWindow, clock: Clock = hhmm): string {
  const days = describeDays(window.days);
  if (window.startMinute === 0 && window.endMinute === 1440) {
    return `${days} all day`;
  }
  const overnight = window.endMinute > 1440 ? ' (next day)' : '';
  return `${days} ${clock(window.startMinute % 1440)}–${clock(window.endMinute % 1440)}${overnight}`;
}

/**
 * The whole availability in one line.
 *
 * @example
 * describeAvailability(availability);
 * // 'Mon–Fri 09:00–12:00; Mon–Thu 13:00–17:00 America/New_York, 30-min slots, 5 min after; 1 closed period'
 */
export function describeAvailability(availability: Availability, clock: Clock = hhmm): string {
  const windows = availability.windows.map((w) => describeWindow(w, clock)).join('; ');
  const buffers = [
    availability.bufferBeforeMinutes ? `${availability.bufferBeforeMinutes} min before` : '',
    availability.bufferAfterMinutes ? `${availability.bufferAfterMinutes} min after` : '',
  ].filter(Boolean);
  const alignment =
    availability.alignmentIntervalMinutes !== undefined
      ? `starting every ${availability.alignmentIntervalMinutes} min` +
        (availability.alignmentOffsetMinutes ? ` (+${availability.alignmentOffsetMinutes})` : '')
      : '';
  const closed = availability.closed.length
    ? `${availability.closed.length} closed period${availability.closed.length === 1 ? '' : 's'}`
    : '';
  return [
    `${windows} ${availability.timeZone}`,
    `${availability.durationMinutes}-min slots`,
    ...buffers,
    alignment,
    closed,
  ]
    .filter(Boolean)
    .join(', ');
}

/** A closed period in words, in the schedule's zone. */
export function describeClosed(period: { description?: string; start: number; end: number }, zone: string): string {
  return `${period.description ?? 'Closed'}: ${formatInstant(period.start, zone)} → ${formatInstant(period.end, zone)}`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An instant in words, at the offset it was written with (a Slot's start keeps its schedule's offset):
 * 'Wed 2 Dec 2026, 11:30 (UTC−05:00)'. Undefined for text that is not an instant with an offset.
 *
 * @example
 * describeInstant('2026-12-02T11:30:00-05:00'); // 'Wed 2 Dec 2026, 11:30 (UTC−05:00)'
 */
export function describeInstant(instant: string): string | undefined {
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(instant)?.[1];
  const ms = parseInstant(instant);
  if (!offset || ms === undefined) {
    return undefined;
  }
  const zone = offset === 'Z' ? '+00:00' : offset;
  const local = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  const hm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  const utc = `UTC${zone.replace('-', '\u2212')}`;
  return `${WEEKDAYS[local.dayOfWeek - 1]} ${local.day} ${MONTHS[local.month - 1]} ${local.year}, ${hm} (${utc})`;
}
