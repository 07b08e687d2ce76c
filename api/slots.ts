/**
 * `clinik.slots`: create (the seed's loop), search, update, and find (free slots across schedules).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { OperationOutcomeIssue, Slot } from '@medplum/fhirtypes';
import { isBookedSlot, issue } from '../core/fhir';
import { findActiveAppointments } from '../engine/appointments/lookups';
import { updateIfMatch } from '../engine/transport/conditional-write';
import { call, changedMeanwhile, conflict, refuse } from './errors';
import { findSlots } from './find';
import type { Clinik, SlotUpdateInput, UpdateOptions } from './types';
import { checkInstant, codes, FHIR_ID, page, pageParams, read, SLOT_STATUSES } from './validation';

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
