/**
 * One request for what a booking reads about its slot: the Slot, its Schedule (`_include`) and, when asked, the
 * Appointments that reference it (`_revinclude`). A booking runs under the actors' leases, so every request saved
 * here is time another desk does not wait.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Bundle, Schedule, Slot } from '@medplum/fhirtypes';
import { holdsSlots } from '../core/appointment-status';
import { issue, outcome } from '../core/fhir';
import { referenceId } from '../core/references';
import { call, ClinikError } from './errors';
import { FHIR_ID } from './validation';

export interface SlotRead {
  readonly slot: WithId<Slot>;
  /** The slot's schedule; undefined when it no longer exists. */
  readonly schedule: WithId<Schedule> | undefined;
  /** The Appointments that hold the slot now (only when `holders` was asked for). */
  readonly holders: WithId<Appointment>[];
}

/**
 * Reads a slot with its schedule (and its holders), or a 400/404 ClinikError at `field`.
 *
 * @example
 * const { slot, schedule, holders } = await readSlot(medplum, 'slot-1', 'slotId', { holders: true });
 */
export async function readSlot(
  medplum: MedplumClient,
  slotId: string,
  field: string,
  options: { holders?: boolean } = {}
): Promise<SlotRead> {
  const url = slotReadUrl(slotId, field, options);
  const bundle: Bundle = await call(
    () => medplum.search('Slot', url.split('?')[1], { cache: 'no-cache' }),
    'Slot',
    slotId
  );
  return slotReadFrom(bundle, slotId, field);
}

/**
 * The search that reads a slot with its schedule (and holders), as a relative URL for a batch; a 400 ClinikError
 * at `field` when the id is not one.
 */
export function slotReadUrl(slotId: string, field: string, options: { holders?: boolean } = {}): string {
  if (!slotId || !FHIR_ID.test(slotId)) {
    throw new ClinikError(outcome([issue('error', 'invalid', field, `"${slotId}" is not a Slot id.`)]), 400);
  }
  const params = new URLSearchParams([
    ['_id', slotId],
    ['_include', 'Slot:schedule'],
    ...(options.holders ? [['_revinclude', 'Appointment:slot']] : []),
  ]);
  return `Slot?${params.toString()}`;
}

/** The slot, its schedule and holders from that search's answer, or a 404 ClinikError at `field`. */
export function slotReadFrom(bundle: Bundle, slotId: string, field: string): SlotRead {
  let slot: WithId<Slot> | undefined;
  const schedules = new Map<string, WithId<Schedule>>();
  const holders: WithId<Appointment>[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (resource?.resourceType === 'Slot' && resource.id === slotId) {
      slot = resource as WithId<Slot>;
    } else if (resource?.resourceType === 'Schedule' && resource.id) {
      schedules.set(resource.id, resource as WithId<Schedule>);
    } else if (resource?.resourceType === 'Appointment' && resource.id && holdsSlots(resource.status)) {
      if (resource.slot?.some((ref) => referenceId(ref, 'Slot') === slotId)) {
        holders.push(resource as WithId<Appointment>);
      }
    }
  }
  if (!slot) {
    throw new ClinikError(outcome([issue('error', 'not-found', field, `Slot/${slotId} was not found.`)]), 404);
  }
  return { slot, schedule: schedules.get(referenceId(slot.schedule, 'Schedule') ?? ''), holders };
}
