/**
 * `clinik.appointments.cancelSeries` and `clinik.appointments.series`: a series' Appointments found by their shared
 * identifier (core/series.ts), and one occurrence or "this and all following" cancelled through the cancel path of
 * single bookings (its cut-off, override, Provenance and slot release included).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { holdsSlots } from '../../core/appointment-status';
import { issue } from '../../core/fhir';
import { type SeriesMembership, seriesOf, seriesToken } from '../../core/series';
import { call, refuse } from '../errors';
import { type CallContext, checkOverride, lateChange } from '../rules/enforce';
import { checkId, read } from '../validation';
import type { CancelBooking } from './book';
import type { SeriesCancelInput } from './types';

const SCOPES: readonly SeriesCancelInput['scope'][] = ['one', 'this-and-following'];

/**
 * The Appointments of the series an Appointment belongs to, by occurrence number (cancelled ones included).
 *
 * @example
 * const { data } = await clinik.appointments.series(appointmentId);
 * data.map((a) => a.status); // ['booked', 'booked', 'cancelled', …]
 */
export async function seriesAppointments(
  medplum: MedplumClient,
  appointmentId: string
): Promise<WithId<Appointment>[]> {
  const issues: OperationOutcomeIssue[] = [];
  checkId('appointmentId', appointmentId, 'appointment', issues);
  refuse(issues);
  const appointment = await read(medplum, 'Appointment', appointmentId, 'no-cache', 'appointmentId');
  return membersOf(medplum, appointment, membership(appointment));
}

/**
 * Cancels one occurrence, or it and every later live occurrence of its series. Every cut-off is checked before the
 * first cancellation (a refusal cancels nothing); returns the Appointments cancelled, by occurrence number.
 *
 * @example
 * await clinik.appointments.cancelSeries({ appointmentId, scope: 'this-and-following', reason: 'Course ended early' });
 */
export async function cancelSeries(
  medplum: MedplumClient,
  input: SeriesCancelInput,
  context: CallContext,
  cancel: CancelBooking
): Promise<WithId<Appointment>[]> {
  const issues: OperationOutcomeIssue[] = [];
  checkId('appointmentId', input?.appointmentId, 'appointment', issues);
  if (!SCOPES.includes(input?.scope)) {
    issues.push(issue('error', 'required', 'scope', 'scope must be "one" or "this-and-following".'));
  }
  if (typeof input?.reason !== 'string' || !input.reason.trim()) {
    issues.push(issue('error', 'required', 'reason', 'A cancellation reason is required.'));
  }
  checkOverride(input?.override, issues);
  refuse(issues);
  const appointment = await read(medplum, 'Appointment', input.appointmentId, 'no-cache', 'appointmentId');
  const place = membership(appointment);
  const targets =
    input.scope === 'one'
      ? [appointment]
      : (await membersOf(medplum, appointment, place)).filter(
          (a) => (seriesOf(a)?.index ?? 0) >= place.index && holdsSlots(a.status)
        );
  const call = { ...context, ...(input.override ? { override: input.override } : {}) };
  for (const target of targets) {
    await lateChange(medplum, target, 'cancelled', call); // throws the refusal before anything is cancelled
  }
  const cancelled: WithId<Appointment>[] = [];
  for (const target of targets) {
    cancelled.push(await cancel(target.id, input.reason, input.override ? { override: input.override } : {}));
  }
  return cancelled;
}

/**
 * An Appointment's place in its series, or a 400 at `appointmentId` when it is not part of one.
 *
 * @example
 * membership(appointment); // { seriesId: 'm7x-4k2', index: 3 }
 */
export function membership(appointment: WithId<Appointment>): SeriesMembership {
  const place = seriesOf(appointment);
  if (!place) {
    refuse([issue('error', 'invalid', 'appointmentId', `Appointment/${appointment.id} is not part of a series.`)]);
  }
  return place as SeriesMembership;
}

/**
 * Every Appointment of the series (one search by its identifier), by occurrence number.
 *
 * @example
 * const members = await membersOf(medplum, appointment, membership(appointment));
 */
export async function membersOf(
  medplum: MedplumClient,
  appointment: WithId<Appointment>,
  place: SeriesMembership
): Promise<WithId<Appointment>[]> {
  const found = await call(() =>
    medplum.searchResources(
      'Appointment',
      { identifier: seriesToken(place.seriesId), _count: '100' },
      { cache: 'no-cache' }
    )
  );
  const members = found.some((a) => a.id === appointment.id) ? found : [...found, appointment];
  return members
    .filter((a) => seriesOf(a)?.seriesId === place.seriesId)
    .sort((a, b) => (seriesOf(a)?.index ?? 0) - (seriesOf(b)?.index ?? 0));
}
