/** The demo clinic's people and places: practitioners and rooms across time zones, patients, and visit types. */
import { TimezoneExtensionURI } from '@medplum/core';
import type { HealthcareService, Location, Patient, Practitioner } from '@medplum/fhirtypes';
import type { LocalMedplum } from '../index';

type Saved<T> = T & { id: string };

export interface DemoPeople {
  readonly smith: Saved<Practitioner>;
  readonly jones: Saved<Practitioner>;
  readonly patel: Saved<Practitioner>;
  readonly nguyen: Saved<Practitioner>;
  readonly rao: Saved<Practitioner>;
  readonly brown: Saved<Practitioner>;
  readonly room101: Saved<Location>;
  readonly ultrasound: Saved<Location>;
  readonly patients: readonly Saved<Patient>[];
  /** Visit types (HealthcareServices): a 15-minute follow-up and a 30-minute new-patient visit. */
  readonly followUp: Saved<HealthcareService>;
  readonly newPatient: Saved<HealthcareService>;
}

const PATIENT_NAMES = [
  ['Homer', 'Simpson'],
  ['Marge', 'Simpson'],
  ['Ada', 'Lovelace'],
  ['Alan', 'Turing'],
  ['Grace', 'Hopper'],
  ['Katherine', 'Johnson'],
] as const;

/**
 * Creates the demo's practitioners, locations, patients and visit types, in that order.
 *
 * @example
 * const { smith, room101, patients } = await createDemoPeople(medplum);
 */
export async function createDemoPeople(medplum: LocalMedplum): Promise<DemoPeople> {
  const practitioner = (given: string, family: string, zone: string): Promise<Saved<Practitioner>> =>
    medplum.createResource<Practitioner>({
      resourceType: 'Practitioner',
      name: [{ prefix: ['Dr.'], given: [given], family }],
      extension: [{ url: TimezoneExtensionURI, valueCode: zone }],
    }) as Promise<Saved<Practitioner>>;
  const location = (name: string, zone: string): Promise<Saved<Location>> =>
    medplum.createResource<Location>({
      resourceType: 'Location',
      name,
      status: 'active',
      extension: [{ url: TimezoneExtensionURI, valueCode: zone }],
    }) as Promise<Saved<Location>>;

  const smith = await practitioner('Alice', 'Smith', 'America/New_York');
  const jones = await practitioner('Bruno', 'Jones', 'America/New_York');
  const patel = await practitioner('Priya', 'Patel', 'Europe/London');
  const nguyen = await practitioner('Linh', 'Nguyen', 'Australia/Sydney');
  const rao = await practitioner('Arjun', 'Rao', 'Asia/Kolkata');
  const brown = await practitioner('Emma', 'Brown', 'America/New_York');
  const room101 = await location('Room 101', 'America/New_York');
  const ultrasound = await location('Ultrasound room 2', 'Europe/London');
  const patients = await Promise.all(
    PATIENT_NAMES.map(
      ([given, family]) =>
        medplum.createResource<Patient>({
          resourceType: 'Patient',
          name: [{ given: [given], family }],
        }) as Promise<Saved<Patient>>
    )
  );
  const service = (code: string, name: string): Promise<Saved<HealthcareService>> =>
    medplum.createResource<HealthcareService>({
      resourceType: 'HealthcareService',
      active: true,
      name,
      type: [{ coding: [{ system: 'https://schedules.clinik.dev/fhir/CodeSystem/demo-visit', code }], text: name }],
    }) as Promise<Saved<HealthcareService>>;
  const followUp = await service('follow-up', 'Follow-up visit');
  const newPatient = await service('new-patient', 'New patient visit');
  return { smith, jones, patel, nguyen, rao, brown, room101, ultrasound, patients, followUp, newPatient };
}
