/**
 * The typed availability rules the SchedulingParameters reader returns and the slot planner consumes.
 */
import type { DayOfWeek } from '@medplum/core';
import type { CodeableConcept, HealthcareService, Resource } from '@medplum/fhirtypes';
import type { Limits } from './limits';

export { DAYS_OF_WEEK, type DayOfWeek } from '@medplum/core';

/** One weekly opening: on each of `days`, from `startMinute` to `endMinute` minutes after local midnight. */
export interface WeeklyWindow {
  readonly days: readonly DayOfWeek[];
  /** Minutes after local midnight, 0..1439. */
  readonly startMinute: number;
  /** Minutes after the same local midnight; above 1440 when the window runs past midnight. */
  readonly endMinute: number;
}

/** A period when the schedule is closed (holiday, leave), from `notAvailableTime`. */
export interface ClosedPeriod {
  readonly description?: string;
  readonly start: number;
  readonly end: number;
}

/** Validated availability rules of a Schedule. Durations are whole minutes. */
export interface Availability {
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly bufferBeforeMinutes: number;
  readonly bufferAfterMinutes: number;
  /** When set, slot starts sit on a local grid: minutes after local midnight ≡ offset (mod interval). */
  readonly alignmentIntervalMinutes?: number;
  readonly alignmentOffsetMinutes: number;
  readonly windows: readonly WeeklyWindow[];
  readonly closed: readonly ClosedPeriod[];
}

/** Everything the planner needs to know about a Schedule. */
export interface ScheduleRules {
  readonly scheduleId: string;
  readonly active: boolean;
  /** Planning horizon as instants; an absent bound is open. */
  readonly horizon: { readonly start?: number; readonly end?: number };
  /** `undefined` for a manual schedule (no availability rules: slots are made by hand). */
  readonly availability?: Availability;
  /** The visit types (service-scoped entries), read when the reader was given the services; else absent. */
  readonly visitTypes?: readonly VisitType[];
}

/** What the reader needs besides the Schedule. */
export interface ReadContext {
  /** The Schedule's actors, loaded, for the `timezone` fallback (HL7 timezone extension). */
  readonly actors?: readonly Resource[];
  readonly limits?: Partial<Limits>;
  /**
   * The HealthcareServices the service-scoped entries name, loaded. Given (even empty), the visit types are read
   * and a service that is missing is an error; absent, they are not read (a list or a summary needs no more).
   */
  readonly services?: readonly HealthcareService[];
}

/**
 * A visit type a Schedule offers: a HealthcareService, with its own slot length, buffers and (optionally) hours,
 * from a SchedulingParameters entry scoped to that service layered over the service's own parameters.
 */
export interface VisitType {
  /** `HealthcareService/<id>`. */
  readonly service: string;
  /** The service's name, for people. */
  readonly name: string;
  /**
   * The service as Medplum writes it in a `serviceType` (its `type` codes, each carrying a reference to the service):
   * copied to its slots, so that Medplum's `$find` matches them and anyone can tell a slot's visit type.
   */
  readonly serviceType: readonly CodeableConcept[];
  readonly availability: Availability;
}
