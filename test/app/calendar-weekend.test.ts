import { describe, expect, test } from 'vitest';
import { daysOf } from '../../app/src/calendar/layout';
import { isWeekend, weekDays, weekendInUse } from '../../app/src/calendar/weekend';

const zone = 'America/New_York';
const week = daysOf('week', '2026-11-26'); // Mon 23 – Sun 29 Nov 2026
const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, startMinute: 540, endMinute: 720 };
const slot = (start: string, end: string) => ({ start, end });

describe('the weekend of a week', () => {
  test('Saturday and Sunday are the weekend', () => {
    expect(week.map(isWeekend)).toEqual([false, false, false, false, false, true, true]);
  });

  test('a weekday schedule with weekday slots shows Monday to Friday', () => {
    const content = { windows: [weekdays], slots: [slot('2026-11-24T14:00:00Z', '2026-11-24T14:30:00Z')], zone };
    expect(weekendInUse(week, content)).toBe(false);
    expect(weekDays(week, content)).toEqual(week.slice(0, 5));
  });

  test('weekend hours, a slot on a Saturday, or Friday hours past midnight show the weekend', () => {
    const saturdayHours = { days: ['sat'] as const, startMinute: 540, endMinute: 720 };
    expect(weekDays(week, { windows: [saturdayHours], slots: [], zone })).toEqual(week);
    // A slot made by hand on Sat 28 Nov, 10:00 New York.
    expect(
      weekDays(week, { windows: [weekdays], slots: [slot('2026-11-28T15:00:00Z', '2026-11-28T15:30:00Z')], zone })
    ).toEqual(week);
    // Fri 27 Nov 23:30 – Sat 00:30: the slot touches Saturday.
    expect(
      weekendInUse(week, { windows: [], slots: [slot('2026-11-28T04:30:00Z', '2026-11-28T05:30:00Z')], zone })
    ).toBe(true);
    const fridayNight = { days: ['fri'] as const, startMinute: 1320, endMinute: 1560 };
    expect(weekendInUse(week, { windows: [fridayNight], slots: [], zone })).toBe(true);
  });

  test('a Saturday slot seen from another zone is on the day it falls on in the schedule’s zone', () => {
    // Sat 28 Nov 03:00 UTC is Fri 27 Nov 22:00 in New York.
    expect(
      weekendInUse(week, { windows: [], slots: [slot('2026-11-28T03:00:00Z', '2026-11-28T03:30:00Z')], zone })
    ).toBe(false);
  });
});
