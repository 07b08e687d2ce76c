/**
 * The appointment sync's per-Slot steps: take a Slot for a holding Appointment (never over another booking), give
 * one back for a releasing Appointment (free on an active schedule, off the market on an inactive one), and the
 * Slots a moved Appointment no longer references.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Reference, Schedule, Slot } from '@medplum/fhirtypes';
import { holdsSlots, releasesSlots, slotStatusFor } from '../../core/appointment-status';
import { capacityOf, groupSlotStatus } from '../../core/capacity';
import { isBookedSlot, isGeneratedSlot, issue, withdrawnSlot } from '../../core/fhir';
import { isPlannedAsItIs } from '../../core/plan-fit';
import { referenceId } from '../../core/references';
import { days, parseInstant } from '../../core/time';
import { findActiveAppointments } from './lookups';
import { isNativeBufferSlot } from './native-overlap';
import { createTask, deleteSlot, read, writeSlot, type Run } from './sync-run';
import { errorText } from '../transport/errors';
import { describeSummary, syncScheduleSlots } from '../sync/schedule-sync';

/** Applies the Appointment's status to each Slot it references, then gives back the Slots it no longer does. */
export async function applyStatus(run: Run, appointment: WithId<Appointment>): Promise<void> {
  const holds = holdsSlots(appointment.status);
  const releases = releasesSlots(appointment.status);
  for (const [index, ref] of (appointment.slot ?? []).entries()) {
    const slotId = referenceId(ref, 'Slot');
    const slot = await read(run, 'Slot', slotId);
    if (!slot) {
      await missingSlot(run, appointment, index, slotId, holds);
    } else if (holds) {
      await hold(run, appointment, slot, index);
    } else if (releases) {
      await release(run, appointment.id, slot);
    } else {
      run.tally.unchanged++;
    }
  }
  // Slots the previous version held and this one no longer references (the appointment moved): give them back.
  for (const slot of await droppedSlots(run, appointment)) {
    await release(run, appointment.id, slot);
  }
}

async function missingSlot(
  run: Run,
  appointment: WithId<Appointment>,
  index: number,
  slotId: string | undefined,
  holds: boolean
): Promise<void> {
  const missing = `${appointment.slot?.[index]?.reference ?? 'The slot'} was not found.`;
  if (!holds) {
    run.issues.push(issue('warning', 'not-found', `Appointment.slot[${index}]`, missing));
    return;
  }
  // The booking points at a slot that is gone: someone must find the patient another time.
  run.issues.push(issue('error', 'not-found', `Appointment.slot[${index}]`, missing));
  const placeholder: WithId<Slot> = {
    resourceType: 'Slot',
    id: slotId ?? 'unknown',
    schedule: {},
    status: 'busy-unavailable',
    start: appointment.start ?? '',
    end: appointment.end ?? '',
  };
  run.tally.tasks += await createTask(run, 'slot-unavailable', appointment, placeholder);
}

/** How many versions back a moved Appointment's earlier Slots are looked for. */
export const HISTORY_DEPTH = 20;

/**
 * The Slots earlier versions referenced and this one does not (moved, perhaps several times before this run saw
 * it): every version of the recent history, whatever order the server lists them in.
 */
async function droppedSlots(run: Run, appointment: WithId<Appointment>): Promise<WithId<Slot>[]> {
  if (!appointment.meta?.versionId) {
    return [];
  }
  const dropped: WithId<Slot>[] = [];
  for (const slotId of await droppedSlotIds(run, appointment)) {
    const slot = await read(run, 'Slot', slotId);
    if (slot) {
      dropped.push(slot);
    }
  }
  return dropped;
}

/** The ids of the Slots the Appointment's recent versions referenced and its current one does not. */
export async function droppedSlotIds(run: Run, appointment: WithId<Appointment>): Promise<string[]> {
  const current = new Set((appointment.slot ?? []).map((r) => referenceId(r, 'Slot')));
  const earlier = run.options.previous ? (run.options.previous.slot ?? []) : await historySlots(run, appointment);
  return [...new Set(earlier.map((r) => referenceId(r, 'Slot')))].filter(
    (id): id is string => id !== undefined && !current.has(id)
  );
}

/** The Slots every version of the Appointment's recent history references. */
async function historySlots(run: Run, appointment: WithId<Appointment>): Promise<Reference[]> {
  const history = await run.pacer.call('read Appointment history', () =>
    run.medplum.readHistory('Appointment', appointment.id, { count: HISTORY_DEPTH }, { cache: 'no-cache' })
  );
  return (history.entry ?? []).flatMap((e) => (e.resource as Appointment | undefined)?.slot ?? []);
}

async function hold(run: Run, appointment: WithId<Appointment>, slot: WithId<Slot>, index: number): Promise<void> {
  const wanted = slotStatusFor(appointment.status);
  if (isNativeBufferSlot(slot, appointment)) {
    run.tally.unchanged++; // a buffer Slot Medplum's $book wrote around this booking
    return;
  }
  const at = `Appointment.slot[${index}]`;
  if (!isBookedSlot(slot) && slot.status !== 'free') {
    // busy-unavailable or entered-in-error: the time is not bookable.
    run.issues.push(issue('error', 'conflict', at, `Slot/${slot.id} is ${slot.status}, not bookable.`));
    run.tally.tasks += await createTask(run, 'slot-unavailable', appointment, slot);
    return;
  }
  const schedule = await read(run, 'Schedule', referenceId(slot.schedule, 'Schedule'));
  const capacity = capacityOf(schedule);
  const others = isBookedSlot(slot) || capacity > 1 ? await otherHolders(run, appointment.id, slot) : [];
  if (others.length >= capacity) {
    run.tally.doubleBookings++;
    const holders = others.map((a) => `Appointment/${a.id}`).join(', ');
    const what = capacity > 1 ? `Over capacity: Slot/${slot.id} takes ${capacity}` : `Double booking: Slot/${slot.id}`;
    run.issues.push(issue('error', 'conflict', at, `${what} and is already held by ${holders}.`));
    run.tally.tasks += await createTask(run, 'double-booking', appointment, slot);
    return;
  }
  // A group slot stays free while places are left; an ordinary one takes the appointment's status.
  const status = capacity > 1 ? groupSlotStatus(others.length + 1, capacity) : wanted;
  const written = await writeSlot(run, slot, (current) =>
    !status || current.status === status
      ? undefined
      : current.status === 'free' || current === slot
        ? { ...current, status }
        : undefined
  );
  run.tally[written ? 'held' : 'unchanged']++;
  await flagInactiveSchedule(run, appointment, slot, schedule);
}

/**
 * A booking on an inactive schedule (Medplum's own `$book` does not check `Schedule.active`, nor does a FHIR client
 * that writes directly) gets the reschedule Task a deactivation gives every booking left there (once: it is keyed).
 */
async function flagInactiveSchedule(
  run: Run,
  appointment: WithId<Appointment>,
  slot: WithId<Slot>,
  schedule: WithId<Schedule> | undefined
): Promise<void> {
  if (schedule?.active === false) {
    const text = `Appointment/${appointment.id} was booked on Schedule/${schedule.id}, which is inactive.`;
    run.issues.push(issue('warning', 'business-rule', 'Appointment.slot', text));
    run.tally.tasks += await createTask(run, 'schedule-deactivated', appointment, slot);
  }
}

/** The live Appointments other than `appointmentId` that hold the Slot. */
async function otherHolders(
  run: Run,
  appointmentId: string | undefined,
  slot: WithId<Slot>
): Promise<WithId<Appointment>[]> {
  const { bySlot } = await findActiveAppointments(run, [slot]);
  return (bySlot.get(slot.id) ?? []).filter((a) => a.id !== appointmentId);
}

/**
 * Gives a booked Slot back unless another live Appointment holds it: free on an active schedule (its rules
 * re-applied around it), off the market on an inactive one. `appointmentId`: the Appointment that let it go (none
 * for an orphan, a Slot no Appointment holds).
 */
export async function release(run: Run, appointmentId: string | undefined, slot: WithId<Slot>): Promise<void> {
  const others = isBookedSlot(slot) ? await otherHolders(run, appointmentId, slot) : [];
  if (!isBookedSlot(slot) || others.length > 0) {
    const reopened = others.length > 0 && (await reopenGroupSlot(run, appointmentId, slot, others.length));
    run.tally[reopened ? 'released' : 'unchanged']++; // already free, or others still hold it
    return;
  }
  const schedule = await read(run, 'Schedule', referenceId(slot.schedule, 'Schedule'));
  // Free it: the slot as read, or, after a conflict, a slot still booked by no other appointment (one booked again
  // meanwhile stays booked; one already free is what was wanted).
  const freed = async (current: WithId<Slot>): Promise<Slot | undefined> =>
    current === slot || (isBookedSlot(current) && (await otherHolders(run, appointmentId, current)).length === 0)
      ? { ...current, status: 'free' }
      : undefined;
  if (schedule && schedule.active === false) {
    if (isGeneratedSlot(slot)) {
      await deleteSlot(run, slot);
    } else {
      await writeSlot(run, slot, async (current) => {
        const free = await freed(current);
        return free ? withdrawnSlot(free, schedule.comment) : undefined;
      });
    }
    run.tally.released++;
    return;
  }
  const written = await writeSlot(run, slot, freed);
  run.tally[written ? 'released' : 'unchanged']++;
  // A slot of the schedule's one grid that its rules still make exactly kept nothing else out: no re-plan needed.
  if (
    schedule &&
    isGeneratedSlot(slot) &&
    !isPlannedAsItIs(schedule, slot, run.pacer.clock.now(), run.options.limits)
  ) {
    await replanAround(run, schedule, slot);
  }
}

/** A full group slot one booking left: free again while fewer than its capacity hold it. Whether it was written. */
async function reopenGroupSlot(
  run: Run,
  appointmentId: string | undefined,
  slot: WithId<Slot>,
  holders: number
): Promise<boolean> {
  const schedule = await read(run, 'Schedule', referenceId(slot.schedule, 'Schedule'));
  const capacity = capacityOf(schedule);
  if (capacity <= 1 || schedule?.active === false || holders >= capacity || slot.status !== 'busy') {
    return false;
  }
  const written = await writeSlot(run, slot, async (current) =>
    current.status === 'busy' && (await otherHolders(run, appointmentId, current)).length < capacity
      ? { ...current, status: 'free' }
      : undefined
  );
  return Boolean(written);
}

/**
 * Re-applies the schedule's current rules around a freed generated slot: a slot that no longer belongs is
 * cancelled, and slots its booking kept out (after a change of hours or duration) are created.
 */
async function replanAround(run: Run, schedule: WithId<Schedule>, slot: WithId<Slot>): Promise<void> {
  const start = parseInstant(slot.start);
  if (start === undefined) {
    return;
  }
  try {
    const around = await syncScheduleSlots(run.medplum, schedule, {
      ...(run.options.clock ? { clock: run.options.clock } : {}),
      ...(run.options.limits ? { limits: run.options.limits } : {}),
      ...(run.options.pacing ? { pacing: run.options.pacing } : {}),
      budgetMs: Math.max(0, run.pacer.left()),
      range: { start: start - days(1), end: start + days(1) },
    });
    run.issues.push(issue('information', 'informational', undefined, describeSummary(around.summary)));
  } catch (err) {
    const text = `The slot is free again, but the schedule's rules could not be re-applied: ${errorText(err)}`;
    run.issues.push(issue('warning', 'incomplete', 'Schedule', text));
  }
}
