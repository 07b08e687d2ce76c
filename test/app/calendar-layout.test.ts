import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { gridModel } from '../../app/src/calendar/grid-model';
import { fitHours, windowsOnDay } from '../../app/src/calendar/hours';
import { dateOf, daysOf, lanes, placeOnDay, rangeOf, shiftAnchor, todayIn } from '../../app/src/calendar/layout';

describe('calendar geometry', () => {
  test('a week is Monday to Sunday around the anchor; a day view is the day', () => {
    expect(daysOf('week', '2026-11-26')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(daysOf('day', '2026-11-26')).toEqual(['2026-11-26']);
    expect(shiftAnchor('week', '2026-11-26', 1)).toBe('2026-12-03');
    expect(shiftAnchor('day', '2026-11-26', -1)).toBe('2026-11-25');
  });

  test('a work week is Monday to Friday around the anchor (also from a Sunday), and moves by a week', () => {
    expect(daysOf('workweek', '2026-11-29')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(shiftAnchor('workweek', '2026-11-26', -1)).toBe('2026-11-19');
  });

  test('the range covers the local days in the zone', () => {
    const { from, to } = rangeOf(['2026-11-23', '2026-11-24'], 'America/New_York');
    expect(new Date(from).toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-11-25T05:00:00.000Z');
  });

  test('slots sit at their local wall-clock minutes, also on a DST day, and are clipped to the day', () => {
    // 09:00–09:30 in New York on 24 Nov (EST, UTC−5).
    expect(
      placeOnDay(
        Date.parse('2026-11-24T14:00:00Z'),
        Date.parse('2026-11-24T14:30:00Z'),
        '2026-11-24',
        'America/New_York'
      )
    ).toEqual({ start: 540, end: 570 });
    // 8 Mar 2026 is the spring-forward day: 09:00 EDT is 13:00Z.
    expect(
      placeOnDay(
        Date.parse('2026-03-08T13:00:00Z'),
        Date.parse('2026-03-08T13:30:00Z'),
        '2026-03-08',
        'America/New_York'
      )
    ).toEqual({ start: 540, end: 570 });
    // An overnight slot 23:00–01:00 shows on both days, clipped.
    const start = Date.parse('2026-11-25T04:00:00Z');
    const end = Date.parse('2026-11-25T06:00:00Z');
    expect(placeOnDay(start, end, '2026-11-24', 'America/New_York')).toEqual({ start: 1380, end: 1440 });
    expect(placeOnDay(start, end, '2026-11-25', 'America/New_York')).toEqual({ start: 0, end: 60 });
    expect(placeOnDay(start, end, '2026-11-26', 'America/New_York')).toBeUndefined();
  });

  test('the grid fits the hours: rounded out to whole hours, 08:00–18:00 with nothing to show', () => {
    expect(fitHours([])).toEqual({ first: 8, last: 18 });
    // A 09:00–12:00 morning: 09:00–12:00, not 08:00–18:00.
    expect(fitHours([{ start: 540, end: 720 }])).toEqual({ first: 9, last: 12 });
    // 09:15–12:10 rounds out to 09:00–13:00.
    expect(fitHours([{ start: 555, end: 730 }])).toEqual({ first: 9, last: 13 });
    // A slot outside the hours widens them.
    expect(
      fitHours([
        { start: 540, end: 720 },
        { start: 1200, end: 1230 },
      ])
    ).toEqual({ first: 9, last: 21 });
  });

  test('a closed band outside the hours is taken in; one that overlaps them or covers the day changes nothing', () => {
    const morning = [{ start: 540, end: 720 }];
    expect(fitHours(morning, [{ start: 1320, end: 1380 }])).toEqual({ first: 9, last: 23 });
    expect(fitHours(morning, [{ start: 420, end: 480 }])).toEqual({ first: 7, last: 12 });
    expect(fitHours(morning, [{ start: 0, end: 1440 }])).toEqual({ first: 9, last: 12 });
    expect(fitHours(morning, [{ start: 660, end: 900 }])).toEqual({ first: 9, last: 12 });
    // With nothing else to show, a band still shows.
    expect(fitHours([], [{ start: 1260, end: 1320 }])).toEqual({ first: 8, last: 22 });
  });

  test('opening hours on a day: the day’s windows and the part after midnight of the day before’s', () => {
    const windows = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, startMinute: 540, endMinute: 720 },
      { days: ['fri'] as const, startMinute: 1320, endMinute: 1560 },
    ];
    // Fri 27 Nov 2026.
    expect(windowsOnDay(windows, '2026-11-27')).toEqual([
      { start: 540, end: 720 },
      { start: 1320, end: 1440 },
    ]);
    // Sat 28 Nov: only Friday night's end.
    expect(windowsOnDay(windows, '2026-11-28')).toEqual([{ start: 0, end: 120 }]);
    expect(windowsOnDay(windows, '2026-11-29')).toEqual([]);
  });

  test('property: every slot lies inside the fitted hours, every closed band shows in them, and they are whole hours of a day', () => {
    const interval = fc
      .record({ start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 600 }) })
      .map(({ start, length }) => ({ start, end: Math.min(1440, start + length) }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), fc.array(interval, { maxLength: 4 }), (slots, bands) => {
        const { first, last } = fitHours(slots, bands);
        expect(Number.isInteger(first) && Number.isInteger(last)).toBe(true);
        expect(0 <= first && first < last && last <= 24).toBe(true);
        for (const slot of slots) {
          expect(slot.start).toBeGreaterThanOrEqual(first * 60);
          expect(slot.end).toBeLessThanOrEqual(last * 60);
        }
        for (const band of bands) {
          expect(band.start < last * 60 && band.end > first * 60).toBe(true);
        }
        // Fitted, not padded: the first and the last hour each hold something.
        if (slots.length > 0 && bands.length === 0) {
          expect(slots.some((s) => s.start < (first + 1) * 60)).toBe(true);
          expect(slots.some((s) => s.end > (last - 1) * 60)).toBe(true);
        }
      }),
      { numRuns: 500 }
    );
  });

  test('today and dates are in the zone', () => {
    const at = Date.parse('2026-11-24T03:00:00Z');
    expect(todayIn('America/New_York', at)).toBe('2026-11-23');
    expect(todayIn('Asia/Kolkata', at)).toBe('2026-11-24');
    expect(dateOf(at, 'Australia/Sydney')).toBe('2026-11-24');
  });

  test('overlapping slots (visit types at the same time) sit side by side; others take the whole column', () => {
    expect(
      lanes([
        { start: 540, end: 570 },
        { start: 540, end: 555 },
        { start: 555, end: 570 },
        { start: 600, end: 630 },
      ])
    ).toEqual([
      { lane: 0, of: 2 },
      { lane: 1, of: 2 },
      { lane: 1, of: 2 },
      { lane: 0, of: 1 },
    ]);
  });

  test('property: two overlapping slots never share a lane, and a lane is within its group’s count', () => {
    const interval = fc
      .record({ start: fc.integer({ min: 0, max: 1400 }), length: fc.integer({ min: 1, max: 120 }) })
      .map(({ start, length }) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), (placed) => {
        const result = lanes(placed);
        placed.forEach((a, i) => {
          const la = result[i] as { lane: number; of: number };
          expect(la.lane).toBeLessThan(la.of);
          placed.forEach((b, j) => {
            if (i !== j && a.start < b.end && b.start < a.end) {
              expect(la.lane).not.toBe(result[j]?.lane);
              expect(la.of).toBe(result[j]?.of);
            }
          });
        });
      }),
      { numRuns: 300 }
    );
  });
});

describe('the grid model', () => {
  test('property: over a week (with a DST change) in the zone, every slot and closed band placed on a shown day is within the hours', () => {
    const zone = 'America/New_York';
    const days = daysOf('week', '2026-03-08'); // Mon 2 – Sun 8 Mar 2026; clocks go forward on the 8th
    const from = Date.parse('2026-03-02T05:00:00Z');
    const instant = fc.record({
      // The week is an hour short: 7 × 1440 − 60 minutes.
      at: fc.integer({ min: 0, max: 7 * 24 * 60 - 61 }),
      length: fc.integer({ min: 5, max: 240 }),
    });
    const window = fc.record({
      days: fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, { minLength: 1 }),
      startMinute: fc.integer({ min: 0, max: 1380 }),
      length: fc.integer({ min: 15, max: 600 }),
    });
    fc.assert(
      fc.property(
        fc.array(instant, { maxLength: 20 }),
        fc.array(instant, { maxLength: 3 }),
        fc.array(window, { maxLength: 3 }),
        (slotTimes, bandTimes, windows) => {
          const slots = slotTimes.map(({ at, length }, i) => ({
            resourceType: 'Slot' as const,
            id: `s${i}`,
            schedule: { reference: 'Schedule/s' },
            status: 'free' as const,
            start: new Date(from + at * 60_000).toISOString(),
            end: new Date(from + (at + length) * 60_000).toISOString(),
          }));
          const closed = bandTimes.map(({ at, length }) => ({
            start: from + at * 60_000,
            end: from + (at + length) * 60_000,
          }));
          const model = gridModel({
            days,
            zone,
            slots,
            closed,
            windows: windows.map((w) => ({
              days: w.days,
              startMinute: w.startMinute,
              endMinute: w.startMinute + w.length,
            })),
          });
          const { first, last } = model.hours;
          for (const day of model.days) {
            for (const { at } of day.slots) {
              expect(at.start).toBeGreaterThanOrEqual(first * 60);
              expect(at.end).toBeLessThanOrEqual(last * 60);
            }
            for (const { at } of day.closed) {
              expect(at.start < last * 60 && at.end > first * 60).toBe(true);
            }
          }
          // Every slot shows on some day.
          const placed = new Set(model.days.flatMap((d) => d.slots.map((s) => s.slot.id)));
          expect(placed.size).toBe(slots.length);
        }
      ),
      { numRuns: 200 }
    );
  });
});
