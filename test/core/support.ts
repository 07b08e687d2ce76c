import type { Schedule } from '@medplum/fhirtypes';
import type { AvailabilityInput } from '../../core/availability/write';
import { withAvailability } from '../../core/availability/write';
import { readScheduleRules, type Limits } from '../../core/availability/index';
import { planSlots, type SlotPlan } from '../../core/slot-plan';
import { formatInstant, type Interval } from '../../core/time';

/** A saved Schedule with the given availability and planning horizon. */
export function scheduleWith(
  input: AvailabilityInput | undefined,
  horizon: { start?: string; end?: string },
  extra: Partial<Schedule> = {}
): Schedule {
  return withAvailability(
    {
      resourceType: 'Schedule',
      id: 'sch-1',
      active: true,
      actor: [{ reference: 'Practitioner/dr-1' }],
      planningHorizon: horizon,
      ...extra,
    },
    input
  );
}

/** Plans a schedule; throws with the outcome when the rules or plan are refused. */
export function planOf(
  schedule: Schedule,
  now: string | undefined,
  options: { blocks?: Interval[]; limits?: Partial<Limits> } = {}
): SlotPlan {
  const rules = readScheduleRules(schedule);
  if (!rules.ok) {
    throw new Error(JSON.stringify(rules.outcome));
  }
  const plan = planSlots({
    rules: rules.value,
    now: now ? Date.parse(now) : (rules.value.horizon.start ?? 0),
    ...(options.blocks ? { blocks: options.blocks } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (!plan.ok) {
    throw new Error(JSON.stringify(plan.outcome));
  }
  return plan.value;
}

/** Slots as `start/end`, each with the zone's offset: the readable form the worked examples assert. */
export function slotsOf(plan: SlotPlan): string[] {
  return plan.slots.map((s) => `${formatInstant(s.start, plan.timeZone)}/${formatInstant(s.end, plan.timeZone)}`);
}

/** Plans `input` over `[start, end)` and returns the readable slots. */
export function slotsFor(input: AvailabilityInput, start: string, end: string): string[] {
  return slotsOf(planOf(scheduleWith(input, { start, end }), start));
}
