/**
 * `clinik.appointments.reschedule(appointmentId, newSlotId)`: moves a booking to another free slot.
 *
 * Order (race-safe, never half-done): every check first; then the new slot is taken with If-Match (of a reschedule
 * and a booking racing for it, exactly one wins); then the Appointment itself is moved with If-Match (if it changed
 * meanwhile, the new slot is given back and the original booking stays exactly as it was); then the old slot is
 * released (the appointment bot does the same from the Appointment's history) and the reschedule Tasks close.
 *
 * The Appointment is moved, not cancelled and re-created: its id, history, participants' replies and everything
 * that points at it (Encounters, reminders, the worklist Task) stay valid, and its history shows the move.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, AppointmentParticipant, OperationOutcomeIssue, Schedule, Slot } from '@medplum/fhirtypes';
import { issue } from '../core/fhir';
import { describeInstant } from '../core/describe';
import { referenceId } from '../core/references';
import type { Breach } from '../core/rules/breaches';
import { completeRescheduleTasks } from '../engine/cron/tasks-close';
import { updateIfMatch } from '../engine/transport/conditional-write';
import { isPreconditionError } from '../engine/transport/errors';
import { giveBack, loadBookable, releaseSlots, takenStatus, takeSlot, underSlotActors } from './booking';
import { changedMeanwhile, conflict, fromServer, refuse } from './errors';
import { type CallContext, checkOverride, enforceBookingRules, lateChange } from './rules/enforce';
import { OVERRIDDEN_TAG, recordOverride } from './rules/override';
import { checkId, read } from './validation';

const MOVABLE: ReadonlySet<Appointment['status']> = new Set(['booked', 'pending', 'proposed']);

/** Whether an Appointment with this status can be moved (booked, pending or proposed). */
export function isMovable(status: Appointment['status']): boolean {
  return MOVABLE.has(status);
}

/**
 * Moves a booking to another slot (see the module's comment). `undo`: a move this very call made is taken back (a
 * series move refused as a whole after a lost race), which neither the cut-off nor the booking rules apply to: the
 * booking goes back where it was allowed to be.
 */
export async function rescheduleAppointment(
  medplum: MedplumClient,
  appointmentId: string,
  newSlotId: string,
  call: CallContext,
  options: { readonly undo?: boolean } = {}
): Promise<{ data: WithId<Appointment> }> {
  const now = call.now;
  const issues: OperationOutcomeIssue[] = [];
  checkId('appointmentId', appointmentId, 'appointment', issues);
  checkId('newSlotId', newSlotId, 'slot', issues);
  checkOverride(call.override, issues);
  refuse(issues);
  const appointment = await read(medplum, 'Appointment', appointmentId, 'no-cache', 'appointmentId');
  if (!isMovable(appointment.status)) {
    throw conflict('appointmentId', `Appointment/${appointmentId} is ${appointment.status}; it cannot be rescheduled.`);
  }
  const oldSlots = new Set(
    (appointment.slot ?? []).map((s) => referenceId(s, 'Slot')).filter((id): id is string => !!id)
  );
  if (oldSlots.has(newSlotId)) {
    refuse([issue('error', 'invalid', 'newSlotId', `Appointment/${appointmentId} is already in Slot/${newSlotId}.`)]);
  }
  // Checked once before the actors' leases (bad input writes nothing, not even a lease), and again under them.
  await loadBookable(medplum, newSlotId, now, { ignoreBusy: oldSlots }).catch((err: unknown) => {
    throw renameField(err);
  });
  const late = options.undo ? [] : await lateChange(medplum, appointment, 'moved', call);
  const { result, slot, overridden } = await underSlotActors(medplum, newSlotId, 'newSlotId', () =>
    moveUnderLease(medplum, appointment, newSlotId, oldSlots, { ...call, undo: options.undo === true }, late)
  );
  if (overridden.length > 0 && call.override) {
    await recordOverride(medplum, result, overridden, call.override, call.caller, now);
  }
  // The old slot: released now as the appointment bot does (it finds it in the Appointment's history).
  await releaseSlots(medplum, result.id).catch(() => undefined);
  const note = `Rescheduled to ${describeInstant(slot.start) ?? slot.start}.`;
  await completeRescheduleTasks({ medplum }, result.id, note, now);
  return { data: result };
}

/** Checks the new slot and moves the appointment into it, while its actors' leases are held. */
async function moveUnderLease(
  medplum: MedplumClient,
  appointment: WithId<Appointment>,
  newSlotId: string,
  oldSlots: ReadonlySet<string>,
  call: CallContext & { readonly undo: boolean },
  late: readonly Breach[]
): Promise<{ result: WithId<Appointment>; slot: WithId<Slot>; overridden: Breach[] }> {
  const patient = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
  const bookable = await loadBookable(medplum, newSlotId, call.now, {
    ignoreBusy: oldSlots,
    ...(patient ? { patient } : {}),
  }).catch((err: unknown) => {
    throw renameField(err);
  });
  const { slot, schedule, interval } = bookable;
  const ignore = new Set([appointment.id]);
  const breaches = call.undo
    ? []
    : await enforceBookingRules(medplum, schedule, interval, { ...call, ignore }).catch((err: unknown) => {
        throw renameField(err);
      });
  const overridden = [...late, ...breaches];
  const status = takenStatus(bookable, bookable.holders + 1, appointment.status);
  const taken = await takeSlot(medplum, slot, status).catch((err: unknown) => {
    throw renameField(err);
  });
  try {
    const next = moved(appointment, slot, schedule);
    if (overridden.length > 0) {
      next.meta = { ...next.meta, tag: [...(next.meta?.tag ?? []), OVERRIDDEN_TAG] };
    }
    return { result: await updateIfMatch({ medplum }, next, appointment), slot, overridden };
  } catch (err) {
    await giveBack(medplum, taken); // the original booking stays untouched
    throw isPreconditionError(err) ? changedMeanwhile('Appointment', appointment.id) : fromServer(err);
  }
}

/** The Appointment in its new slot: the patient (and related persons) stay, the new schedule's actors join. */
function moved(appointment: Appointment, slot: WithId<Slot>, schedule: Schedule): Appointment {
  const keep = appointment.participant.filter((p) => {
    const ref = p.actor?.reference ?? '';
    return ref.startsWith('Patient/') || ref.startsWith('RelatedPerson/');
  });
  return {
    ...appointment,
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant: [
      ...keep,
      ...(schedule.actor ?? []).map((actor): AppointmentParticipant => ({
        actor,
        status: 'accepted',
        required: 'required',
      })),
    ],
    ...(schedule.specialty ? { specialty: schedule.specialty } : {}),
  };
}

/** The booking checks name `slotId`; here the field is `newSlotId`. */
function renameField(err: unknown): unknown {
  const outcome = (err as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
  outcome?.issue?.forEach((i) => {
    if (i.expression?.[0] === 'slotId') {
      i.expression = ['newSlotId'];
    }
  });
  return err;
}
