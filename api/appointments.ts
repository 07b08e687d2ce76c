/**
 * `clinik.appointments`: book (a free slot, or confirm a hold), hold, cancel, reschedule (./reschedule.ts), and
 * recurring series (./series), whose occurrences are booked, cancelled and moved by this module's own `book` and
 * `cancel` and by `rescheduleAppointment`.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type {
  Appointment,
  CodeableConcept,
  Identifier,
  OperationOutcomeIssue,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';
import { issue, plainServiceTypes, visitTypeOf } from '../core/fhir';
import { formatUtc } from '../core/time';
import { HOLD_EXPIRES_EXTENSION_URL, HOLD_TAG } from '../engine/appointments/holds';
import { reconcileNativeOverlap } from '../engine/appointments/native-overlap';
import { errorText } from '../engine/transport/errors';
import { knownResources, updateConverging } from '../engine/transport/conditional-write';
import {
  type Bookable,
  checkInputAndPatient,
  sameList,
  giveBack,
  loadBookable,
  takenStatus,
  scheduleActors,
  underActors,
  participants,
  releaseSlots,
  takeSlot,
} from './booking';
import { call as call_, conflict, fromServer, refuse } from './errors';
import { confirmHold } from './hold-confirm';
import { rescheduleAppointment } from './reschedule';
import { type CallContext, checkOverride, enforceBookingRules, lateChange } from './rules/enforce';
import { type Caller, LATE_CANCELLATION_TAG, OVERRIDDEN_TAG, recordOverride } from './rules/override';
import { seriesApi, settleOnce } from './series';
import type { BookInput, Clinik, HoldInput } from './types';
import { checkId, codes, read } from './validation';

/** The `appointments` part of the client. */
export function appointmentsApi(
  medplum: MedplumClient,
  now: () => number,
  caller: () => Caller
): Clinik['appointments'] {
  return {
    async book(input) {
      return { data: await book(medplum, input, { now: now(), caller: caller() }) };
    },
    async hold(input) {
      return { data: await hold(medplum, input, { now: now(), caller: caller() }) };
    },
    async cancel(id, reason, options = {}) {
      const call = { now: now(), caller: caller(), ...options };
      const data = await cancel(medplum, id, reason, call);
      await settleOnce(medplum, data, call.now);
      return { data };
    },
    async reschedule(id, newSlotId, options = {}) {
      const call = { now: now(), caller: caller(), ...options };
      const moved = await rescheduleAppointment(medplum, id, newSlotId, call);
      await settleOnce(medplum, moved.data, call.now);
      return moved;
    },
    ...seriesApi(medplum, () => ({ now: now(), caller: caller() }), {
      book: (call) => (input, identifier) => book(medplum, input, call, identifier),
      cancel:
        (call) =>
        (id, reason, { undo, override }) =>
          cancel(medplum, id, reason, { ...call, ...(override ? { override } : {}) }, undo),
      move:
        (call) =>
        async (id, newSlotId, { undo }) =>
          (await rescheduleAppointment(medplum, id, newSlotId, call, { undo: undo === true })).data,
    }),
  };
}

/** Books a free slot (or confirms a hold); a series' occurrence carries the series' `identifier`s. */
async function book(
  medplum: MedplumClient,
  input: BookInput,
  call: CallContext,
  identifier?: Identifier[]
): Promise<WithId<Appointment>> {
  const at = call.now;
  const issues: OperationOutcomeIssue[] = [];
  checkId('slotId', input?.slotId, 'slot', issues);
  checkId('patientId', input?.patientId, 'patient', issues);
  if (input?.holdId !== undefined) {
    checkId('holdId', input.holdId, 'hold (Appointment)', issues);
  }
  const serviceType = codes('serviceType', input?.serviceType, issues);
  checkOverride(input.override, issues);
  refuse(issues);
  if (input.holdId !== undefined) {
    return confirmHold(medplum, input, at);
  }
  return takeSlotFor(medplum, input, { ...call, override: input.override }, (slot, schedule) => ({
    resourceType: 'Appointment',
    ...(identifier ? { identifier } : {}),
    status: 'booked',
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant: participants(`Patient/${input.patientId}`, schedule),
    ...serviceTypeFor(serviceType, slot, schedule),
    ...(schedule.specialty ? { specialty: schedule.specialty } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
  }));
}

async function hold(medplum: MedplumClient, input: HoldInput, call: CallContext): Promise<WithId<Appointment>> {
  const issues: OperationOutcomeIssue[] = [];
  checkId('slotId', input?.slotId, 'slot', issues);
  checkId('patientId', input?.patientId, 'patient', issues);
  const minutes = input?.minutes ?? 10;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
    issues.push(issue('error', 'invalid', 'minutes', 'minutes must be a whole number from 1 to 60.'));
  }
  checkOverride(input.override, issues);
  refuse(issues);
  return placeHold(medplum, input, { ...call, override: input.override }, { expiresAt: call.now + minutes * 60_000 });
}

/**
 * Holds a slot for a patient until `expiresAt` (a pending Appointment tagged as a hold, its slot busy-tentative),
 * through the same checks and leases as a booking. The waitlist's offers are holds too, longer than a front desk's,
 * and based on their waitlist entry (`basedOn`).
 *
 * @example
 * await placeHold(medplum, { slotId, patientId }, call, { expiresAt, basedOn: 'ServiceRequest/w1' });
 */
export function placeHold(
  medplum: MedplumClient,
  input: { readonly slotId: string; readonly patientId: string; readonly comment?: string },
  call: CallContext,
  options: { readonly expiresAt: number; readonly basedOn?: string }
): Promise<WithId<Appointment>> {
  return takeSlotFor(medplum, input, call, (slot, schedule) => ({
    resourceType: 'Appointment',
    meta: { tag: [{ ...HOLD_TAG }] },
    extension: [{ url: HOLD_EXPIRES_EXTENSION_URL, valueInstant: formatUtc(options.expiresAt) }],
    status: 'pending',
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant: participants(`Patient/${input.patientId}`, schedule),
    ...serviceTypeFor(undefined, slot, schedule),
    ...(schedule.specialty ? { specialty: schedule.specialty } : {}),
    ...(options.basedOn ? { basedOn: [{ reference: options.basedOn }] } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
  }));
}

/** An Appointment's service type: the one asked for, else the visit type its slot offers, else the schedule's. */
function serviceTypeFor(
  asked: CodeableConcept[] | undefined,
  slot: Slot,
  schedule: Schedule
): { serviceType?: CodeableConcept[] } {
  const chosen = asked ?? (visitTypeOf(slot) ? slot.serviceType : plainServiceTypes(schedule.serviceType));
  return chosen?.length ? { serviceType: chosen } : {};
}

/**
 * Takes a slot for a patient: its input checked before the actors' leases (bad input writes nothing, not even a
 * lease), then everything under them (who holds the slot, the actors' busy time on every schedule, the schedule's
 * booking rules), where the Appointment `build` makes is written on the slot; an override leaves its Provenance.
 */
async function takeSlotFor(
  medplum: MedplumClient,
  input: { readonly slotId: string; readonly patientId: string },
  call: CallContext,
  build: (slot: WithId<Slot>, schedule: WithId<Schedule>) => Appointment
): Promise<WithId<Appointment>> {
  const checked = await checkInputAndPatient(medplum, input.slotId, input.patientId, call.now);
  const leased = scheduleActors(checked.schedule);
  return underActors(medplum, leased, 'slotId', async () => {
    const bookable = await loadBookable(medplum, input.slotId, call.now, {
      patient: `Patient/${input.patientId}`,
      expected: { actors: leased, interval: checked.interval },
    });
    const { slot, schedule, interval } = bookable;
    if (!sameList(scheduleActors(schedule), leased)) {
      throw conflict('slotId', `The actors of Schedule/${schedule.id} changed meanwhile; try again.`);
    }
    const overridden = await enforceBookingRules(medplum, schedule, interval, call);
    const appointment = build(slot, schedule);
    if (overridden.length === 0 || !call.override) {
      return retireOtherVisits(medplum, slot, await createOnSlot(medplum, bookable, appointment));
    }
    const tagged = {
      ...appointment,
      meta: { ...appointment.meta, tag: [...(appointment.meta?.tag ?? []), OVERRIDDEN_TAG] },
    };
    const created = await createOnSlot(medplum, bookable, tagged);
    await recordOverride(medplum, created, overridden, call.override, call.caller, call.now);
    return retireOtherVisits(medplum, slot, created);
  });
}

/**
 * A visit type's slot now taken: the other visit types' free slots under its time are retired at once, under the
 * actors' lease (find and booking already refuse them: the actor is busy). The booking stands if this fails; the
 * schedule's next plan keeps that time out anyway.
 */
async function retireOtherVisits(
  medplum: MedplumClient,
  slot: Slot,
  created: WithId<Appointment>
): Promise<WithId<Appointment>> {
  if (visitTypeOf(slot)) {
    const issues = await reconcileNativeOverlap(medplum, created).catch((err: unknown) => [
      issue('warning', 'incomplete', 'Slot', `Overlapping visit slots not retired yet: ${errorText(err)}`),
    ]);
    issues.filter((i) => i.severity === 'warning').forEach((i) => console.log(i.diagnostics ?? i.details?.text));
  }
  return created;
}

/** Takes the slot as the Appointment's status says, then creates the Appointment: nothing is left half-booked. */
async function createOnSlot(
  medplum: MedplumClient,
  bookable: Bookable,
  appointment: Appointment
): Promise<WithId<Appointment>> {
  // A group slot is written too (If-Match), full or not: of two bookers of its last place exactly one wins.
  const status = takenStatus(bookable, bookable.holders + 1, appointment.status);
  const taken = await takeSlot(medplum, bookable.slot, status);
  try {
    return await medplum.createResource(appointment);
  } catch (err) {
    await giveBack(medplum, taken);
    throw fromServer(err);
  }
}

/**
 * Cancels a booking and releases its slots. `undo`: a booking this very call made is taken back (a series refused
 * as a whole after a lost race), which no change cut-off applies to.
 */
async function cancel(
  medplum: MedplumClient,
  id: string,
  reason: string,
  call: CallContext,
  undo = false
): Promise<WithId<Appointment>> {
  const issues: OperationOutcomeIssue[] = [];
  if (!reason?.trim()) {
    issues.push(issue('error', 'required', 'reason', 'A cancellation reason is required.'));
  }
  checkOverride(call.override, issues);
  refuse(issues);
  const current = await read(medplum, 'Appointment', id);
  const known = knownResources(current);
  const late = undo ? [] : await lateChange(medplum, current, 'cancelled', call, known);
  const cancelled = await call_(
    () =>
      updateConverging({ medplum, known }, current, (latest): Appointment | undefined => {
        if (latest.status === 'cancelled') {
          return undefined; // already done (by another call, a bot, or $cancel)
        }
        if (latest.status === 'fulfilled' || latest.status === 'entered-in-error') {
          throw conflict('status', `Appointment/${id} is ${latest.status}; it cannot be cancelled.`);
        }
        const tags = late.length > 0 ? [LATE_CANCELLATION_TAG, OVERRIDDEN_TAG] : [];
        const meta = { ...latest.meta, tag: [...(latest.meta?.tag ?? []), ...tags] };
        return { ...latest, meta, status: 'cancelled', cancelationReason: { text: reason.trim() } };
      }),
    'Appointment',
    id
  );
  if (late.length > 0 && call.override && cancelled.status === 'cancelled' && current.status !== 'cancelled') {
    await recordOverride(medplum, cancelled, late, call.override, call.caller, call.now);
  }
  // Release its slots now, exactly as the appointment bot does. The bot may be doing the same at this moment:
  // a lost race that left the slots as wanted counts as done; anything else is re-evaluated once.
  await releaseSlots(medplum, id, { known, previous: current });
  return cancelled;
}
