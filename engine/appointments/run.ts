/**
 * The appointment bot's steps that touch one resource: a run's shared context, fresh reads, converging Slot writes
 * (If-Match; after a conflict, read again and stop when what was wanted already holds), and reschedule Tasks.
 */
import type { MedplumClient } from '@medplum/core';
import type { Appointment, ExtractResource, OperationOutcomeIssue, Schedule, Slot } from '@medplum/fhirtypes';
import { isBookedSlot, issue, TASK_KEY_SYSTEM } from '../../core/fhir';
import { rescheduleTask, type RescheduleReason } from '../../core/tasks';
import type { AppointmentSyncOptions } from './sync';
import { isNotFoundError, isPreconditionError, readOrUndefined } from '../transport/errors';
import type { Pacer } from '../transport/pacing';
import { ifMatch } from '../transport/if-match';

/** The context every step of one run shares. */
export interface Run {
  readonly medplum: MedplumClient;
  readonly pacer: Pacer;
  readonly options: AppointmentSyncOptions;
  readonly issues: OperationOutcomeIssue[];
  readonly tally: { held: number; released: number; unchanged: number; doubleBookings: number; tasks: number };
}

/** A fresh read (no cache) through the pacer, or undefined when the resource does not exist (404/410). */
export function read<K extends 'Appointment' | 'Slot' | 'Schedule'>(
  run: Run,
  type: K,
  id: string
): Promise<(ExtractResource<K> & { id: string }) | undefined> {
  return run.pacer.call(`read ${type}`, () => readOrUndefined(run.medplum, type, id)) as Promise<
    (ExtractResource<K> & { id: string }) | undefined
  >;
}

/**
 * Writes a Slot with If-Match. `change` says what to write given the Slot as it is (first the one this run read);
 * undefined means nothing is to be done (it already shows what was wanted, or someone else's change must stand).
 * On a 409/412 the Slot is read again and `change` asked again. Returns whether this run wrote it.
 */
export async function writeSlot(
  run: Run,
  slot: Slot & { id: string },
  change: (current: Slot & { id: string }) => Slot | undefined | Promise<Slot | undefined>
): Promise<boolean> {
  let current: (Slot & { id: string }) | undefined = slot;
  for (let attempt = 0; attempt < 4 && current; attempt++) {
    const wanted = await change(current);
    if (!wanted) {
      return false;
    }
    try {
      await run.pacer.call('update Slot', () => run.medplum.updateResource(wanted, ifMatch(current as Slot)));
      return true;
    } catch (err) {
      if (!isPreconditionError(err)) {
        throw err;
      }
    }
    current = await read(run, 'Slot', slot.id);
  }
  if (current) {
    run.issues.push(issue('warning', 'conflict', 'Slot', `Slot/${slot.id} kept changing; left as it is.`));
  }
  return false;
}

/** Deletes a generated Slot of an inactive schedule (after a conflict: only while no one has booked it again). */
export async function deleteSlot(run: Run, slot: Slot & { id: string }): Promise<void> {
  let current: (Slot & { id: string }) | undefined = slot;
  for (let attempt = 0; attempt < 4 && current && (current === slot || !isBookedSlot(current)); attempt++) {
    try {
      await run.pacer.call('delete Slot', () => run.medplum.deleteResource('Slot', slot.id, ifMatch(current as Slot)));
      return;
    } catch (err) {
      if (!isPreconditionError(err) && !isNotFoundError(err)) {
        throw err;
      }
    }
    current = await read(run, 'Slot', slot.id);
  }
}

export async function createTask(
  run: Run,
  reason: RescheduleReason,
  appointment: Appointment & { id: string },
  slot: Slot & { id: string }
): Promise<number> {
  const scheduleId = slot.schedule.reference?.replace(/^Schedule\//, '') ?? '';
  const schedule: Pick<Schedule, 'id'> = { id: scheduleId };
  const task = rescheduleTask({ reason, appointment, slot, schedule, now: run.pacer.clock.now() });
  await run.pacer.call('create Task', () =>
    run.medplum.createResourceIfNoneExist(task, `identifier=${TASK_KEY_SYSTEM}|${task.identifier?.[0]?.value}`)
  );
  return 1;
}
