import { describe, expect, test } from 'vitest';
import { describeAvailability, describeDays, describeWindow } from '../../core/describe';

describe('availability in words', () => {
  test('days as ranges', () => {
    expect(describeDays(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe('Mon–Fri');
    expect(describeDays(['fri', 'mon', 'wed', 'tue'])).toBe('Mon–Wed, Fri');
    expect(describeDays(['sat', 'sun'])).toBe('Sat, Sun');
    expect(describeDays(['thu'])).toBe('Thu');
  });

  test('windows: hours, all day, past midnight', () => {
    expect(describeWindow({ days: ['mon'], startMinute: 540, endMinute: 1020 })).toBe('Mon 09:00–17:00');
    expect(describeWindow({ days: ['sat'], startMinute: 0, endMinute: 1440 })).toBe('Sat all day');
    expect(describeWindow({ days: ['fri'], startMinute: 1320, endMinute: 1560 })).toBe('Fri 22:00–02:00 (next day)');
  });

  test('the whole availability', () => {
    expect(
      describeAvailability({
        timeZone: 'America/New_York',
        durationMinutes: 30,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 5,
        alignmentOffsetMinutes: 0,
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020 }],
        closed: [{ start: 0, end: 1 }],
      })
    ).toBe('Mon–Fri 09:00–17:00 America/New_York, 30-min slots, 5 min after, 1 closed period');
  });
});
