/**
 * Confirming a hold (`appointments.book({ holdId })`): the hold's own Appointment becomes `booked` (If-Match on it
 * beats a concurrent release of the expired hold), and a one-place slot turns `busy`.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { issue } from '../core/fhir';
import { formatUtc } from '../core/time';
import { HOLD_EXPIRES_EXTENSION_URL, holdExpiry, isHold } from '../engine/appointments/holds';
import { updateConverging } from '../engine/transport/conditional-write';
import { loadBookable, patientOf, releaseSlots } from './booking';
import { call as call_, conflict, refuse } from './errors';
import type { BookInput } from './types';
import { read } from './validation';

/**
 * Confirms the hold `input.holdId` of `input.slotId` for `input.patientId`; a repeated request answers the booking.
 *
 * @example
 * const booked = await confirmHold(medplum, { slotId, patientId, holdId }, Date.now());
 */
export async function confirmHold(medplum: MedplumClient, input: BookInput, at: number): Promise<WithId<Appointment>> {
  const hold = await read(medplum, 'Appointment', input.holdId as string, 'no-cache', 'holdId');
  if (!isHold(hold) || !hold.slot?.some((s) => s.reference === `Slot/${input.slotId}`)) {
    refuse([issue('error', 'invalid', 'holdId', `Appointment/${hold.id} is not a hold of Slot/${input.slotId}.`)]);
  }
  if (patientOf(hold) !== `Patient/${input.patientId}`) {
    refuse([issue('error', 'invalid', 'patientId', `The hold Appointment/${hold.id} is for another patient.`)]);
  }
  if (hold.status === 'booked') {
    return hold; // confirmed already (a repeated request)
  }
  const expiry = holdExpiry(hold);
  if (expiry === undefined || expiry <= at) {
    throw conflict('holdId', `The hold Appointment/${hold.id} expired${expiry ? ` at ${formatUtc(expiry)}` : ''}.`);
  }
  const { slot, capacity } = await loadBookable(medplum, input.slotId, at, { allow: new Set([hold.id]) });
  // The Appointment is the lock: confirming it with If-Match beats a concurrent release of the expired hold.
  const booked = await call_(
    () =>
      updateConverging({ medplum }, hold, (latest): Appointment | undefined => {
        if (latest.status === 'booked') {
          return undefined;
        }
        if (holdExpiry(latest) === undefined) {
          throw conflict('holdId', `The hold Appointment/${hold.id} is ${latest.status}.`);
        }
        return {
          ...latest,
          status: 'booked',
          extension: (latest.extension ?? []).filter((e) => e.url !== HOLD_EXPIRES_EXTENSION_URL),
          ...(input.comment ? { comment: input.comment } : {}),
          ...(input.description ? { description: input.description } : {}),
        };
      }),
    'Appointment',
    hold.id
  );
  if (capacity <= 1) {
    // A group slot's status counts places, which confirming a hold does not change.
    await updateConverging({ medplum }, slot, (latest) =>
      latest.status === 'busy' ? undefined : { ...latest, status: 'busy' }
    ).catch(() => releaseSlots(medplum, booked.id)); // the bot applies `booked` to the slot either way
  }
  return booked;
}
