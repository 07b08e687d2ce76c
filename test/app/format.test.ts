import { afterAll, beforeAll, describe, expect, it, test, vi } from 'vitest';
import {
  clockTime,
  formatDate,
  formatDateTime,
  formatHorizon,
  formatRange,
  formatZone,
  scheduleName,
  zoneAbbreviation,
  zoneOffset,
} from '../../app/src/format';

// The app writes in the browser's language; these tests read British English unless they say otherwise.
beforeAll(() => vi.stubGlobal('navigator', { language: 'en-GB' }));
afterAll(() => vi.unstubAllGlobals());

describe("one locale: the browser's, as its date and time inputs use it", () => {
  test('a British browser reads day month year and a 24-hour clock', () => {
    expect(formatRange('2025-03-03T14:00:00Z', '2025-03-03T22:30:00Z', 'America/New_York')).toBe(
      'Mon 3 Mar 2025, 09:00–17:30 EST'
    );
    expect(clockTime(17 * 60 + 5)).toBe('17:05');
  });

  test('an American browser reads month day, year and AM/PM, as its date and time inputs show them', () => {
    vi.stubGlobal('navigator', { language: 'en-US' });
    try {
      expect(formatDate('2025-03-03T14:00:00Z', 'America/New_York')).toBe('Mon Mar 3, 2025');
      expect(formatRange('2025-03-03T14:00:00Z', '2025-03-03T22:30:00Z', 'America/New_York')).toBe(
        'Mon Mar 3, 2025, 09:00 AM–05:30 PM EST'
      );
      expect(clockTime(17 * 60 + 5)).toBe('05:05 PM');
      // The horizon's last day is still the day before an end at midnight, whatever the clock.
      expect(formatHorizon('2026-12-01T00:00:00-05:00', '2026-12-30T00:00:00-05:00', 'America/New_York')).toBe(
        'Tue Dec 1, 2026 → Tue Dec 29, 2026'
      );
    } finally {
      vi.stubGlobal('navigator', { language: 'en-GB' });
    }
  });
});

describe('format', () => {
  it('formats a range in the schedule zone with its abbreviation', () => {
    // 14:00Z is 09:00 in New York (EST, UTC−05:00)
    expect(formatRange('2025-03-03T14:00:00Z', '2025-03-03T14:30:00Z', 'America/New_York')).toBe(
      'Mon 3 Mar 2025, 09:00–09:30 EST'
    );
  });

  it('names both dates for a range across midnight', () => {
    expect(formatRange('2025-03-03T23:30:00Z', '2025-03-04T00:30:00Z', 'UTC')).toBe(
      'Mon 3 Mar 2025, 23:30 UTC – Tue 4 Mar 2025, 00:30 UTC'
    );
  });

  it('shows offsets for zones and summer time', () => {
    expect(zoneOffset('Europe/London', '2025-07-01T12:00:00Z')).toBe('UTC+01:00');
    expect(zoneOffset('UTC', '2025-07-01T12:00:00Z')).toBe('UTC');
    expect(zoneOffset('America/New_York', '2025-01-01T12:00:00Z')).toBe('UTC−05:00');
    expect(formatZone('Asia/Kolkata', '2025-01-01T00:00:00Z')).toBe('Asia/Kolkata (UTC+05:30)');
    expect(zoneAbbreviation('Europe/London', '2025-07-01T12:00:00Z')).toBe('GMT+1');
    expect(formatDateTime('2025-07-01T12:00:00Z', 'America/New_York')).toBe('Tue 1 Jul 2025, 08:00 EDT');
  });

  it('names a schedule by its actors and specialty, never by its comment', () => {
    const schedule = {
      id: 'abc12345xyz',
      actor: [{ reference: 'Practitioner/dr_jones', display: 'Dr. Jones' }],
      specialty: [{ text: 'Cardiology' }],
      comment: 'Dr. Jones on leave',
    };
    expect(scheduleName(schedule)).toBe('Dr. Jones — Cardiology');
    expect(scheduleName(schedule, ['Dr. Alice Jones', 'Room 101'])).toBe('Dr. Alice Jones · Room 101 — Cardiology');
    expect(scheduleName({ id: 'abc12345xyz', actor: [] })).toBe('Schedule abc12345');
    expect(scheduleName({ actor: [], serviceType: [{ coding: [{ code: 'x', display: 'Consultation' }] }] })).toBe(
      'Consultation'
    );
  });
});

describe('formatHorizon', () => {
  test('an end at local midnight is the day before (the last day the form saved); any other end keeps its time', () => {
    const zone = 'America/New_York';
    expect(formatHorizon('2026-12-01T00:00:00-05:00', '2026-12-30T00:00:00-05:00', zone)).toBe(
      'Tue 1 Dec 2026 → Tue 29 Dec 2026'
    );
    expect(formatHorizon('2026-12-01T00:00:00-05:00', '2026-12-29T17:00:00-05:00', zone)).toMatch(
      /^Tue 1 Dec 2026 → Tue 29 Dec 2026, 17:00 EST$/
    );
    expect(formatHorizon(undefined, undefined, zone)).toBe('Open');
    expect(formatHorizon('2026-12-01T00:00:00-05:00', undefined, zone)).toBe('Tue 1 Dec 2026 → open');
  });
});
