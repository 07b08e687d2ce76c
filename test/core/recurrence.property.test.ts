import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_OCCURRENCES, type Occurrence, occurrences, type RecurrenceRule } from '../../core/recurrence';
import { wallDay, wallMinutes, weekdayOf } from './oracle';
import {
  type Day,
  dayOf,
  fiveYearsOn,
  instantsReading,
  localText,
  monthlyDays,
  nthWeekdayDay,
  WEEK,
  weeklyDays,
  ymd,
} from './recurrence-oracle';

const RUNS = 300;

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
  'America/St_Johns',
  'Pacific/Chatham',
  'America/Santiago',
  'Europe/Dublin',
  'America/Havana',
] as const;

/** Days shortly before DST changes in both hemispheres, and ordinary ones. */
const ANCHORS = ['2025-02-20', '2025-03-01', '2025-03-20', '2025-09-15', '2025-10-01', '2025-10-20', '2026-01-14'];

interface Case {
  readonly zone: string;
  readonly firstStart: number;
  readonly rule: RecurrenceRule;
}

/** A first start at a local time that exists (the first or the second reading of a repeated one), and a rule it fits. */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    anchor: fc.constantFrom(...ANCHORS),
    dayOffset: fc.integer({ min: 0, max: 27 }),
    // Quarter hours, weighted towards the small hours where the clocks change.
    minuteOfDay: fc.oneof(
      fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
      fc.integer({ min: 0, max: 16 }).map((q) => q * 15)
    ),
    second: fc.boolean(),
    weekly: fc.boolean(),
    extraDays: fc.subarray([...WEEK]),
    interval: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 12 })),
    last: fc.boolean(),
    end: fc.oneof(
      fc.record({ count: fc.integer({ min: 1, max: MAX_OCCURRENCES }) }),
      fc.record({ untilDays: fc.integer({ min: 0, max: 500 }) })
    ),
  })
  .map((c) => {
    const day = Date.parse(`${c.anchor}T00:00:00Z`) / 86_400_000 + c.dayOffset;
    const readings = instantsReading(day * 1440 + c.minuteOfDay, c.zone);
    const firstStart = (c.second ? readings[readings.length - 1] : readings[0]) ?? Number.NaN;
    const weekday = weekdayOf(day);
    const end = 'count' in c.end ? { count: c.end.count } : { until: localText(day + c.end.untilDays, 0).slice(0, 10) };
    const ordinal = Math.ceil(ymd(day).d / 7);
    const isLast = nthWeekdayDay(ymd(day).y, ymd(day).m, weekday, -1) === day;
    const rule: RecurrenceRule = c.weekly
      ? {
          kind: 'weekly',
          days: [...new Set<Day>([weekday, ...c.extraDays])],
          interval: Math.min(c.interval, 4),
          ...end,
        }
      : { kind: 'monthly', weekday, nth: c.last && isLast ? -1 : (ordinal as 1), interval: c.interval, ...end };
    return { zone: c.zone, firstStart, rule };
  })
  .filter((c) => Number.isFinite(c.firstStart));

/** What the oracle expects: the local days of the series (or undefined when the rule gives more than 52). */
function expectedDays({ zone, firstStart, rule }: Case): number[] | undefined {
  const first = wallDay(firstStart, zone);
  const until =
    rule.until !== undefined ? dayOf(...(rule.until.split('-').map(Number) as [number, number, number])) : undefined;
  const last = Math.min(until ?? Infinity, fiveYearsOn(first));
  const all =
    rule.kind === 'weekly'
      ? weeklyDays(first, rule.days, rule.interval ?? 1, last)
      : monthlyDays(first, rule.weekday, rule.nth, rule.interval ?? 1, last);
  if (rule.count !== undefined) {
    return all.length >= rule.count ? all.slice(0, rule.count) : undefined;
  }
  return all.length <= MAX_OCCURRENCES ? all : undefined;
}

function run(c: Case): Occurrence[] | undefined {
  const result = occurrences(c.firstStart, c.zone, c.rule);
  return result.ok ? result.value : undefined;
}

const minuteOfDay = (c: Case): number => wallMinutes(c.firstStart, c.zone) - wallDay(c.firstStart, c.zone) * 1440;

describe('occurrences: properties (oracle: Intl.DateTimeFormat and UTC day numbers only)', () => {
  test('the series is exactly the days the oracle names, or refused exactly when the oracle finds too many', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const expected = expectedDays(c);
        const list = run(c);
        expect(list === undefined).toBe(expected === undefined);
        expect(list?.map((o) => o.local)).toEqual(expected?.map((day) => localText(day, minuteOfDay(c))));
      }),
      { numRuns: RUNS }
    );
  });

  test('local time kept: every start reads the first start’s local time, on its own day, across DST changes', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const expected = expectedDays(c) ?? [];
        for (const [i, o] of (run(c) ?? []).entries()) {
          if (o.start !== undefined) {
            expect(wallMinutes(o.start, c.zone)).toBe((expected[i] as number) * 1440 + minuteOfDay(c));
          }
        }
      }),
      { numRuns: RUNS }
    );
  });

  test('never in a gap: an occurrence has no start exactly when no instant reads its local time; else the first one', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const expected = expectedDays(c) ?? [];
        for (const [i, o] of (run(c) ?? []).entries()) {
          const readings = instantsReading((expected[i] as number) * 1440 + minuteOfDay(c), c.zone);
          expect(o.start).toBe(i === 0 ? c.firstStart : readings[0]);
        }
      }),
      { numRuns: RUNS }
    );
  });

  test('count respected, never more than 52, numbered from 1, sorted and distinct', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const list = run(c) ?? [];
        if (c.rule.count !== undefined && list.length > 0) {
          expect(list).toHaveLength(c.rule.count);
        }
        expect(list.length).toBeLessThanOrEqual(MAX_OCCURRENCES);
        expect(list.map((o) => o.index)).toEqual(list.map((_, i) => i + 1));
        const starts = list.flatMap((o) => (o.start === undefined ? [] : [o.start]));
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        expect(new Set(starts).size).toBe(starts.length);
        expect(new Set(list.map((o) => o.local)).size).toBe(list.length);
      }),
      { numRuns: RUNS }
    );
  });
});
