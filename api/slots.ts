/**
 * `clinik.slots`: create (the seed's loop), search, update, and find (free slots across schedules).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { CodeableConcept, OperationOutcomeIssue, Schedule, Slot } from '@medplum/fhirtypes';
import { isBookedSlot, issue, plainServiceTypes, PRODUCT_URI } from '../core/fhir';
import { referenceId } from '../core/references';
import { findActiveAppointments } from '../engine/appointments/lookups';
import { updateIfMatch } from '../engine/transport/conditional-write';
import { nonce } from '../engine/transport/nonce';
import { call, changedMeanwhile, conflict, refuse } from './errors';
import { findSlots } from './find';
import { keepIfFirst, refuseOverlap } from './slot-overlap';
import type { Clinik, SlotSearchInput, SlotUpdateInput, UpdateOptions } from './types';
import { checkId, checkInstant, codes, FHIR_ID, page, pageParams, read, SLOT_STATUSES } from './validation';

/** The `slots` part of the client. */
export function slotsApi(medplum: MedplumClient, now: () => number): Clinik['slots'] {
  return {
    async create(input) {
      const issues: OperationOutcomeIssue[] = [];
      const start = checkInstant('start', input.start, issues);
      const end = checkInstant('end', input.end, issues);
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
      const schedule = await read(medplum, 'Schedule', input.scheduleId, 'default', 'scheduleId');
      const slot: Slot = {
        resourceType: 'Slot',
        schedule: { reference: `Schedule/${schedule.id}` },
        status,
        start: input.start,
        end: input.end,
        ...(serviceType ? { serviceType } : plainOf(schedule)),
        ...(schedule.specialty ? { specialty: schedule.specialty } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
        identifier: [{ system: HAND_SLOT_SYSTEM, value: handKey(schedule.id, start as number, end as number) }],
      };
      await refuseOverlap(medplum, schedule.id, start as number, end as number);
      const created = await createUnique(medplum, slot, start as number, end as number);
      return { data: await keepIfFirst(medplum, created) };
    },
    async search(criteria = {}) {
      return page(
        await call(() => medplum.search('Slot', slotSearchParams(criteria), { cache: 'no-cache' })),
        criteria
      );
    },
    update(id, patch, options = {}) {
      return updateSlot(medplum, id, patch, options);
    },
    find(criteria) {
      return findSlots(medplum, criteria, now());
    },
  };
}

/** A hand edit of a Slot (status, comment), with If-Match; a Slot an Appointment holds is changed by the booking. */
async function updateSlot(
  medplum: MedplumClient,
  id: string,
  patch: SlotUpdateInput,
  options: UpdateOptions
): Promise<{ data: WithId<Slot> }> {
  const current = await read(medplum, 'Slot', id);
  if (options.version && current.meta?.versionId !== options.version) {
    throw changedMeanwhile('Slot', id);
  }
  if (patch.status && !SLOT_STATUSES.includes(patch.status)) {
    refuse([issue('error', 'code-invalid', 'status', `"${patch.status}" is not a slot status.`)]);
  }
  if (patch.status && patch.status !== current.status && isBookedSlot(current)) {
    const { bySlot } = await findActiveAppointments({ medplum }, [current]);
    const active = bySlot.get(id) ?? [];
    if (active.length > 0) {
      const holders = active.map((a) => `Appointment/${a.id}`).join(', ');
      throw conflict('status', `Slot/${id} is held by ${holders}; cancel the appointment instead.`);
    }
  }
  const updated: Slot = {
    ...current,
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.comment !== undefined ? { comment: patch.comment } : {}),
  };
  return { data: await call(() => updateIfMatch({ medplum }, updated, options.version ?? current), 'Slot', id) };
}

/** The search of `slots.search`, every field checked first (a 400 naming the field, before any request). */
function slotSearchParams(criteria: SlotSearchInput): URLSearchParams {
  const issues: OperationOutcomeIssue[] = [];
  const params = new URLSearchParams();
  if (criteria.scheduleId !== undefined) {
    const id = String(criteria.scheduleId).replace(/^Schedule\//, '');
    checkId('scheduleId', id, 'schedule', issues);
    params.append('schedule', `Schedule/${id}`);
  }
  if (criteria.status !== undefined) {
    if (!SLOT_STATUSES.includes(criteria.status)) {
      const known = SLOT_STATUSES.join(', ');
      issues.push(issue('error', 'code-invalid', 'status', `"${criteria.status}" is not one slot status (${known}).`));
    }
    params.append('status', criteria.status);
  }
  const from = dateOrInstant('from', criteria.from, issues);
  const to = dateOrInstant('to', criteria.to, issues);
  if (from !== undefined && to !== undefined && to <= from) {
    issues.push(issue('error', 'invalid', 'to', 'to must be after from.'));
  }
  if (criteria.from !== undefined) {
    params.append('start', `ge${criteria.from}`);
  }
  if (criteria.to !== undefined) {
    params.append('start', `lt${criteria.to}`);
  }
  params.append('_sort', 'start');
  pageParams(params, criteria, issues);
  refuse(issues);
  return params;
}

/** A search bound: a date (YYYY-MM-DD, the start of that day in UTC for the order check) or an instant. */
function dateOrInstant(field: string, value: string | undefined, issues: OperationOutcomeIssue[]): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) {
    return Date.parse(value);
  }
  const before = issues.length;
  const parsed = checkInstant(field, value, issues);
  if (issues.length > before) {
    issues.splice(before, 1, issue('error', 'invalid', field, `"${String(value)}" is not a date or an instant.`));
  }
  return parsed;
}

/** The identifier of a hand-made slot: its schedule and its instants, so that a twin made at once is one create. */
export const HAND_SLOT_SYSTEM = `${PRODUCT_URI}/hand-slot-key`;

function handKey(scheduleId: string, start: number, end: number): string {
  return `${scheduleId}/${new Date(start).toISOString()}/${new Date(end).toISOString()}`;
}

/** Marks the request that made a hand-made slot, so that a conditional create can tell its own slot from a twin. */
const REQUEST_URL = `${PRODUCT_URI}/StructureDefinition/slot-request`;

/**
 * Creates the slot unless its twin exists: a conditional create on its key (If-None-Exist), which Medplum runs as
 * one serializable search-and-create, so two creates of one slot at once make one Slot, and the caller whose
 * request did not make it gets a 409 naming the slot that exists.
 */
async function createUnique(medplum: MedplumClient, slot: Slot, start: number, end: number): Promise<WithId<Slot>> {
  const key = handKey(referenceId(slot.schedule, 'Schedule') ?? '', start, end);
  const query = `identifier=${encodeURIComponent(`${HAND_SLOT_SYSTEM}|${key}`)}`;
  const request = nonce();
  const mine: Slot = { ...slot, extension: [...(slot.extension ?? []), { url: REQUEST_URL, valueString: request }] };
  const created = await call(() => medplum.createResourceIfNoneExist(mine, query));
  if (created.extension?.some((e) => e.url === REQUEST_URL && e.valueString === request)) {
    return created;
  }
  throw conflict('start', `The same slot exists already: Slot/${created.id} (${created.start} – ${created.end}).`);
}

/** A hand-made slot's service types: the schedule's plain ones (a visit type is the generator's, one per slot). */
function plainOf(schedule: Schedule): { serviceType?: CodeableConcept[] } {
  const plain = plainServiceTypes(schedule.serviceType);
  return plain.length > 0 ? { serviceType: plain } : {};
}
