/**
 * `clinik.schedules`: create, update (partial, with If-Match), get and search.
 */
import type { MedplumClient } from '@medplum/core';
import type { OperationOutcomeIssue, Schedule } from '@medplum/fhirtypes';
import { readScheduleRules } from '../core/availability/index';
import { MAX_CAPACITY } from '../core/capacity';
import { issue, plainServiceTypes } from '../core/fhir';
import { withAvailability } from '../core/availability/write';
import { BOOKING_RULES_URL, checkBookingRules, withBookingRules } from '../core/rules/booking-rules';
import { planSizeIssue } from '../core/plan-size';
import { parseInstant } from '../core/time';
import { actorsForZone } from '../engine/sync/actors';
import { servicesOf } from '../engine/sync/services';
import { updateIfMatch } from '../engine/transport/conditional-write';
import { call, changedMeanwhile, refuse } from './errors';
import { type Caller, requireSupervisor } from './rules/override';
import { applyVisitTypes } from './visit-types';
import type { Clinik, ScheduleSearchInput, ScheduleUpdateInput } from './types';
import { actors, checkActorReference, codeFilter, codes, page, pageParams, read } from './validation';

/** The `schedules` part of the client. */
export function schedulesApi(medplum: MedplumClient, now: () => number, caller: () => Caller): Clinik['schedules'] {
  return {
    async create(input) {
      const base: Schedule = { resourceType: 'Schedule', active: true, actor: [] };
      const schedule = await buildSchedule(medplum, base, input, 'create', now());
      await checkRulesChange(medplum, base, schedule, caller());
      return { data: await call(() => medplum.createResource(schedule)) };
    },
    async update(id, patch, options = {}) {
      const current = await read(medplum, 'Schedule', id);
      if (options.version && current.meta?.versionId !== options.version) {
        throw changedMeanwhile('Schedule', id);
      }
      const schedule = await buildSchedule(medplum, current, patch, 'update', now());
      await checkRulesChange(medplum, current, schedule, caller());
      return {
        data: await call(() => updateIfMatch({ medplum }, schedule, options.version ?? current), 'Schedule', id),
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
  };
}

async function buildSchedule(
  medplum: MedplumClient,
  base: Schedule,
  input: ScheduleUpdateInput,
  mode: 'create' | 'update',
  at: number
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
      // The services of the schedule's visit types stay listed (Medplum's $find needs them) unless visitTypes says.
      const kept = field === 'serviceType' ? namedServiceTypes(base.serviceType) : [];
      const concepts = [...(codes(field, input[field], issues) ?? []), ...kept];
      if (concepts.length > 0) {
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
    const capacity = input.availability?.capacity;
    if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_CAPACITY)) {
      const text = `capacity is the number of patients a slot takes: a whole number from 1 to ${MAX_CAPACITY}.`;
      issues.push(issue('error', 'invalid', 'availability.capacity', text));
    }
    schedule = withAvailability(schedule, input.availability ?? undefined);
  }
  if (input.visitTypes !== undefined) {
    schedule = await applyVisitTypes(medplum, schedule, input.visitTypes ?? [], issues);
  }
  if (input.bookingRules !== undefined) {
    checkBookingRules(input.bookingRules ?? {}, issues);
    schedule.extension = withBookingRules(schedule.extension, input.bookingRules ?? {});
    if (schedule.extension.length === 0) {
      delete schedule.extension;
    }
  }
  // The rules (horizon, availability) are checked by the same reader the slot generator uses.
  // Rules without a `timezone` take the actors' zone: read the actors then, whether or not this change touched the rules.
  const loadedActors = await actorsForZone({ medplum }, schedule);
  const services = await call(() => servicesOf({ medplum }, schedule));
  const rules = readScheduleRules({ ...schedule, id: schedule.id ?? 'new' }, { actors: loadedActors, services });
  if (!rules.ok) {
    issues.push(...rules.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal'));
  } else if (issues.length === 0) {
    // The slot cap, with the bots' planner and limits: refused here rather than stored and then refused by the bot.
    const tooMany = planSizeIssue(rules.value, at);
    if (tooMany) {
      issues.push(tooMany);
    }
  }
  refuse(issues);
  return schedule;
}

/** A change of the booking rules is a scheduling supervisor's (403 at `bookingRules` for anyone else). */
async function checkRulesChange(
  medplum: MedplumClient,
  before: Schedule,
  after: Schedule,
  caller: Caller
): Promise<void> {
  const rulesOf = (s: Schedule): string =>
    JSON.stringify(s.extension?.filter((e) => e.url === BOOKING_RULES_URL) ?? []);
  if (rulesOf(before) !== rulesOf(after)) {
    await requireSupervisor(medplum, caller, 'bookingRules', 'Only a scheduling supervisor may change booking rules.');
  }
}

function scheduleSearchParams(criteria: ScheduleSearchInput): URLSearchParams {
  const params = new URLSearchParams();
  const issues: OperationOutcomeIssue[] = [];
  const names = { specialty: 'specialty', serviceType: 'service-type', serviceCategory: 'service-category' } as const;
  for (const field of ['specialty', 'serviceType', 'serviceCategory'] as const) {
    const value = criteria[field];
    const filter = value === undefined ? undefined : codeFilter(field, names[field], value, issues);
    if (filter) {
      params.append(...filter);
    }
  }
  if (criteria.active !== undefined) {
    params.append('active', String(criteria.active));
  }
  if (criteria.actorId !== undefined) {
    const before = issues.length;
    checkActorReference('actorId', criteria.actorId, issues);
    if (issues.length > before) {
      issues.splice(
        before,
        issues.length - before,
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

/** The service types that name a HealthcareService (a visit type's). */
function namedServiceTypes(concepts: Schedule['serviceType']): NonNullable<Schedule['serviceType']> {
  const plain = new Set(plainServiceTypes(concepts));
  return (concepts ?? []).filter((concept) => !plain.has(concept));
}
