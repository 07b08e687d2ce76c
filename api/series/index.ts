/**
 * Recurring series (`clinik.appointments.bookSeries`, `cancelSeries`, `rescheduleSeries`, `series`): the calls, over
 * the booking, cancel and reschedule functions of single bookings, which appointments.ts passes in (so each
 * occurrence takes their path).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import type { CallContext } from '../rules/enforce';
import { settleSeriesTasks } from '../../engine/cron/tasks-close';
import { type BookOccurrence, bookSeries, type CancelBooking } from './book';
import { cancelSeries, seriesAppointments } from './cancel';
import { type MoveOccurrence, rescheduleSeries } from './reschedule';
import type {
  SeriesBookInput,
  SeriesBooking,
  SeriesCancelInput,
  SeriesRescheduleInput,
  SeriesRescheduling,
} from './types';

export type { BookOccurrence, CancelBooking } from './book';
export type { MoveOccurrence } from './reschedule';

/** The series calls of `clinik.appointments`. */
export interface SeriesCalls {
  bookSeries(input: SeriesBookInput): Promise<{ data: SeriesBooking }>;
  cancelSeries(input: SeriesCancelInput): Promise<{ data: WithId<Appointment>[] }>;
  rescheduleSeries(input: SeriesRescheduleInput): Promise<{ data: SeriesRescheduling }>;
  series(appointmentId: string): Promise<{ data: WithId<Appointment>[] }>;
}

/**
 * The series calls over a client, with `context()` giving each call's clock and caller.
 *
 * @example
 * const calls = seriesApi(medplum, () => ({ now: Date.now(), caller }), { book: bookOne, cancel: cancelOne, move: moveOne });
 */
export function seriesApi(
  medplum: MedplumClient,
  context: () => CallContext,
  paths: {
    readonly book: (call: CallContext) => BookOccurrence;
    readonly cancel: (call: CallContext) => CancelBooking;
    readonly move: (call: CallContext) => MoveOccurrence;
  }
): SeriesCalls {
  const { book, cancel, move } = paths;
  return {
    async bookSeries(input) {
      const call = context();
      return { data: await bookSeries(medplum, input, call, book(call), cancel(call)) };
    },
    async cancelSeries(input) {
      const call = context();
      const data = await cancelSeries(medplum, input, call, cancel(call));
      await settleOnce(medplum, data[0], call.now);
      return { data };
    },
    async rescheduleSeries(input) {
      const call = { ...context(), ...(input?.override ? { override: input.override } : {}) };
      const data = await rescheduleSeries(medplum, input, call, move(call));
      await settleOnce(medplum, data.moved[0], call.now);
      return { data };
    },
    async series(appointmentId) {
      return { data: await seriesAppointments(medplum, appointmentId) };
    },
  };
}

/**
 * The series' reschedule Tasks, settled once after a whole call (not after each of its occurrences): closed when
 * none of their occurrences is left to move. Should this fail, the per-minute run does it.
 */
export async function settleOnce(medplum: MedplumClient, changed: Appointment | undefined, now: number): Promise<void> {
  if (changed) {
    await settleSeriesTasks({ medplum }, changed, now).catch(() => undefined);
  }
}
