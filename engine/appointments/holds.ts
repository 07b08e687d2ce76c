/**
 * Holds: a slot kept for a patient for a few minutes while the booking is finished (`clinik.appointments.hold`).
 *
 * A hold is a `pending` Appointment tagged {@link HOLD_TAG}, with its expiry as the extension
 * {@link HOLD_EXPIRES_EXTENSION_URL} (`valueInstant`, UTC), and its Slot `busy-tentative`. Confirming it
 * (`book({ holdId })`) makes the Appointment `booked` and removes the expiry. {@link releaseExpiredHolds}, run by the
 * schedule bot every minute, cancels holds past their expiry ("Hold expired") and frees their Slots.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Coding } from '@medplum/fhirtypes';
import { PRODUCT_URI } from '../../core/fhir';
import { parseInstant } from '../../core/time';
import { syncAppointmentSlots } from './sync';
import { send, updateConverging } from '../transport/conditional-write';
import type { Pacer } from '../transport/pacing';
import { MAX_PAGE } from '../transport/search';

/** The extension holding a hold's expiry instant. */
export const HOLD_EXPIRES_EXTENSION_URL = `${PRODUCT_URI}/StructureDefinition/hold-expires`;

/** The tag on every hold Appointment (searchable: `_tag=system|hold`). */
export const HOLD_TAG: Readonly<Coding> = Object.freeze({
  system: `${PRODUCT_URI}/CodeSystem/appointment-origin`,
  code: 'hold',
  display: 'Held for a patient',
});

/** The cancellation reason of an expired hold. */
export const HOLD_EXPIRED_REASON = 'Hold expired';

/** Whether an Appointment is a hold (tagged), whatever its status. */
export function isHold(appointment: Appointment): boolean {
  return appointment.meta?.tag?.some((t) => t.system === HOLD_TAG.system && t.code === HOLD_TAG.code) === true;
}

/** A live or expired hold's expiry (epoch ms), or undefined when the Appointment is not a pending hold. */
export function holdExpiry(appointment: Appointment): number | undefined {
  if (!isHold(appointment) || appointment.status !== 'pending') {
    return undefined;
  }
  const value = appointment.extension?.find((e) => e.url === HOLD_EXPIRES_EXTENSION_URL)?.valueInstant;
  return parseInstant(value);
}

export interface ReleaseSummary {
  /** Holds cancelled by this call. */
  readonly released: string[];
  /** Holds found still live. */
  readonly live: number;
}

/**
 * Cancels every hold whose expiry is at or before `now` and frees its Slots. Safe to run concurrently with itself,
 * with `book({ holdId })` (the Appointment's If-Match decides: a hold confirmed meanwhile stays booked) and with
 * the appointment bot (whichever frees the Slot first, the other finds it done). The cron run passes its pacer:
 * every request, and the freeing of the Slots, then runs within its quota and budget.
 *
 * @example
 * // the schedule bot's per-minute cron run
 * const { released } = await releaseExpiredHolds(medplum, Date.now(), pacer);
 */
export async function releaseExpiredHolds(medplum: MedplumClient, now: number, pacer?: Pacer): Promise<ReleaseSummary> {
  const params = new URLSearchParams([
    ['_tag', `${HOLD_TAG.system}|${HOLD_TAG.code}`],
    ['status', 'pending'],
    ['_count', String(MAX_PAGE)],
  ]);
  const holds = await send({ medplum, pacer }, 'search holds', () =>
    medplum.searchResources('Appointment', params, { cache: 'no-cache' })
  );
  const released: string[] = [];
  let live = 0;
  for (const hold of holds) {
    const expiry = holdExpiry(hold);
    if (expiry === undefined || expiry > now) {
      live++;
      continue;
    }
    if (await releaseHold(medplum, hold, now, pacer)) {
      released.push(hold.id);
    }
  }
  return { released, live };
}

/**
 * Cancels one expired hold (unless it was confirmed or cancelled meanwhile) and frees its Slots. Returns whether
 * the hold is now cancelled. Without a pacer (the API's interactive calls), the freeing gets a pacer of its own.
 */
export async function releaseHold(
  medplum: MedplumClient,
  hold: WithId<Appointment>,
  now: number,
  pacer?: Pacer
): Promise<boolean> {
  const result = await updateConverging({ medplum, pacer }, hold, (latest): Appointment | undefined => {
    const expiry = holdExpiry(latest);
    if (expiry === undefined || expiry > now) {
      return undefined; // confirmed, cancelled or extended meanwhile
    }
    return { ...latest, status: 'cancelled', cancelationReason: { text: HOLD_EXPIRED_REASON } };
  });
  if (result.status !== 'cancelled') {
    return false;
  }
  const options = pacer ? { pacer } : {};
  await syncAppointmentSlots(medplum, result.id, options).catch(() =>
    syncAppointmentSlots(medplum, result.id, options)
  );
  return true;
}
