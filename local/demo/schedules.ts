/**
 * The demo clinic's schedules, as Schedules API inputs: across specialties, service types and time zones; one
 * multi-actor, one inactive, one with a holiday, one manual (no availability: its slots are made by hand), one with two
 * visit types.
 */
import type { DayOfWeek } from '@medplum/core';
import type { ScheduleCreateInput } from '../../api/index';
import type { AvailabilityInput } from '../../core/availability/write';
import { zonedInstant } from '../../core/time';
import type { DemoPeople } from './people';

export const DAY = 86_400_000;

/** The index, in {@link demoSchedules}, of the manual schedule. */
export const MANUAL_SCHEDULE = 5;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** A demo schedule, but for its planning horizon (the same for all). */
type Demo = (people: DemoPeople, now: number) => ScheduleCreateInput;

const SCHEDULES: readonly Demo[] = [
  ({ smith, room101 }) => ({
    actorIds: [`Practitioner/${smith.id}`, `Location/${room101.id}`],
    serviceCategory: ['General Practice'],
    serviceType: ['Consultation', 'Follow-up'],
    specialty: ['Family Medicine'],
    comment: 'Dr. Smith, Monday–Friday, Room 101',
    availability: {
      timeZone: 'America/New_York',
      slotMinutes: 30,
      bufferAfterMinutes: 5,
      weekly: [
        { days: WEEKDAYS, start: '09:00', end: '12:00' },
        { days: ['mon', 'tue', 'wed', 'thu'], start: '13:00', end: '17:00' },
      ],
    },
  }),
  ({ jones }, now) => ({
    actorIds: [`Practitioner/${jones.id}`],
    serviceType: ['Cardiology'],
    specialty: ['Cardiology'],
    comment: 'Dr. Jones, cardiology clinic',
    availability: {
      timeZone: 'America/New_York',
      slotMinutes: 45,
      weekly: [{ days: ['tue', 'thu'], start: '08:00', end: '14:00' }],
      closed: [publicHoliday(now)],
    },
  }),
  ({ patel, ultrasound }) => ({
    actorIds: [`Practitioner/${patel.id}`, `Location/${ultrasound.id}`],
    serviceType: ['Obstetric Ultrasound'],
    specialty: ['Obstetrics'],
    comment: 'Dr. Patel with the ultrasound room',
    availability: { slotMinutes: 20, weekly: [{ days: ['mon', 'wed', 'fri'], start: '10:00', end: '16:00' }] },
    bookingRules: { minimumNoticeMinutes: 120, dailyLimit: 12, changeCutoffMinutes: 24 * 60 },
  }),
  ({ nguyen }) => ({
    actorIds: [`Practitioner/${nguyen.id}`],
    serviceType: ['Dermatology'],
    specialty: ['Dermatology'],
    comment: 'Dr. Nguyen, Sydney',
    availability: halfHours('Australia/Sydney', WEEKDAYS, '09:00', '13:00'),
  }),
  ({ rao }) => ({
    actorIds: [`Practitioner/${rao.id}`],
    specialty: ['Pediatric cardiology'],
    active: false,
    comment: 'Dr. Rao on sabbatical — schedule paused',
    availability: halfHours('Asia/Kolkata', WEEKDAYS, '10:00', '12:00'),
  }),
  ({ room101 }) => ({
    actorIds: [`Location/${room101.id}`],
    serviceType: ['Walk-in review'],
    comment: 'Room 101 walk-in slots (made by hand)',
  }),
  // A second cardiologist: the front desk has somewhere to move Dr. Jones's patients.
  // Two visit types on her hours: a booked new-patient visit takes the time from the follow-ups, and back.
  ({ brown, followUp, newPatient }) => ({
    actorIds: [`Practitioner/${brown.id}`],
    serviceType: ['Cardiology'],
    specialty: ['Cardiology'],
    comment: 'Dr. Brown, cardiology: follow-ups and new patients',
    availability: halfHours('America/New_York', ['mon', 'wed', 'fri'], '08:00', '12:00'),
    visitTypes: [
      { service: `HealthcareService/${followUp.id}`, slotMinutes: 15 },
      { service: `HealthcareService/${newPatient.id}`, slotMinutes: 30, bufferAfterMinutes: 10 },
    ],
  }),
];

/** Half-hour slots on the given days, one opening a day, in a time zone. */
function halfHours(timeZone: string, days: readonly DayOfWeek[], start: string, end: string): AvailabilityInput {
  return { timeZone, slotMinutes: 30, weekly: [{ days, start, end }] };
}

/** A public holiday nine days from now, midnight to midnight in New York. */
function publicHoliday(now: number): { description: string; start: string; end: string } {
  const holidayDate = new Date(now + 9 * DAY).toISOString().slice(0, 10);
  const nextDate = new Date(now + 10 * DAY).toISOString().slice(0, 10);
  return {
    description: 'Public holiday',
    start: zonedInstant(`${holidayDate}T00:00`, 'America/New_York') as string,
    end: zonedInstant(`${nextDate}T00:00`, 'America/New_York') as string,
  };
}

/**
 * The demo schedules relative to `now`: they start today (UTC midnight) and run eight weeks.
 *
 * @example
 * for (const input of demoSchedules(people, Date.now())) await clinik.schedules.create(input);
 */
export function demoSchedules(people: DemoPeople, now: number): ScheduleCreateInput[] {
  const start = new Date(now - (now % DAY)).toISOString();
  const end = new Date(now - (now % DAY) + 56 * DAY).toISOString();
  const horizon = { start, end };
  return SCHEDULES.map((demo) => ({ ...demo(people, now), planningHorizon: horizon }));
}
