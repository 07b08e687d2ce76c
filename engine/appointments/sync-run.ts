/**
 * One appointment-sync run: the context its steps share (client, pacer, issues, tally), and the steps that touch
 * one resource: fresh reads, converging Slot writes (engine/transport/conditional-write) and reschedule Tasks.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, ExtractResource, OperationOutcomeIssue, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import type { Limits } from '../../core/availability/index';
import { isBookedSlot, issue, TASK_KEY_SYSTEM } from '../../core/fhir';
import { referenceId } from '../../core/references';
import { rescheduleTask, type RescheduleReason } from '../../core/tasks';
import type { Clock } from '../transport/clock';
import {
  createIfNoneExist,
  deleteConverging,
  readOrUndefined,
  writeConverging,
  type Change,
  type Io,
} from '../transport/conditional-write';
import type { Pacer, PacingSettings } from '../transport/pacing';

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
  readonly limits?: Partial<Limits>;
  /** Milliseconds this run may spend (default 25,000: under the appointment bot's 30 s timeout). */
  readonly budgetMs?: number;
  readonly pacing?: PacingSettings;
  /** The pacer of the run this sync is part of (the cron run's): its budget and quota, instead of a new one. */
  readonly pacer?: Pacer;
  /** What the caller has just read or written (the Appointment, its Slots and Schedules): not read again. */
  readonly known?: Map<string, Resource>;
  /**
   * The version the caller itself just changed (the API's cancel): only the Slots it held and the Appointment no
   * longer references are given back, without reading the history. Versions before it were given back by their own
   * events; a Slot one of those missed is freed by the per-minute run's orphan sweep.
   */
  readonly previous?: Appointment;
}

/** The context every step of one run shares. */
export interface Run extends Io {
  readonly pacer: Pacer;
  readonly options: AppointmentSyncOptions;
  readonly issues: OperationOutcomeIssue[];
  readonly tally: { held: number; released: number; unchanged: number; doubleBookings: number; tasks: number };
}

/** A fresh read (no cache) through the pacer, or undefined when the resource does not exist (404/410). */
export function read<K extends 'Appointment' | 'Slot' | 'Schedule'>(
  run: Run,
  type: K,
  id: string | undefined
): Promise<WithId<ExtractResource<K>> | undefined> {
  return readOrUndefined(run, type, id);
}

/**
 * Writes a Slot with If-Match, deciding again on the newest version after a lost race (at most 4 writes). `change`
 * says what to write given the Slot as it is (first the very one this run read); undefined: nothing to do. Returns
 * whether this run wrote it.
 */
export async function writeSlot(run: Run, slot: WithId<Slot>, change: Change<Slot>): Promise<boolean> {
  const result = await writeConverging(run, slot, change, 4);
  if (result.outcome === 'conflict') {
    run.issues.push(issue('warning', 'conflict', 'Slot', `Slot/${slot.id} kept changing; left as it is.`));
  }
  return result.outcome === 'written';
}

/** Deletes a generated Slot of an inactive schedule (after a conflict: only while no one has booked it again). */
export async function deleteSlot(run: Run, slot: WithId<Slot>): Promise<void> {
  await deleteConverging(run, slot, { attempts: 4, stillWanted: (latest) => !isBookedSlot(latest) });
}

/** Creates a reschedule Task (once: it is keyed by reason, appointment and slot). Returns the count made, 1. */
export async function createTask(
  run: Run,
  reason: RescheduleReason,
  appointment: WithId<Appointment>,
  slot: WithId<Slot>
): Promise<number> {
  const schedule: Pick<Schedule, 'id'> = { id: referenceId(slot.schedule, 'Schedule') ?? '' };
  const task = rescheduleTask({ reason, appointment, slot, schedule, now: run.pacer.clock.now() });
  await createIfNoneExist(run, task, `identifier=${TASK_KEY_SYSTEM}|${task.identifier?.[0]?.value}`);
  return 1;
}
