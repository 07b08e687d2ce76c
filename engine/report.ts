/**
 * The summary OperationOutcome every engine run returns (schedule sync, appointment sync, cron run, sweep): a head
 * issue saying what happened in one line, with the summary's figures as JSON in its `diagnostics`, then the details.
 *
 * Its `id` is what Medplum reads to record the run in the bot's AuditEvent (`isOk` of @medplum/core: `ok`,
 * `created`, `not-modified` and `accepted` are successes, anything else a failure): a run that did its work is
 * `ok`, a run that continues later (deferred) is `accepted`, and only a run with an error issue is a failure. The
 * kind of run is kept as a coding on the head issue.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { outcome, PRODUCT_URI } from '../core/fhir';

/** The code system of the run kinds on a summary's head issue. */
export const RUN_KIND_SYSTEM = `${PRODUCT_URI}/CodeSystem/run-kind`;

/** The outcome ids Medplum counts as a successful bot run. */
export type RunOutcomeId = 'ok' | 'accepted';

/**
 * @example
 * summaryOutcome('slot-cron', issue('information', 'informational', undefined, text), tally, details.slice(0, 50));
 */
export function summaryOutcome(
  kind: string,
  head: OperationOutcomeIssue,
  figures: unknown,
  details: readonly OperationOutcomeIssue[]
): OperationOutcome {
  const first: OperationOutcomeIssue = {
    ...head,
    details: { ...head.details, coding: [{ system: RUN_KIND_SYSTEM, code: kind }] },
    diagnostics: JSON.stringify(figures),
  };
  const issues = [first, ...details];
  return { ...outcome(issues), id: runOutcomeId(kind, issues) };
}

/** `ok` for a run that did its work, `accepted` for one that continues later, the run's kind (a failure) on error. */
function runOutcomeId(kind: string, issues: readonly OperationOutcomeIssue[]): string {
  if (issues.some((i) => i.severity === 'error' || i.severity === 'fatal')) {
    return kind;
  }
  return issues[0]?.code === 'incomplete' ? 'accepted' : 'ok';
}
