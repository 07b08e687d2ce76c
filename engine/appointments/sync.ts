/**
 * Keeps Slot status in step with an Appointment: the work of the appointment bot.
 *
 * - Holding statuses (booked, arrived, checked-in, fulfilled → busy; pending, proposed → busy-tentative) take their
 *   free Slots. A Slot another active Appointment holds is a double booking: left alone, reported, and a Task made.
 * - Releasing statuses (cancelled, noshow, entered-in-error) give their Slots back: on an active schedule the Slot
 *   becomes free and the schedule's rules are re-applied around it (a generated Slot that no longer belongs is then
 *   cancelled); on an inactive schedule a generated Slot is deleted and a hand-made one withdrawn.
 * Every Slot write is conditional on the version read (If-Match). A Slot changed meanwhile is read again: when it
 * already shows what this run wanted (the API or another run did it), that is success; otherwise the write is
 * applied to the newest version, and never over another booking. Every request is paced (429 and 5xx retried within
 * the run's budget); a run that cannot finish reports "deferred", and the schedule bot's per-minute run re-applies
 * the Appointment.
 */
import type { MedplumClient } from '@medplum/core';
import type { Appointment, OperationOutcome, OperationOutcomeIssue, Slot } from '@medplum/fhirtypes';
import { isBookedSlot, isGeneratedSlot, issue, outcome, withdrawnSlot } from '../../core/fhir';
import { days, parseInstant } from '../../core/time';
import { findActiveAppointments, HOLDING_STATUSES, RELEASING_STATUSES } from './lookups';
import { createTask, deleteSlot, read, writeSlot, type Run } from './run';
import { clockOf, type Clock } from '../transport/clock';
import { errorOutcome } from '../transport/errors';
import { isNativeBufferSlot, reconcileNativeOverlap } from './native-overlap';
import { createPacer, DEFAULT_PACING, isDeferred, type PacingSettings } from '../transport/pacing';
import { describeSummary, syncScheduleSlots, type SyncOptions } from '../sync/schedule-sync';

const TENTATIVE: ReadonlySet<Appointment['status']> = new Set(['pending', 'proposed']);

export interface AppointmentSyncSummary {
  readonly appointmentId: string;
  readonly status?: Appointment['status'];
  readonly held: number;
  readonly released: number;
  readonly unchanged: number;
  readonly doubleBookings: number;
  readonly tasks: number;
  /** The run stopped part way (quota, server unavailable): the schedule bot's per-minute run re-applies it. */
  readonly deferred?: boolean;
}

export interface AppointmentSyncOptions {
  readonly clock?: Clock;
  readonly limits?: SyncOptions['limits'];
  /** Milliseconds this run may spend (default 25,000: under the appointment bot's 30 s timeout). */
  readonly budgetMs?: number;
  readonly pacing?: PacingSettings;
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
  const clock = options.clock ?? clockOf(medplum);
  const pacer = createPacer(
    medplum,
    clock,
    clock.now() + (options.budgetMs ?? 25_000),
    options.pacing ?? DEFAULT_PACING
  );
  const run: Run = {
    medplum,
    pacer,
    options: { ...options, clock },
    issues: [],
    tally: { held: 0, released: 0, unchanged: 0, doubleBookings: 0, tasks: 0 },
  };
  try {
    const appointment = await read(run, 'Appointment', appointmentId);
    if (!appointment) {
      const summary = { appointmentId, ...run.tally };
      return {
        summary,
        outcome: finish(summary, [
          issue('information', 'not-found', 'Appointment', `Appointment/${appointmentId} no longer exists.`),
        ]),
      };
    }
    await applyStatus(run, appointment);
    // Free slots under a time booked natively (Medplum's $book) are retired, and come back on release.
    run.issues.push(
      ...(await run.pacer.call('native overlap', () =>
        reconcileNativeOverlap(run.medplum, appointment, {
          ...(run.options.clock ? { clock: run.options.clock } : {}),
          ...(run.options.limits ? { limits: run.options.limits } : {}),
        })
      ))
    );
    const summary = { appointmentId, status: appointment.status, ...run.tally };
    return { summary, outcome: finish(summary, run.issues) };
  } catch (err) {
    if (!isDeferred(err)) {
      throw err;
    }
    const summary = { appointmentId, ...run.tally, deferred: true };
    const text = `Deferred: ${err.message}. The schedule bot's per-minute run re-applies this appointment.`;
    return { summary, outcome: finish(summary, [...run.issues, issue('warning', 'incomplete', undefined, text)]) };
  }
}

async function applyStatus(run: Run, appointment: Appointment & { id: string }): Promise<void> {
  const holds = HOLDING_STATUSES.has(appointment.status);
  const releases = RELEASING_STATUSES.has(appointment.status);
  for (const [index, ref] of (appointment.slot ?? []).entries()) {
    const slotId = ref.reference?.startsWith('Slot/') ? ref.reference.slice(5) : undefined;
    const slot = slotId ? await read(run, 'Slot', slotId) : undefined;
    if (!slot) {
      const missing = `${ref.reference ?? 'The slot'} was not found.`;
      if (holds) {
        // The booking points at a slot that is gone: someone must find the patient another time.
        run.issues.push(issue('error', 'not-found', `Appointment.slot[${index}]`, missing));
        const placeholder: Slot & { id: string } = {
          resourceType: 'Slot',
          id: slotId ?? 'unknown',
          schedule: {},
          status: 'busy-unavailable',
          start: appointment.start ?? '',
          end: appointment.end ?? '',
        };
        run.tally.tasks += await createTask(run, 'slot-unavailable', appointment, placeholder);
      } else {
        run.issues.push(issue('warning', 'not-found', `Appointment.slot[${index}]`, missing));
      }
      continue;
    }
    if (holds) {
      await hold(run, appointment, slot, index);
    } else if (releases) {
      await release(run, appointment, slot);
    } else {
      run.tally.unchanged++;
    }
  }
  // Slots the previous version held and this one no longer references (the appointment moved): give them back.
  for (const slot of await droppedSlots(run, appointment)) {
    await release(run, appointment, slot);
  }
}

async function droppedSlots(run: Run, appointment: Appointment & { id: string }): Promise<(Slot & { id: string })[]> {
  if (!appointment.meta?.versionId) {
    return [];
  }
  const history = await run.pacer.call('read Appointment history', () =>
    run.medplum.readHistory('Appointment', appointment.id, { count: 2 }, { cache: 'no-cache' })
  );
  const previous = history.entry
    ?.map((e) => e.resource)
    .find((r) => r && r.meta?.versionId !== appointment.meta?.versionId);
  const current = new Set((appointment.slot ?? []).map((r) => r.reference));
  const dropped: (Slot & { id: string })[] = [];
  for (const ref of previous?.slot ?? []) {
    if (ref.reference?.startsWith('Slot/') && !current.has(ref.reference)) {
      const slot = await read(run, 'Slot', ref.reference.slice(5));
      if (slot) {
        dropped.push(slot);
      }
    }
  }
  return dropped;
}

async function hold(
  run: Run,
  appointment: Appointment & { id: string },
  slot: Slot & { id: string },
  index: number
): Promise<void> {
  const wanted: Slot['status'] = TENTATIVE.has(appointment.status) ? 'busy-tentative' : 'busy';
  if (isNativeBufferSlot(slot, appointment)) {
    run.tally.unchanged++; // a buffer Slot Medplum's $book wrote around this booking
    return;
  }
  if (!isBookedSlot(slot) && slot.status !== 'free') {
    // busy-unavailable or entered-in-error: the time is not bookable.
    run.issues.push(
      issue('error', 'conflict', `Appointment.slot[${index}]`, `Slot/${slot.id} is ${slot.status}, not bookable.`)
    );
    run.tally.tasks += await createTask(run, 'slot-unavailable', appointment, slot);
    return;
  }
  if (isBookedSlot(slot)) {
    const others = await otherHolders(run, appointment, slot);
    if (others.length > 0) {
      run.tally.doubleBookings++;
      run.issues.push(
        issue(
          'error',
          'conflict',
          `Appointment.slot[${index}]`,
          `Double booking: Slot/${slot.id} is already held by ${others.map((a) => `Appointment/${a.id}`).join(', ')}.`
        )
      );
      run.tally.tasks += await createTask(run, 'double-booking', appointment, slot);
      return;
    }
  }
  const written = await writeSlot(run, slot, (current) =>
    current.status === wanted
      ? undefined
      : current.status === 'free' || current === slot
        ? { ...current, status: wanted }
        : undefined
  );
  run.tally[written ? 'held' : 'unchanged']++;
}

async function otherHolders(
  run: Run,
  appointment: Appointment & { id: string },
  slot: Slot & { id: string }
): Promise<(Appointment & { id: string })[]> {
  const { bySlot } = await run.pacer.call('search Appointments', () => findActiveAppointments(run.medplum, [slot]));
  return (bySlot.get(slot.id) ?? []).filter((a) => a.id !== appointment.id);
}

async function release(
  run: Run,
  appointment: Appointment & { id: string },
  slot: Slot & { id: string }
): Promise<void> {
  if (!isBookedSlot(slot) || (await otherHolders(run, appointment, slot)).length > 0) {
    run.tally.unchanged++; // already free, or another appointment still holds it
    return;
  }
  const scheduleId = slot.schedule.reference?.replace(/^Schedule\//, '') ?? '';
  const schedule = await read(run, 'Schedule', scheduleId);
  // Free it: the slot as read, or, after a conflict, a slot still booked by no other appointment (one booked again
  // meanwhile stays booked; one already free is what was wanted).
  const freed = async (current: Slot & { id: string }): Promise<Slot | undefined> =>
    current === slot || (isBookedSlot(current) && (await otherHolders(run, appointment, current)).length === 0)
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
  const start = parseInstant(slot.start);
  if (schedule && start !== undefined && isGeneratedSlot(slot)) {
    // Re-apply the schedule's current rules around the slot: a slot that no longer belongs is cancelled, and
    // slots its booking kept out (after a change of hours or duration) are created.
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
      const text = errorOutcome(err)?.issue[0]?.details?.text ?? String(err);
      run.issues.push(
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
