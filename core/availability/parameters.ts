/**
 * Which of a Schedule's extensions are SchedulingParameters entries, and which of those are schedule-wide rather than
 * scoped to a HealthcareService (a visit type, ./visit-types.ts).
 */
import { SchedulingParametersURI } from '@medplum/core';
import type { Extension, Schedule } from '@medplum/fhirtypes';

/** The sub-extensions of SchedulingParameters; any other is reported as ignored. */
export const KNOWN_PARAMETERS: ReadonlySet<string> = new Set([
  'service',
  'availability',
  'duration',
  'bufferBefore',
  'bufferAfter',
  'alignmentInterval',
  'alignmentOffset',
  'alignmentTimezone',
  'timezone',
  'slotCapacity',
]);

/** Whether an extension is a schedule-wide SchedulingParameters entry (not one scoped to a HealthcareService). */
export function isScheduleWideParameters(ext: Extension): boolean {
  return ext.url === SchedulingParametersURI && !ext.extension?.some((sub) => sub.url === 'service');
}

/**
 * Whether a Schedule's rules may take their zone from its actors (an entry without `timezone`), so that
 * reading them needs the actors loaded.
 *
 * @example
 * const actors = takesZoneFromActors(schedule) ? await loadActors() : [];
 */
export function takesZoneFromActors(schedule: Schedule): boolean {
  return (schedule.extension ?? []).some(
    (ext) => ext.url === SchedulingParametersURI && !ext.extension?.some((sub) => sub.url === 'timezone')
  );
}

/**
 * The ids of the HealthcareServices a Schedule's visit types (service-scoped entries) name, once each.
 *
 * @example
 * const services = await medplum.searchResources('HealthcareService', { _id: serviceIds(schedule).join(',') });
 */
export function serviceIds(schedule: Schedule): string[] {
  const ids = (schedule.extension ?? [])
    .filter((ext) => ext.url === SchedulingParametersURI)
    .flatMap((ext) => ext.extension ?? [])
    .filter((sub) => sub.url === 'service')
    .map((sub) => /^HealthcareService\/([A-Za-z0-9\-.]{1,64})$/.exec(sub.valueReference?.reference ?? '')?.[1])
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}
