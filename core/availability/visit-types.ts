/**
 * Visit types: a Schedule's SchedulingParameters entries scoped to a HealthcareService, each layered as Medplum's
 * own scheduling layers them (the service's own SchedulingParameters, then the Schedule's entry for it), with two
 * fallbacks of this plugin's where Medplum would offer round-the-clock time:
 * - hours: the entry's `availability`, else the service's `availableTime`, else the schedule-wide entry's hours;
 * - zone: the entry's or service's `timezone`, else the schedule-wide zone, else the actors' timezone.
 * The schedule-wide entry's closed periods (holidays, leave) close every visit type too.
 */
import { SchedulingParametersURI, toServiceTypeCodeableConcepts } from '@medplum/core';
import type { Extension, HealthcareService, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { issue } from '../fhir';
import { readAvailability, type Located } from './entry';
import type { VisitType } from './types';
import { readTimeZone } from './zone';

/** Parameters a HealthcareService may not carry for itself (Medplum refuses them there). */
const SCHEDULE_ONLY = new Set(['service', 'availability']);

/** What the visit types layer over: the schedule-wide entry, its zone, the actors and the loaded services. */
export interface VisitTypeContext {
  readonly wide?: Located;
  readonly wideZone?: string;
  readonly actors: readonly Resource[];
  readonly services: readonly HealthcareService[];
}

/**
 * The visit types of the service-scoped `entries`, each problem an issue at its element.
 *
 * @example
 * const types = readVisitTypes(entries, { wide, wideZone: 'Europe/London', actors: [], services }, issues, warnings);
 * types[0].availability.durationMinutes; // 15
 */
export function readVisitTypes(
  entries: readonly Located[],
  context: VisitTypeContext,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): VisitType[] {
  const result: VisitType[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const service = serviceOf(entry, context.services, issues);
    if (!service) {
      continue;
    }
    const reference = `HealthcareService/${service.id}`;
    if (seen.has(reference)) {
      issues.push(issue('error', 'business-rule', entry.path, `${nameOf(service)} has two entries; keep one.`));
      continue;
    }
    seen.add(reference);
    const layered = layer(entry, service, context);
    if (!layered) {
      issues.push(
        issue(
          'error',
          'required',
          entry.path,
          `${nameOf(service)} has no hours: give its entry an "availability", the service an availableTime, or the schedule weekly hours.`
        )
      );
      continue;
    }
    const zone = readTimeZone(layered, entry.path, context.actors, issues, warnings);
    const availability = readAvailability(layered, entry.path, zone ?? undefined, issues, warnings);
    if (availability) {
      const serviceType = toServiceTypeCodeableConcepts({ ...service, id: service.id as string });
      result.push({ service: reference, name: nameOf(service), serviceType, availability });
    }
  }
  return result;
}

/** The loaded HealthcareService an entry names; an issue when it names none, or one that was not found. */
function serviceOf(
  entry: Located,
  services: readonly HealthcareService[],
  issues: OperationOutcomeIssue[]
): HealthcareService | undefined {
  const index = entry.ext.extension?.findIndex((sub) => sub.url === 'service') ?? -1;
  const reference = entry.ext.extension?.[index]?.valueReference?.reference ?? '';
  const where = `${entry.path}.extension[${index}].valueReference`;
  const id = /^HealthcareService\/([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1];
  if (!id) {
    issues.push(issue('error', 'invalid', where, `"${reference}" is not a HealthcareService reference.`));
    return undefined;
  }
  const service = services.find((s) => s.id === id);
  if (!service) {
    issues.push(issue('error', 'not-found', where, `${reference} was not found; a visit type needs its service.`));
  }
  return service;
}

/**
 * One SchedulingParameters extension holding what applies to the visit type: the service's parameters, the entry's
 * over them, hours from the first place that has some, the schedule-wide closed periods and zone. Undefined when no
 * place gives hours.
 */
function layer(entry: Located, service: HealthcareService, context: VisitTypeContext): Extension | undefined {
  const own = entry.ext.extension ?? [];
  const fromService = (service.extension ?? [])
    .filter((ext) => ext.url === SchedulingParametersURI)
    .flatMap((ext) => ext.extension ?? [])
    .filter((sub) => !SCHEDULE_ONLY.has(sub.url) && !own.some((o) => o.url === sub.url));
  const subs = [...own.filter((sub) => sub.url !== 'service' && sub.url !== 'availability'), ...fromService];
  const hours = hoursOf(own, service, context.wide);
  if (!hours) {
    return undefined;
  }
  const zone =
    !subs.some((sub) => sub.url === 'timezone') && context.wideZone
      ? [{ url: 'timezone', valueCode: context.wideZone }]
      : [];
  return { url: SchedulingParametersURI, extension: [...subs, ...zone, hours] };
}

/** The visit type's `availability`: its own, else the service's availableTime, else the schedule-wide hours. */
function hoursOf(
  own: readonly Extension[],
  service: HealthcareService,
  wide: Located | undefined
): Extension | undefined {
  const wideHours = wide?.ext.extension?.filter((sub) => sub.url === 'availability') ?? [];
  const closed = wideHours.flatMap((h) => h.extension ?? []).filter((item) => item.url === 'notAvailableTime');
  const ownHours = own.filter((sub) => sub.url === 'availability');
  if (ownHours.length > 0) {
    return { url: 'availability', extension: [...ownHours.flatMap((h) => h.extension ?? []), ...closed] };
  }
  const serviceTimes = (service.availableTime ?? []).map((time) => ({
    url: 'availableTime',
    extension: [
      ...(time.daysOfWeek ?? []).map((day) => ({ url: 'daysOfWeek', valueCode: day })),
      ...(time.allDay ? [{ url: 'allDay', valueBoolean: true }] : []),
      ...(time.availableStartTime ? [{ url: 'availableStartTime', valueTime: time.availableStartTime }] : []),
      ...(time.availableEndTime ? [{ url: 'availableEndTime', valueTime: time.availableEndTime }] : []),
    ],
  }));
  if (serviceTimes.length > 0) {
    return { url: 'availability', extension: [...serviceTimes, ...closed] };
  }
  return wideHours.length > 0
    ? { url: 'availability', extension: wideHours.flatMap((h) => h.extension ?? []) }
    : undefined;
}

function nameOf(service: HealthcareService): string {
  return service.name?.trim() || `HealthcareService/${service.id}`;
}
