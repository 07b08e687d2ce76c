/**
 * Demo data for local mode: a small clinic network across time zones, created through the Schedules API so that the
 * Subscriptions run the real bots: practitioners and rooms (./demo/people.ts), schedules across specialties and
 * service types (./demo/schedules.ts), generated slots, hand-made slots and booked appointments with patients
 * (./demo/bookings.ts), booking rules on Dr. Patel's schedule, and the demo user among the scheduling supervisors.
 */
import { getReferenceString } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { createClinik } from '../api/index';
import { SUPERVISORS_IDENTIFIER } from '../core/fhir';
import { bookDemoAppointments, createManualSlots } from './demo/bookings';
import { createDemoPeople } from './demo/people';
import { demoSchedules, MANUAL_SCHEDULE } from './demo/schedules';
import type { LocalMedplum } from './index';

export interface DemoSummary {
  readonly practitioners: number;
  readonly locations: number;
  readonly patients: number;
  readonly schedules: number;
  readonly slots: number;
  readonly appointments: number;
}

/**
 * Loads the demo clinic into a local runtime, relative to `now` (schedules start today and run eight weeks).
 *
 * @example
 * const medplum = createLocalMedplum();
 * await loadDemoData(medplum, Date.now());
 */
export async function loadDemoData(medplum: LocalMedplum, now: number): Promise<DemoSummary> {
  const clinik = createClinik(medplum);
  // The signed-in demo user is a scheduling supervisor: local mode shows the booking rules' overrides too.
  await medplum.createResource({
    resourceType: 'Group',
    type: 'practitioner',
    actual: true,
    name: 'Scheduling supervisors',
    identifier: [{ ...SUPERVISORS_IDENTIFIER }],
    member: [{ entity: { reference: getReferenceString(medplum.getProfile() as Resource) } }],
  });
  const people = await createDemoPeople(medplum);
  const schedules = [];
  for (const input of demoSchedules(people, now)) {
    schedules.push((await clinik.schedules.create(input)).data);
  }
  await medplum.idle();

  await createManualSlots(clinik, schedules[MANUAL_SCHEDULE]?.id as string, now);
  const appointments = await bookDemoAppointments(clinik, schedules.slice(0, 4), people.patients, now);
  await medplum.idle();
  const slots = await medplum.search('Slot', { _count: '0', _total: 'accurate' });
  return {
    practitioners: 6,
    locations: 2,
    patients: people.patients.length,
    schedules: schedules.length,
    slots: slots.total ?? 0,
    appointments,
  };
}
