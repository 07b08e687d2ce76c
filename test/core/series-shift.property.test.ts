/**
 * Moving a weekly series "this and following", checked against an oracle that uses only Intl.DateTimeFormat and
 * minute arithmetic on local readings (./oracle.ts, ./recurrence-oracle.ts): every target keeps the shifted local
 * time on its own day, or is reported as in a DST gap exactly when no instant reads that local time.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { occurrences, type RecurrenceRule } from '../../core/recurrence';
import { shiftedOccurrence, wallClockShift } from '../../core/series-shift';
import { wallDay, wallMinutes, weekdayOf } from './oracle';
import { type Day, instantsReading, localText, WEEK } from './recurrence-oracle';

/** Each zone with the day its clocks next spring forward (Kolkata never does): the gaps the cases aim at. */
const SPRING: Record<string, string> = {
  'America/New_York': '2025-03-09',
  'Europe/London': '2025-03-30',
  'Australia/Sydney': '2025-10-05',
  'Australia/Lord_Howe': '2025-10-05',
  'Asia/Kolkata': '2025-03-09',
  'America/St_Johns': '2025-03-09',
  'Pacific/Chatham': '2025-09-28',
  'America/Santiago': '2025-09-07',
  'America/Havana': '2025-03-09',
};

interface Case {
  readonly zone: string;
  readonly firstStart: number;
  readonly rule: RecurrenceRule;
  readonly chosen: number;
  /** The move of the chosen occurrence, in local minutes (days and time of day together). */
  readonly shift: number;
}

/**
 * A weekly series and a move whose targets often reach the zone's spring-forward day (a later occurrence is shifted
 * onto it, at a time of day weighted towards the small hours), and otherwise any day around it.
 */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    zone: fc.constantFrom(...Object.keys(SPRING)),
    weeksBefore: fc.integer({ min: 1, max: 4 }),
    jitter: fc.oneof(fc.constant(0), fc.integer({ min: -30, max: 30 })),
    minuteOfDay: fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
    extraDays: fc.subarray([...WEEK]),
    more: fc.integer({ min: 1, max: 8 }),
    chosen: fc.oneof(fc.constant(0), fc.nat()),
    shiftDays: fc.integer({ min: -6, max: 6 }),
    toMinuteOfDay: fc.oneof(
      fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
      fc.integer({ min: 0, max: 16 }).map((q) => q * 15)
    ),
  })
  .map((c) => {
    const spring = Date.parse(`${SPRING[c.zone]}T00:00:00Z`) / 86_400_000;
    const day = spring - c.shiftDays - 7 * c.weeksBefore + c.jitter;
    const firstStart = instantsReading(day * 1440 + c.minuteOfDay, c.zone)[0] ?? Number.NaN;
    const days = [...new Set<Day>([weekdayOf(day), ...c.extraDays])];
    const count = days.length * (c.weeksBefore + 1) + c.more;
    const rule: RecurrenceRule = { kind: 'weekly', days, count: Math.min(count, 52) };
    const shift = c.shiftDays * 1440 + c.toMinuteOfDay - c.minuteOfDay;
    return { zone: c.zone, firstStart, rule, chosen: c.chosen, shift };
  })
  .filter((c) => Number.isFinite(c.firstStart));

describe('shiftedOccurrence: properties (oracle: Intl.DateTimeFormat only)', () => {
  test('each following occurrence keeps the shifted local time on its own day, or is a DST gap exactly when no instant reads it', () => {
    let gaps = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const list = occurrences(c.firstStart, c.zone, c.rule);
        const live = list.ok ? list.value.filter((o) => o.start !== undefined) : [];
        const chosen = live[c.chosen % Math.max(live.length, 1)];
        fc.pre(chosen?.start !== undefined);
        const oldStart = chosen?.start as number;
        const newStart = instantsReading(wallMinutes(oldStart, c.zone) + c.shift, c.zone)[0];
        fc.pre(newStart !== undefined); // the new slot exists, so its local time does
        const shift = wallClockShift(oldStart, c.zone, newStart as number, c.zone);
        for (const o of live.filter((x) => x.index >= (chosen?.index ?? 0))) {
          const wanted = wallMinutes(o.start as number, c.zone) + c.shift;
          const target = shiftedOccurrence(shift, o.index, o.start as number);
          expect(target.local).toBe(localText(Math.floor(wanted / 1440), ((wanted % 1440) + 1440) % 1440));
          expect(target.start).toBe(instantsReading(wanted, c.zone)[0]);
          gaps += target.start === undefined ? 1 : 0;
          if (target.start !== undefined) {
            expect(wallMinutes(target.start, c.zone)).toBe(wanted);
            expect(wallDay(target.start, c.zone)).toBe(Math.floor(wanted / 1440));
          }
        }
      }),
      { numRuns: 300 }
    );
    expect(gaps).toBeGreaterThan(0); // the gaps were reached, not only ordinary days
  });

  test('the chosen occurrence lands exactly on the new slot', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const newStart = instantsReading(wallMinutes(c.firstStart, c.zone) + c.shift, c.zone)[0];
        fc.pre(newStart !== undefined);
        const shift = wallClockShift(c.firstStart, c.zone, newStart as number, c.zone);
        expect(shiftedOccurrence(shift, 1, c.firstStart).start).toBe(newStart);
      }),
      { numRuns: 300 }
    );
  });
});
