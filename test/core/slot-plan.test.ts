import { describe, expect, test } from 'vitest';
import { slotKey } from '../../core/fhir';
import { planOf, scheduleWith, slotsFor, slotsOf } from './support';

// Every instant is written with its offset; the comment gives the local wall-clock time.

describe('planSlots: worked examples', () => {
  test('America/New_York, an ordinary weekday', () => {
    expect(
      slotsFor(
        { timeZone: 'America/New_York', slotMinutes: 30, weekly: [{ days: ['mon'], start: '09:00', end: '11:00' }] },
        '2025-03-03T00:00:00-05:00',
        '2025-03-04T00:00:00-05:00'
      )
    ).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T09:30:00-05:00', // 09:00 EST
      '2025-03-03T09:30:00-05:00/2025-03-03T10:00:00-05:00',
      '2025-03-03T10:00:00-05:00/2025-03-03T10:30:00-05:00',
      '2025-03-03T10:30:00-05:00/2025-03-03T11:00:00-05:00', // ends 11:00 EST
    ]);
  });

  test('America/New_York spring-forward: the 02:00 hour does not exist, no slot starts in it', () => {
    expect(
      slotsFor(
        { timeZone: 'America/New_York', slotMinutes: 60, weekly: [{ days: ['sun'], start: '00:00', end: '04:00' }] },
        '2025-03-09T00:00:00-05:00',
        '2025-03-10T00:00:00-04:00'
      )
    ).toEqual([
      '2025-03-09T00:00:00-05:00/2025-03-09T01:00:00-05:00', // 00:00 EST
      '2025-03-09T01:00:00-05:00/2025-03-09T03:00:00-04:00', // 01:00 EST, one real hour, ends 03:00 EDT
      // 02:00 is skipped: the clocks jump from 02:00 EST to 03:00 EDT
      '2025-03-09T03:00:00-04:00/2025-03-09T04:00:00-04:00', // 03:00 EDT
    ]);
  });

  test('America/New_York spring-forward: a window ending inside the gap ends at the transition', () => {
    expect(
      slotsFor(
        { timeZone: 'America/New_York', slotMinutes: 30, weekly: [{ days: ['sun'], start: '01:00', end: '02:30' }] },
        '2025-03-09T00:00:00-05:00',
        '2025-03-10T00:00:00-04:00'
      )
    ).toEqual([
      '2025-03-09T01:00:00-05:00/2025-03-09T01:30:00-05:00', // 01:00 EST
      '2025-03-09T01:30:00-05:00/2025-03-09T03:00:00-04:00', // 01:30 EST, ends at the 03:00 EDT transition
    ]);
  });

  test('America/New_York fall-back: each instant of the repeated hour gets its slot, once', () => {
    expect(
      slotsFor(
        { timeZone: 'America/New_York', slotMinutes: 30, weekly: [{ days: ['sun'], start: '00:00', end: '03:00' }] },
        '2025-11-02T00:00:00-04:00',
        '2025-11-03T00:00:00-05:00'
      )
    ).toEqual([
      '2025-11-02T00:00:00-04:00/2025-11-02T00:30:00-04:00', // 00:00 EDT
      '2025-11-02T00:30:00-04:00/2025-11-02T01:00:00-04:00', // 00:30 EDT
      '2025-11-02T01:00:00-04:00/2025-11-02T01:30:00-04:00', // 01:00 EDT (first time)
      '2025-11-02T01:30:00-04:00/2025-11-02T01:00:00-05:00', // 01:30 EDT, ends 01:00 EST
      '2025-11-02T01:00:00-05:00/2025-11-02T01:30:00-05:00', // 01:00 EST (second time)
      '2025-11-02T01:30:00-05:00/2025-11-02T02:00:00-05:00', // 01:30 EST
      '2025-11-02T02:00:00-05:00/2025-11-02T02:30:00-05:00', // 02:00 EST
      '2025-11-02T02:30:00-05:00/2025-11-02T03:00:00-05:00', // 02:30 EST
    ]);
  });

  test('America/New_York overnight window across spring-forward (Sat 22:00 → Sun 06:00)', () => {
    expect(
      slotsFor(
        { timeZone: 'America/New_York', slotMinutes: 120, weekly: [{ days: ['sat'], start: '22:00', end: '06:00' }] },
        '2025-03-08T00:00:00-05:00',
        '2025-03-10T00:00:00-04:00'
      )
    ).toEqual([
      '2025-03-08T22:00:00-05:00/2025-03-09T00:00:00-05:00', // Sat 22:00 EST
      '2025-03-09T00:00:00-05:00/2025-03-09T03:00:00-04:00', // Sun 00:00 EST, two real hours
      // 02:00 does not exist
      '2025-03-09T04:00:00-04:00/2025-03-09T06:00:00-04:00', // Sun 04:00 EDT, ends with the window
    ]);
  });

  test('America/New_York: a holiday inside a week removes that day only', () => {
    const slots = slotsFor(
      {
        timeZone: 'America/New_York',
        slotMinutes: 60,
        weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' }],
        closed: [{ description: 'Memorial Day', start: '2025-05-26T00:00:00-04:00', end: '2025-05-27T00:00:00-04:00' }],
      },
      '2025-05-25T00:00:00-04:00',
      '2025-06-01T00:00:00-04:00'
    );
    expect(slots).toHaveLength(12); // Tue–Fri × 3
    expect(slots[0]).toBe('2025-05-27T09:00:00-04:00/2025-05-27T10:00:00-04:00'); // Tue 09:00 EDT
    expect(slots.some((s) => s.startsWith('2025-05-26'))).toBe(false);
    expect(slots[11]).toBe('2025-05-30T11:00:00-04:00/2025-05-30T12:00:00-04:00'); // Fri 11:00 EDT
  });

  test('Europe/London overnight window across spring-forward (Sat 22:00 → Sun 06:00)', () => {
    expect(
      slotsFor(
        { timeZone: 'Europe/London', slotMinutes: 120, weekly: [{ days: ['sat'], start: '22:00', end: '06:00' }] },
        '2025-03-29T00:00:00+00:00',
        '2025-03-31T00:00:00+01:00'
      )
    ).toEqual([
      '2025-03-29T22:00:00+00:00/2025-03-30T00:00:00+00:00', // Sat 22:00 GMT
      '2025-03-30T00:00:00+00:00/2025-03-30T03:00:00+01:00', // Sun 00:00 GMT, ends 03:00 BST (two real hours)
      // 02:00 BST would start inside the previous slot
      '2025-03-30T04:00:00+01:00/2025-03-30T06:00:00+01:00', // Sun 04:00 BST
    ]);
  });

  test('Europe/London fall-back: 01:00 happens twice', () => {
    expect(
      slotsFor(
        { timeZone: 'Europe/London', slotMinutes: 60, weekly: [{ days: ['sun'], start: '00:00', end: '03:00' }] },
        '2025-10-26T00:00:00+01:00',
        '2025-10-27T00:00:00+00:00'
      )
    ).toEqual([
      '2025-10-26T00:00:00+01:00/2025-10-26T01:00:00+01:00', // 00:00 BST
      '2025-10-26T01:00:00+01:00/2025-10-26T01:00:00+00:00', // 01:00 BST (first)
      '2025-10-26T01:00:00+00:00/2025-10-26T02:00:00+00:00', // 01:00 GMT (second)
      '2025-10-26T02:00:00+00:00/2025-10-26T03:00:00+00:00', // 02:00 GMT
    ]);
  });

  test('Australia/Sydney (southern DST) spring-forward in October, 24-hour window', () => {
    expect(
      slotsFor(
        { timeZone: 'Australia/Sydney', slotMinutes: 240, weekly: [{ days: ['sun'], allDay: true }] },
        '2025-10-05T00:00:00+10:00',
        '2025-10-06T00:00:00+11:00'
      )
    ).toEqual([
      '2025-10-05T00:00:00+10:00/2025-10-05T05:00:00+11:00', // 00:00 AEST, four real hours
      // 04:00 AEDT would start inside the previous slot
      '2025-10-05T08:00:00+11:00/2025-10-05T12:00:00+11:00', // 08:00 AEDT
      '2025-10-05T12:00:00+11:00/2025-10-05T16:00:00+11:00',
      '2025-10-05T16:00:00+11:00/2025-10-05T20:00:00+11:00',
      '2025-10-05T20:00:00+11:00/2025-10-06T00:00:00+11:00', // 20:00 AEDT, ends at midnight
    ]);
  });

  test('Australia/Sydney fall-back in April: 02:00 happens twice', () => {
    expect(
      slotsFor(
        { timeZone: 'Australia/Sydney', slotMinutes: 60, weekly: [{ days: ['sun'], start: '01:00', end: '04:00' }] },
        '2025-04-06T00:00:00+11:00',
        '2025-04-07T00:00:00+10:00'
      )
    ).toEqual([
      '2025-04-06T01:00:00+11:00/2025-04-06T02:00:00+11:00', // 01:00 AEDT
      '2025-04-06T02:00:00+11:00/2025-04-06T02:00:00+10:00', // 02:00 AEDT (first)
      '2025-04-06T02:00:00+10:00/2025-04-06T03:00:00+10:00', // 02:00 AEST (second)
      '2025-04-06T03:00:00+10:00/2025-04-06T04:00:00+10:00', // 03:00 AEST
    ]);
  });

  test('Australia/Lord_Howe 30-minute spring-forward: the grid stays on the hour', () => {
    expect(
      slotsFor(
        { timeZone: 'Australia/Lord_Howe', slotMinutes: 60, weekly: [{ days: ['sun'], start: '00:00', end: '04:00' }] },
        '2025-10-05T00:00:00+10:30',
        '2025-10-06T00:00:00+11:00'
      )
    ).toEqual([
      '2025-10-05T00:00:00+10:30/2025-10-05T01:00:00+10:30', // 00:00 +10:30
      '2025-10-05T01:00:00+10:30/2025-10-05T02:30:00+11:00', // 01:00, one real hour, ends 02:30 +11:00
      // 02:00 falls in the gap (02:00 → 02:30)
      '2025-10-05T03:00:00+11:00/2025-10-05T04:00:00+11:00', // 03:00 +11:00, not 03:30: no drift
    ]);
  });

  test('Australia/Lord_Howe 30-minute fall-back: 01:30–02:00 repeats', () => {
    expect(
      slotsFor(
        { timeZone: 'Australia/Lord_Howe', slotMinutes: 30, weekly: [{ days: ['sun'], start: '01:00', end: '03:00' }] },
        '2025-04-06T00:00:00+11:00',
        '2025-04-07T00:00:00+10:30'
      )
    ).toEqual([
      '2025-04-06T01:00:00+11:00/2025-04-06T01:30:00+11:00', // 01:00 +11:00
      '2025-04-06T01:30:00+11:00/2025-04-06T01:30:00+10:30', // 01:30 +11:00 (first), ends 01:30 +10:30
      '2025-04-06T01:30:00+10:30/2025-04-06T02:00:00+10:30', // 01:30 +10:30 (second)
      '2025-04-06T02:00:00+10:30/2025-04-06T02:30:00+10:30', // 02:00 +10:30
      '2025-04-06T02:30:00+10:30/2025-04-06T03:00:00+10:30', // 02:30 +10:30
    ]);
  });

  test('Asia/Kolkata half-hour offset with buffers before and after', () => {
    expect(
      slotsFor(
        {
          timeZone: 'Asia/Kolkata',
          slotMinutes: 20,
          bufferBeforeMinutes: 5,
          bufferAfterMinutes: 5,
          weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }],
        },
        '2025-03-03T00:00:00+05:30',
        '2025-03-04T00:00:00+05:30'
      )
    ).toEqual([
      '2025-03-03T09:05:00+05:30/2025-03-03T09:25:00+05:30', // 09:05 IST (buffer 09:00–09:05)
      '2025-03-03T09:35:00+05:30/2025-03-03T09:55:00+05:30', // 09:35 IST (buffers 09:25–09:35)
    ]);
  });

  test('UTC 24-hour window with alignment: 30-minute slots at quarter past each hour', () => {
    const slots = slotsFor(
      {
        timeZone: 'UTC',
        slotMinutes: 30,
        alignmentIntervalMinutes: 60,
        alignmentOffsetMinutes: 15,
        weekly: [{ days: ['wed'], allDay: true }],
      },
      '2025-03-05T00:00:00+00:00',
      '2025-03-06T00:00:00+00:00'
    );
    expect(slots).toHaveLength(24);
    expect(slots[0]).toBe('2025-03-05T00:15:00+00:00/2025-03-05T00:45:00+00:00');
    expect(slots[23]).toBe('2025-03-05T23:15:00+00:00/2025-03-05T23:45:00+00:00');
  });

  test('several windows a day, and a block removes the slot it overlaps', () => {
    const schedule = scheduleWith(
      {
        timeZone: 'UTC',
        slotMinutes: 60,
        weekly: [
          { days: ['thu'], start: '09:00', end: '11:00' },
          { days: ['thu'], start: '14:00', end: '16:00' },
        ],
      },
      { start: '2025-03-06T00:00:00+00:00', end: '2025-03-07T00:00:00+00:00' }
    );
    const blocks = [{ start: Date.parse('2025-03-06T14:30:00+00:00'), end: Date.parse('2025-03-06T14:45:00+00:00') }];
    expect(slotsOf(planOf(schedule, undefined, { blocks }))).toEqual([
      '2025-03-06T09:00:00+00:00/2025-03-06T10:00:00+00:00',
      '2025-03-06T10:00:00+00:00/2025-03-06T11:00:00+00:00',
      '2025-03-06T15:00:00+00:00/2025-03-06T16:00:00+00:00',
    ]);
  });

  test('the window is clipped to now and to the materialization cap; the plan says it is incomplete', () => {
    const schedule = scheduleWith(
      {
        timeZone: 'UTC',
        slotMinutes: 60,
        weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '10:00' }],
      },
      { start: '2025-01-01T00:00:00+00:00', end: '2025-12-31T00:00:00+00:00' }
    );
    const plan = planOf(schedule, '2025-03-05T09:30:00+00:00', { limits: { materializeDays: 7 } });
    expect(plan.complete).toBe(false);
    expect(slotsOf(plan)[0]).toBe('2025-03-06T09:00:00+00:00/2025-03-06T10:00:00+00:00'); // Wed's slot has started
    expect(plan.slots).toHaveLength(4); // Thu, Fri, Mon, Tue: next Wed's 09:00 ends past the cap (09:30)
    expect(plan.slots[0]?.key).toBe(
      slotKey('sch-1', Date.parse('2025-03-06T09:00:00+00:00'), Date.parse('2025-03-06T10:00:00+00:00'))
    );
  });

  test('an inactive or manual schedule plans nothing', () => {
    const weekly = { timeZone: 'UTC', slotMinutes: 60, weekly: [{ days: ['mon' as const], allDay: true }] };
    const horizon = { start: '2025-03-01T00:00:00+00:00', end: '2025-04-01T00:00:00+00:00' };
    expect(planOf(scheduleWith(weekly, horizon, { active: false }), undefined).mode).toBe('inactive');
    expect(planOf(scheduleWith(weekly, horizon, { active: false }), undefined).slots).toEqual([]);
    expect(planOf(scheduleWith(undefined, horizon), undefined).mode).toBe('manual');
  });
});
