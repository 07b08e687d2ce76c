/**
 * `clinik.appointments.bookSeries`: a recurring series booked occurrence by occurrence on the booking path of
 * single bookings (appointments.book's own function, under the actors' leases, with every rule, capacity and
 * double-booking check), after every occurrence was checked first (./check.ts).
 *
 * - **all-or-none**: when any occurrence fails the check, nothing is written and the 409 lists each failing one
 *   with its rule or reason. When one is lost between the check and its write (another desk took the time), the
 *   occurrences already booked are cancelled again through the cancel path, and the 409 says so.
 * - **fit**: what fits is booked; every other occurrence comes back with its reason and the nearest alternative.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Identifier, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { describeInstant } from '../../core/describe';
import { issue, outcome } from '../../core/fhir';
import { BOOKING_RULE_SYSTEM, type BookingRule, RULE_NAMES } from '../../core/rules/breaches';
import { SERIES_MISS_SYSTEM, seriesIdentifiers } from '../../core/series';
import { ClinikError, fromServer } from '../errors';
import type { CallContext } from '../rules/enforce';
import type { BookInput, OverrideInput } from '../types';
import { withAlternatives } from './alternatives';
import { checkSeries, type Planned, where } from './check';
import { resolveSeries, type SeriesRequest, shapeOf } from './resolve';
import type { SeriesBookInput, SeriesBooking, SeriesMiss } from './types';

/** Books one occurrence through appointments.book's own function, with the series' identifiers. */
export type BookOccurrence = (input: BookInput, identifier: Identifier[]) => Promise<WithId<Appointment>>;

/** Cancels a booking through appointments.cancel's own function; `undo`: this call's own booking, taken back. */
export type CancelBooking = (
  id: string,
  reason: string,
  options: { readonly undo?: boolean; readonly override?: OverrideInput }
) => Promise<WithId<Appointment>>;

/**
 * Books a series (see the module's comment).
 *
 * @example
 * const { data } = await clinik.appointments.bookSeries({
 *   slotId, patientId, rule: { kind: 'weekly', days: ['mon', 'thu'], count: 12 }, mode: 'all-or-none',
 * });
 * data.booked.length; // 12
 */
export async function bookSeries(
  medplum: MedplumClient,
  input: SeriesBookInput,
  context: CallContext,
  book: BookOccurrence,
  cancel: CancelBooking
): Promise<SeriesBooking> {
  const request = await resolveSeries(medplum, input, context.now);
  const { planned, misses } = await checkSeries(medplum, request, context);
  if (input.mode === 'all-or-none' && misses.length > 0) {
    const lead = `The series was not booked (all or none): ${misses.length} of its ${request.occurrences.length} occurrences cannot be booked; nothing was written.`;
    throw new ClinikError(
      outcome([issue('error', 'conflict', 'rule', lead), ...misses.map((m) => missIssue(m, request.zone))]),
      409
    );
  }
  const seriesId = newSeriesId(context.now);
  const booked: WithId<Appointment>[] = [];
  const lost: SeriesMiss[] = [];
  for (const p of planned) {
    try {
      booked.push(await book(bookInput(request, p), seriesIdentifiers(seriesId, p.occurrence.index)));
    } catch (err) {
      const error = fromServer(err);
      const miss: SeriesMiss = {
        ...where(p.occurrence, request.zone),
        code: error.status === 409 ? 'lost-race' : 'failed',
        reason: error.message,
      };
      if (input.mode === 'all-or-none') {
        throw await rolledBack(booked, miss, request, cancel);
      }
      lost.push(miss);
    }
  }
  const notBooked = [...misses, ...lost].sort((a, b) => a.index - b.index);
  const shape = planned[0] ? shapeOf(planned[0].slot) : request.shape;
  const scope = { schedules: request.schedules, patientId: request.input.patientId, zone: request.zone };
  return { seriesId, booked, notBooked: await withAlternatives(medplum, scope, shape, notBooked, context) };
}

function bookInput(request: SeriesRequest, planned: Planned): BookInput {
  const { input } = request;
  return {
    slotId: planned.slot.id,
    patientId: input.patientId,
    ...(input.serviceType ? { serviceType: input.serviceType } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
  };
}

/**
 * All or none, and one occurrence was lost between the check and its write: the ones booked before it are cancelled
 * through the cancel path (they are this call's own, so no cut-off applies), and the 409 says what happened.
 */
async function rolledBack(
  booked: readonly WithId<Appointment>[],
  miss: SeriesMiss,
  request: SeriesRequest,
  cancel: CancelBooking
): Promise<ClinikError> {
  const reason = `Series not booked: occurrence ${miss.index} was taken meanwhile (all or none).`;
  const undone: string[] = [];
  const stuck: OperationOutcomeIssue[] = [];
  for (const appointment of [...booked].reverse()) {
    try {
      await cancel(appointment.id, reason, { undo: true });
      undone.push(`Appointment/${appointment.id}`);
    } catch (err) {
      const text = `Appointment/${appointment.id} could not be cancelled (${fromServer(err).message}); cancel it by hand.`;
      stuck.push(issue('error', 'incomplete', undefined, text));
    }
  }
  const lead = `The series was not booked (all or none): occurrence ${miss.index} was taken between the check and its booking.`;
  const back =
    undone.length > 0
      ? `Rolled back: the ${undone.length} occurrences booked before it were cancelled (${undone.reverse().join(', ')}).`
      : 'Nothing had been booked yet.';
  return new ClinikError(
    outcome([
      issue('error', 'conflict', 'rule', lead),
      missIssue(miss, request.zone),
      issue('information', 'informational', undefined, back),
      ...stuck,
    ]),
    409
  );
}

/**
 * An occurrence not booked (or not moved), as an OperationOutcome issue at `occurrences[i]`, coded by rule or
 * reason, with its time in words (a local time in a DST gap: the date, time and zone).
 *
 * @example
 * missIssue({ index: 4, local: '2025-03-13T09:00:00', start: '2025-03-13T09:00:00-04:00', code: 'taken', reason }, zone);
 * // { expression: ['occurrences[3]'], details: { text: 'Occurrence 4, Thu 13 Mar 2025, 09:00 (UTC−04:00): …' }, … }
 */
export function missIssue(miss: SeriesMiss, zone: string): OperationOutcomeIssue {
  const when = (miss.start && describeInstant(miss.start)) ?? `${miss.local.slice(0, 16).replace('T', ' ')} (${zone})`;
  const text = `Occurrence ${miss.index}, ${when}: ${miss.reason}`;
  const isRule = miss.code in RULE_NAMES;
  const coding = isRule
    ? { system: BOOKING_RULE_SYSTEM, code: miss.code, display: RULE_NAMES[miss.code as BookingRule] }
    : { system: SERIES_MISS_SYSTEM, code: miss.code };
  return {
    ...issue('error', isRule ? 'business-rule' : 'conflict', `occurrences[${miss.index - 1}]`, text),
    details: { coding: [coding], text },
  };
}

/** A new series id: the time and a random part (the booking Bot's sandbox has no crypto; it needs no secrecy). */
function newSeriesId(now: number): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
