/**
 * A "this and following" move made concrete before anything is checked against the calendar: the new slot (its
 * schedule found and active, in the future, not the occurrence's own), the zone of its schedule, the slot shape the
 * later occurrences need (the new slot's visit type and length), the local wall-clock shift (core/series-shift.ts),
 * and the occurrences that move: the chosen one and every later live one of its series, by number.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { holdsSlots } from '../../core/appointment-status';
import { issue } from '../../core/fhir';
import { referenceId } from '../../core/references';
import { type SeriesMembership, seriesOf } from '../../core/series';
import { type WallClockShift, wallClockShift } from '../../core/series-shift';
import { slotInterval } from '../../core/slot-diff';
import { formatInstant } from '../../core/time';
import { patientOf } from '../booking';
import { conflict, notFound, refuse } from '../errors';
import { isMovable } from '../reschedule';
import { scheduleZone } from '../rules/load';
import { readSlot } from '../slot-read';
import { membersOf } from './cancel';
import type { Candidate } from './check';
import { shapeOf, type SlotShape } from './resolve';

/** A checked "this and following" move, ready to be matched against the calendar. */
export interface MoveRequest {
  readonly chosen: WithId<Appointment>;
  readonly seriesId: string;
  /** The patient's id (without `Patient/`). */
  readonly patientId: string;
  /** The new slot, with its schedule and the Appointments holding it. */
  readonly newSlot: Candidate;
  /** The new slot's schedule's zone: where the targets' local times are read. */
  readonly zone: string;
  /** What every later occurrence's slot must be like: the new slot's visit type and length. */
  readonly shape: SlotShape;
  readonly shift: WallClockShift;
  /** The chosen occurrence and every later live one, by number. */
  readonly members: readonly WithId<Appointment>[];
}

/**
 * Resolves a move of `chosen` (occurrence `place` of its series) and its followers to `newSlotId`: a 400 or 404 at
 * `newSlotId` for a slot that cannot be the new time, a 409 for one on an inactive schedule or a booking that
 * cannot move.
 *
 * @example
 * const request = await resolveMove(medplum, appointment, membership(appointment), 'slot-9', now);
 * request.members.length; // the chosen occurrence and every later live one
 */
export async function resolveMove(
  medplum: MedplumClient,
  chosen: WithId<Appointment>,
  place: SeriesMembership,
  newSlotId: string,
  now: number
): Promise<MoveRequest> {
  const oldStart = Date.parse(chosen.start ?? '');
  const patient = patientOf(chosen);
  if (!isMovable(chosen.status) || !patient || !Number.isFinite(oldStart)) {
    const why = isMovable(chosen.status) ? 'has no patient or no start' : `is ${chosen.status}`;
    throw conflict('appointmentId', `Appointment/${chosen.id} ${why}; it cannot be rescheduled.`);
  }
  if ((chosen.slot ?? []).some((s) => referenceId(s, 'Slot') === newSlotId)) {
    refuse([issue('error', 'invalid', 'newSlotId', `Appointment/${chosen.id} is already in Slot/${newSlotId}.`)]);
  }
  const newSlot = await newSlotOf(medplum, newSlotId, now);
  const zone = await scheduleZone(medplum, newSlot.schedule);
  const members = (await membersOf(medplum, chosen, place)).filter(
    (a) => a.id === chosen.id || ((seriesOf(a)?.index ?? 0) > place.index && holdsSlots(a.status))
  );
  return {
    chosen,
    seriesId: place.seriesId,
    patientId: patient.slice('Patient/'.length),
    newSlot,
    zone,
    shape: shapeOf(newSlot.slot),
    shift: wallClockShift(oldStart, await seriesZone(medplum, chosen, zone), newSlot.interval.start, zone),
    members,
  };
}

/** The new slot with its schedule and holders: found, with a time in the future, on an active schedule. */
async function newSlotOf(medplum: MedplumClient, newSlotId: string, now: number): Promise<Candidate> {
  const { slot, schedule, holders } = await readSlot(medplum, newSlotId, 'newSlotId', { holders: true });
  const interval = slotInterval(slot);
  if (!schedule) {
    throw notFound('newSlotId', `${slot.schedule?.reference ?? `The schedule of Slot/${slot.id}`} was not found.`);
  }
  if (!interval || interval.start < now) {
    const why = interval ? `started at ${formatInstant(interval.start, 'UTC')}: it is in the past` : 'has no time';
    refuse([issue('error', interval ? 'business-rule' : 'invalid', 'newSlotId', `Slot/${slot.id} ${why}.`)]);
  }
  if (schedule.active === false) {
    throw conflict('newSlotId', `Slot/${slot.id} belongs to an inactive schedule (Schedule/${schedule.id}).`);
  }
  return { slot, schedule, interval: interval as NonNullable<typeof interval>, holders };
}

/** The zone the series' times were kept in: its chosen occurrence's schedule's (else the new one's). */
async function seriesZone(medplum: MedplumClient, chosen: WithId<Appointment>, fallback: string): Promise<string> {
  const slotId = referenceId(chosen.slot?.[0], 'Slot');
  const read = slotId ? await readSlot(medplum, slotId, 'appointmentId').catch(() => undefined) : undefined;
  return read?.schedule ? scheduleZone(medplum, read.schedule) : fallback;
}
