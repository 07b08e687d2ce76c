/**
 * Reads the OperationOutcome an error carries, structurally: a bundled bot gets its MedplumClient from the runtime,
 * whose @medplum/core is another copy than the bot's, so `instanceof OperationOutcomeError` cannot be relied on.
 */
import { isOperationOutcome } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Appointment, OperationOutcome, Schedule, Slot } from '@medplum/fhirtypes';

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

/** The resource types the bots read, with their ids. */
interface Readable {
  Appointment: Appointment & { id: string };
  Slot: Slot & { id: string };
  Schedule: Schedule & { id: string };
}

/** A fresh read (no cache) of a resource, or undefined when it does not exist (404/410). */
export async function readOrUndefined<K extends keyof Readable>(
  medplum: MedplumClient,
  type: K,
  id: string
): Promise<Readable[K] | undefined> {
  if (!id) {
    return undefined;
  }
  try {
    return (await medplum.readResource(type, id, { cache: 'no-cache' })) as Readable[K];
  } catch (err) {
    if (isNotFoundError(err)) {
      return undefined;
    }
    throw err;
  }
}
