/**
 * Keeps Slot status in step with an Appointment: the work of the appointment bot.
 *
 * - Holding statuses (booked, arrived, checked-in, fulfilled → busy; pending, proposed → busy-tentative; the rule is
 *   core/appointment-status) take their free Slots. A Slot another active Appointment holds is a double booking:
 *   left alone, reported, and a Task made.
 * - Releasing statuses (cancelled, noshow, entered-in-error) give their Slots back: on an active schedule the Slot
 *   becomes free and the schedule's rules are re-applied around it (a generated Slot that no longer belongs is then
 *   cancelled); on an inactive schedule a generated Slot is deleted and a hand-made one withdrawn.
 * Every Slot write is conditional on the version read (engine/transport/conditional-write): a Slot changed meanwhile
 * is read again; when it already shows what this run wanted (the API or another run did it), that is success;
 * otherwise the write is applied to the newest version, and never over another booking. Every request is paced (429
 * and 5xx retried within the run's budget); a run that cannot finish reports "deferred", and the schedule bot's
 * per-minute run re-applies the Appointment.
 *
 * The steps live beside it: sync-run.ts (the run's context and single-resource writes), sync-slots.ts (per Slot).
 */
import type { MedplumClient } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../../core/fhir';
import { summaryOutcome } from '../report';
import { reconcileNativeOverlap } from './native-overlap';
import { applyStatus } from './sync-slots';
import { read, type AppointmentSyncOptions, type AppointmentSyncSummary, type Run } from './sync-run';
import { clockOf } from '../transport/clock';
import { createPacer, DEFAULT_PACING, isDeferred } from '../transport/pacing';

export type { AppointmentSyncOptions, AppointmentSyncSummary } from './sync-run';

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
  const clock = options.pacer?.clock ?? options.clock ?? clockOf(medplum);
  const pacer =
    options.pacer ??
    createPacer(medplum, clock, clock.now() + (options.budgetMs ?? 25_000), options.pacing ?? DEFAULT_PACING);
  const run: Run = {
    medplum,
    pacer,
    ...(options.known ? { known: options.known } : {}),
    options: { ...options, clock },
    issues: [],
    tally: { held: 0, released: 0, unchanged: 0, doubleBookings: 0, tasks: 0 },
  };
  try {
    const appointment = await read(run, 'Appointment', appointmentId);
    if (!appointment) {
      const summary = { appointmentId, ...run.tally };
      const gone = `Appointment/${appointmentId} no longer exists.`;
      return { summary, outcome: finish(summary, [issue('information', 'not-found', 'Appointment', gone)]) };
    }
    await applyStatus(run, appointment);
    // Free slots under a time booked natively (Medplum's $book) are retired, and come back on release.
    run.issues.push(...(await reconcileNativeOverlap(medplum, appointment, { ...run.options, pacer })));
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

function finish(summary: AppointmentSyncSummary, issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  const text =
    `Appointment/${summary.appointmentId}${summary.status ? ` [${summary.status}]` : ''}: held ${summary.held}, ` +
    `released ${summary.released}, unchanged ${summary.unchanged}, double bookings ${summary.doubleBookings}, tasks ${summary.tasks}`;
  const bad = issues.some((i) => i.severity === 'error');
  const head = issue(bad ? 'error' : 'information', bad ? 'conflict' : 'informational', undefined, text);
  return summaryOutcome('appointment-sync-summary', head, summary, issues);
}
