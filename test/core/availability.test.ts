import { SchedulingParametersURI, TimezoneExtensionURI } from '@medplum/core';
import type { Extension, Practitioner, Schedule } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { readScheduleRules } from '../../core/availability';
import { planSlots } from '../../core/slot-plan';

const P = 'Schedule.extension[0]';
const dur = (value: number, unit = 'min'): Extension['valueDuration'] => ({ value, unit });
const weekdays9to5: Extension = {
  url: 'availableTime',
  extension: [
    { url: 'daysOfWeek', valueCode: 'mon' },
    { url: 'availableStartTime', valueTime: '09:00:00' },
    { url: 'availableEndTime', valueTime: '17:00:00' },
  ],
};

/** A Schedule whose SchedulingParameters holds exactly `subs` (in this order: indices are asserted). */
function schedule(subs: Extension[], extra: Partial<Schedule> = {}): Schedule {
  return {
    resourceType: 'Schedule',
    id: 'sch-1',
    actor: [{ reference: 'Practitioner/p1' }],
    planningHorizon: { start: '2025-03-01T00:00:00Z', end: '2025-04-01T00:00:00Z' },
    extension: [{ url: SchedulingParametersURI, extension: subs }],
    ...extra,
  };
}

const tz = (zone = 'America/New_York'): Extension => ({ url: 'timezone', valueCode: zone });
const availability = (...items: Extension[]): Extension => ({ url: 'availability', extension: items });
const good = (): Extension[] => [tz(), { url: 'duration', valueDuration: dur(30) }, availability(weekdays9to5)];

interface BadCase {
  name: string;
  schedule: Schedule;
  expressions: string[];
  message?: RegExp;
}

const BAD: BadCase[] = [
  {
    name: 'missing duration',
    schedule: schedule([tz(), availability(weekdays9to5)]),
    expressions: [P],
    message: /Slot duration is missing/,
  },
  {
    name: 'zero duration',
    schedule: schedule([tz(), { url: 'duration', valueDuration: dur(0) }, availability(weekdays9to5)]),
    expressions: [`${P}.extension[1].valueDuration`],
    message: /longer than zero/,
  },
  {
    name: 'negative duration',
    schedule: schedule([tz(), { url: 'duration', valueDuration: dur(-15) }, availability(weekdays9to5)]),
    expressions: [`${P}.extension[1].valueDuration`],
    message: /cannot be negative/,
  },
  {
    name: 'duration in an unsupported unit',
    schedule: schedule([tz(), { url: 'duration', valueDuration: dur(30, 's') }, availability(weekdays9to5)]),
    expressions: [`${P}.extension[1].valueDuration`],
    message: /min, h, d or wk/,
  },
  {
    name: 'duration of a fraction of a minute',
    schedule: schedule([tz(), { url: 'duration', valueDuration: dur(0.5) }, availability(weekdays9to5)]),
    expressions: [`${P}.extension[1].valueDuration`],
    message: /whole number of minutes/,
  },
  {
    name: 'duration that is not a Duration',
    schedule: schedule([tz(), { url: 'duration', valueString: '30' }, availability(weekdays9to5)]),
    expressions: [`${P}.extension[1]`],
  },
  {
    name: 'negative buffer before',
    schedule: schedule([...good(), { url: 'bufferBefore', valueDuration: dur(-5) }]),
    expressions: [`${P}.extension[3].valueDuration`],
  },
  {
    name: 'negative buffer after',
    schedule: schedule([...good(), { url: 'bufferAfter', valueDuration: dur(-5) }]),
    expressions: [`${P}.extension[3].valueDuration`],
  },
  {
    name: 'zero alignment interval',
    schedule: schedule([...good(), { url: 'alignmentInterval', valueDuration: dur(0) }]),
    expressions: [`${P}.extension[3].valueDuration`],
  },
  {
    name: 'alignment offset without interval',
    schedule: schedule([...good(), { url: 'alignmentOffset', valueDuration: dur(5) }]),
    expressions: [`${P}.extension[3]`],
    message: /needs an alignment interval/,
  },
  {
    name: 'alignment offset not shorter than the interval',
    schedule: schedule([
      ...good(),
      { url: 'alignmentInterval', valueDuration: dur(15) },
      { url: 'alignmentOffset', valueDuration: dur(15) },
    ]),
    expressions: [`${P}.extension[4].valueDuration`],
  },
  {
    name: 'unknown day code',
    schedule: schedule([
      tz(),
      { url: 'duration', valueDuration: dur(30) },
      availability({
        url: 'availableTime',
        extension: [
          { url: 'daysOfWeek', valueCode: 'mon' },
          { url: 'daysOfWeek', valueCode: 'funday' },
          { url: 'availableStartTime', valueTime: '09:00:00' },
          { url: 'availableEndTime', valueTime: '17:00:00' },
        ],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[0].extension[1].valueCode`],
    message: /"funday" is not a day of the week/,
  },
  {
    name: 'no day of the week',
    schedule: schedule([
      tz(),
      { url: 'duration', valueDuration: dur(30) },
      availability({ url: 'availableTime', extension: [{ url: 'allDay', valueBoolean: true }] }),
    ]),
    expressions: [`${P}.extension[2].extension[0]`],
  },
  {
    name: 'end equal to start (not meant as 24 h)',
    schedule: schedule([
      tz(),
      { url: 'duration', valueDuration: dur(30) },
      availability({
        url: 'availableTime',
        extension: [
          { url: 'daysOfWeek', valueCode: 'tue' },
          { url: 'availableStartTime', valueTime: '09:00:00' },
          { url: 'availableEndTime', valueTime: '09:00:00' },
        ],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[0].extension[1]`],
    message: /use allDay/,
  },
  {
    name: 'start without end',
    schedule: schedule([
      tz(),
      { url: 'duration', valueDuration: dur(30) },
      availability({
        url: 'availableTime',
        extension: [
          { url: 'daysOfWeek', valueCode: 'tue' },
          { url: 'availableStartTime', valueTime: '09:00:00' },
        ],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[0]`],
  },
  {
    name: 'malformed time',
    schedule: schedule([
      tz(),
      { url: 'duration', valueDuration: dur(30) },
      availability({
        url: 'availableTime',
        extension: [
          { url: 'daysOfWeek', valueCode: 'tue' },
          { url: 'availableStartTime', valueTime: '9am' },
          { url: 'availableEndTime', valueTime: '17:00:00' },
        ],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[0].extension[1].valueTime`],
  },
  {
    name: 'all day with times as well',
    schedule: schedule([
      tz(),
      { url: 'duration', valueDuration: dur(30) },
      availability({
        url: 'availableTime',
        extension: [
          { url: 'daysOfWeek', valueCode: 'tue' },
          { url: 'allDay', valueBoolean: true },
          { url: 'availableStartTime', valueTime: '09:00:00' },
        ],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[0]`],
  },
  {
    name: 'unknown IANA zone',
    schedule: schedule([tz('America/Gotham'), { url: 'duration', valueDuration: dur(30) }, availability(weekdays9to5)]),
    expressions: [`${P}.extension[0].valueCode`],
    message: /not a known IANA time zone/,
  },
  {
    name: 'no zone at all',
    schedule: schedule([{ url: 'duration', valueDuration: dur(30) }, availability(weekdays9to5)]),
    expressions: [P],
    message: /No time zone/,
  },
  {
    name: 'no availability',
    schedule: schedule([tz(), { url: 'duration', valueDuration: dur(30) }]),
    expressions: [P],
    message: /No weekly hours/,
  },
  {
    name: 'availability with only exceptions',
    schedule: schedule([
      tz(),
      { url: 'duration', valueDuration: dur(30) },
      availability({
        url: 'notAvailableTime',
        extension: [{ url: 'during', valuePeriod: { start: '2025-03-03T00:00:00Z', end: '2025-03-04T00:00:00Z' } }],
      }),
    ]),
    expressions: [`${P}.extension[2]`],
  },
  {
    name: 'exception without a period',
    schedule: schedule([
      ...good().slice(0, 2),
      availability(weekdays9to5, {
        url: 'notAvailableTime',
        extension: [{ url: 'description', valueString: 'Leave' }],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[1]`],
  },
  {
    name: 'exception ending before it starts',
    schedule: schedule([
      ...good().slice(0, 2),
      availability(weekdays9to5, {
        url: 'notAvailableTime',
        extension: [{ url: 'during', valuePeriod: { start: '2025-03-04T00:00:00Z', end: '2025-03-03T00:00:00Z' } }],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[1].extension[0].valuePeriod.end`],
  },
  {
    name: 'exception without offsets',
    schedule: schedule([
      ...good().slice(0, 2),
      availability(weekdays9to5, {
        url: 'notAvailableTime',
        extension: [{ url: 'during', valuePeriod: { start: '2025-03-03T00:00:00', end: '2025-03-04T00:00:00' } }],
      }),
    ]),
    expressions: [`${P}.extension[2].extension[1].extension[0].valuePeriod`],
  },
  {
    name: 'horizon end before start',
    schedule: schedule(good(), { planningHorizon: { start: '2025-06-30T00:00:00Z', end: '2025-03-01T00:00:00Z' } }),
    expressions: ['Schedule.planningHorizon.end'],
    message: /ends before it starts/,
  },
  {
    name: 'horizon over the cap',
    schedule: schedule(good(), { planningHorizon: { start: '2025-01-01T00:00:00Z', end: '2030-01-01T00:00:00Z' } }),
    expressions: ['Schedule.planningHorizon'],
    message: /limit is 731/,
  },
  {
    name: 'malformed horizon bound',
    schedule: schedule(good(), { planningHorizon: { start: 'next monday', end: '2025-04-01T00:00:00Z' } }),
    expressions: ['Schedule.planningHorizon.start'],
  },
  {
    name: 'two schedule-wide parameter entries',
    schedule: {
      ...schedule(good()),
      extension: [
        { url: SchedulingParametersURI, extension: good() },
        { url: SchedulingParametersURI, extension: good() },
      ],
    },
    expressions: ['Schedule.extension[1]'],
  },
  {
    name: 'several problems at once: one issue each',
    schedule: schedule([tz('Nowhere/Land'), availability(weekdays9to5)], {
      planningHorizon: { start: '2025-06-30T00:00:00Z', end: '2025-03-01T00:00:00Z' },
    }),
    expressions: [`${P}.extension[0].valueCode`, 'Schedule.planningHorizon.end', P],
  },
];

describe('readScheduleRules: bad input', () => {
  test.each(BAD)('$name', ({ schedule: input, expressions, message }) => {
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
