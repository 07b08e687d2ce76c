/**
 * Input checks shared by every resource of the API: ids, references, codes, instants, paging, and reads that
 * answer with a ClinikError. Each check pushes one issue per problem, with the input field as its `expression`.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type {
  Appointment,
  CodeableConcept,
  HealthcareService,
  OperationOutcomeIssue,
  Patient,
  Resource,
  Schedule,
  ServiceRequest,
  Slot,
  Task,
} from '@medplum/fhirtypes';
import { issue, outcome } from '../core/fhir';
import { toCodeableConcept, type CodeField, type CodeInput } from '../core/terminology';
import { parseInstant } from '../core/time';
import { call, ClinikError, refuse } from './errors';
import type { Page } from './types';
import { searchValue } from '../core/search-values';

/** Resource types a Schedule's actor may be (FHIR R4 Schedule.actor). */
export const ACTOR_TYPES = [
  'Practitioner',
  'PractitionerRole',
  'Location',
  'Device',
  'HealthcareService',
  'Patient',
  'RelatedPerson',
] as const;

export const SLOT_STATUSES: readonly Slot['status'][] = [
  'free',
  'busy',
  'busy-unavailable',
  'busy-tentative',
  'entered-in-error',
];
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** The id part of a reference the API accepts: FHIR ids, plus the underscores the seed's examples use (dr_smith). */
export const REFERENCE_ID = /^[A-Za-z0-9\-._]{1,64}$/;

/** Checks an id field: pushes an issue at `field` when it is not an id. */
export function checkId(field: string, value: unknown, what: string, issues: OperationOutcomeIssue[]): void {
  if (typeof value !== 'string' || !REFERENCE_ID.test(value)) {
    issues.push(issue('error', 'invalid', field, `"${String(value ?? '')}" is not a ${what} id.`));
  }
}

/** Checks an instant field (with an offset); returns its epoch ms. */
export function checkInstant(
  field: string,
  value: string | undefined,
  issues: OperationOutcomeIssue[]
): number | undefined {
  const parsed = value === undefined ? undefined : parseInstant(value);
  if (parsed === undefined) {
    issues.push(issue('error', 'invalid', field, `"${value ?? ''}" is not an instant with an offset.`));
  }
  return parsed;
}

/** Checks an actor reference (`ResourceType/id`). */
export function checkActorReference(field: string, value: string, issues: OperationOutcomeIssue[]): void {
  const [type, rest, extra] = typeof value === 'string' ? value.split('/') : [];
  if (!type || !rest || extra !== undefined || !REFERENCE_ID.test(rest)) {
    issues.push(issue('error', 'invalid', field, `"${String(value)}" is not a reference of the form ResourceType/id.`));
  } else if (!(ACTOR_TYPES as readonly string[]).includes(type)) {
    issues.push(
      issue('error', 'invalid', field, `A ${type} cannot be a schedule actor (allowed: ${ACTOR_TYPES.join(', ')}).`)
    );
  }
}

/** The actor references of a schedule, one issue per bad entry. */
export function actors(ids: readonly string[] | undefined, issues: OperationOutcomeIssue[]): Schedule['actor'] {
  if (!Array.isArray(ids) || ids.length === 0) {
    issues.push(
      issue('error', 'required', 'actorIds', 'A schedule needs at least one actor (for example Practitioner/dr_smith).')
    );
    return [];
  }
  return ids.map((id, i) => {
    checkActorReference(`actorIds[${i}]`, id, issues);
    return { reference: String(id) } as Schedule['actor'][number];
  });
}

/** Plain names or codings as CodeableConcepts, one issue per bad entry. */
export function codes(
  field: CodeField,
  inputs: readonly CodeInput[] | undefined,
  issues: OperationOutcomeIssue[]
): CodeableConcept[] | undefined {
  if (inputs === undefined || inputs.length === 0) {
    return undefined;
  }
  if (!Array.isArray(inputs)) {
    issues.push(issue('error', 'invalid', field, `${field} must be a list.`));
    return undefined;
  }
  const concepts: CodeableConcept[] = [];
  inputs.forEach((input, i) => {
    const result = toCodeableConcept(field, input, `${field}[${i}]`);
    if (result.issue) {
      issues.push(result.issue);
    } else {
      concepts.push(result.concept);
    }
  });
  return concepts;
}

/**
 * A search filter on a code field: `name:text=value` for a plain name (matches the coding's display or the
 * concept's text), `name=system|code` for a coding.
 */
export function codeFilter(
  field: CodeField,
  name: string,
  value: CodeInput,
  issues: OperationOutcomeIssue[]
): [string, string] | undefined {
  if (typeof value === 'string') {
    return [`${name}:text`, searchValue(value)];
  }
  const result = toCodeableConcept(field, value, field);
  if (result.issue) {
    issues.push(result.issue);
    return undefined;
  }
  const coding = result.concept.coding?.[0];
  return [name, `${coding?.system}|${coding?.code}`];
}

/** Appends `_count`, `_total` and `_offset`, checking them. */
export function pageParams(
  params: URLSearchParams,
  criteria: { count?: number; offset?: number },
  issues: OperationOutcomeIssue[] = [],
  total = true
): void {
  const count = criteria.count ?? 20;
  const offset = criteria.offset ?? 0;
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    issues.push(issue('error', 'invalid', 'count', 'count must be a whole number from 1 to 1000.'));
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) {
    issues.push(
      issue(
        'error',
        'invalid',
        'offset',
        'offset must be a whole number from 0 to 10000 (Medplum stops offset paging there).'
      )
    );
  }
  refuse(issues);
  params.append('_count', String(count));
  if (total) {
    params.append('_total', 'accurate');
  }
  if (offset > 0) {
    params.append('_offset', String(offset));
  }
}

/** A search Bundle as a Page. */
export function page<T extends Resource>(
  bundle: { entry?: { resource?: T }[]; total?: number; link?: { relation?: string }[] },
  criteria: { count?: number; offset?: number }
): Page<WithId<T>> {
  const data = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is WithId<T> => r?.id !== undefined);
  const offset = criteria.offset ?? 0;
  const hasNext =
    bundle.link?.some((l) => l.relation === 'next') ||
    (bundle.total !== undefined && offset + data.length < bundle.total);
  return {
    data,
    ...(bundle.total !== undefined ? { total: bundle.total } : {}),
    ...(hasNext && data.length > 0 ? { nextOffset: offset + data.length } : {}),
  };
}

interface Readable {
  Schedule: Schedule;
  Slot: Slot;
  Appointment: Appointment;
  Patient: Patient;
  Task: Task;
  HealthcareService: HealthcareService;
  ServiceRequest: ServiceRequest;
}

/** A fresh read, or a ClinikError: 400 for a malformed id (at `field`), 404 when it does not exist. */
export async function read<K extends keyof Readable>(
  medplum: MedplumClient,
  type: K,
  id: string,
  cache: RequestCache = 'no-cache',
  field = 'id'
): Promise<WithId<Readable[K]>> {
  if (!id || !FHIR_ID.test(id)) {
    throw new ClinikError(outcome([issue('error', 'invalid', field, `"${id}" is not a ${type} id.`)]), 400);
  }
  try {
    return (await call(() => medplum.readResource(type, id, { cache }), type, id)) as WithId<Readable[K]>;
  } catch (err) {
    if (err instanceof ClinikError && err.status === 404) {
      throw new ClinikError(outcome([issue('error', 'not-found', field, `${type}/${id} was not found.`)]), 404);
    }
    throw err;
  }
}
