/**
 * Checks before a slot is taken (book, hold, reschedule), all before any write: the slot exists, is in the future
 * and free (or held by the given hold), no Appointment already references it, the patient exists, and none of the
 * schedule's actors is busy at that time on another schedule.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, AppointmentParticipant, Bundle, Schedule, Slot } from '@medplum/fhirtypes';
import { slotStatusFor } from '../core/appointment-status';
import { capacityOf, describeFill, groupSlotStatus } from '../core/capacity';
import { issue, outcome } from '../core/fhir';
import { slotInterval } from '../core/slot-diff';
import { formatUtc, type Interval } from '../core/time';
import { holdExpiry, releaseHold } from '../engine/appointments/holds';
import { syncAppointmentSlots, type AppointmentSyncOptions } from '../engine/appointments/sync';
import { updateIfMatch } from '../engine/transport/conditional-write';
import { isPreconditionError } from '../engine/transport/errors';
import { ActorBusyError, withActorLeases } from '../engine/booking/actor-lease';
import { ClinikError, conflict } from './errors';
import { busyTimeOfActors, busyUrl, conflictsWith } from './overlaps';
import { bundleOf, readBatch } from './read-batch';
import { readSlot, type SlotRead, slotReadFrom, slotReadUrl } from './slot-read';
import { read } from './validation';

export interface Bookable {
  readonly slot: WithId<Slot>;
  readonly schedule: WithId<Schedule>;
  readonly interval: Interval;
  /** The live bookings of the slot now (others than those allowed), and the places it has. */
  readonly holders: number;
  readonly capacity: number;
}

/** The status a slot takes when `holders` live bookings hold it (`hold`: the newest is a hold). */
export function takenStatus(
  bookable: Pick<Bookable, 'capacity'>,
  holders: number,
  status: Appointment['status']
): Slot['status'] {
  return bookable.capacity > 1 ? groupSlotStatus(holders, bookable.capacity) : (slotStatusFor(status) ?? 'busy');
}

/**
 * Reads and checks the slot to take. `allow` names Appointments that may already hold it (the hold being confirmed,
 * the appointment being moved). An expired hold found on the slot is released first. A group slot (capacity over
 * one) takes bookings while places are left, each patient once.
 */
export async function loadBookable(
  medplum: MedplumClient,
  slotId: string,
  now: number,
  options: {
    allow?: ReadonlySet<string>;
    ignoreBusy?: ReadonlySet<string>;
    inputOnly?: boolean;
    patient?: string;
    /** What the check before the leases found (actors and time): the busy time is then read in the same request. */
    expected?: { readonly actors: readonly string[]; readonly interval: Interval };
  } = {}
): Promise<Bookable> {
  if (options.inputOnly) {
    return checkInput(medplum, slotId, now);
  }
  const { found, busyPage } = await readSlotAndBusy(medplum, slotId, options.expected);
  let slot = found.slot;
  const interval = futureInterval(slot, now);
  const capacity = capacityOf(found.schedule);
  const live: WithId<Appointment>[] = [];
  for (const holder of found.holders.filter((a) => !options.allow?.has(a.id))) {
    const expiry = holdExpiry(holder);
    if (expiry !== undefined && expiry <= now) {
      await releaseHold(medplum, holder, now);
      slot = await read(medplum, 'Slot', slotId, 'no-cache', 'slotId');
    } else {
      live.push(holder);
    }
  }
  checkPlaces(slotId, live, capacity, options.patient);
  const allowedHold = found.holders.some((a) => options.allow?.has(a.id));
  if (slot.status !== 'free' && !(allowedHold && slot.status === 'busy-tentative') && !(allowedHold && capacity > 1)) {
    throw conflict('slotId', `Slot/${slotId} is ${slot.status}, not free.`);
  }
  const schedule = activeScheduleOf(slot, found.schedule);
  const actors = (schedule.actor ?? []).map((a) => a.reference ?? '').filter(Boolean);
  const sameRead = sameList(actors, options.expected?.actors) && sameInterval(interval, options.expected?.interval);
  const busy = await busyTimeOfActors(medplum, actors, interval, sameRead ? busyPage : undefined);
  const clash = conflictsWith(busy, interval, actors, new Set([slot.id, ...(options.ignoreBusy ?? [])]))[0];
  if (clash) {
    const who = clash.actors.filter((a) => actors.includes(a)).join(', ');
    throw conflict(
      'slotId',
      `Double booking: ${who} is already ${clash.slot.status} from ${clash.slot.start} to ${clash.slot.end} ` +
        `(Slot/${clash.slot.id} of ${clash.slot.schedule.reference}).`
    );
  }
  return { slot, schedule, interval, holders: live.length, capacity };
}

/** Refuses a slot with no place left (or, in a group, one the patient already has). */
function checkPlaces(slotId: string, live: readonly WithId<Appointment>[], capacity: number, patient?: string): void {
  const holder = live[0];
  if (capacity <= 1 && holder) {
    const expiry = holdExpiry(holder);
    throw conflict(
      'slotId',
      expiry !== undefined
        ? `Slot/${slotId} is held for another patient until ${formatUtc(expiry)} (Appointment/${holder.id}).`
        : `Slot/${slotId} is already booked by Appointment/${holder.id}.`
    );
  }
  if (live.length >= capacity) {
    throw conflict('slotId', `Slot/${slotId} is full: ${describeFill(live.length, capacity)}.`);
  }
  const again = patient ? live.find((a) => patientOf(a) === patient) : undefined;
  if (again) {
    throw conflict('slotId', `The patient already has a place in Slot/${slotId} (Appointment/${again.id}).`);
  }
}

/**
 * The checks of the input alone (before any lease is taken): the slot exists, has a time in the future, is free,
 * and its schedule is active. Whether anyone holds it or its actors are busy elsewhere is checked under the leases.
 */
async function checkInput(medplum: MedplumClient, slotId: string, now: number): Promise<Bookable> {
  const { slot, schedule } = await readSlot(medplum, slotId, 'slotId');
  return checkedInput(slot, schedule, now);
}

/**
 * The checks of the input before any lease, in one request: the slot (as {@link checkInput}) and the patient, who
 * must exist (a 404 at `patientId`).
 */
export async function checkInputAndPatient(
  medplum: MedplumClient,
  slotId: string,
  patientId: string,
  now: number
): Promise<Bookable> {
  const [slotAnswer, patient] = await readBatch(medplum, [slotReadUrl(slotId, 'slotId'), `Patient/${patientId}`]);
  const { slot, schedule } = slotReadFrom(bundleOf(slotAnswer), slotId, 'slotId');
  const bookable = checkedInput(slot, schedule, now);
  if (!(patient && !(patient instanceof Error) && patient.resourceType === 'Patient')) {
    await loadPatient(medplum, patientId); // the server's own answer, as a ClinikError at patientId
  }
  return bookable;
}

function checkedInput(slot: WithId<Slot>, schedule: WithId<Schedule> | undefined, now: number): Bookable {
  const interval = futureInterval(slot, now);
  if (slot.status !== 'free' && slot.status !== 'busy-tentative') {
    throw conflict('slotId', `Slot/${slot.id} is ${slot.status}, not free.`);
  }
  return { slot, schedule: activeScheduleOf(slot, schedule), interval, holders: 0, capacity: capacityOf(schedule) };
}

/** The slot with its holders and, when the actors and time are known, the first page of their busy time. */
async function readSlotAndBusy(
  medplum: MedplumClient,
  slotId: string,
  expected: { readonly actors: readonly string[]; readonly interval: Interval } | undefined
): Promise<{ found: SlotRead; busyPage?: Bundle }> {
  const slotUrl = slotReadUrl(slotId, 'slotId', { holders: true });
  if (!expected || expected.actors.length === 0) {
    return { found: await readSlot(medplum, slotId, 'slotId', { holders: true }) };
  }
  const [slotAnswer, busyAnswer] = await readBatch(medplum, [slotUrl, busyUrl(expected.actors, expected.interval)]);
  const found = slotReadFrom(bundleOf(slotAnswer), slotId, 'slotId');
  return { found, busyPage: bundleOf(busyAnswer) };
}

/** Whether two lists of references name the same ones (in any order). */
export function sameList(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

function sameInterval(a: Interval, b: Interval | undefined): boolean {
  return b !== undefined && a.start === b.start && a.end === b.end;
}

/** The slot's time, or a 400 at `slotId` when it has none or has started. */
function futureInterval(slot: WithId<Slot>, now: number): Interval {
  const interval = slotInterval(slot);
  if (!interval || interval.start < now) {
    const why = interval ? `started at ${slot.start}: it is in the past` : 'has no valid start and end';
    const code = interval ? 'business-rule' : 'invalid';
    throw new ClinikError(outcome([issue('error', code, 'slotId', `Slot/${slot.id} ${why}.`)]), 400);
  }
  return interval;
}

/** The slot's schedule, or a 404 at `slotId` when it is gone, or a 409 when it is inactive. */
function activeScheduleOf(slot: WithId<Slot>, schedule: WithId<Schedule> | undefined): WithId<Schedule> {
  if (!schedule) {
    const ref = slot.schedule?.reference ?? 'its schedule';
    throw new ClinikError(outcome([issue('error', 'not-found', 'slotId', `${ref} was not found.`)]), 404);
  }
  if (schedule.active === false) {
    throw conflict('slotId', `Slot/${slot.id} belongs to an inactive schedule (Schedule/${schedule.id}).`);
  }
  return schedule;
}

/** Reads the patient, or a 404 ClinikError at `patientId`. */
export async function loadPatient(medplum: MedplumClient, patientId: string): Promise<void> {
  await read(medplum, 'Patient', patientId, 'no-cache', 'patientId');
}

/**
 * Takes a slot with If-Match (the race guard: of two concurrent takers exactly one wins; the other gets a 409).
 */
export async function takeSlot(
  medplum: MedplumClient,
  slot: WithId<Slot>,
  status: Slot['status']
): Promise<WithId<Slot>> {
  try {
    return await updateIfMatch({ medplum }, { ...slot, status }, slot);
  } catch (err) {
    if (isPreconditionError(err)) {
      throw conflict('slotId', `Slot/${slot.id} was just taken by someone else.`);
    }
    throw err;
  }
}

/** Gives a taken slot back after a failed step (only if it is still as this call left it). */
export async function giveBack(medplum: MedplumClient, taken: WithId<Slot>): Promise<void> {
  await updateIfMatch({ medplum }, { ...taken, status: 'free' }, taken).catch(() => undefined);
}

/**
 * Applies an Appointment's status to its Slots now, exactly as the appointment bot does (the bot may be doing the
 * same at this moment: a lost race that left the slots as wanted counts as done), retrying once on the newest
 * versions. `seen`: what the caller has just read and the version it changed (see AppointmentSyncOptions).
 */
export async function releaseSlots(
  medplum: MedplumClient,
  appointmentId: string,
  seen: Pick<AppointmentSyncOptions, 'known' | 'previous'> = {}
): Promise<void> {
  try {
    await syncAppointmentSlots(medplum, appointmentId, seen);
  } catch {
    await syncAppointmentSlots(medplum, appointmentId); // once more, reading everything afresh
  }
}

/** The participants of an Appointment on this schedule: the patient, then the schedule's actors. */
export function participants(patientRef: string, schedule: Schedule): AppointmentParticipant[] {
  return [
    { actor: { reference: patientRef }, status: 'accepted', required: 'required' },
    ...(schedule.actor ?? []).map((actor): AppointmentParticipant => ({
      actor,
      status: 'accepted',
      required: 'required',
    })),
  ];
}

/** The Patient reference of an Appointment. */
export function patientOf(appointment: Appointment): string | undefined {
  return appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
}

/**
 * Runs `work` holding the leases of the actors of a slot's schedule (engine/booking/actor-lease.ts): the busy-time
 * check and the write inside `work` then see every other booking of those actors that finished before, on any of
 * their schedules. An actor leased by others for too long is a 409 naming it.
 */
export async function underSlotActors<T>(
  medplum: MedplumClient,
  slotId: string,
  field: string,
  work: () => Promise<T>
): Promise<T> {
  const { schedule } = await readSlot(medplum, slotId, field);
  return underActors(medplum, scheduleActors(schedule), field, work);
}

/** Runs `work` holding the leases of `actors`; see {@link underSlotActors}. */
export async function underActors<T>(
  medplum: MedplumClient,
  actors: readonly string[],
  field: string,
  work: () => Promise<T>
): Promise<T> {
  try {
    return await withActorLeases({ medplum }, actors, work);
  } catch (err) {
    throw err instanceof ActorBusyError ? conflict(field, err.message) : err;
  }
}

/** The actor references of a schedule. */
export function scheduleActors(schedule: Schedule | undefined): string[] {
  return (schedule?.actor ?? []).map((a) => a.reference ?? '').filter(Boolean);
}
