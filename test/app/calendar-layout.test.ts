import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  dateOf,
  daysOf,
  hourBounds,
  lanes,
  placeOnDay,
  rangeOf,
  shiftAnchor,
  todayIn,
} from '../../app/src/calendar/layout';

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

  test('the grid shows 08:00–18:00 widened to fit everything', () => {
    expect(hourBounds([])).toEqual({ first: 8, last: 18 });
    expect(
      hourBounds([
        { start: 420, end: 450 },
        { start: 1200, end: 1230 },
      ])
    ).toEqual({ first: 7, last: 21 });
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
