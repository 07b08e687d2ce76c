import { SchedulingParametersURI, TimezoneExtensionURI } from '@medplum/core';
import { availability, BAD_SCHEDULES, dur, good, schedule, tz } from './bad-schedules';
import type { Practitioner } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { readScheduleRules } from '../../core/availability/index';
import { planSlots } from '../../core/slot-plan';

describe('readScheduleRules: bad input', () => {
  test.each(BAD_SCHEDULES)('$name', ({ schedule: input, expressions, message }) => {
    const result = readScheduleRules(input);
    expect(result.ok).toBe(false);
    if (result.ok) {
      return;
    }
    const errors = result.outcome.issue.filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.expression?.[0])).toEqual(expressions);
    for (const error of errors) {
      expect(error.details?.text).toMatch(/\S/);
    }
    if (message) {
      expect(errors[0]?.details?.text).toMatch(message);
    }
  });

  test('a slot count over the cap is refused by the planner with an issue on the horizon', () => {
    const rules = readScheduleRules(schedule(good()));
    expect(rules.ok).toBe(true);
    if (!rules.ok) {
      return;
    }
    const plan = planSlots({ rules: rules.value, now: Date.parse('2025-03-01T00:00:00Z'), limits: { maxSlots: 10 } });
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.outcome.issue[0]?.expression).toEqual(['Schedule.planningHorizon']);
      expect(plan.outcome.issue[0]?.details?.text).toMatch(/more than 10 slots/);
    }
  });
});

describe('readScheduleRules: good input', () => {
  test('reads every parameter', () => {
    const result = readScheduleRules(
      schedule([
        ...good(),
        { url: 'bufferBefore', valueDuration: dur(5) },
        { url: 'bufferAfter', valueDuration: dur(1, 'h') },
        { url: 'alignmentInterval', valueDuration: dur(15) },
        { url: 'alignmentOffset', valueDuration: dur(5) },
      ])
    );
    expect(result.ok && result.value).toEqual({
      scheduleId: 'sch-1',
      active: true,
      horizon: { start: Date.parse('2025-03-01T00:00:00Z'), end: Date.parse('2025-04-01T00:00:00Z') },
      availability: {
        timeZone: 'America/New_York',
        durationMinutes: 30,
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 60,
        alignmentIntervalMinutes: 15,
        alignmentOffsetMinutes: 5,
        windows: [{ days: ['mon'], startMinute: 540, endMinute: 1020 }],
        closed: [],
      },
    });
  });

  test("falls back to the actor's timezone extension", () => {
    const practitioner: Practitioner = {
      resourceType: 'Practitioner',
      id: 'p1',
      extension: [{ url: TimezoneExtensionURI, valueCode: 'Australia/Lord_Howe' }],
    };
    const result = readScheduleRules(schedule(good().slice(1)), { actors: [practitioner] });
    expect(result.ok && result.value.availability?.timeZone).toBe('Australia/Lord_Howe');
  });

  test('an overnight window runs past midnight; date-only horizon bounds are read in the zone', () => {
    const result = readScheduleRules(
      schedule(
        [
          tz('Asia/Kolkata'),
          { url: 'duration', valueDuration: dur(60) },
          availability({
            url: 'availableTime',
            extension: [
              { url: 'daysOfWeek', valueCode: 'fri' },
              { url: 'availableStartTime', valueTime: '22:00:00' },
              { url: 'availableEndTime', valueTime: '02:00:00' },
            ],
          }),
        ],
        { planningHorizon: { start: '2025-03-01', end: '2025-03-31' } }
      )
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.availability?.windows[0]).toEqual({ days: ['fri'], startMinute: 1320, endMinute: 1560 });
      expect(result.value.horizon).toEqual({
        start: Date.parse('2025-03-01T00:00:00+05:30'),
        end: Date.parse('2025-04-01T00:00:00+05:30'), // end of 31 March, local
      });
    }
  });

  test('a manual schedule (no parameters) and service-scoped entries', () => {
    const manual = readScheduleRules({ ...schedule([]), extension: undefined });
    expect(manual.ok && manual.value.availability).toBeUndefined();
    const scoped = readScheduleRules({
      ...schedule([]),
      extension: [
        {
          url: SchedulingParametersURI,
          extension: [{ url: 'service', valueReference: { reference: 'HealthcareService/h1' } }, ...good()],
        },
      ],
    });
    expect(scoped.ok).toBe(true);
    if (scoped.ok) {
      expect(scoped.value.availability).toBeUndefined();
      expect(scoped.warnings[0]?.details?.text).toMatch(/scoped to a HealthcareService/);
    }
  });

  test('inputs are never mutated', () => {
    const input = schedule(good());
    const copy = structuredClone(input);
    readScheduleRules(input);
    expect(input).toEqual(copy);
  });
});
