import type { Slot } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DayOfWeek } from '../../core/availability/index';
import { buildSlot, isBookedSlot, isGeneratedSlot } from '../../core/fhir';
import type { AvailabilityInput } from '../../core/availability/write';
import { diffSlots } from '../../core/slot-diff';
import type { SlotPlan } from '../../core/slot-plan';
import { wallDay, wallMinutes, weekdayOf } from './oracle';
import { planOf, scheduleWith } from './support';

const RUNS = 500;

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
  'America/St_Johns',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'America/Santiago',
  'Europe/Dublin',
] as const;

/** Days near DST changes in both hemispheres, and some ordinary ones. */
const ANCHORS = [
  '2025-03-08',
  '2025-03-29',
  '2025-04-05',
  '2025-09-27',
  '2025-10-04',
  '2025-10-25',
  '2025-11-01',
  '2026-01-14',
  '2026-03-07',
  '2026-07-01',
] as const;

const DAYS: readonly DayOfWeek[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const weeklyArb = fc
  .record({
    days: fc.subarray([...DAYS], { minLength: 1 }),
    start: fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
    length: fc.integer({ min: 1, max: 96 }).map((q) => q * 15),
  })
  .map(({ days, start, length }) =>
    length >= 1440 ? { days, allDay: true } : { days, start: hhmm(start), end: hhmm((start + length) % 1440) }
  );

const availabilityArb = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  slotMinutes: fc.constantFrom(10, 15, 20, 30, 45, 60, 90, 120),
  bufferBeforeMinutes: fc.constantFrom(0, 0, 5, 10),
  bufferAfterMinutes: fc.constantFrom(0, 0, 5, 15),
  alignment: fc.option(
    fc
      .constantFrom(10, 15, 30, 60)
      .chain((interval) =>
        fc.record({ interval: fc.constant(interval), offset: fc.integer({ min: 0, max: interval - 1 }) })
      ),
    { nil: undefined }
  ),
  weekly: fc.array(weeklyArb, { minLength: 1, maxLength: 3 }),
  closedHours: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 24 * 10 }), hours: fc.integer({ min: 1, max: 30 }) }),
    {
      maxLength: 2,
    }
  ),
  anchor: fc.constantFrom(...ANCHORS),
  spanDays: fc.integer({ min: 1, max: 10 }),
  nowOffsetHours: fc.integer({ min: -48, max: 36 }),
});

type Case = fc.Arbitrary<{ input: AvailabilityInput; start: string; end: string; now: string }>;

const caseArb: Case = availabilityArb.map((a) => {
  const start = Date.parse(`${a.anchor}T00:00:00Z`);
  const end = start + a.spanDays * 86_400_000;
  const input: AvailabilityInput = {
    timeZone: a.timeZone,
    slotMinutes: a.slotMinutes,
    bufferBeforeMinutes: a.bufferBeforeMinutes,
    bufferAfterMinutes: a.bufferAfterMinutes,
    ...(a.alignment
      ? { alignmentIntervalMinutes: a.alignment.interval, alignmentOffsetMinutes: a.alignment.offset }
      : {}),
    weekly: a.weekly,
    closed: a.closedHours.map((c, i) => ({
      description: `closed ${i}`,
      start: new Date(start + c.at * 3_600_000).toISOString(),
      end: new Date(start + (c.at + c.hours) * 3_600_000).toISOString(),
    })),
  };
  return {
    input,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    now: new Date(start + a.nowOffsetHours * 3_600_000).toISOString(),
  };
});

function plan(c: { input: AvailabilityInput; start: string; end: string; now: string }): SlotPlan {
  return planOf(scheduleWith(c.input, { start: c.start, end: c.end }), c.now);
}

/** The oracle: is [start, end) inside one occurrence of a weekly window, read on the local wall clock? */
function insideSomeWindow(input: AvailabilityInput, start: number, end: number): boolean {
  const zone = input.timeZone as string;
  const startWall = wallMinutes(start, zone);
  const lastWall = wallMinutes(end - 1, zone);
  const day = wallDay(start, zone);
  return [day, day - 1].some((d) =>
    input.weekly.some((w) => {
      if (!w.days.includes(weekdayOf(d))) {
        return false;
      }
      const [sh, sm] = (w.allDay ? '00:00' : (w.start as string)).split(':').map(Number) as [number, number];
      const [eh, em] = (w.allDay ? '00:00' : (w.end as string)).split(':').map(Number) as [number, number];
      const open = d * 1440 + sh * 60 + sm;
      let close = d * 1440 + eh * 60 + em;
      if (close <= open) {
        close += 1440;
      }
      return open <= startWall && lastWall < close;
    })
  );
}

describe('planSlots: properties (oracle: Intl.DateTimeFormat only)', () => {
  test('every slot lies inside a window of its weekday, on the local wall clock, and outside closed periods', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = plan(c);
        const closed = (c.input.closed ?? []).map((p) => ({ start: Date.parse(p.start), end: Date.parse(p.end) }));
        for (const slot of result.slots) {
          expect(insideSomeWindow(c.input, slot.start, slot.end)).toBe(true);
          expect(slot.end - slot.start).toBe(c.input.slotMinutes * 60_000);
          expect(closed.some((p) => p.start < slot.end && slot.start < p.end)).toBe(false);
          expect(slot.start).toBeGreaterThanOrEqual(Date.parse(c.now));
          expect(slot.start).toBeGreaterThanOrEqual(Date.parse(c.start));
          expect(slot.end).toBeLessThanOrEqual(Date.parse(c.end));
        }
      }),
      { numRuns: RUNS }
    );
  });

  test('slots are sorted and never overlap, buffers included', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { slots } = plan(c);
        const before = (c.input.bufferBeforeMinutes ?? 0) * 60_000;
        const after = (c.input.bufferAfterMinutes ?? 0) * 60_000;
        for (let i = 1; i < slots.length; i++) {
          const prev = slots[i - 1]!;
          const next = slots[i]!;
          expect(next.start).toBeGreaterThan(prev.start);
          expect(prev.end + after).toBeLessThanOrEqual(next.start - before);
        }
      }),
      { numRuns: RUNS }
    );
  });

  test('keys are unique, and planning twice gives identical keys', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const first = plan(c).slots.map((s) => s.key);
        expect(new Set(first).size).toBe(first.length);
        expect(plan(c).slots.map((s) => s.key)).toEqual(first);
      }),
      { numRuns: RUNS }
    );
  });

  test('alignment: every start sits on the local grid (minutes after local midnight ≡ offset)', () => {
    fc.assert(
      fc.property(
        caseArb.filter((c) => c.input.alignmentIntervalMinutes !== undefined),
        (c) => {
          const zone = c.input.timeZone as string;
          for (const slot of plan(c).slots) {
            const minuteOfDay = ((wallMinutes(slot.start, zone) % 1440) + 1440) % 1440;
            const interval = c.input.alignmentIntervalMinutes as number;
            // The grid is counted from the local midnight of the window's day; intervals here divide 1440.
            expect(minuteOfDay % interval).toBe((c.input.alignmentOffsetMinutes ?? 0) % interval);
          }
        }
      ),
      { numRuns: RUNS }
    );
  });

  test('diff(plan, plan) changes nothing', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = plan(c);
        const existing = result.slots.map((s, i) => ({
          ...buildSlot({ id: 'sch-1' }, s, result.timeZone),
          id: `s${i}`,
        }));
        const diff = diffSlots(result, existing);
        expect(diff.create).toEqual([]);
        expect(diff.cancel).toEqual([]);
        expect(diff.withdraw).toEqual([]);
        expect(diff.restore).toEqual([]);
        expect(diff.keep).toHaveLength(existing.length);
      }),
      { numRuns: RUNS }
    );
  });

  test('the diff never cancels, withdraws or alters a booked slot, nor cancels a hand-made one', () => {
    const statusArb = fc.constantFrom<Slot['status']>(
      'free',
      'busy',
      'busy-tentative',
      'busy-unavailable',
      'entered-in-error'
    );
    fc.assert(
      fc.property(
        caseArb,
        fc.array(
          fc.record({
            pick: fc.nat(),
            status: statusArb,
            generated: fc.boolean(),
            shiftMinutes: fc.integer({ min: -90, max: 90 }),
          }),
          {
            maxLength: 30,
          }
        ),
        fc.boolean(),
        (c, mutations, deactivate) => {
          const schedule = scheduleWith(c.input, { start: c.start, end: c.end }, { active: !deactivate });
          const result = planOf(schedule, c.now);
          const source = planOf(scheduleWith(c.input, { start: c.start, end: c.end }), c.now);
          const existing: Slot[] = mutations.map((m, i) => {
            const planned = source.slots[m.pick % Math.max(1, source.slots.length)] ?? {
              key: `k${i}`,
              start: Date.parse(c.now) + 3_600_000,
              end: Date.parse(c.now) + 7_200_000,
            };
            const shifted = {
              ...planned,
              start: planned.start + m.shiftMinutes * 60_000,
              end: planned.end + m.shiftMinutes * 60_000,
            };
            const slot = buildSlot({ id: 'sch-1' }, shifted, 'UTC');
            const withOrigin = m.generated ? slot : { ...slot, identifier: [], meta: {} };
            return { ...withOrigin, id: `e${i}`, status: m.status };
          });
          const diff = diffSlots(result, existing);
          for (const slot of [...diff.cancel, ...diff.withdraw, ...diff.restore]) {
            expect(isBookedSlot(slot)).toBe(false);
          }
          for (const slot of diff.cancel) {
            expect(isGeneratedSlot(slot)).toBe(true);
            expect(slot.status).toBe('free');
          }
          for (const slot of [...diff.withdraw, ...diff.restore]) {
            expect(isGeneratedSlot(slot)).toBe(false);
          }
          const touched = [...diff.cancel, ...diff.withdraw, ...diff.restore, ...diff.keep, ...diff.conflicts];
          expect(new Set(touched.map((s) => s.id)).size).toBe(touched.length);
        }
      ),
      { numRuns: RUNS }
    );
  });
});
