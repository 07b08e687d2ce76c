/**
 * The daily sweep (the schedule bot's cron run): re-syncs every active Schedule that has availability rules (its own
 * or its visit types'), so that the rolling window of materialized slots moves forward with the calendar, and writes
 * handed to asynchronous batch jobs (or left by a run stopped part way) are verified and completed.
 */
import type { MedplumClient } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { SchedulingParametersURI } from '@medplum/core';
import { issue } from '../../core/fhir';
import { summaryOutcome } from '../report';
import { systemClock, type Clock } from '../transport/clock';
import { errorText } from '../transport/errors';
import { createPacer, DEFAULT_PACING, type Pacer } from '../transport/pacing';
import { describeSummary, syncScheduleSlots, type SyncOptions } from '../sync/schedule-sync';

const PAGE = 100;

export interface SweepSummary {
  readonly schedules: number;
  readonly synced: number;
  readonly failed: number;
  /** Schedules not reached in this run's time budget (the next run starts with them: least recently swept first). */
  readonly remaining: number;
  readonly created: number;
  readonly cancelled: number;
}

/**
 * Syncs every active Schedule with availability rules, oldest `_lastUpdated` first, within the time budget.
 *
 * @example
 * const { summary } = await sweepSchedules(medplum, { budgetMs: 50_000 });
 */
export async function sweepSchedules(
  medplum: MedplumClient,
  options: SyncOptions & { readonly budgetMs: number; readonly pacer?: Pacer }
): Promise<{ summary: SweepSummary; outcome: OperationOutcome }> {
  const clock: Clock = options.clock ?? systemClock;
  // The cron run's pacer when it sweeps (its quota and what is left of its budget), else one for this sweep.
  const { pacer: given, ...syncOptions } = options;
  const pacer = given ?? createPacer(medplum, clock, clock.now() + options.budgetMs, options.pacing ?? DEFAULT_PACING);
  const tally = { schedules: 0, synced: 0, failed: 0, remaining: 0, created: 0, cancelled: 0 };
  const details: OperationOutcomeIssue[] = [];
  for (let offset = 0; offset < 10_000; offset += PAGE) {
    const query = { active: 'true', _count: String(PAGE), _offset: String(offset), _sort: '_lastUpdated' };
    const page = await pacer.call('search Schedules', () =>
      medplum.searchResources('Schedule', query, { cache: 'no-cache' })
    );
    for (const schedule of page.filter(hasRules)) {
      tally.schedules++;
      const left = pacer.left();
      if (left <= 0) {
        tally.remaining++;
        continue;
      }
      try {
        const { summary } = await syncScheduleSlots(medplum, schedule, { ...syncOptions, budgetMs: left });
        tally.synced++;
        tally.created += summary.created;
        tally.cancelled += summary.cancelled;
        if (!summary.complete) {
          details.push(issue('warning', 'incomplete', undefined, describeSummary(summary)));
        }
      } catch (err) {
        tally.failed++;
        details.push(issue('error', 'invalid', undefined, `Schedule/${schedule.id}: ${errorText(err)}`));
      }
    }
    if (page.length < PAGE) {
      break;
    }
  }
  const text =
    `Sweep: ${tally.synced} of ${tally.schedules} schedules synced (${tally.failed} invalid, ${tally.remaining} left for ` +
    `the next run); created ${tally.created}, cancelled ${tally.cancelled}`;
  const head = issue(tally.remaining > 0 ? 'warning' : 'information', 'informational', undefined, text);
  return { summary: tally, outcome: summaryOutcome('slot-sweep-summary', head, tally, details.slice(0, 50)) };
}

/** Whether a Schedule has availability rules: a schedule-wide entry or a visit type's (service-scoped) one. */
function hasRules(schedule: Schedule): boolean {
  return (schedule.extension ?? []).some((ext) => ext.url === SchedulingParametersURI);
}
