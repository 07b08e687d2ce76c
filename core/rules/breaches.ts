/**
 * Which booking rules a booking would break, in words. Pure: the caller reads the clock and counts the actors'
 * appointments; this decides. Days and weeks are local to the schedule's zone (Temporal): a limit of 12 a day means
 * 12 between the local midnights, also on the days the clocks change.
 */
import type { Coding } from '@medplum/fhirtypes';
import { Temporal } from 'temporal-polyfill';
import { PRODUCT_URI } from '../fhir';
import type { Interval } from '../time';
import type { BookingRules } from './booking-rules';

/** The code system of the rules, as refusals, overrides (Provenance.reason) and `slots.find` name them. */
export const BOOKING_RULE_SYSTEM = `${PRODUCT_URI}/CodeSystem/booking-rule`;

export type BookingRule = 'minimum-notice' | 'maximum-advance' | 'daily-limit' | 'weekly-limit' | 'change-cutoff';

/** Each rule's name in words. */
export const RULE_NAMES: Readonly<Record<BookingRule, string>> = {
  'minimum-notice': 'Minimum notice',
  'maximum-advance': 'Booking window',
  'daily-limit': 'Daily limit',
  'weekly-limit': 'Weekly limit',
  'change-cutoff': 'Change cut-off',
};

/** A rule a booking (or a cancellation) would break, and why, in words. */
export interface Breach {
  readonly rule: BookingRule;
  readonly text: string;
}

/** The coding of a rule. */
export function ruleCoding(rule: BookingRule): Coding {
  return { system: BOOKING_RULE_SYSTEM, code: rule, display: RULE_NAMES[rule] };
}

/**
 * The notice and advance rules for a booking starting at `start`, made at `now`.
 *
 * @example
 * timingBreaches({ minimumNoticeMinutes: 120 }, start, now); // [{ rule: 'minimum-notice', text: '…' }]
 */
export function timingBreaches(rules: BookingRules, start: number, now: number): Breach[] {
  const breaches: Breach[] = [];
  const notice = rules.minimumNoticeMinutes;
  if (notice !== undefined && start < now + notice * 60_000) {
    breaches.push({
      rule: 'minimum-notice',
      text: `Minimum notice: bookings must start at least ${inWords(notice)} from now.`,
    });
  }
  const advance = rules.maximumAdvanceDays;
  if (advance !== undefined && start > now + advance * 86_400_000) {
    breaches.push({
      rule: 'maximum-advance',
      text: `Booking window: bookings can be made at most ${advance} day${advance === 1 ? '' : 's'} ahead.`,
    });
  }
  return breaches;
}

/**
 * The cut-off rule for cancelling or moving a booking that starts at `start`, at `now` (a booking that has started
 * is always within it).
 */
export function cutoffBreach(rules: BookingRules, start: number, now: number, verb: string): Breach | undefined {
  const cutoff = rules.changeCutoffMinutes;
  if (cutoff === undefined || start >= now + cutoff * 60_000) {
    return undefined;
  }
  return {
    rule: 'change-cutoff',
    text: `Change cut-off: a booking cannot be ${verb} within ${inWords(cutoff)} of its start without an override.`,
  };
}

/** How many live appointments an actor has on the booking's local day and week. */
export interface ActorLoad {
  /** The actor in words ("Dr. Alice Jones"). */
  readonly name: string;
  readonly day: number;
  readonly week: number;
}

/**
 * The limit rules for one more booking of an actor, given the actor's load; `dayLabel` names the day in words.
 *
 * @example
 * limitBreaches({ dailyLimit: 12 }, { name: 'Dr. Jones', day: 12, week: 30 }, 'Tue 8 Dec');
 * // [{ rule: 'daily-limit', text: 'Daily limit: Dr. Jones has 12 of 12 appointments on Tue 8 Dec.' }]
 */
export function limitBreaches(rules: BookingRules, load: ActorLoad, dayLabel: string): Breach[] {
  const breaches: Breach[] = [];
  if (rules.dailyLimit !== undefined && load.day >= rules.dailyLimit) {
    breaches.push({
      rule: 'daily-limit',
      text: `Daily limit: ${load.name} has ${load.day} of ${rules.dailyLimit} appointments on ${dayLabel}.`,
    });
  }
  if (rules.weeklyLimit !== undefined && load.week >= rules.weeklyLimit) {
    breaches.push({
      rule: 'weekly-limit',
      text: `Weekly limit: ${load.name} has ${load.week} of ${rules.weeklyLimit} appointments in the week of ${dayLabel}.`,
    });
  }
  return breaches;
}

/** The local day an instant falls on, as an interval of instants, in a zone. */
export function localDay(instant: number, zone: string): Interval {
  const date = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate();
  return {
    start: date.toZonedDateTime({ timeZone: zone }).epochMilliseconds,
    end: date.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds,
  };
}

/** The local week (Monday to Sunday) an instant falls in, as an interval of instants, in a zone. */
export function localWeek(instant: number, zone: string): Interval {
  const date = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate();
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  return {
    start: monday.toZonedDateTime({ timeZone: zone }).epochMilliseconds,
    end: monday.add({ days: 7 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds,
  };
}

/** A number of minutes in words: "90 minutes", "2 hours", "1 day". */
export function inWords(minutes: number): string {
  const [value, unit] =
    minutes % 1440 === 0 && minutes > 0
      ? [minutes / 1440, 'day']
      : minutes % 60 === 0 && minutes > 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

/**
 * A schedule's booking rules in words, one line each (an empty list for none).
 *
 * @example
 * describeRules({ dailyLimit: 12, minimumNoticeMinutes: 120 });
 * // ['Booked at least 2 hours ahead', 'At most 12 appointments a day per practitioner or room']
 */
export function describeRules(rules: BookingRules): string[] {
  const lines: string[] = [];
  if (rules.minimumNoticeMinutes !== undefined) {
    lines.push(`Booked at least ${inWords(rules.minimumNoticeMinutes)} ahead`);
  }
  if (rules.maximumAdvanceDays !== undefined) {
    lines.push(`Booked at most ${rules.maximumAdvanceDays} day${rules.maximumAdvanceDays === 1 ? '' : 's'} ahead`);
  }
  if (rules.dailyLimit !== undefined) {
    lines.push(`At most ${rules.dailyLimit} appointments a day per practitioner or room`);
  }
  if (rules.weeklyLimit !== undefined) {
    lines.push(`At most ${rules.weeklyLimit} appointments a week per practitioner or room`);
  }
  if (rules.changeCutoffMinutes !== undefined) {
    lines.push(`Cancelled or moved within ${inWords(rules.changeCutoffMinutes)} of the start only by a supervisor`);
  }
  return lines;
}
