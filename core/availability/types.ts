/**
 * The typed availability rules the SchedulingParameters reader returns and the slot planner consumes.
 */
import type { DayOfWeek } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
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
}

/** What the reader needs besides the Schedule. */
export interface ReadContext {
  /** The Schedule's actors, loaded, for the `timezone` fallback (HL7 timezone extension). */
  readonly actors?: readonly Resource[];
  readonly limits?: Partial<Limits>;
}
