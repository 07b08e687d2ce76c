/**
 * The summary OperationOutcome every engine run returns (schedule sync, appointment sync, cron run, sweep): a head
 * issue saying what happened in one line, with the summary's figures as JSON in its `diagnostics`, then the details.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { outcome } from '../core/fhir';

/**
 * @example
 * summaryOutcome('slot-cron', issue('information', 'informational', undefined, text), tally, details.slice(0, 50));
 */
export function summaryOutcome(
  id: string,
  head: OperationOutcomeIssue,
  figures: unknown,
  details: readonly OperationOutcomeIssue[]
): OperationOutcome {
  return { ...outcome([{ ...head, diagnostics: JSON.stringify(figures) }, ...details]), id };
}
