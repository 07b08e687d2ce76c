/**
 * The demo clinic's schedules, as Schedules API inputs: across specialties, service types and time zones; one
 * multi-actor, one inactive, one with a holiday, one manual (no availability: its slots are made by hand).
 */
import type { ScheduleCreateInput } from '../../api/index';
import { zonedInstant } from '../../core/time';
import type { DemoPeople } from './people';

export const DAY = 86_400_000;

/** The index, in {@link demoSchedules}, of the manual schedule. */
export const MANUAL_SCHEDULE = 5;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

interface Horizon {
  readonly start: string;
  readonly end: string;
}

type Demo = (people: DemoPeople, horizon: Horizon, now: number) => ScheduleCreateInput;

const SCHEDULES: readonly Demo[] = [
  ({ smith, room101 }, horizon) => ({
    actorIds: [`Practitioner/${smith.id}`, `Location/${room101.id}`],
    serviceCategory: ['General Practice'],
    serviceType: ['Consultation', 'Follow-up'],
    specialty: ['Family Medicine'],
    planningHorizon: horizon,
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
  ({ jones }, horizon, now) => ({
    actorIds: [`Practitioner/${jones.id}`],
    serviceType: ['Cardiology'],
    specialty: ['Cardiology'],
    planningHorizon: horizon,
    comment: 'Dr. Jones, cardiology clinic',
    availability: {
      timeZone: 'America/New_York',
      slotMinutes: 45,
      weekly: [{ days: ['tue', 'thu'], start: '08:00', end: '14:00' }],
      closed: [publicHoliday(now)],
    },
  }),
  ({ patel, ultrasound }, horizon) => ({
    actorIds: [`Practitioner/${patel.id}`, `Location/${ultrasound.id}`],
    serviceType: ['Obstetric Ultrasound'],
    specialty: ['Obstetrics'],
    planningHorizon: horizon,
    comment: 'Dr. Patel with the ultrasound room',
    availability: { slotMinutes: 20, weekly: [{ days: ['mon', 'wed', 'fri'], start: '10:00', end: '16:00' }] },
  }),
  ({ nguyen }, horizon) => ({
    actorIds: [`Practitioner/${nguyen.id}`],
    serviceType: ['Dermatology'],
    specialty: ['Dermatology'],
    planningHorizon: horizon,
    comment: 'Dr. Nguyen, Sydney',
    availability: {
      timeZone: 'Australia/Sydney',
      slotMinutes: 30,
      weekly: [{ days: WEEKDAYS, start: '09:00', end: '13:00' }],
    },
  }),
  ({ rao }, horizon) => ({
    actorIds: [`Practitioner/${rao.id}`],
    specialty: ['Pediatric cardiology'],
    planningHorizon: horizon,
    active: false,
    comment: 'Dr. Rao on sabbatical — schedule paused',
    availability: {
      timeZone: 'Asia/Kolkata',
      slotMinutes: 30,
      weekly: [{ days: WEEKDAYS, start: '10:00', end: '12:00' }],
    },
  }),
  ({ room101 }, horizon) => ({
    actorIds: [`Location/${room101.id}`],
    serviceType: ['Walk-in review'],
    planningHorizon: horizon,
    comment: 'Room 101 walk-in slots (made by hand)',
  }),
  // A second cardiologist: the front desk has somewhere to move Dr. Jones's patients.
  ({ brown }, horizon) => ({
    actorIds: [`Practitioner/${brown.id}`],
    serviceType: ['Cardiology'],
    specialty: ['Cardiology'],
    planningHorizon: horizon,
    comment: 'Dr. Brown, cardiology',
    availability: {
      timeZone: 'America/New_York',
      slotMinutes: 30,
      weekly: [{ days: ['mon', 'wed', 'fri'], start: '08:00', end: '12:00' }],
    },
  }),
];

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
  return SCHEDULES.map((demo) => demo(people, horizon, now));
}
