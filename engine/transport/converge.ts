/**
 * Writes that the API and a bot may both make (issue 10, item 5): when a conditional write loses a race (412/409),
 * re-read, and treat "someone already did it" as success; otherwise retry once on the newest version, or report.
 *
 * @example
 * // Free a slot unless it is already free: a concurrent bot run that freed it first is not an error.
 * await updateConverging(medplum, slot, (s) => (s.status === 'free' ? undefined : { ...s, status: 'free' }));
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Resource, Slot } from '@medplum/fhirtypes';
import { isWithdrawnSlot } from '../../core/fhir';
import { isNotFoundError, isPreconditionError } from './errors';
import { ifMatch } from './if-match';

async function reread<T extends Resource>(medplum: MedplumClient, resource: WithId<T>): Promise<WithId<T> | undefined> {
  try {
    return (await medplum.readResource(resource.resourceType, resource.id, { cache: 'no-cache' })) as WithId<T>;
  } catch (err) {
    if (isNotFoundError(err)) {
      return undefined;
    }
    throw err;
  }
}

/**
 * Applies `change` to a resource with If-Match. `change` returns the resource to write, or undefined when the wanted
 * state already holds. On a lost race the newest version is read and `change` decides again (once): so `change` must
 * carry the write's own precondition (never free a slot that another booking took meanwhile, say). Returns the
 * resource as it now is; throws the second conflict, or a 404 when the resource is gone.
 */
export async function updateConverging<T extends Resource>(
  medplum: MedplumClient,
  current: WithId<T>,
  change: (latest: WithId<T>) => T | undefined
): Promise<WithId<T>> {
  const first = change(current);
  if (!first) {
    return current;
  }
  try {
    return (await medplum.updateResource(first, ifMatch(current))) as WithId<T>;
  } catch (err) {
    if (!isPreconditionError(err)) {
      throw err;
    }
    const latest = await reread(medplum, current);
    if (!latest) {
      throw err;
    }
    const second = change(latest);
    if (!second) {
      return latest;
    }
    return (await medplum.updateResource(second, ifMatch(latest))) as WithId<T>;
  }
}

/**
 * After a lost race on a Slot write: whether the Slot now is as the write wanted it (same status, same withdrawal
 * marker), so that the write can count as done.
 */
export async function slotAlreadyAs(medplum: MedplumClient, wanted: WithId<Slot>): Promise<boolean> {
  const latest = await reread(medplum, wanted);
  return latest !== undefined && latest.status === wanted.status && isWithdrawnSlot(latest) === isWithdrawnSlot(wanted);
}

/** Deletes a Slot with If-Match; a Slot that is already gone counts as deleted. A Slot changed meanwhile throws. */
export async function deleteSlotConverging(medplum: MedplumClient, slot: WithId<Slot>): Promise<void> {
  try {
    await medplum.deleteResource('Slot', slot.id, ifMatch(slot));
  } catch (err) {
    if (isNotFoundError(err) || (isPreconditionError(err) && !(await reread(medplum, slot)))) {
      return;
    }
    throw err;
  }
}
