/**
 * Schedule bot: on Schedule create/update (Subscription), generates the Schedule's bookable Slots from its
 * availability inside its planning horizon and cancels the free generated Slots that no longer belong.
 *
 * Input: the Schedule (from the Subscription), or a Parameters `{ target: Reference, attempt: integer }` when the
 * bot resumes its own unfinished work asynchronously, or nothing (its daily cron run): then it sweeps every active
 * Schedule with availability rules, moving the rolling window forward and completing unfinished work. Output: a
 * summary OperationOutcome. Invalid rules throw the core's OperationOutcome before any write.
 *
 * Project secrets (all optional): SLOT_SYNC_BUDGET_SECONDS (writing time per run, default 8: under the 10 s
 * default bot timeout; raise with Bot.timeout), SLOT_MATERIALIZE_DAYS (rolling window, default 366),
 * SLOT_MAX_SLOTS (default 20000), SLOT_SYNC_MAX_ATTEMPTS (self-resumptions of one change, default 10),
 * SLOT_SYNC_ASYNC_OVER (more writes than this go as asynchronous batch jobs, default 300: about what the default
 * FHIR quota of 50,000 points a minute allows at 140 points per conditional create).
 */
import { badRequest, OperationOutcomeError } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { OperationOutcome, Parameters, Schedule } from '@medplum/fhirtypes';
import { botSettings, resumeParameters, resumeTarget } from '../core/io/bot-support';
import { describeSummary, syncScheduleSlots } from '../core/io/schedule-sync';
import { sweepSchedules } from '../core/io/sweep';

export async function handler(
  medplum: MedplumClient,
  event: BotEvent<Schedule | Parameters>
): Promise<OperationOutcome> {
  const settings = botSettings(event.secrets);
  if (isEmptyInput(event.input)) {
    const { outcome } = await sweepSchedules(medplum, {
      budgetMs: settings.budgetMs,
      asyncOver: settings.asyncOver,
      limits: settings.limits,
    });
    console.log(outcome.issue[0]?.details?.text);
    return outcome;
  }
  const target = resumeTarget(event.input, 'Schedule');
  if (!target) {
    throw new OperationOutcomeError(badRequest('Expected a Schedule (or a resume Parameters) as input.', 'Schedule'));
  }
  const { summary, outcome } = await syncScheduleSlots(medplum, target.id, {
    budgetMs: settings.budgetMs,
    asyncOver: settings.asyncOver,
    limits: settings.limits,
  });
  console.log(describeSummary(summary));

  // Resume only after progress: a run that could write nothing (quota spent) must not spin; the next change does.
  const progress = summary.created + summary.cancelled + summary.tasks + summary.withdrawn + summary.restored;
  const resumable = !summary.complete && summary.pending > 0 && progress > 0;
  if (resumable && target.attempt < settings.maxAttempts && event.bot?.reference) {
    try {
      await medplum.executeBot(
        event.bot.reference.replace(/^Bot\//, ''),
        resumeParameters('Schedule', target.id, target.attempt + 1),
        'application/fhir+json',
        { headers: { Prefer: 'respond-async' } }
      );
      outcome.issue.push({
        severity: 'information',
        code: 'informational',
        details: { text: `Resuming asynchronously (attempt ${target.attempt + 1} of ${settings.maxAttempts}).` },
      });
    } catch (err) {
      outcome.issue.push({
        severity: 'warning',
        code: 'incomplete',
        details: {
          text: `Could not resume asynchronously; the next change to the schedule continues the work. (${String(err)})`,
        },
      });
    }
  }
  return outcome;
}

/** A cron run has no input (Medplum sends none, or an empty body). */
function isEmptyInput(input: unknown): boolean {
  return (
    input === undefined ||
    input === null ||
    input === '' ||
    (typeof input === 'object' && Object.keys(input as object).length === 0)
  );
}
