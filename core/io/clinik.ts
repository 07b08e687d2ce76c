/**
 * The seed's Schedules API (`clinik.schedules.create/update/search`, `clinik.slots.create`, …) as a typed client over
 * a MedplumClient. Every call in ../shared/seed/schedules-api.md works verbatim:
 *
 * @example
 * const clinik = createClinik(medplum);
 * const { data: schedule } = await clinik.schedules.create({
 *   actorIds: ['Practitioner/dr_jones'],
 *   specialty: ['Cardiology'],
 *   planningHorizon: { start: '2025-04-01T00:00:00Z', end: '2025-04-30T23:59:59Z' },
 * });
 * await clinik.schedules.update(schedule.id, { active: false, comment: 'On leave' });
 * const { data } = await clinik.schedules.search({ specialty: 'Cardiology', active: true });
 *
 * Bad input is refused with a {@link ClinikError} carrying an OperationOutcome, before anything is written; server
 * errors are passed through as ClinikErrors with the server's outcome.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type {
  Appointment,
  AppointmentParticipant,
  CodeableConcept,
  OperationOutcome,
  OperationOutcomeIssue,
  Resource,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';
import { readScheduleRules } from '../availability';
import { issue, outcome } from '../fhir';
import { withAvailability, type AvailabilityInput } from '../scheduling-parameters';
import { toCodeableConcept, type CodeField, type CodeInput } from '../terminology';
import { parseInstant } from '../time';
import { actorsForZone } from './actors';
import { syncAppointmentSlots } from './appointment-sync';
import { errorOutcome, isNotFoundError, isPreconditionError } from './errors';

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

/** An error from the API: the OperationOutcome says what and where. */
export class ClinikError extends Error {
  constructor(
    readonly outcome: OperationOutcome,
    /** HTTP-like status: 400 bad input, 404 not found, 409 conflict, 412 changed meanwhile, or the server's. */
    readonly status: number
  ) {
    super(outcome.issue.map((i) => i.details?.text ?? i.diagnostics ?? i.code).join('; '));
    this.name = 'ClinikError';
  }
}

export interface PlanningHorizonInput {
  readonly start?: string;
  readonly end?: string;
}

/** `schedules.create` input: the seed's fields, plus availability rules for the slot generator. */
export interface ScheduleCreateInput {
  readonly active?: boolean;
  readonly serviceCategory?: readonly CodeInput[];
  readonly serviceType?: readonly CodeInput[];
  readonly specialty?: readonly CodeInput[];
  /** `ResourceType/id` of each actor: Practitioner, PractitionerRole, Location, Device, HealthcareService, Patient, RelatedPerson. */
  readonly actorIds: readonly string[];
  readonly planningHorizon?: PlanningHorizonInput;
  readonly comment?: string;
  /** Weekly hours, slot length, buffers, exceptions: written as Medplum's SchedulingParameters. */
  readonly availability?: AvailabilityInput;
}

/** `schedules.update` patch: any create field; `availability: null` removes the rules (a manual schedule). */
export type ScheduleUpdateInput = Partial<Omit<ScheduleCreateInput, 'availability'>> & {
  readonly availability?: AvailabilityInput | null;
};

export interface UpdateOptions {
  /** The `meta.versionId` the editor saw: the update fails with 412 if the schedule changed since. */
  readonly version?: string;
}

export interface ScheduleSearchInput {
  readonly specialty?: CodeInput;
  readonly serviceType?: CodeInput;
  readonly serviceCategory?: CodeInput;
  readonly active?: boolean;
  /** `ResourceType/id` of an actor. */
  readonly actorId?: string;
  /** A date (YYYY-MM-DD) or instant the planning horizon must cover. */
  readonly date?: string;
  /** Page size, 1..1000 (default 20). */
  readonly count?: number;
  readonly offset?: number;
  /** A search parameter to sort by, `-` for descending (default `-_lastUpdated`). */
  readonly sort?: string;
}

export interface Page<T> {
  readonly data: T[];
  /** Total matches, when the server counted them. */
  readonly total?: number;
  /** Offset of the next page, when there is one. */
  readonly nextOffset?: number;
}

export interface SlotCreateInput {
  readonly scheduleId: string;
  readonly status?: Slot['status'];
  readonly start: string;
  readonly end: string;
  readonly serviceType?: readonly CodeInput[];
  readonly comment?: string;
}

export interface SlotSearchInput {
  readonly scheduleId?: string;
  readonly status?: Slot['status'];
  /** Slots starting at or after this instant. */
  readonly from?: string;
  /** Slots starting before this instant. */
  readonly to?: string;
  readonly count?: number;
  readonly offset?: number;
}

export interface SlotUpdateInput {
  readonly status?: Slot['status'];
  readonly comment?: string;
}

export interface BookInput {
  readonly slotId: string;
  readonly patientId: string;
  readonly description?: string;
  readonly comment?: string;
  readonly serviceType?: readonly CodeInput[];
}

/** The client. */
export interface Clinik {
  readonly schedules: {
    create(input: ScheduleCreateInput): Promise<{ data: WithId<Schedule> }>;
    update(id: string, patch: ScheduleUpdateInput, options?: UpdateOptions): Promise<{ data: WithId<Schedule> }>;
    get(id: string): Promise<{ data: WithId<Schedule> }>;
    search(criteria?: ScheduleSearchInput): Promise<Page<WithId<Schedule>>>;
  };
  readonly slots: {
    create(input: SlotCreateInput): Promise<{ data: WithId<Slot> }>;
    search(criteria?: SlotSearchInput): Promise<Page<WithId<Slot>>>;
    update(id: string, patch: SlotUpdateInput, options?: UpdateOptions): Promise<{ data: WithId<Slot> }>;
  };
  readonly appointments: {
    book(input: BookInput): Promise<{ data: WithId<Appointment> }>;
    cancel(id: string, reason: string): Promise<{ data: WithId<Appointment> }>;
  };
}

const SLOT_STATUSES: readonly Slot['status'][] = [
  'free',
  'busy',
  'busy-unavailable',
  'busy-tentative',
  'entered-in-error',
];
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** The id part of a reference the API accepts: FHIR ids, plus the underscores the seed's examples use (dr_smith). */
const REFERENCE_ID = /^[A-Za-z0-9\-._]{1,64}$/;

/**
 * Creates the API client over a MedplumClient (a signed-in client, or the local runtime's).
 *
 * @example
 * const clinik = createClinik(medplum);
 */
export function createClinik(medplum: MedplumClient): Clinik {
  return {
    schedules: {
      async create(input) {
        const schedule = await buildSchedule(
          medplum,
          { resourceType: 'Schedule', active: true, actor: [] },
          input,
          'create'
        );
        return { data: await call(() => medplum.createResource(schedule)) };
      },
      async update(id, patch, options = {}) {
        const current = await read(medplum, 'Schedule', id);
        if (options.version && current.meta?.versionId !== options.version) {
          throw changedMeanwhile('Schedule', id);
        }
        const schedule = await buildSchedule(medplum, current, patch, 'update');
        return {
          data: await call(
            () => medplum.updateResource(schedule, ifMatch(options.version ?? current.meta?.versionId)),
            'Schedule',
            id
          ),
        };
      },
      async get(id) {
        return { data: await read(medplum, 'Schedule', id) };
      },
      async search(criteria = {}) {
        const params = scheduleSearchParams(criteria);
        const result = page(await call(() => medplum.search('Schedule', params, { cache: 'no-cache' })), criteria);
        if (criteria.date === undefined) {
          return result;
        }
        const day =
          criteria.date.length === 10 ? Date.parse(`${criteria.date}T00:00:00Z`) : (parseInstant(criteria.date) ?? 0);
        const covers = (s: Schedule): boolean => {
          const end = s.planningHorizon?.end;
          return end === undefined || (parseInstant(end) ?? Date.parse(end)) >= day;
        };
        // The server's total counts before that last filter: leave it out rather than report a wrong number.
        const { total: _total, ...rest } = result;
        return { ...rest, data: result.data.filter(covers) };
      },
    },
    slots: {
      async create(input) {
        const issues: OperationOutcomeIssue[] = [];
        const start = parseInstant(input.start);
        const end = parseInstant(input.end);
        if (start === undefined) {
          issues.push(issue('error', 'invalid', 'start', `"${input.start}" is not an instant with an offset.`));
        }
        if (end === undefined) {
          issues.push(issue('error', 'invalid', 'end', `"${input.end}" is not an instant with an offset.`));
        }
        if (start !== undefined && end !== undefined && end <= start) {
          issues.push(issue('error', 'invalid', 'end', 'The slot ends before it starts.'));
        }
        const status = input.status ?? 'free';
        if (!SLOT_STATUSES.includes(status)) {
          issues.push(
            issue('error', 'code-invalid', 'status', `"${status}" is not a slot status (${SLOT_STATUSES.join(', ')}).`)
          );
        }
        if (!input.scheduleId || !FHIR_ID.test(input.scheduleId)) {
          issues.push(issue('error', 'invalid', 'scheduleId', `"${input.scheduleId ?? ''}" is not a schedule id.`));
        }
        const serviceType = codes('serviceType', input.serviceType, issues);
        refuse(issues);
        // The schedule's codes are copied onto the slot; the client's cache spares a read per slot in a loop.
        const schedule = await read(medplum, 'Schedule', input.scheduleId, 'default');
        const slot: Slot = {
          resourceType: 'Slot',
          schedule: { reference: `Schedule/${schedule.id}` },
          status,
          start: input.start,
          end: input.end,
          ...(serviceType ? { serviceType } : schedule.serviceType ? { serviceType: schedule.serviceType } : {}),
          ...(schedule.specialty ? { specialty: schedule.specialty } : {}),
          ...(input.comment ? { comment: input.comment } : {}),
        };
        return { data: await call(() => medplum.createResource(slot)) };
      },
      async search(criteria = {}) {
        const params = new URLSearchParams();
        if (criteria.scheduleId) {
          params.append('schedule', `Schedule/${criteria.scheduleId}`);
        }
        if (criteria.status) {
          params.append('status', criteria.status);
        }
        if (criteria.from) {
          params.append('start', `ge${criteria.from}`);
        }
        if (criteria.to) {
          params.append('start', `lt${criteria.to}`);
        }
        params.append('_sort', 'start');
        pageParams(params, criteria);
        return page(await call(() => medplum.search('Slot', params, { cache: 'no-cache' })), criteria);
      },
      async update(id, patch, options = {}) {
        const current = await read(medplum, 'Slot', id);
        if (options.version && current.meta?.versionId !== options.version) {
          throw changedMeanwhile('Slot', id);
        }
        if (patch.status && !SLOT_STATUSES.includes(patch.status)) {
          refuse([issue('error', 'code-invalid', 'status', `"${patch.status}" is not a slot status.`)]);
        }
        if (
          patch.status &&
          patch.status !== current.status &&
          (current.status === 'busy' || current.status === 'busy-tentative')
        ) {
          const holders = await medplum.searchResources('Appointment', { slot: `Slot/${id}` }, { cache: 'no-cache' });
          const active = holders.filter((a) => !['cancelled', 'noshow', 'entered-in-error'].includes(a.status));
          if (active.length > 0) {
            throw new ClinikError(
              outcome([
                issue(
                  'error',
                  'conflict',
                  'status',
                  `Slot/${id} is held by ${active.map((a) => `Appointment/${a.id}`).join(', ')}; cancel the appointment instead.`
                ),
              ]),
              409
            );
          }
        }
        const updated: Slot = {
          ...current,
          ...(patch.status ? { status: patch.status } : {}),
          ...(patch.comment !== undefined ? { comment: patch.comment } : {}),
        };
        return {
          data: await call(
            () => medplum.updateResource(updated, ifMatch(options.version ?? current.meta?.versionId)),
            'Slot',
            id
          ),
        };
      },
    },
    appointments: {
      async book(input) {
        const issues: OperationOutcomeIssue[] = [];
        if (!input.slotId || !FHIR_ID.test(input.slotId)) {
          issues.push(issue('error', 'invalid', 'slotId', `"${input.slotId ?? ''}" is not a slot id.`));
        }
        if (!input.patientId || !REFERENCE_ID.test(input.patientId)) {
          issues.push(issue('error', 'invalid', 'patientId', `"${input.patientId ?? ''}" is not a patient id.`));
        }
        const serviceType = codes('serviceType', input.serviceType, issues);
        refuse(issues);
        const slot = await read(medplum, 'Slot', input.slotId);
        if (slot.status !== 'free') {
          throw new ClinikError(
            outcome([issue('error', 'conflict', 'slotId', `Slot/${slot.id} is ${slot.status}, not free.`)]),
            409
          );
        }
        // Taking the slot with If-Match is the race guard: of two concurrent bookings exactly one succeeds.
        let taken: WithId<Slot>;
        try {
          taken = await medplum.updateResource({ ...slot, status: 'busy' }, ifMatch(slot.meta?.versionId));
        } catch (err) {
          if (isPreconditionError(err)) {
            throw new ClinikError(
              outcome([issue('error', 'conflict', 'slotId', `Slot/${slot.id} was just booked by someone else.`)]),
              409
            );
          }
          throw fromServer(err);
        }
        const schedule = await read(medplum, 'Schedule', slot.schedule.reference?.replace(/^Schedule\//, '') ?? '');
        const participant: AppointmentParticipant[] = [
          { actor: { reference: `Patient/${input.patientId}` }, status: 'accepted', required: 'required' },
          ...(schedule.actor ?? []).map((actor): AppointmentParticipant => ({
            actor,
            status: 'accepted',
            required: 'required',
          })),
        ];
        const appointment: Appointment = {
          resourceType: 'Appointment',
          status: 'booked',
          start: slot.start,
          end: slot.end,
          slot: [{ reference: `Slot/${slot.id}` }],
          participant,
          ...(serviceType ? { serviceType } : schedule.serviceType ? { serviceType: schedule.serviceType } : {}),
          ...(schedule.specialty ? { specialty: schedule.specialty } : {}),
          ...(input.description ? { description: input.description } : {}),
          ...(input.comment ? { comment: input.comment } : {}),
        };
        try {
          return { data: await medplum.createResource(appointment) };
        } catch (err) {
          // Give the slot back: nothing is left half-booked.
          await medplum
            .updateResource({ ...taken, status: 'free' }, ifMatch(taken.meta?.versionId))
            .catch(() => undefined);
          throw fromServer(err);
        }
      },
      async cancel(id, reason) {
        if (!reason?.trim()) {
          refuse([issue('error', 'required', 'reason', 'A cancellation reason is required.')]);
        }
        const current = await read(medplum, 'Appointment', id);
        if (current.status === 'cancelled') {
          return { data: current };
        }
        if (current.status === 'fulfilled' || current.status === 'entered-in-error') {
          throw new ClinikError(
            outcome([
              issue(
                'error',
                'business-rule',
                'status',
                `Appointment/${id} is ${current.status}; it cannot be cancelled.`
              ),
            ]),
            409
          );
        }
        const cancelled = await call(
          () =>
            medplum.updateResource(
              { ...current, status: 'cancelled', cancelationReason: { text: reason.trim() } },
              ifMatch(current.meta?.versionId)
            ),
          'Appointment',
          id
        );
        // Release its slots now, exactly as the appointment bot does (both are idempotent).
        await syncAppointmentSlots(medplum, id);
        return { data: cancelled };
      },
    },
  };
}

async function buildSchedule(
  medplum: MedplumClient,
  base: Schedule,
  input: ScheduleUpdateInput,
  mode: 'create' | 'update'
): Promise<Schedule> {
  const issues: OperationOutcomeIssue[] = [];
  let schedule: Schedule = { ...base };
  if (input.active !== undefined) {
    if (typeof input.active !== 'boolean') {
      issues.push(issue('error', 'invalid', 'active', '"active" must be true or false.'));
    }
    schedule.active = input.active;
  }
  if (mode === 'create' || input.actorIds !== undefined) {
    schedule.actor = actors(input.actorIds, issues);
  }
  for (const field of ['serviceCategory', 'serviceType', 'specialty'] as const) {
    if (input[field] !== undefined) {
      const concepts = codes(field, input[field], issues);
      if (concepts) {
        schedule[field] = concepts;
      } else {
        delete schedule[field];
      }
    }
  }
  if (input.planningHorizon !== undefined) {
    const { start, end } = input.planningHorizon ?? {};
    schedule.planningHorizon = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
  }
  if (input.comment !== undefined) {
    schedule.comment = input.comment;
  }
  if (input.availability !== undefined) {
    schedule = withAvailability(schedule, input.availability ?? undefined);
  }
  // The rules (horizon, availability) are checked by the same reader the slot generator uses.
  // Rules without a `timezone` take the actors' zone: read the actors then, whether or not this change touched the rules.
  const loadedActors = await actorsForZone(medplum, schedule);
  const rules = readScheduleRules({ ...schedule, id: schedule.id ?? 'new' }, { actors: loadedActors });
  if (!rules.ok) {
    issues.push(...rules.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal'));
  }
  refuse(issues);
  return schedule;
}

function actors(ids: readonly string[] | undefined, issues: OperationOutcomeIssue[]): Schedule['actor'] {
  if (!Array.isArray(ids) || ids.length === 0) {
    issues.push(
      issue('error', 'required', 'actorIds', 'A schedule needs at least one actor (for example Practitioner/dr_smith).')
    );
    return [];
  }
  return ids.map((id, i) => {
    const [type, rest, extra] = typeof id === 'string' ? id.split('/') : [];
    if (!type || !rest || extra !== undefined || !REFERENCE_ID.test(rest)) {
      issues.push(
        issue('error', 'invalid', `actorIds[${i}]`, `"${String(id)}" is not a reference of the form ResourceType/id.`)
      );
    } else if (!(ACTOR_TYPES as readonly string[]).includes(type)) {
      issues.push(
        issue(
          'error',
          'invalid',
          `actorIds[${i}]`,
          `A ${type} cannot be a schedule actor (allowed: ${ACTOR_TYPES.join(', ')}).`
        )
      );
    }
    return { reference: String(id) } as Schedule['actor'][number];
  });
}

function codes(
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

function scheduleSearchParams(criteria: ScheduleSearchInput): URLSearchParams {
  const params = new URLSearchParams();
  const issues: OperationOutcomeIssue[] = [];
  for (const field of ['specialty', 'serviceType', 'serviceCategory'] as const) {
    const value = criteria[field];
    if (value === undefined) {
      continue;
    }
    const name =
      field === 'serviceType' ? 'service-type' : field === 'serviceCategory' ? 'service-category' : 'specialty';
    if (typeof value === 'string') {
      // Matches the coding's display or the concept's text: schedules saved with a code or with a plain name.
      params.append(`${name}:text`, value);
    } else {
      const result = toCodeableConcept(field, value, field);
      if (result.issue) {
        issues.push(result.issue);
      } else {
        const coding = result.concept.coding?.[0];
        params.append(name, `${coding?.system}|${coding?.code}`);
      }
    }
  }
  if (criteria.active !== undefined) {
    params.append('active', String(criteria.active));
  }
  if (criteria.actorId !== undefined) {
    const [type, id] = criteria.actorId.split('/');
    if (!type || !id || !(ACTOR_TYPES as readonly string[]).includes(type) || !REFERENCE_ID.test(id)) {
      issues.push(
        issue('error', 'invalid', 'actorId', `"${criteria.actorId}" is not an actor reference (ResourceType/id).`)
      );
    }
    params.append('actor', criteria.actorId);
  }
  if (criteria.date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(criteria.date) && parseInstant(criteria.date) === undefined) {
      issues.push(issue('error', 'invalid', 'date', `"${criteria.date}" is not a date (YYYY-MM-DD) or an instant.`));
    }
    // The planning horizon covers the date. Medplum indexes a Period by one of its ends for `Schedule.date`, so the
    // server filters "starts on or before the date" and the client keeps those that end on or after it.
    params.append('date', `le${criteria.date}`);
  }
  params.append('_sort', criteria.sort ?? '-_lastUpdated');
  pageParams(params, criteria, issues);
  refuse(issues);
  return params;
}

function pageParams(
  params: URLSearchParams,
  criteria: { count?: number; offset?: number },
  issues: OperationOutcomeIssue[] = []
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
  params.append('_total', 'accurate');
  if (offset > 0) {
    params.append('_offset', String(offset));
  }
}

function page<T extends Resource>(
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

function refuse(issues: readonly OperationOutcomeIssue[]): void {
  if (issues.length > 0) {
    throw new ClinikError(outcome(issues), 400);
  }
}

function ifMatch(version: string | undefined): { headers: Record<string, string> } | undefined {
  return version ? { headers: { 'If-Match': `W/"${version}"` } } : undefined;
}

function changedMeanwhile(type: string, id: string): ClinikError {
  return new ClinikError(
    outcome([
      issue(
        'error',
        'conflict',
        undefined,
        `${type}/${id} was changed by someone else; reload it and apply your change again.`
      ),
    ]),
    412
  );
}

async function read<K extends 'Schedule' | 'Slot' | 'Appointment'>(
  medplum: MedplumClient,
  type: K,
  id: string,
  cache: RequestCache = 'no-cache'
) {
  if (!id || !FHIR_ID.test(id)) {
    throw new ClinikError(outcome([issue('error', 'invalid', 'id', `"${id}" is not a ${type} id.`)]), 400);
  }
  return call(() => medplum.readResource(type, id, { cache }), type, id);
}

async function call<T>(fn: () => Promise<T>, type?: string, id?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (type && id && isNotFoundError(err)) {
      throw new ClinikError(outcome([issue('error', 'not-found', undefined, `${type}/${id} was not found.`)]), 404);
    }
    if (type && id && isPreconditionError(err)) {
      throw changedMeanwhile(type, id);
    }
    throw fromServer(err);
  }
}

function fromServer(err: unknown): ClinikError {
  if (err instanceof ClinikError) {
    return err;
  }
  const serverOutcome = errorOutcome(err);
  return new ClinikError(
    serverOutcome ??
      outcome([issue('error', 'exception', undefined, err instanceof Error ? err.message : String(err))]),
    statusOf(serverOutcome)
  );
}

function statusOf(result: OperationOutcome | undefined): number {
  switch (result?.issue?.[0]?.code) {
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'forbidden':
    case 'security':
      return 403;
    case 'invalid':
    case 'required':
    case 'value':
      return 400;
    case 'throttled':
      return 429;
    default:
      return 500;
  }
}
