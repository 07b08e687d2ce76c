/**
 * Schedule bot: on Schedule create/update (Subscription), generates the Schedule's bookable Slots from its
 * availability inside its planning horizon and cancels the free generated Slots that no longer belong.
 *
 * Input: the Schedule (from a Subscription); a Parameters `{ target: Reference, attempt: integer }` when the bot
 * resumes its own unfinished work; or the Bot itself (Medplum's cron run, every minute), which continues unfinished
 * work, catches changes whose event was lost, once a day moves every Schedule's rolling window on, and offers the
 * times freed meanwhile to the waitlist (api/waitlist/offers.ts).
 * Output: a summary OperationOutcome. Invalid rules throw the core's OperationOutcome before any write.
 *
 * Writes are paced by the FHIR quota (engine/transport/pacing): the next days first, background filling within a share of
 * the quota, every request retried after a 429 or a 5xx within the run's budget, and the rest deferred to a later
 * run, recorded on the Schedule's slot-sync Task. Settings are project secrets (see botSettings).
 */
import { badRequest, OperationOutcomeError } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { OperationOutcome, Parameters, Schedule } from '@medplum/fhirtypes';
import {
  botSettings,
  describeSummary,
  isCronInput,
  reconcile,
  resumeLater,
  resumeTarget,
  syncScheduleSlots,
} from '../engine';
import { runWaitlistOffers } from '../api/operation';

export async function handler(
  medplum: MedplumClient,
  event: BotEvent<Schedule | Parameters>
): Promise<OperationOutcome> {
  const settings = botSettings(event.secrets);
  const options = {
    budgetMs: settings.budgetMs,
    limits: settings.limits,
    pacing: settings.pacing,
    urgentDays: settings.urgentDays,
  };
  if (isCronInput(event.input)) {
    const { outcome } = await reconcile(medplum, options);
    console.log(outcome.issue[0]?.details?.text);
    // Then the times freed meanwhile go to the waitlist; a failure here never undoes the repair above.
    const offerMinutes = settings.waitlistOfferMinutes;
    const waitlist = await runWaitlistOffers(medplum, { offerMinutes }).catch((err: unknown) => ({
      error: String(err),
    }));
    console.log(`waitlist: ${JSON.stringify(waitlist)}`);
    return outcome;
  }
  const target = resumeTarget(event.input, 'Schedule');
  if (!target) {
    throw new OperationOutcomeError(badRequest('Expected a Schedule (or a resume Parameters) as input.', 'Schedule'));
  }
  const { summary, outcome } = await syncScheduleSlots(medplum, target.id, options);
  console.log(describeSummary(summary));
  if (summary.deferred) {
    outcome.issue.push(await resumeLater(medplum, event, 'Schedule', target, summary, settings.maxAttempts));
  }
  return outcome;
}
