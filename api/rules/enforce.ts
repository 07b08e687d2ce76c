/**
 * The booking rules, enforced on the server-side booking path (the booking Bot, under the actors' leases, so that
 * of two bookings of an actor's last place in a day exactly one wins): notice and advance, the daily and weekly
 * limits of each actor across all its schedules, and the cut-off for cancelling or moving. A breach is refused
 * (409, naming the rule) unless overridden by a supervisor with a reason (./override.ts).
 */
import type { MedplumClient } from '@medplum/core';
import type { Appointment, OperationOutcomeIssue, Resource, Schedule } from '@medplum/fhirtypes';
import { issue } from '../../core/fhir';
import { referenceId } from '../../core/references';
import { readBookingRules } from '../../core/rules/booking-rules';
import {
  type Breach,
  cutoffBreach,
  limitBreaches,
  localDay,
  localWeek,
  timingBreaches,
} from '../../core/rules/breaches';
import type { Interval } from '../../core/time';
import { rememberAll } from '../../engine/transport/conditional-write';
import { readSlot } from '../slot-read';
import type { ChangeOptions, OverrideInput } from '../types';
import { actorLoad, namedLoad, scheduleZone } from './load';
import { allowBreaches, type Caller } from './override';

/** Who calls, when, and with which override. */
export interface CallContext extends ChangeOptions {
  readonly now: number;
  readonly caller: Caller;
}

export interface RuleCheck extends CallContext {
  /** Appointments not counted towards the limits (the one being moved). */
  readonly ignore?: ReadonlySet<string>;
}

/** An override, when given, needs its reason in words. */
export function checkOverride(override: OverrideInput | undefined, issues: OperationOutcomeIssue[]): void {
  if (override !== undefined && (typeof override?.reason !== 'string' || !override.reason.trim())) {
    issues.push(issue('error', 'required', 'override.reason', 'An override needs a reason, in words.'));
  }
}

/**
 * Checks a booking of `interval` on `schedule` against the schedule's rules; returns the breaches an allowed
 * override lets through (to be recorded), or throws the refusal.
 *
 * @example
 * const overridden = await enforceBookingRules(medplum, schedule, interval, { now, caller, override });
 */
export async function enforceBookingRules(
  medplum: MedplumClient,
  schedule: Schedule,
  interval: Interval,
  check: RuleCheck
): Promise<Breach[]> {
  const breaches = await bookingBreaches(medplum, schedule, interval, check);
  await allowBreaches(medplum, breaches, check.override, check.caller);
  return breaches;
}

/** A booking not written yet that counts towards the limits (an earlier occurrence of the same series). */
export interface PendingBooking {
  readonly start: number;
  readonly actors: readonly string[];
}

/**
 * The rules a booking of `interval` on `schedule` would break, without refusing it: notice, advance, and the daily
 * and weekly limits of each actor, counting its live appointments plus the `pending` bookings of those actors.
 *
 * @example
 * const breaches = await bookingBreaches(medplum, schedule, interval, { now, caller }, earlierOccurrences);
 */
export async function bookingBreaches(
  medplum: MedplumClient,
  schedule: Schedule,
  interval: Interval,
  check: RuleCheck,
  pending: readonly PendingBooking[] = []
): Promise<Breach[]> {
  const rules = readBookingRules(schedule);
  const breaches = timingBreaches(rules, interval.start, check.now);
  if (rules.dailyLimit !== undefined || rules.weeklyLimit !== undefined) {
    const zone = await scheduleZone(medplum, schedule);
    const day = localDay(interval.start, zone);
    const week = localWeek(interval.start, zone);
    for (const actor of (schedule.actor ?? []).map((a) => a.reference ?? '').filter(Boolean)) {
      const mine = pending.filter((p) => p.actors.includes(actor)).map((p) => p.start);
      const live = await actorLoad(medplum, actor, interval.start, zone, check.ignore);
      const load = {
        day: live.day + mine.filter((s) => s >= day.start && s < day.end).length,
        week: live.week + mine.filter((s) => s >= week.start && s < week.end).length,
      };
      if (limitBreaches(rules, { ...load, name: actor }, '').length > 0) {
        const named = await namedLoad(medplum, actor, load);
        breaches.push(...limitBreaches(rules, named, dayLabel(interval.start, zone)));
      }
    }
  }
  return breaches;
}

/**
 * Checks a cancellation or move of a booking that starts at `start` against its schedule's cut-off; returns the
 * breach an allowed override lets through, or throws the refusal.
 */
export async function enforceCutoff(
  medplum: MedplumClient,
  schedule: Schedule | undefined,
  start: number,
  verb: 'cancelled' | 'moved',
  check: RuleCheck
): Promise<Breach[]> {
  const breach = schedule ? cutoffBreach(readBookingRules(schedule), start, check.now, verb) : undefined;
  const breaches = breach ? [breach] : [];
  await allowBreaches(medplum, breaches, check.override, check.caller);
  return breaches;
}

/**
 * The change cut-off of a booking's schedule, for cancelling or moving it now: the breach an override lets through,
 * or the refusal. A booking without a slot or a start has no cut-off.
 */
export async function lateChange(
  medplum: MedplumClient,
  appointment: Appointment,
  verb: 'cancelled' | 'moved',
  call: CallContext,
  known?: Map<string, Resource>
): Promise<Breach[]> {
  const start = Date.parse(appointment.start ?? '');
  const slotId = referenceId(appointment.slot?.[0], 'Slot');
  if (!slotId || !Number.isFinite(start) || appointment.status === 'cancelled') {
    return [];
  }
  const read = await readSlot(medplum, slotId, 'id').catch(() => undefined);
  rememberAll(known, read?.slot, read?.schedule); // the slot's release reads the same two: never read again
  return enforceCutoff(medplum, read?.schedule, start, verb, call);
}

const DAY_FORMAT = new Map<string, Intl.DateTimeFormat>();

/** "Tue 8 Dec" in the zone. */
export function dayLabel(instant: number, zone: string): string {
  let format = DAY_FORMAT.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone });
    DAY_FORMAT.set(zone, format);
  }
  return format.format(instant).replace(',', '');
}
