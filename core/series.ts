/**
 * How the Appointments of a recurring series are linked: each occurrence is an ordinary Appointment (booked,
 * cancelled, moved and synced like any other) carrying two identifiers:
 *
 * - `https://schedules.clinik.dev/fhir/appointment-series|<series id>`, the same on every occurrence: the series is
 *   one token search away (`Appointment?identifier=…/appointment-series|<series id>`), on Medplum and on any FHIR
 *   server, with no other resource to write, read or keep in step;
 * - `https://schedules.clinik.dev/fhir/appointment-series-occurrence|<series id>/<n>`: the occurrence's number in
 *   the series (from 1), unique per Appointment, so "this and following" and the list's order never depend on
 *   times that a move may have changed.
 *
 * Why not `basedOn`: in R4 it points at a ServiceRequest, a resource we would have to create, keep in step and let
 * the booking operation write, and `basedOn` is better left to what an Appointment was asked for by (a referral, a
 * waitlist entry). Why not an extension: it is not searchable without a SearchParameter deployed to the project.
 * An identifier is searchable everywhere and costs no extra write.
 */
import type { Appointment, Identifier } from '@medplum/fhirtypes';
import { PRODUCT_URI } from './fhir';

/** The identifier system shared by the Appointments of one series. */
export const SERIES_SYSTEM = `${PRODUCT_URI}/appointment-series`;
/** The identifier system of an occurrence's number: `<series id>/<n>`. */
export const SERIES_OCCURRENCE_SYSTEM = `${PRODUCT_URI}/appointment-series-occurrence`;

/** The code system of why an occurrence was not booked (besides the booking rules' own codes). */
export const SERIES_MISS_SYSTEM = `${PRODUCT_URI}/CodeSystem/series-miss`;

/** An Appointment's place in a series. */
export interface SeriesMembership {
  readonly seriesId: string;
  /** The occurrence's number in the series, from 1. */
  readonly index: number;
}

/**
 * The identifiers of occurrence `index` of series `seriesId`.
 *
 * @example
 * seriesIdentifiers('s-1', 3);
 * // [{ system: SERIES_SYSTEM, value: 's-1' }, { system: SERIES_OCCURRENCE_SYSTEM, value: 's-1/3' }]
 */
export function seriesIdentifiers(seriesId: string, index: number): Identifier[] {
  return [
    { system: SERIES_SYSTEM, value: seriesId },
    { system: SERIES_OCCURRENCE_SYSTEM, value: `${seriesId}/${index}` },
  ];
}

/**
 * The series an Appointment belongs to, and its number there; undefined for a single booking.
 *
 * @example
 * seriesOf(appointment); // { seriesId: 's-1', index: 3 }
 */
export function seriesOf(appointment: Pick<Appointment, 'identifier'>): SeriesMembership | undefined {
  const seriesId = appointment.identifier?.find((i) => i.system === SERIES_SYSTEM)?.value;
  const occurrence = appointment.identifier?.find((i) => i.system === SERIES_OCCURRENCE_SYSTEM)?.value;
  if (!seriesId || !occurrence?.startsWith(`${seriesId}/`)) {
    return undefined;
  }
  const index = Number(occurrence.slice(seriesId.length + 1));
  return Number.isInteger(index) && index > 0 ? { seriesId, index } : undefined;
}

/**
 * The search token of a series (`system|value`), for `Appointment?identifier=`.
 *
 * @example
 * medplum.searchResources('Appointment', { identifier: seriesToken('s-1') });
 */
export function seriesToken(seriesId: string): string {
  return `${SERIES_SYSTEM}|${seriesId}`;
}
