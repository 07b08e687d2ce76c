/**
 * The inputs and results of recurring series: `appointments.bookSeries`, `cancelSeries`, `rescheduleSeries` and
 * `series`.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import type { RecurrenceRule } from '../../core/recurrence';
import type { BookingRule } from '../../core/rules/breaches';
import type { CodeInput } from '../../core/terminology';

export type { RecurrenceRule } from '../../core/recurrence';

/** `appointments.bookSeries` input: where the series starts, for whom, the rule, and what to do when one fails. */
export interface SeriesBookInput {
  /** The first occurrence's slot; or give `start` and `scheduleId`. */
  readonly slotId?: string;
  /** The first occurrence's start (an instant with an offset) on `scheduleId`. */
  readonly start?: string;
  readonly scheduleId?: string;
  readonly patientId: string;
  /** The Appointments' service type, as `book` takes it. */
  readonly serviceType?: readonly CodeInput[];
  /** A visit type (HealthcareService id): only its slots are taken. By default, the first slot's visit type. */
  readonly healthcareServiceId?: string;
  /** Weekly on given days (every N weeks) or monthly on the Nth weekday, for a count (≤ 52) or until a local date. */
  readonly rule: RecurrenceRule;
  /**
   * `all-or-none`: every occurrence, or nothing and a 409 naming each that fails. `fit`: the occurrences that fit,
   * and the others each with the nearest free slot instead.
   */
  readonly mode: 'all-or-none' | 'fit';
  /** Occurrences may take a slot on any active schedule of the same practitioner (the first one's schedule first). */
  readonly anySchedulesOfPractitioner?: boolean;
  readonly description?: string;
  readonly comment?: string;
}

/**
 * Why an occurrence was not booked (or not moved): a booking rule's code, or one of the series' own (system
 * `…/CodeSystem/series-miss`).
 */
export type SeriesMissCode =
  | BookingRule
  | 'dst-gap' // the local time does not exist that day (the clocks skip it)
  | 'no-slot' // no slot of the schedule(s) starts then
  | 'taken' // the slot is booked, held or full
  | 'conflict' // an actor is busy then on another schedule, or the patient already has a place
  | 'lost-race' // taken by someone else between the check and the write
  | 'failed'; // the write failed otherwise (the server's answer is the reason)

/** An occurrence that was not booked (or not moved), why, and (in `fit` mode) the nearest free slot instead. */
export interface SeriesMiss {
  /** Its number in the series, from 1. */
  readonly index: number;
  /** Its (wanted) local date and time in the schedule's zone (a move: the new slot's schedule's). */
  readonly local: string;
  /** Its instant with the zone's offset; none for a local time in a DST gap. */
  readonly start?: string;
  readonly code: SeriesMissCode;
  /** Why, in words. */
  readonly reason: string;
  /** The nearest bookable free slot (within 7 days either side) of the same schedule(s), visit type and length. */
  readonly alternative?: WithId<Slot>;
}

/** What `bookSeries` did: the series' id, its booked Appointments (by number), and the occurrences not booked. */
export interface SeriesBooking {
  readonly seriesId: string;
  readonly booked: WithId<Appointment>[];
  readonly notBooked: SeriesMiss[];
}

/** `appointments.rescheduleSeries` input. */
export interface SeriesRescheduleInput {
  /** The Appointment of the series to move: the first one moved. */
  readonly appointmentId: string;
  /** Its new slot. `this-and-following` moves every later occurrence by the same local wall-clock shift. */
  readonly newSlotId: string;
  /** `one`: that occurrence (as `reschedule`); `this-and-following`: it and every later live occurrence. */
  readonly scope: 'one' | 'this-and-following';
  /**
   * `all-or-none` (the default): every occurrence moves, or none does and a 409 names each that cannot. `fit`: the
   * occurrences that can move do, and the others come back each with the nearest free slot instead.
   */
  readonly mode?: 'all-or-none' | 'fit';
  /** Needed within the schedule's change cut-off or past its rules, as for `reschedule`. */
  readonly override?: { readonly reason: string };
}

/** What `rescheduleSeries` did: the series' id, the Appointments moved (by number), the occurrences not moved. */
export interface SeriesRescheduling {
  readonly seriesId: string;
  readonly moved: WithId<Appointment>[];
  readonly notMoved: SeriesMiss[];
}

/** `appointments.cancelSeries` input. */
export interface SeriesCancelInput {
  /** An Appointment of the series. */
  readonly appointmentId: string;
  /** `one`: that occurrence; `this-and-following`: it and every later live occurrence of its series. */
  readonly scope: 'one' | 'this-and-following';
  /** The cancellation reason, as `cancel` needs one. */
  readonly reason: string;
  /** Needed within the schedule's change cut-off, as for `cancel`. */
  readonly override?: { readonly reason: string };
}
