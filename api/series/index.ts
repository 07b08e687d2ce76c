/**
 * Recurring series (`clinik.appointments.bookSeries`, `cancelSeries`, `series`): the calls, over the booking and
 * cancel functions of single bookings, which appointments.ts passes in (so each occurrence takes their path).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import type { CallContext } from '../rules/enforce';
import { type BookOccurrence, bookSeries, type CancelBooking } from './book';
import { cancelSeries, seriesAppointments } from './cancel';
import type { SeriesBookInput, SeriesBooking, SeriesCancelInput } from './types';

export type { BookOccurrence, CancelBooking } from './book';

/** The series calls of `clinik.appointments`. */
export interface SeriesCalls {
  bookSeries(input: SeriesBookInput): Promise<{ data: SeriesBooking }>;
  cancelSeries(input: SeriesCancelInput): Promise<{ data: WithId<Appointment>[] }>;
  series(appointmentId: string): Promise<{ data: WithId<Appointment>[] }>;
}

/**
 * The series calls over a client, with `context()` giving each call's clock and caller.
 *
 * @example
 * const calls = seriesApi(medplum, () => ({ now: Date.now(), caller }), bookOne, cancelOne);
 */
export function seriesApi(
  medplum: MedplumClient,
  context: () => CallContext,
  book: (call: CallContext) => BookOccurrence,
  cancel: (call: CallContext) => CancelBooking
): SeriesCalls {
  return {
    async bookSeries(input) {
      const call = context();
      return { data: await bookSeries(medplum, input, call, book(call), cancel(call)) };
    },
    async cancelSeries(input) {
      const call = context();
      return { data: await cancelSeries(medplum, input, call, cancel(call)) };
    },
    async series(appointmentId) {
      return { data: await seriesAppointments(medplum, appointmentId) };
    },
  };
}
