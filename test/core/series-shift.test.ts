import { describe, expect, test } from 'vitest';
import { shiftedOccurrence, wallClockShift } from '../../core/series-shift';

const NY = 'America/New_York';
const at = (iso: string): number => Date.parse(iso);
const utc = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('shiftedOccurrence', () => {
  test('Mon 09:00 → Tue 10:30 keeps 10:30 local on each later week across the change to summer time', () => {
    const shift = wallClockShift(at('2025-03-03T09:00:00-05:00'), NY, at('2025-03-04T10:30:00-05:00'), NY);
    const mondays = ['2025-03-10T09:00:00-04:00', '2025-03-17T09:00:00-04:00'];
    const moved = mondays.map((m, i) => shiftedOccurrence(shift, i + 2, at(m)));
    expect(moved.map((o) => o.local)).toEqual(['2025-03-11T10:30:00', '2025-03-18T10:30:00']);
    // 10:30 EDT is 14:30 UTC: an hour earlier in UTC than the first week's 15:30, the same local time.
    expect(moved.map((o) => utc(o.start))).toEqual(['2025-03-11T14:30:00.000Z', '2025-03-18T14:30:00.000Z']);
    expect(moved.map((o) => o.index)).toEqual([2, 3]);
  });

  test('a backward shift, Thu 09:00 → Mon 08:00 the same week, moves each later Thursday to its own Monday', () => {
    const shift = wallClockShift(at('2025-03-06T09:00:00-05:00'), NY, at('2025-03-03T08:00:00-05:00'), NY);
    expect(shiftedOccurrence(shift, 2, at('2025-03-13T09:00:00-04:00')).local).toBe('2025-03-10T08:00:00');
  });

  test('a target in the spring-forward gap has its local time and no instant', () => {
    // Sat 1 Mar 02:30 is a real time; a week later, Sun 9 Mar 02:30, the clocks skip it.
    const shift = wallClockShift(at('2025-02-28T09:00:00-05:00'), NY, at('2025-03-02T02:30:00-05:00'), NY);
    const gap = shiftedOccurrence(shift, 2, at('2025-03-07T09:00:00-05:00'));
    expect(gap).toEqual({ index: 2, local: '2025-03-09T02:30:00' });
  });

  test('a target in the repeated hour takes the first of its two instants', () => {
    const shift = wallClockShift(at('2025-10-27T09:00:00-04:00'), NY, at('2025-10-26T01:30:00-04:00'), NY);
    const twice = shiftedOccurrence(shift, 2, at('2025-11-03T09:00:00-05:00'));
    expect([twice.local, utc(twice.start)]).toEqual(['2025-11-02T01:30:00', '2025-11-02T05:30:00.000Z']);
  });

  test('to a schedule in another zone: the old times read in the old zone, the targets in the new one', () => {
    // Mon 09:00 New York → Mon 14:00 London. On 10 March New York is on summer time and London not yet:
    // the next Monday still goes to 14:00 London (not to 13:00, where 09:00 New York now falls).
    const shift = wallClockShift(at('2025-03-03T09:00:00-05:00'), NY, at('2025-03-03T14:00:00Z'), 'Europe/London');
    const next = shiftedOccurrence(shift, 2, at('2025-03-10T09:00:00-04:00'));
    expect([next.local, utc(next.start)]).toEqual(['2025-03-10T14:00:00', '2025-03-10T14:00:00.000Z']);
  });
});
