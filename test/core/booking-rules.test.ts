/**
 * The booking rules' extension round-trips, and the rule decisions hold for any input: local days and weeks contain
 * their instant in any zone (23- and 25-hour days included), a limit never lets a day or week exceed it, and notice
 * and advance refuse exactly the starts outside the window.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type BookingRules, readBookingRules, withBookingRules } from '../../core/rules/booking-rules';
import { inWords, limitBreaches, localDay, localWeek, timingBreaches } from '../../core/rules/breaches';

const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia'];
const instant = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') });
const rules: fc.Arbitrary<BookingRules> = fc.record(
  {
    minimumNoticeMinutes: fc.integer({ min: 0, max: 60 * 24 * 30 }),
    maximumAdvanceDays: fc.integer({ min: 1, max: 3660 }),
    dailyLimit: fc.integer({ min: 1, max: 10_000 }),
    weeklyLimit: fc.integer({ min: 1, max: 10_000 }),
    changeCutoffMinutes: fc.integer({ min: 0, max: 60 * 24 * 30 }),
  },
  { requiredKeys: [] }
);

describe('the booking-rules extension', () => {
  test('property: writing then reading gives back the same rules, with no issue', () => {
    fc.assert(
      fc.property(rules, (written) => {
        const issues: OperationOutcomeIssue[] = [];
        const schedule = { resourceType: 'Schedule' as const, actor: [], extension: withBookingRules([], written) };
        expect(readBookingRules(schedule, issues)).toEqual(written);
        expect(issues).toEqual([]);
      })
    );
  });

  test('a malformed entry is reported at its path and left out', () => {
    const issues: OperationOutcomeIssue[] = [];
    const schedule = {
      resourceType: 'Schedule' as const,
      actor: [],
      extension: [
        {
          url: 'https://schedules.clinik.dev/fhir/StructureDefinition/booking-rules',
          extension: [
            { url: 'dailyLimit', valuePositiveInt: 0 },
            { url: 'minimumNotice', valueDuration: { value: 2, code: 'h' } },
          ],
        },
      ],
    };
    expect(readBookingRules(schedule, issues)).toEqual({ minimumNoticeMinutes: 120 });
    expect(issues[0]?.expression).toEqual(['Schedule.extension[0].extension[0].valuePositiveInt']);
  });
});

describe('local days and weeks', () => {
  test('property: the local day and week contain the instant, start at local midnight, and the week on a Monday', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        const day = localDay(at, zone);
        const week = localWeek(at, zone);
        expect(day.start <= at && at < day.end).toBe(true);
        expect(week.start <= day.start && day.end <= week.end).toBe(true);
        const hours = (day.end - day.start) / 3_600_000;
        expect(hours).toBeGreaterThanOrEqual(23); // Lord Howe's half-hour shift makes 23.5 and 24.5 h days
        expect(hours).toBeLessThanOrEqual(25);
        const monday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: zone }).format(week.start);
        expect(monday).toBe('Mon');
      })
    );
  });

  test('a spring-forward day in New York is 23 hours long and a fall-back day 25', () => {
    const spring = localDay(Date.parse('2025-03-09T12:00:00Z'), 'America/New_York');
    const fall = localDay(Date.parse('2025-11-02T12:00:00Z'), 'America/New_York');
    expect((spring.end - spring.start) / 3_600_000).toBe(23);
    expect((fall.end - fall.start) / 3_600_000).toBe(25);
  });
});

describe('rule decisions', () => {
  test('property: a limit lets a booking through exactly while the count is below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 60 }), (limit, count) => {
        const breaches = limitBreaches({ dailyLimit: limit }, { name: 'Dr', day: count, week: 0 }, 'Mon 3 Mar');
        expect(breaches.length === 0).toBe(count < limit); // so a day never holds more than the limit
      })
    );
  });

  test('property: notice and advance refuse exactly the starts outside [now + notice, now + advance]', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 2880 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: -86_400_000, max: 500 * 86_400_000 }),
        (now, notice, advance, offset) => {
          const start = now + offset;
          const rules = { minimumNoticeMinutes: notice, maximumAdvanceDays: advance };
          const codes = timingBreaches(rules, start, now).map((b) => b.rule);
          expect(codes.includes('minimum-notice')).toBe(start < now + notice * 60_000);
          expect(codes.includes('maximum-advance')).toBe(start > now + advance * 86_400_000);
        }
      )
    );
  });

  test('durations in words', () => {
    expect([inWords(90), inWords(120), inWords(1440), inWords(60), inWords(0)]).toEqual([
      '90 minutes',
      '2 hours',
      '1 day',
      '1 hour',
      '0 minutes',
    ]);
  });
});
