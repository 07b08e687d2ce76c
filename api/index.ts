/**
 * The seed's Schedules API (README) (`clinik.schedules.create/update/search`, `clinik.slots.create`, …) as a typed
 * client over a MedplumClient, plus the front desk's calls (`slots.find`, `appointments.hold/book/cancel/reschedule`).
 * Every call of the seed's Schedules API works verbatim:
 *
 * @example
 * const clinik = createClinik(medplum);
 * const { data: schedule } = await clinik.schedules.create({
 *   actorIds: ['Practitioner/dr_jones'],
 *   specialty: ['Cardiology'],
 *   planningHorizon: { start: '2025-04-01T00:00:00Z', end: '2025-04-30T23:59:59Z' },
 * });
 * const { data: found } = await clinik.slots.find({ specialty: 'Cardiology', from, to });
 * await clinik.appointments.book({ slotId: found[0].slot.id, patientId: 'pat-1' });
 *
 * Bad input is refused with a {@link ClinikError} carrying an OperationOutcome, before anything is written; server
 * errors are passed through as ClinikErrors with the server's outcome.
 */
import type { MedplumClient } from '@medplum/core';
import { appointmentsApi } from './appointments';
import { schedulesApi } from './schedules';
import { slotsApi } from './slots';
import type { Clinik } from './types';

export { ClinikError } from './errors';
export { ACTOR_TYPES } from './validation';
export type * from './types';

export interface ClinikOptions {
  /** The clock (epoch ms): slots in the past are refused, holds expire. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Creates the API client over a MedplumClient (a signed-in client, or the local runtime's).
 *
 * @example
 * const clinik = createClinik(medplum);
 */
export function createClinik(medplum: MedplumClient, options: ClinikOptions = {}): Clinik {
  const now = options.now ?? (() => Date.now());
  return {
    schedules: schedulesApi(medplum, now),
    slots: slotsApi(medplum, now),
    appointments: appointmentsApi(medplum, now),
  };
}

// What the app needs beside the API's calls: the slot counts of a schedule (paged search), the worklist's open
// statuses and the closing of reschedule Tasks whose booking fits again. The app imports nothing of the engine.
export { searchSlots, type SlotQuery, type SlotSearchResult } from '../engine/transport/search';
export { OPEN_TASK_STATUSES, closeResolvedTasks } from '../engine/cron/tasks-close';
