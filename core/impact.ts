/**
 * The impact of a change to a Schedule, computed with the same plan and diff the schedule bot uses, so that a screen
 * can show it before anything is written ("12 free slots will be withdrawn; 2 booked appointments are affected").
 */
import type { HealthcareService, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { readScheduleRules, type Limits } from './availability/index';
import type { Result } from './fhir';
import { ok } from './fhir';
import { blockingIntervals, diffSlots } from './slot-diff';
import { planSlots, type PlannedSlot } from './slot-plan';

export interface Impact {
  /** Free generated slots that would be deleted. */
  readonly deleted: readonly Slot[];
  /** Free hand-made slots that would be withdrawn (or, on reactivation, restored). */
  readonly withdrawn: readonly Slot[];
  readonly restored: readonly Slot[];
  /** Slots that would be created. */
  readonly created: readonly PlannedSlot[];
  /** Booked slots that no longer fit: kept, and their appointments get reschedule tasks. */
  readonly affected: readonly Slot[];
  readonly timeZone: string;
}

/**
 * What saving `changed` would do to the Slots that exist from `now` on.
 *
 * @example
 * const impact = previewImpact({ ...schedule, active: false }, slots, Date.now());
 * if (impact.ok) console.log(impact.value.deleted.length + impact.value.withdrawn.length, 'free slots withdrawn');
 */
export function previewImpact(
  changed: Schedule,
  existing: readonly Slot[],
  now: number,
  context: { actors?: readonly Resource[]; services?: readonly HealthcareService[]; limits?: Partial<Limits> } = {}
): Result<Impact> {
  const rules = readScheduleRules(changed, context);
  if (!rules.ok) {
    return rules;
  }
  const plan = planSlots({
    rules: rules.value,
    now,
    blocks: blockingIntervals(existing),
    ...(context.limits ? { limits: context.limits } : {}),
  });
  if (!plan.ok) {
    return plan;
  }
  const diff = diffSlots(plan.value, existing);
  return ok({
    deleted: diff.cancel,
    withdrawn: diff.withdraw,
    restored: diff.restore,
    created: diff.create,
    affected: diff.conflicts,
    timeZone: plan.value.timeZone,
  });
}
