/**
 * An independent oracle for local wall-clock readings: only `Intl.DateTimeFormat`, never the Temporal code
 * under test. A "wall minute" is the minute count of a local reading as if it were UTC, which makes two local
 * readings comparable without any offset arithmetic.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The local reading of an instant, as wall minutes (minutes since 1970-01-01T00:00 local). */
export function wallMinutes(epochMs: number, zone: string): number {
  const parts = Object.fromEntries(
    formatFor(zone)
      .formatToParts(new Date(epochMs))
      .map((p) => [p.type, p.value])
  );
  return (
    Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) /
    60_000
  );
}

/** Local day number (days since 1970-01-01 local) of an instant. */
export function wallDay(epochMs: number, zone: string): number {
  return Math.floor(wallMinutes(epochMs, zone) / 1440);
}

/** Day of the week of a local day number, as Medplum's codes (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun' {
  return (['thu', 'fri', 'sat', 'sun', 'mon', 'tue', 'wed'] as const)[((day % 7) + 7) % 7] as 'mon';
}
