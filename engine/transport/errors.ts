/**
 * What an error means, read structurally: a bundled bot gets its MedplumClient from the runtime, whose @medplum/core
 * is another copy than the bot's, so `instanceof OperationOutcomeError` (or `instanceof DeferredError`) cannot be
 * relied on. Not found, changed meanwhile, worth retrying, or deferred to a later run.
 */
import { getStatus, isOperationOutcome, normalizeErrorString } from '@medplum/core';
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

/** Work that could not be done in this run (quota, server unavailable, time budget): a later run does it. */
export class DeferredError extends Error {
  readonly deferred = true;
  /**
   * `quota`: refused before any work; `unavailable`: the server did not answer (retries used up); `uncertain`: a
   * request that is not safe to resend failed, so some of it may have been applied.
   */
  readonly kind: 'quota' | 'unavailable' | 'uncertain';
  constructor(message: string, kind: DeferredError['kind'], options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeferredError';
    this.kind = kind;
  }
}

/** Whether an error means "deferred" (structural: bundled bots may see another copy of this class). */
export function isDeferred(err: unknown): err is DeferredError {
  return (err as { deferred?: unknown } | undefined)?.deferred === true;
}

/** The HTTP status an error stands for, when it carries one (OperationOutcome or a Medplum response error). */
export function errorStatus(err: unknown): number | undefined {
  const outcome = errorOutcome(err);
  if (outcome) {
    return getStatus(outcome);
  }
  const status = (err as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Whether an error is a refusal worth retrying: 429, 5xx, or no response at all (network). */
export function isTransient(err: unknown): boolean {
  const status = errorStatus(err);
  if (status !== undefined) {
    return status === 429 || status >= 500;
  }
  const text = normalizeErrorString(err);
  return /fetch failed|failed to fetch|network|ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up/i.test(text);
}
