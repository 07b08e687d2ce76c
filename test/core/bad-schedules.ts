/**
 * Invalid Schedules, each with the exact issue expressions the core must report. Shared by the core's and the
 * bot's tests (the bot must refuse every one of them without writing).
 */
import { SchedulingParametersURI } from '@medplum/core';
import type { Extension, Schedule } from '@medplum/fhirtypes';

const P = 'Schedule.extension[0]';
export const dur = (value: number, unit = 'min'): Extension['valueDuration'] => ({ value, unit });
const weekdays9to5: Extension = {
  url: 'availableTime',
  extension: [
    { url: 'daysOfWeek', valueCode: 'mon' },
    { url: 'availableStartTime', valueTime: '09:00:00' },
    { url: 'availableEndTime', valueTime: '17:00:00' },
  ],
};

/** A Schedule whose SchedulingParameters holds exactly `subs` (in this order: indices are asserted). */
export function schedule(subs: Extension[], extra: Partial<Schedule> = {}): Schedule {
  return {
    resourceType: 'Schedule',
    id: 'sch-1',
    actor: [{ reference: 'Practitioner/p1' }],
    planningHorizon: { start: '2025-03-01T00:00:00Z', end: '2025-04-01T00:00:00Z' },
    extension: [{ url: SchedulingParametersURI, extension: subs }],
    ...extra,
  };
}

export const tz = (zone = 'America/New_York'): Extension => ({ url: 'timezone', valueCode: zone });
export const availability = (...items: Extension[]): Extension => ({ url: 'availability', extension: items });
export const good = (): Extension[] => [tz(), { url: 'duration', valueDuration: dur(30) }, availability(weekdays9to5)];

export interface BadCase {
  name: string;
  schedule: Schedule;
  expressions: string[];
  message?: RegExp;
}

export const BAD_SCHEDULES: BadCase[] = [
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
