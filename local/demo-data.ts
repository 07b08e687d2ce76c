/**
 * Demo data for local mode: a small clinic network across time zones, created through the Schedules API so that the
 * Subscriptions run the real bots: practitioners and rooms, schedules across specialties and service types (one
 * multi-actor, one inactive, one with a holiday, one manual), generated slots, and booked appointments with patients.
 */
import type { Location, Patient, Practitioner } from '@medplum/fhirtypes';
import { TimezoneExtensionURI } from '@medplum/core';
import { createClinik, type ScheduleCreateInput } from '../api/index';
import { formatInstant, zonedInstant } from '../core/time';
import type { LocalMedplum } from './index';

export interface DemoSummary {
  readonly practitioners: number;
  readonly locations: number;
  readonly patients: number;
  readonly schedules: number;
  readonly slots: number;
  readonly appointments: number;
}

const DAY = 86_400_000;

/**
 * Loads the demo clinic into a local runtime, relative to `now` (schedules start today and run eight weeks).
 *
 * @example
 * const medplum = createLocalMedplum();
 * await loadDemoData(medplum, Date.now());
 */
export async function loadDemoData(medplum: LocalMedplum, now: number): Promise<DemoSummary> {
  const clinik = createClinik(medplum);
  const practitioner = (given: string, family: string, zone: string): Promise<Practitioner & { id: string }> =>
    medplum.createResource<Practitioner>({
      resourceType: 'Practitioner',
      name: [{ prefix: ['Dr.'], given: [given], family }],
      extension: [{ url: TimezoneExtensionURI, valueCode: zone }],
    }) as Promise<Practitioner & { id: string }>;
  const location = (name: string, zone: string): Promise<Location & { id: string }> =>
    medplum.createResource<Location>({
      resourceType: 'Location',
      name,
      status: 'active',
      extension: [{ url: TimezoneExtensionURI, valueCode: zone }],
    }) as Promise<Location & { id: string }>;

  const smith = await practitioner('Alice', 'Smith', 'America/New_York');
  const jones = await practitioner('Bruno', 'Jones', 'America/New_York');
  const patel = await practitioner('Priya', 'Patel', 'Europe/London');
  const nguyen = await practitioner('Linh', 'Nguyen', 'Australia/Sydney');
  const rao = await practitioner('Arjun', 'Rao', 'Asia/Kolkata');
  const brown = await practitioner('Emma', 'Brown', 'America/New_York');
  const room101 = await location('Room 101', 'America/New_York');
  const ultrasound = await location('Ultrasound room 2', 'Europe/London');
  const patients = await Promise.all(
    [
      ['Homer', 'Simpson'],
      ['Marge', 'Simpson'],
      ['Ada', 'Lovelace'],
      ['Alan', 'Turing'],
      ['Grace', 'Hopper'],
      ['Katherine', 'Johnson'],
    ].map(
      ([given, family]) =>
        medplum.createResource<Patient>({
          resourceType: 'Patient',
          name: [{ given: [given as string], family }],
        }) as Promise<Patient & { id: string }>
    )
  );

  const start = new Date(now - (now % DAY)).toISOString();
  const end = new Date(now - (now % DAY) + 56 * DAY).toISOString();
  const horizon = { start, end };
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
  // A public holiday nine days from now, midnight to midnight in New York.
  const holidayDate = new Date(now + 9 * DAY).toISOString().slice(0, 10);
  const nextDate = new Date(now + 10 * DAY).toISOString().slice(0, 10);
  const inputs: ScheduleCreateInput[] = [
    {
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
          { days: weekdays, start: '09:00', end: '12:00' },
          { days: ['mon', 'tue', 'wed', 'thu'], start: '13:00', end: '17:00' },
        ],
      },
    },
    {
      actorIds: [`Practitioner/${jones.id}`],
      serviceType: ['Cardiology'],
      specialty: ['Cardiology'],
      planningHorizon: horizon,
      comment: 'Dr. Jones, cardiology clinic',
      availability: {
        timeZone: 'America/New_York',
        slotMinutes: 45,
        weekly: [{ days: ['tue', 'thu'], start: '08:00', end: '14:00' }],
        closed: [
          {
            description: 'Public holiday',
            start: zonedInstant(`${holidayDate}T00:00`, 'America/New_York') as string,
            end: zonedInstant(`${nextDate}T00:00`, 'America/New_York') as string,
          },
        ],
      },
    },
    {
      actorIds: [`Practitioner/${patel.id}`, `Location/${ultrasound.id}`],
      serviceType: ['Obstetric Ultrasound'],
      specialty: ['Obstetrics'],
      planningHorizon: horizon,
      comment: 'Dr. Patel with the ultrasound room',
      availability: { slotMinutes: 20, weekly: [{ days: ['mon', 'wed', 'fri'], start: '10:00', end: '16:00' }] },
    },
    {
      actorIds: [`Practitioner/${nguyen.id}`],
      serviceType: ['Dermatology'],
      specialty: ['Dermatology'],
      planningHorizon: horizon,
      comment: 'Dr. Nguyen, Sydney',
      availability: {
        timeZone: 'Australia/Sydney',
        slotMinutes: 30,
        weekly: [{ days: weekdays, start: '09:00', end: '13:00' }],
      },
    },
    {
      actorIds: [`Practitioner/${rao.id}`],
      specialty: ['Pediatric cardiology'],
      planningHorizon: horizon,
      active: false,
      comment: 'Dr. Rao on sabbatical — schedule paused',
      availability: {
        timeZone: 'Asia/Kolkata',
        slotMinutes: 30,
        weekly: [{ days: weekdays, start: '10:00', end: '12:00' }],
      },
    },
    {
      actorIds: [`Location/${room101.id}`],
      serviceType: ['Walk-in review'],
      planningHorizon: horizon,
      comment: 'Room 101 walk-in slots (made by hand)',
    },
    {
      // A second cardiologist: the front desk has somewhere to move Dr. Jones's patients.
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
    },
  ];
  const schedules = [];
  for (const input of inputs) {
    schedules.push((await clinik.schedules.create(input)).data);
  }
  await medplum.idle();

  // A few hand-made slots on the manual schedule, and bookings on the generated ones.
  const manual = schedules[5];
  for (let d = 1; d <= 3; d++) {
    const day = now - (now % DAY) + d * DAY;
    await clinik.slots.create({
      scheduleId: manual?.id as string,
      start: formatInstant(day + 15 * 3_600_000, 'America/New_York'),
      end: formatInstant(day + 15.5 * 3_600_000, 'America/New_York'),
    });
  }
  let appointments = 0;
  for (const [i, schedule] of schedules.slice(0, 4).entries()) {
    const { data: free } = await clinik.slots.search({ scheduleId: schedule.id, status: 'free', count: 40 });
    for (const [j, slot] of free
      .filter((_, k) => k % 7 === 3)
      .slice(0, 4)
      .entries()) {
      const patient = patients[(i + j) % patients.length] as Patient & { id: string };
      await clinik.appointments.book({ slotId: slot.id, patientId: patient.id, description: 'Demo booking' });
      appointments++;
    }
  }
  await medplum.idle();
  const slots = await medplum.search('Slot', { _count: '0', _total: 'accurate' });
  return {
    practitioners: 6,
    locations: 2,
    patients: patients.length,
    schedules: schedules.length,
    slots: slots.total ?? 0,
    appointments,
  };
}
