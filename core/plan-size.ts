/**
 * The slot cap, checked before anything is written: a schedule whose rules would make more slots than the bots
 * materialize at once (`Limits.maxSlots`) is refused with the numbers in words, by the same planner and the same
 * limits the bots use, instead of being stored and then refused by the bot.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { DEFAULT_LIMITS, type Limits, type ScheduleRules } from './availability/index';
import { issue } from './fhir';
import { planSlots } from './slot-plan';
import { days } from './time';

/** Days planned to estimate the size of a plan too large to make whole. */
const SAMPLE_DAYS = 28;

/**
 * An error issue at `planningHorizon` when the rules' plan is over the cap, else undefined.
 *
 * @example
 * const tooMany = planSizeIssue(rules, Date.now()); // "These rules make about 105,000 slots in the next 366 days; …"
 */
export function planSizeIssue(
  rules: ScheduleRules,
  now: number,
  limits: Partial<Limits> = {}
): OperationOutcomeIssue | undefined {
  const all = { ...DEFAULT_LIMITS, ...limits };
  const plan = planSlots({ rules, now, limits: all });
  if (plan.ok || !plan.outcome.issue.some((i) => i.code === 'too-costly')) {
    return undefined;
  }
  const start = Math.max(now, rules.horizon.start ?? now);
  const windowEnd = Math.min(rules.horizon.end ?? Infinity, now + days(all.materializeDays));
  const windowDays = Math.max(1, Math.round((windowEnd - start) / days(1)));
  const sample = planSlots({
    rules: { ...rules, horizon: { ...rules.horizon, end: Math.min(windowEnd, start + days(SAMPLE_DAYS)) } },
    now,
    limits: { ...all, maxSlots: Number.MAX_SAFE_INTEGER },
  });
  const sampled = sample.ok ? sample.value.slots.length : all.maxSlots;
  const estimate = Math.max(all.maxSlots + 1, Math.round((sampled * windowDays) / Math.min(SAMPLE_DAYS, windowDays)));
  const about = roundForWords(estimate).toLocaleString('en-US');
  return issue(
    'error',
    'too-costly',
    'planningHorizon',
    `These rules make about ${about} slots in the next ${windowDays} days; the most a schedule can have at once is ` +
      `${all.maxSlots.toLocaleString('en-US')}. Shorten the planning horizon or lengthen the slots.`
  );
}

/** Two significant figures: an estimate says "about 210,000", not "209,664". */
function roundForWords(n: number): number {
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
}
