/**
 * Durable resumption of deferred work. Two ways, both safe to overlap (the sync lease admits one writer):
 * - at once: a run that made progress sends itself a resume request (`Bot/$execute`, `Prefer: respond-async`), so
 *   a long horizon keeps filling minute after minute without waiting for anything;
 * - within a minute: the slot-sync Task stays `requested`, and the bot's per-minute cron run continues it. This is
 *   what carries work across a run that could write nothing (quota spent by others), a lost resume request, a
 *   server restart or a project without the async path.
 */
import { normalizeErrorString } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../../core/fhir';
import { referenceId } from '../../core/references';
import { resumeParameters } from '../bot-support';
import type { SyncSummary } from './summary';

/**
 * Arranges for deferred work to continue; returns an issue saying how.
 *
 * @example
 * if (summary.deferred) outcome.issue.push(await resumeLater(medplum, event, 'Schedule', target, summary, 100));
 */
export async function resumeLater(
  medplum: MedplumClient,
  event: Pick<BotEvent, 'bot'>,
  resourceType: string,
  target: { readonly id: string; readonly attempt: number },
  summary: SyncSummary,
  maxAttempts: number
): Promise<OperationOutcomeIssue> {
  const progress = summary.created + summary.cancelled + summary.tasks + summary.withdrawn + summary.restored;
  const botId = referenceId(event.bot, 'Bot');
  const cron = 'the per-minute cron run continues it (the slot-sync Task records the work)';
  if (progress === 0 || !botId || target.attempt >= maxAttempts) {
    return issue('information', 'informational', undefined, `Deferred: ${cron}.`);
  }
  try {
    await medplum.executeBot(
      botId,
      resumeParameters(resourceType, target.id, target.attempt + 1),
      'application/fhir+json',
      { headers: { Prefer: 'respond-async' } }
    );
    return issue(
      'information',
      'informational',
      undefined,
      `Deferred: resuming now (attempt ${target.attempt + 1} of ${maxAttempts}); otherwise ${cron}.`
    );
  } catch (err) {
    return issue(
      'information',
      'informational',
      undefined,
      `Deferred: could not resume at once (${normalizeErrorString(err)}); ${cron}.`
    );
  }
}
