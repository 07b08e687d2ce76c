/**
 * Dates, times and names as people read them: every instant in the schedule's own time zone, with the zone's
 * abbreviation or offset; never a raw ISO timestamp. Shared by every screen. Dates and times are written in the
 * browser's language (`navigator.language`), the one its date and time inputs use, so that "Wed 2 Dec 2026, 09:00"
 * sits beside a 02/12/2026 input in a British browser and "Wed Dec 2, 2026, 09:00 AM" beside 12/02/2026 in an
 * American one.
 *
 * @example
 * formatRange('2025-03-03T14:00:00Z', '2025-03-03T14:30:00Z', 'America/New_York'); // 'Mon 3 Mar 2025, 09:00–09:30 EST'
 */
import type { Appointment, CodeableConcept, Reference, Schedule, Task } from '@medplum/fhirtypes';

/**
 * The browser's language, the locale of every date and time the app writes (British English where none is known).
 *
 * @example
 * appLocale(); // 'en-GB'
 */
export function appLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-GB';
}

function parts(instant: string | number | Date, zone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(appLocale(), { timeZone: zone, ...options }).format(new Date(instant));
}

/** A time of day in the browser's clock (24-hour or AM/PM, as its time inputs show). */
function clock(instant: string | number | Date, zone: string): string {
  return parts(instant, zone, { hour: '2-digit', minute: '2-digit' });
}

/**
 * A minute of the day as the browser's clock writes it: '09:05' (or '09:05 AM').
 *
 * @example
 * clockTime(545); // '09:05'
 */
export function clockTime(minute: number): string {
  return clock(Date.UTC(2000, 0, 1, Math.floor(minute / 60), minute % 60), 'UTC');
}

/** The zone's short name at an instant: 'EST', 'BST', or 'GMT+5:30' where the zone has no abbreviation. */
export function zoneAbbreviation(zone: string, at: string | number | Date = Date.now()): string {
  const short = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  return short ?? zone;
}

/** The zone's UTC offset at an instant: 'UTC+01:00', 'UTC−05:00', 'UTC'. */
export function zoneOffset(zone: string, at: string | number | Date = Date.now()): string {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  return !offset || offset === 'GMT' || offset === 'GMT+00:00' ? 'UTC' : offset.replace('GMT', 'UTC').replace('-', '−');
}

/** A zone for a picker or a heading: 'Europe/London (UTC+00:00)'. */
export function formatZone(zone: string, at: string | number | Date = Date.now()): string {
  return `${zone} (${zoneOffset(zone, at)})`;
}

/** A date: 'Mon 3 Mar 2025'. */
export function formatDate(instant: string | number | Date, zone: string): string {
  return parts(instant, zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).replace(',', '');
}

/** A time of day with the zone: '09:00 EST'. */
export function formatTime(instant: string | number | Date, zone: string): string {
  return `${clock(instant, zone)} ${zoneAbbreviation(zone, instant)}`;
}

/** A date and time with the zone: 'Mon 3 Mar 2025, 09:00 EST'. */
export function formatDateTime(instant: string | number | Date, zone: string): string {
  return `${formatDate(instant, zone)}, ${formatTime(instant, zone)}`;
}

/**
 * A slot's or appointment's time: 'Mon 3 Mar 2025, 09:00–09:30 EST'; a range across days names both dates.
 */
export function formatRange(start: string, end: string, zone: string): string {
  if (formatDate(start, zone) === formatDate(end, zone)) {
    return `${formatDate(start, zone)}, ${clock(start, zone)}–${clock(end, zone)} ${zoneAbbreviation(zone, start)}`;
  }
  return `${formatDateTime(start, zone)} – ${formatDateTime(end, zone)}`;
}

function conceptText(concepts: readonly CodeableConcept[] | undefined): string | undefined {
  const texts = (concepts ?? [])
    .map((c) => c.text ?? c.coding?.find((code) => code.display)?.display ?? c.coding?.[0]?.code)
    .filter((t): t is string => Boolean(t));
  return texts.length > 0 ? texts.join(', ') : undefined;
}

/**
 * A Schedule's stable display name, built from its actors and its specialty (else service type, else category):
 * 'Dr. Alice Jones · Room 101 — Cardiology'. `Schedule.comment` is a note (the seed writes a deactivation reason
 * there), never part of the name, so a deactivation cannot rename a schedule.
 *
 * @param actorNames - The actors' display names, when they have been read; else each reference's display or id.
 */
export function scheduleName(
  schedule: Partial<Pick<Schedule, 'actor' | 'specialty' | 'serviceType' | 'serviceCategory' | 'id'>>,
  actorNames?: readonly string[]
): string {
  const actors =
    actorNames && actorNames.length > 0
      ? actorNames
      : (schedule.actor ?? []).map((a: Reference) => a.display ?? a.reference ?? '').filter(Boolean);
  const what =
    conceptText(schedule.specialty) ?? conceptText(schedule.serviceType) ?? conceptText(schedule.serviceCategory);
  const who = actors.join(' · ');
  if (who && what) {
    return `${who} — ${what}`;
  }
  return who || what || `Schedule ${schedule.id?.slice(0, 8) ?? ''}`.trim();
}

const APPOINTMENT_STATUS: Record<Appointment['status'], string> = {
  proposed: 'Proposed',
  pending: 'Held',
  booked: 'Booked',
  arrived: 'Arrived',
  fulfilled: 'Done',
  cancelled: 'Cancelled',
  noshow: 'No-show',
  'entered-in-error': 'Entered in error',
  'checked-in': 'Checked in',
  waitlist: 'Waitlist',
};

/** An appointment's status in words: 'Booked', 'Held', 'No-show'. */
export function appointmentStatusWords(status: Appointment['status']): string {
  return APPOINTMENT_STATUS[status] ?? status;
}

/** A worklist task's status in words: open ones are 'To do'; the rest 'Done', 'Cancelled', 'Failed'. */
export function taskStatusWords(status: Task['status'], open: boolean): string {
  if (open) {
    return 'To do';
  }
  const words: Partial<Record<Task['status'], string>> = {
    completed: 'Done',
    cancelled: 'Cancelled',
    failed: 'Failed',
    rejected: 'Rejected',
    'entered-in-error': 'Entered in error',
  };
  return words[status] ?? status;
}

/**
 * A planning horizon in words: its first and last day. An end at local midnight is exclusive (the form saves "last
 * day 29 Dec" as 30 Dec 00:00), so it is shown as the day before; any other end keeps its time.
 *
 * @example
 * formatHorizon('2026-12-01T00:00:00-05:00', '2026-12-30T00:00:00-05:00', 'America/New_York'); // 'Tue 1 Dec 2026 → Tue 29 Dec 2026'
 */
export function formatHorizon(start: string | undefined, end: string | undefined, zone: string): string {
  if (!start && !end) {
    return 'Open';
  }
  const midnight = (i: string): boolean =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeStyle: 'short' }).format(new Date(i)) === '00:00';
  const last = (i: string): string => (midnight(i) ? formatDate(Date.parse(i) - 1, zone) : formatDateTime(i, zone));
  return `${start ? formatDate(start, zone) : '…'} → ${end ? last(end) : 'open'}`;
}
