/**
 * The API's one error type and the helpers every resource module uses to raise it: bad input (400) before any
 * write, not found (404), conflict (409), changed meanwhile (412), and server errors passed through with their
 * OperationOutcome.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue, outcome } from '../core/fhir';
import { errorOutcome, isNotFoundError, isPreconditionError } from '../engine/transport/errors';

/** An error from the API: the OperationOutcome says what and where (one issue per problem, with its `expression`). */
export class ClinikError extends Error {
  constructor(
    readonly outcome: OperationOutcome,
    /** HTTP-like status: 400 bad input, 404 not found, 409 conflict, 412 changed meanwhile, or the server's. */
    readonly status: number
  ) {
    super(outcome.issue.map((i) => i.details?.text ?? i.diagnostics ?? i.code).join('; '));
    this.name = 'ClinikError';
  }
}

/** Throws a 400 ClinikError carrying every issue, when there is any. */
export function refuse(issues: readonly OperationOutcomeIssue[]): void {
  if (issues.length > 0) {
    throw new ClinikError(outcome(issues), 400);
  }
}

/** A 409 ClinikError with one issue at `expression`. */
export function conflict(expression: string | undefined, message: string): ClinikError {
  return new ClinikError(outcome([issue('error', 'conflict', expression, message)]), 409);
}

/** A 404 ClinikError with one issue at `expression`. */
export function notFound(expression: string | undefined, message: string): ClinikError {
  return new ClinikError(outcome([issue('error', 'not-found', expression, message)]), 404);
}

/** A 412 ClinikError: the resource changed since it was read. */
export function changedMeanwhile(type: string, id: string): ClinikError {
  return new ClinikError(
    outcome([
      issue(
        'error',
        'conflict',
        undefined,
        `${type}/${id} was changed by someone else; reload it and apply your change again.`
      ),
    ]),
    412
  );
}

/** Runs a request, turning its failure into a ClinikError (404 and 412 named after `type/id` when given). */
export async function call<T>(fn: () => Promise<T>, type?: string, id?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ClinikError) {
      throw err;
    }
    if (type && id && isNotFoundError(err)) {
      throw notFound(undefined, `${type}/${id} was not found.`);
    }
    if (type && id && isPreconditionError(err)) {
      throw changedMeanwhile(type, id);
    }
    throw fromServer(err);
  }
}

/** Any error as a ClinikError, keeping the server's OperationOutcome. */
export function fromServer(err: unknown): ClinikError {
  if (err instanceof ClinikError) {
    return err;
  }
  const serverOutcome = errorOutcome(err);
  if (statusOf(serverOutcome) === 429) {
    const text =
      'The server is busy (its FHIR quota for this minute is used up); nothing was changed. Try again in a minute.';
    return new ClinikError(outcome([issue('error', 'throttled', undefined, text)]), 429);
  }
  return new ClinikError(
    serverOutcome ??
      outcome([issue('error', 'exception', undefined, err instanceof Error ? err.message : String(err))]),
    statusOf(serverOutcome)
  );
}

function statusOf(result: OperationOutcome | undefined): number {
  switch (result?.issue?.[0]?.code) {
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'forbidden':
    case 'security':
      return 403;
    case 'invalid':
    case 'required':
    case 'value':
      return 400;
    case 'throttled':
      return 429;
    default:
      return 500;
  }
}
