/**
 * `clinik.slots.find`: free slots of active schedules in a time range, nearest first, each with its schedule and
 * actors. One chained search per page (`schedule:Schedule.active=true`, the schedule's codes and actor, `_sort=start`,
 * `_include` of the schedule and its actors) and one search for the actors' busy time across all their schedules:
 * a slot overlapping a busy slot of one of its actors (on any schedule) is not offered, nor one its schedule's booking
 * rules would refuse (./rules/find-filter.ts: notice, booking window, a full day or week, each said in `leftOut`).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Bundle, OperationOutcomeIssue, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { capacityOf } from '../core/capacity';
import { issue, visitTypeOf } from '../core/fhir';
import { findActiveAppointments } from '../engine/appointments/lookups';
import { slotInterval } from '../core/slot-diff';
import { formatUtc } from '../core/time';
import { call, refuse } from './errors';
import { busyTimeOfActors, conflictsWith } from './overlaps';
import type { Breach } from '../core/rules/breaches';
import { withinRules } from './rules/find-filter';
import type { FindPage, FoundSlot, SlotFindInput } from './types';
import { checkActorReference, checkId, checkInstant, codeFilter, read } from './validation';

/** Search rounds per call: a page thinned by busy overlaps is topped up at most this many times. */
const MAX_ROUNDS = 5;

/**
 * @example
 * const { data } = await findSlots(medplum, { specialty: 'Cardiology', from, to, count: 10 }, Date.now());
 * data[0].slot.start; data[0].schedule; data[0].actors;
 */
export async function findSlots(medplum: MedplumClient, criteria: SlotFindInput, now: number): Promise<FindPage> {
  const search = findSearch(criteria, now);
  if (!search) {
    return { data: [] };
  }
  const visitType = criteria.healthcareServiceId
    ? await visitTypeFilter(medplum, criteria.healthcareServiceId, search.base)
    : undefined;
  const { base, count, offset } = search;
  const found: { item: FoundSlot; cursor: number }[] = [];
  let cursor = offset;
  let exhausted = false;
  const leftOut = new Map<string, Breach>();
  for (let round = 0; round < MAX_ROUNDS && found.length < count && !exhausted; round++) {
    const params = new URLSearchParams(base);
    params.append('_count', String(count));
    if (cursor > 0) {
      params.append('_offset', String(cursor));
    }
    const bundle = await call(() => medplum.search('Slot', params, { cache: 'no-cache' }));
    const page = readPage(bundle, visitType);
    exhausted = page.slots.length < count;
    const free = await withGroupFill(medplum, await withoutBusyOverlaps(medplum, page));
    const ruled = await withinRules(medplum, [...free.values()], now);
    ruled.leftOut.forEach((b) => leftOut.set(b.text, b));
    const kept = new Map(ruled.kept.map((item) => [item.slot.id, item]));
    page.slots.forEach((slot, i) => {
      const item = kept.get(slot.id);
      if (item) {
        found.push({ item, cursor: cursor + i + 1 });
      }
    });
    cursor += page.slots.length;
  }
  const data = found.slice(0, count);
  const more = found.length > count || !exhausted;
  const next = found.length > count ? (data[data.length - 1] as { cursor: number }).cursor : cursor;
  return {
    data: data.map((f) => f.item),
    ...(more ? { nextOffset: next } : {}),
    ...(leftOut.size > 0 ? { leftOut: [...leftOut.values()] } : {}),
  };
}

/**
 * The checked criteria as the search's fixed parameters, page size and first offset; undefined when the range
 * lies wholly in the past. Bad criteria are refused (400) with one issue each.
 */
function findSearch(
  criteria: SlotFindInput,
  now: number
): { base: URLSearchParams; count: number; offset: number } | undefined {
  const issues: OperationOutcomeIssue[] = [];
  const from = checkInstant('from', criteria?.from, issues);
  const to = checkInstant('to', criteria?.to, issues);
  if (from !== undefined && to !== undefined && to <= from) {
    issues.push(issue('error', 'invalid', 'to', '"to" must be after "from".'));
  }
  const count = criteria?.count ?? 20;
  const offset = criteria?.offset ?? 0;
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    issues.push(issue('error', 'invalid', 'count', 'count must be a whole number from 1 to 100.'));
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) {
    issues.push(issue('error', 'invalid', 'offset', 'offset must be a whole number from 0 to 10000.'));
  }
  const base = new URLSearchParams([['schedule:Schedule.active', 'true']]);
  const chained = [
    ['serviceType', 'service-type'],
    ['specialty', 'specialty'],
  ] as const;
  for (const [field, name] of chained) {
    const value = criteria?.[field];
    const filter = value === undefined ? undefined : codeFilter(field, name, value, issues);
    if (filter) {
      base.append(`schedule:Schedule.${filter[0]}`, filter[1]);
    }
  }
  if (criteria?.healthcareServiceId !== undefined) {
    checkId('healthcareServiceId', criteria.healthcareServiceId, 'HealthcareService', issues);
  }
  if (criteria?.actorId !== undefined) {
    checkActorReference('actorId', criteria.actorId, issues);
    base.append('schedule:Schedule.actor', criteria.actorId);
  }
  refuse(issues);
  const lower = Math.max(from as number, now);
  if (lower >= (to as number)) {
    return undefined;
  }
  base.append('status', 'free');
  base.append('start', `ge${formatUtc(lower)}`);
  base.append('start', `lt${formatUtc(to as number)}`);
  base.append('_sort', 'start');
  base.append('_include', 'Slot:schedule');
  base.append('_include:iterate', 'Schedule:actor');
  return { base, count, offset };
}

interface RawPage {
  readonly slots: WithId<Slot>[];
  readonly schedules: Map<string, WithId<Schedule>>;
  readonly resources: Map<string, WithId<Resource>>;
}

/**
 * Narrows the search to a visit type's slots: by the service's type code where it has one (the server's index),
 * and then (readPage) by the service each slot names. A service that does not exist is refused (404).
 */
async function visitTypeFilter(medplum: MedplumClient, id: string, base: URLSearchParams): Promise<string> {
  const service = await read(medplum, 'HealthcareService', id);
  const coding = service.type?.flatMap((t) => t.coding ?? []).find((c) => c.code);
  if (coding?.code) {
    base.append('service-type', coding.system ? `${coding.system}|${coding.code}` : coding.code);
  }
  return `HealthcareService/${id}`;
}

function readPage(bundle: Bundle, visitType?: string): RawPage {
  const slots: WithId<Slot>[] = [];
  const schedules = new Map<string, WithId<Schedule>>();
  const resources = new Map<string, WithId<Resource>>();
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource as WithId<Resource> | undefined;
    if (!resource?.id) {
      continue;
    }
    if (resource.resourceType === 'Slot' && entry.search?.mode !== 'include') {
      if (!visitType || visitTypeOf(resource)?.reference === visitType) {
        slots.push(resource);
      }
    } else if (resource.resourceType === 'Schedule') {
      schedules.set(`Schedule/${resource.id}`, resource);
    } else {
      resources.set(`${resource.resourceType}/${resource.id}`, resource);
    }
  }
  return { slots, schedules, resources };
}

/** Group slots with the places taken (one search for the page's group slots); a full one is left out. */
async function withGroupFill(medplum: MedplumClient, found: Map<string, FoundSlot>): Promise<Map<string, FoundSlot>> {
  const groups = [...found.values()].filter((f) => capacityOf(f.schedule) > 1);
  if (groups.length === 0) {
    return found;
  }
  const { bySlot } = await findActiveAppointments(
    { medplum },
    groups.map((g) => g.slot)
  );
  for (const item of groups) {
    const fill = { booked: bySlot.get(item.slot.id)?.length ?? 0, capacity: capacityOf(item.schedule) };
    if (fill.booked >= fill.capacity) {
      found.delete(item.slot.id);
    } else {
      found.set(item.slot.id, { ...item, fill });
    }
  }
  return found;
}

/** The page's slots that no busy slot of their actors overlaps, with schedule and actors. */
async function withoutBusyOverlaps(medplum: MedplumClient, page: RawPage): Promise<Map<string, FoundSlot>> {
  const result = new Map<string, FoundSlot>();
  const candidates = page.slots.flatMap((slot) => {
    const schedule = page.schedules.get(slot.schedule.reference ?? '');
    const interval = slotInterval(slot);
    return schedule && interval ? [{ slot, schedule, interval }] : [];
  });
  if (candidates.length === 0) {
    return result;
  }
  const actorsOf = (s: Schedule): string[] => (s.actor ?? []).map((a) => a.reference ?? '').filter(Boolean);
  const busy = await busyTimeOfActors(
    medplum,
    candidates.flatMap((c) => actorsOf(c.schedule)),
    {
      start: Math.min(...candidates.map((c) => c.interval.start)),
      end: Math.max(...candidates.map((c) => c.interval.end)),
    }
  );
  for (const { slot, schedule, interval } of candidates) {
    if (conflictsWith(busy, interval, actorsOf(schedule), new Set([slot.id])).length > 0) {
      continue;
    }
    const actors = actorsOf(schedule)
      .map((ref) => page.resources.get(ref))
      .filter((r): r is WithId<Resource> => r !== undefined);
    result.set(slot.id, { slot, schedule, actors });
  }
  return result;
}
