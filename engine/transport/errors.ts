/**
 * Reads the OperationOutcome an error carries, structurally: a bundled bot gets its MedplumClient from the runtime,
 * whose @medplum/core is another copy than the bot's, so `instanceof OperationOutcomeError` cannot be relied on.
 */
import { isOperationOutcome } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';

/** The OperationOutcome an error carries, if any. */
export function errorOutcome(err: unknown): OperationOutcome | undefined {
  const outcome = (err as { outcome?: unknown } | undefined)?.outcome;
  return isOperationOutcome(outcome) ? outcome : undefined;
}

/** Whether an error is a FHIR "not found" (404 or 410). */
export function isNotFoundError(err: unknown): boolean {
  const outcome = errorOutcome(err);
  return outcome?.id === 'not-found' || outcome?.id === 'gone' || outcome?.issue?.[0]?.code === 'not-found';
}

/** Whether an error is a failed precondition (412) or a version conflict (409). */
export function isPreconditionError(err: unknown): boolean {
  const outcome = errorOutcome(err);
  return outcome?.id === 'precondition-failed' || outcome?.issue?.[0]?.code === 'conflict';
}

/**
 * The text an error gives for a report: its OperationOutcome's first issue, else the error itself.
 *
 * @example
 * issue('warning', 'incomplete', 'Schedule', `could not be re-planned: ${errorText(err)}`);
 */
export function errorText(err: unknown): string {
  return errorOutcome(err)?.issue?.[0]?.details?.text ?? String(err);
}
