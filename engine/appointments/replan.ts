/**
 * Re-applying a schedule's rules around a time that was just given back: the generated Slots a booking's time had
 * kept out (a native `$book`'s, or another visit type's under a booked visit) are planned again there.
 */
import type { WithId } from '@medplum/core';
import type { OperationOutcomeIssue, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import type { Limits } from '../../core/availability/index';
import { issue, visitTypeOf } from '../../core/fhir';
import { referenceId } from '../../core/references';
import { slotInterval } from '../../core/slot-diff';
import { days, type Interval } from '../../core/time';
import { syncScheduleSlots } from '../sync/schedule-sync';
import type { Clock } from '../transport/clock';
import { readOrUndefined, type Io } from '../transport/conditional-write';
import { errorText } from '../transport/errors';
import type { Pacer, PacingSettings } from '../transport/pacing';

export interface ReplanOptions {
  readonly clock?: Clock;
  readonly limits?: Partial<Limits>;
  readonly pacing?: PacingSettings;
  /** The run's pacer: every request goes through it, and a re-plan gets what is left of its budget. */
  readonly pacer?: Pacer;
  /** What the caller has just read or written (engine/transport/conditional-write's `Io.known`). */
  readonly known?: Map<string, Resource>;
}

/**
 * Re-plans each active schedule a day either side of `time`; a failure is a warning (the per-minute run and the
 * next change of the schedule re-plan it anyway), never thrown.
 *
 * @example
 * issues.push(...(await replanAround(io, [schedule], { start, end }, 'Slot/s1 was released', {})));
 */
export async function replanAround(
  io: Io,
  schedules: readonly WithId<Schedule>[],
  time: Interval,
  why: string,
  options: ReplanOptions
): Promise<OperationOutcomeIssue[]> {
  const issues: OperationOutcomeIssue[] = [];
  for (const schedule of schedules) {
    if (schedule.active === false) {
      continue;
    }
    try {
      const { summary } = await syncScheduleSlots(io.medplum, schedule, {
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.pacing ? { pacing: options.pacing } : {}),
        ...(options.pacer ? { budgetMs: Math.max(0, options.pacer.left()) } : {}),
        range: { start: time.start - days(1), end: time.end + days(1) },
      });
      const text = `${why}: Schedule/${schedule.id} re-planned around it (created ${summary.created}).`;
      issues.push(issue('information', 'informational', 'Schedule', text));
    } catch (err) {
      const text = `Schedule/${schedule.id} could not be re-planned: ${errorText(err)}`;
      issues.push(issue('warning', 'incomplete', 'Schedule', text));
    }
  }
  return issues;
}

/**
 * A visit type's Slot given back (free again): the other visit types' Slots its booking kept out are planned again
 * around it. Nothing for a Slot that offers no visit type (a schedule's one grid never overlaps itself).
 */
export async function replanVisitTime(
  io: Io,
  slot: WithId<Slot>,
  options: ReplanOptions
): Promise<OperationOutcomeIssue[]> {
  const time = slotInterval(slot);
  if (!visitTypeOf(slot) || slot.status !== 'free' || !time) {
    return [];
  }
  const schedule = await readOrUndefined(io, 'Schedule', referenceId(slot.schedule, 'Schedule'));
  return schedule ? replanAround(io, [schedule], time, `Slot/${slot.id} was released`, options) : [];
}
