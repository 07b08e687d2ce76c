/**
 * Keeps Slot status in step with an Appointment: the work of the appointment bot.
 *
 * - Holding statuses (booked, arrived, checked-in, fulfilled → busy; pending, proposed → busy-tentative) take their
 *   free Slots. A Slot another active Appointment holds is a double booking: left alone, reported, and a Task made.
 * - Releasing statuses (cancelled, noshow, entered-in-error) give their Slots back: on an active schedule the Slot
 *   becomes free and the schedule's rules are re-applied around it (a generated Slot that no longer belongs is then
 *   cancelled); on an inactive schedule a generated Slot is deleted and a hand-made one withdrawn.
 * Every Slot write is conditional on the version read (If-Match); a Slot changed meanwhile is not overwritten.
 */
import { OperationOutcomeError } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Appointment, OperationOutcome, OperationOutcomeIssue, Schedule, Slot } from '@medplum/fhirtypes';
import { isBookedSlot, isGeneratedSlot, issue, outcome, TASK_KEY_SYSTEM, withdrawnSlot } from '../fhir';
import { rescheduleTask, type RescheduleReason } from '../tasks';
import { days, parseInstant } from '../time';
import { findActiveAppointments, HOLDING_STATUSES, RELEASING_STATUSES } from './appointments';
import { systemClock, type Clock } from './clock';
import { errorOutcome, isPreconditionError, readOrUndefined } from './errors';
import { deleteSlotConverging, slotAlreadyAs } from './converge';
import { isNativeBufferSlot, reconcileNativeOverlap } from './native-overlap';
import { describeSummary, syncScheduleSlots, type SyncOptions } from './schedule-sync';

const TENTATIVE: ReadonlySet<Appointment['status']> = new Set(['pending', 'proposed']);

export interface AppointmentSyncSummary {
  readonly appointmentId: string;
  readonly status?: Appointment['status'];
  readonly held: number;
  readonly released: number;
  readonly unchanged: number;
  readonly doubleBookings: number;
  readonly tasks: number;
}

export interface AppointmentSyncOptions {
  readonly clock?: Clock;
  readonly limits?: SyncOptions['limits'];
}

/**
 * Applies an Appointment's status to its Slots.
 *
 * @example
 * const { summary } = await syncAppointmentSlots(medplum, 'appt-1');
 */
export async function syncAppointmentSlots(
  medplum: MedplumClient,
  appointmentId: string,
  options: AppointmentSyncOptions = {}
): Promise<{ summary: AppointmentSyncSummary; outcome: OperationOutcome }> {
  const clock = options.clock ?? systemClock;
  const issues: OperationOutcomeIssue[] = [];
  const tally = { held: 0, released: 0, unchanged: 0, doubleBookings: 0, tasks: 0 };
  const appointment = await readOrUndefined(medplum, 'Appointment', appointmentId);
  if (!appointment) {
    const summary = { appointmentId, ...tally };
    return {
      summary,
      outcome: finish(summary, [
        issue('information', 'not-found', 'Appointment', `Appointment/${appointmentId} no longer exists.`),
      ]),
    };
  }
  const holds = HOLDING_STATUSES.has(appointment.status);
  const releases = RELEASING_STATUSES.has(appointment.status);

  for (const [index, ref] of (appointment.slot ?? []).entries()) {
    const slotId = ref.reference?.startsWith('Slot/') ? ref.reference.slice(5) : undefined;
    const slot = slotId ? await readOrUndefined(medplum, 'Slot', slotId) : undefined;
    if (!slot) {
      if (holds) {
        // The booking points at a slot that is gone: someone must find the patient another time.
        issues.push(
          issue('error', 'not-found', `Appointment.slot[${index}]`, `${ref.reference ?? 'The slot'} was not found.`)
        );
        tally.tasks += await createTask(
          medplum,
          'slot-unavailable',
          appointment,
          {
            resourceType: 'Slot',
            id: slotId ?? 'unknown',
            schedule: {},
            status: 'busy-unavailable',
            start: appointment.start ?? '',
            end: appointment.end ?? '',
          },
          clock
        );
      } else {
        issues.push(
          issue('warning', 'not-found', `Appointment.slot[${index}]`, `${ref.reference ?? 'The slot'} was not found.`)
        );
      }
      continue;
    }
    if (holds) {
      await hold(medplum, appointment, slot, index, tally, issues, clock);
    } else if (releases) {
      await release(medplum, appointment, slot, tally, issues, options);
    } else {
      tally.unchanged++;
    }
  }
  // Slots the previous version held and this one no longer references (the appointment moved): give them back.
  for (const slot of await droppedSlots(medplum, appointment)) {
    await release(medplum, appointment, slot, tally, issues, options);
  }
  // Issue 12: free slots under a natively ($book) booked time are retired, and come back on release.
  issues.push(...(await reconcileNativeOverlap(medplum, appointment, options)));
  const summary = { appointmentId, status: appointment.status, ...tally };
  return { summary, outcome: finish(summary, issues) };
}

async function droppedSlots(
  medplum: MedplumClient,
  appointment: Appointment & { id: string }
): Promise<(Slot & { id: string })[]> {
  if (!appointment.meta?.versionId) {
    return [];
  }
  const history = await medplum.readHistory('Appointment', appointment.id, { count: 2 }, { cache: 'no-cache' });
  const previous = history.entry
    ?.map((e) => e.resource)
    .find((r) => r && r.meta?.versionId !== appointment.meta?.versionId);
  const current = new Set((appointment.slot ?? []).map((r) => r.reference));
  const dropped: (Slot & { id: string })[] = [];
  for (const ref of previous?.slot ?? []) {
    if (ref.reference?.startsWith('Slot/') && !current.has(ref.reference)) {
      const slot = await readOrUndefined(medplum, 'Slot', ref.reference.slice(5));
      if (slot) {
        dropped.push(slot);
      }
    }
  }
  return dropped;
}

async function hold(
  medplum: MedplumClient,
  appointment: Appointment & { id: string },
  slot: Slot & { id: string },
  index: number,
  tally: { held: number; unchanged: number; doubleBookings: number; tasks: number },
  issues: OperationOutcomeIssue[],
  clock: Clock
): Promise<void> {
  const wanted: Slot['status'] = TENTATIVE.has(appointment.status) ? 'busy-tentative' : 'busy';
  if (slot.status === 'free') {
    await writeSlot(medplum, { ...slot, status: wanted });
    tally.held++;
    return;
  }
  if (isNativeBufferSlot(slot, appointment)) {
    tally.unchanged++; // a buffer Slot Medplum's $book wrote around this booking
    return;
  }
  if (!isBookedSlot(slot)) {
    // busy-unavailable or entered-in-error: the time is not bookable.
    issues.push(
      issue('error', 'conflict', `Appointment.slot[${index}]`, `Slot/${slot.id} is ${slot.status}, not bookable.`)
    );
    tally.tasks += await createTask(medplum, 'slot-unavailable', appointment, slot, clock);
    return;
  }
  const { bySlot } = await findActiveAppointments(medplum, [slot]);
  const others = (bySlot.get(slot.id) ?? []).filter((a) => a.id !== appointment.id);
  if (others.length > 0) {
    tally.doubleBookings++;
    issues.push(
      issue(
        'error',
        'conflict',
        `Appointment.slot[${index}]`,
        `Double booking: Slot/${slot.id} is already held by ${others.map((a) => `Appointment/${a.id}`).join(', ')}.`
      )
    );
    tally.tasks += await createTask(medplum, 'double-booking', appointment, slot, clock);
    return;
  }
  if (slot.status !== wanted) {
    await writeSlot(medplum, { ...slot, status: wanted });
    tally.held++;
  } else {
    tally.unchanged++;
  }
}

async function release(
  medplum: MedplumClient,
  appointment: Appointment & { id: string },
  slot: Slot & { id: string },
  tally: { released: number; unchanged: number },
  issues: OperationOutcomeIssue[],
  options: AppointmentSyncOptions
): Promise<void> {
  if (!isBookedSlot(slot)) {
    tally.unchanged++;
    return;
  }
  const { bySlot } = await findActiveAppointments(medplum, [slot]);
  if ((bySlot.get(slot.id) ?? []).some((a) => a.id !== appointment.id)) {
    tally.unchanged++; // another appointment still holds it
    return;
  }
  const scheduleId = slot.schedule.reference?.replace(/^Schedule\//, '') ?? '';
  const schedule = await readOrUndefined(medplum, 'Schedule', scheduleId);
  if (schedule && schedule.active === false) {
    if (isGeneratedSlot(slot)) {
      await deleteSlotConverging(medplum, slot);
    } else {
      await writeSlot(medplum, withdrawnSlot({ ...slot, status: 'free' }, schedule.comment));
    }
    tally.released++;
    return;
  }
  await writeSlot(medplum, { ...slot, status: 'free' });
  tally.released++;
  const start = parseInstant(slot.start);
  if (schedule && start !== undefined && isGeneratedSlot(slot)) {
    // Re-apply the schedule's current rules around the slot: a slot that no longer belongs is cancelled, and
    // slots its booking kept out (after a change of hours or duration) are created.
    try {
      const around = await syncScheduleSlots(medplum, schedule, {
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        range: { start: start - days(1), end: start + days(1) },
      });
      issues.push(issue('information', 'informational', undefined, describeSummary(around.summary)));
    } catch (err) {
      const text = errorOutcome(err)?.issue[0]?.details?.text ?? String(err);
      issues.push(
        issue(
          'warning',
          'incomplete',
          'Schedule',
          `The slot is free again, but the schedule's rules could not be re-applied: ${text}`
        )
      );
    }
  }
}

async function writeSlot(medplum: MedplumClient, slot: Slot): Promise<void> {
  try {
    await medplum.updateResource(slot, ifMatch(slot));
  } catch (err) {
    if (isPreconditionError(err) && slot.id && (await slotAlreadyAs(medplum, slot as Slot & { id: string }))) {
      return; // someone (the API, another run) already did it: success
    }
    if (isPreconditionError(err)) {
      // Changed meanwhile: throw, so that the Subscription retries on the newest Slot.
      throw new OperationOutcomeError(
        outcome([
          issue(
            'error',
            'conflict',
            'Slot',
            `Slot/${slot.id} changed while it was being updated; retrying applies the newest version.`
          ),
        ]),
        { cause: err }
      );
    }
    throw err;
  }
}

function ifMatch(slot: Slot): { headers: Record<string, string> } | undefined {
  return slot.meta?.versionId ? { headers: { 'If-Match': `W/"${slot.meta.versionId}"` } } : undefined;
}

async function createTask(
  medplum: MedplumClient,
  reason: RescheduleReason,
  appointment: Appointment & { id: string },
  slot: Slot & { id: string },
  clock: Clock
): Promise<number> {
  const scheduleId = slot.schedule.reference?.replace(/^Schedule\//, '') ?? '';
  const schedule: Pick<Schedule, 'id'> = { id: scheduleId };
  const task = rescheduleTask({ reason, appointment, slot, schedule, now: clock.now() });
  await medplum.createResourceIfNoneExist(task, `identifier=${TASK_KEY_SYSTEM}|${task.identifier?.[0]?.value}`);
  return 1;
}

function finish(summary: AppointmentSyncSummary, issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  const text =
    `Appointment/${summary.appointmentId}${summary.status ? ` [${summary.status}]` : ''}: held ${summary.held}, ` +
    `released ${summary.released}, unchanged ${summary.unchanged}, double bookings ${summary.doubleBookings}, tasks ${summary.tasks}`;
  const bad = issues.some((i) => i.severity === 'error');
  return {
    ...outcome([
      {
        ...issue(bad ? 'error' : 'information', bad ? 'conflict' : 'informational', undefined, text),
        diagnostics: JSON.stringify(summary),
      },
      ...issues,
    ]),
    id: 'appointment-sync-summary',
  };
}
