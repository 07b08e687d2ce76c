/**
 * Wall-clock ↔ instant conversions for the scheduling core, on the Temporal API.
 *
 * Every local time is read in an IANA time zone. Nothing here reads the clock or the environment,
 * and nothing does offset arithmetic by hand: Temporal's zone rules decide every offset.
 */
import { Temporal } from 'temporal-polyfill';

/** A half-open interval of instants, in epoch milliseconds: `[start, end)`. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Whether an IANA zone name is known to the platform's time zone database.
 *
 * @example
 * isValidTimeZone('Australia/Lord_Howe'); // true
 * isValidTimeZone('Mars/Olympus_Mons'); // false
 */
export function isValidTimeZone(zone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return zone.trim() === zone && zone.length > 0;
  } catch {
    return false;
  }
}

/**
 * Parses an ISO date-time with an offset (or `Z`) into epoch milliseconds, or `undefined` when the text
 * is not one. A date-time without an offset is refused: it names no instant.
 *
 * @example
 * parseInstant('2025-03-09T09:00:00-04:00'); // 1741525200000
 * parseInstant('2025-03-09T09:00:00'); // undefined
 */
export function parseInstant(text: string | undefined): number | undefined {
  if (!text || !/(Z|[+-]\d\d:\d\d)$/i.test(text)) {
    return undefined;
  }
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return undefined;
  }
}

/**
 * Formats an instant as an ISO date-time carrying the zone's offset at that instant, to the second.
 *
 * @example
 * formatInstant(Date.UTC(2025, 2, 9, 13), 'America/New_York'); // '2025-03-09T09:00:00-04:00'
 */
export function formatInstant(epochMs: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(zone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/**
 * Formats an instant in UTC (`Z`), to the second: the stable spelling used in slot keys.
 *
 * @example
 * formatUtc(Date.UTC(2025, 2, 9, 13)); // '2025-03-09T13:00:00Z'
 */
export function formatUtc(epochMs: number): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toString({ smallestUnit: 'second' });
}

/** The local calendar date an instant falls on in a zone. */
export function localDateOf(epochMs: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDate();
}

/**
 * Every instant at which a zone's clocks read a local date-time: one on an ordinary day, two in a repeated
 * (fall-back) hour, none in a skipped (spring-forward) gap. Sorted, earliest first.
 *
 * @example
 * // 01:30 on 2 Nov 2025 in New York happens twice: EDT then EST.
 * instantsAt(Temporal.PlainDateTime.from('2025-11-02T01:30'), 'America/New_York');
 * // [Date.parse('2025-11-02T01:30:00-04:00'), Date.parse('2025-11-02T01:30:00-05:00')]
 */
export function instantsAt(local: Temporal.PlainDateTime, zone: string): number[] {
  const earlier = local.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (!earlier.toPlainDateTime().equals(local)) {
    return []; // in a gap: the clocks never read this time
  }
  const later = local.toZonedDateTime(zone, { disambiguation: 'later' });
  return earlier.epochMilliseconds === later.epochMilliseconds
    ? [earlier.epochMilliseconds]
    : [earlier.epochMilliseconds, later.epochMilliseconds];
}

/**
 * The instant a window boundary at a local date-time means: its first occurrence when the hour repeats,
 * and, when the time falls in a spring-forward gap, the transition itself (the first instant after the gap,
 * since every local time before the boundary that exists ends there).
 *
 * @example
 * // 02:30 on 9 Mar 2025 does not exist in New York; the boundary is the 03:00 EDT transition.
 * boundaryInstant(Temporal.PlainDateTime.from('2025-03-09T02:30'), 'America/New_York');
 * // Date.parse('2025-03-09T03:00:00-04:00')
 */
export function boundaryInstant(local: Temporal.PlainDateTime, zone: string): number {
  const earlier = local.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (earlier.toPlainDateTime().equals(local)) {
    return earlier.epochMilliseconds;
  }
  const transition = earlier.getTimeZoneTransition('next');
  // A gap always has a transition after the "earlier" reading; fall back to Temporal's own choice.
  return (transition ?? local.toZonedDateTime(zone, { disambiguation: 'later' })).epochMilliseconds;
}

/** Whether two half-open intervals share any instant. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Minutes to milliseconds. */
export function minutes(n: number): number {
  return n * 60_000;
}

/** Days to milliseconds (exact 24-hour days, for clipping windows, never for wall-clock math). */
export function days(n: number): number {
  return n * 86_400_000;
}

/**
 * The instant a local date-time (`YYYY-MM-DDTHH:MM`, as a form's datetime-local field gives it) means in a zone,
 * with the zone's offset: the earlier instant in a repeated hour, the first one after the gap in a skipped hour.
 *
 * @example
 * zonedInstant('2025-05-26T00:00', 'America/New_York'); // '2025-05-26T00:00:00-04:00'
 */
export function zonedInstant(local: string, zone: string): string | undefined {
  try {
    const zdt = Temporal.PlainDateTime.from(local).toZonedDateTime(zone, { disambiguation: 'compatible' });
    return zdt.toString({ timeZoneName: 'never', smallestUnit: 'second' });
  } catch {
    return undefined;
  }
}

/** The local date-time (`YYYY-MM-DDTHH:MM`) of an instant in a zone, for a datetime-local field. */
export function localDateTime(instant: string, zone: string): string {
  const ms = parseInstant(instant);
  return ms === undefined
    ? ''
    : Temporal.Instant.fromEpochMilliseconds(ms)
        .toZonedDateTimeISO(zone)
        .toPlainDateTime()
        .toString({ smallestUnit: 'minute' });
}
