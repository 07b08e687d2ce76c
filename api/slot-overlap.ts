/**
 * No two live slots of one schedule overlap. A hand-made slot is refused before it is written when it duplicates or
 * overlaps one (409, naming it); and, because two different overlapping slots created at the same instant both pass
 * that check, each creator looks again after its write and gives way to an overlapping slot written before its own
 * ({@link givesWay}): its slot is deleted while still free, and its caller gets the same 409.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { isWithdrawnSlot } from '../core/fhir';
import { referenceId } from '../core/references';
import { slotInterval } from '../core/slot-diff';
import { deleteConverging } from '../engine/transport/conditional-write';
import { call, conflict, type ClinikError } from './errors';

/** The longest slot looked back for when checking overlaps (a slot starting earlier that still runs). */
const LONGEST_SLOT_MS = 24 * 3_600_000;

/** Refuses (409, naming it) a slot of the schedule that the new one duplicates or overlaps; withdrawn ones aside. */
export async function refuseOverlap(
  medplum: MedplumClient,
  scheduleId: string,
  start: number,
  end: number
): Promise<void> {
  const clash = (await overlapping(medplum, scheduleId, start, end))[0];
  if (clash) {
    throw overlapError(clash, start, end);
  }
}

/**
 * Keeps a just-created slot unless it gives way to an overlapping slot of its schedule ({@link givesWay}): then
 * deletes it (while it is still free; one booked meanwhile is kept, and the booking's busy-time check still guards
 * its actors) and throws the 409 naming the slot it gave way to.
 */
export async function keepIfFirst(medplum: MedplumClient, created: WithId<Slot>): Promise<WithId<Slot>> {
  const interval = slotInterval(created);
  const scheduleId = referenceId(created.schedule, 'Schedule');
  if (!interval || !scheduleId) {
    return created;
  }
  const rivals = await overlapping(medplum, scheduleId, interval.start, interval.end);
  const first = rivals.filter((other) => other.id !== created.id && givesWay(created, other))[0];
  if (!first) {
    return created;
  }
  await deleteConverging({ medplum }, created, { attempts: 2, stillWanted: (latest) => latest.status === 'free' });
  throw overlapError(first, interval.start, interval.end);
}

/**
 * Whether a just-created slot gives way to an overlapping one it sees: to one no longer free (booked, held or
 * blocked meanwhile), to one written before it, and to one written in the same millisecond (whichever of two such
 * creators looks second sees the other and gives way; if both see each other, both do, and the callers try again).
 * A creator that sees no rival keeps its slot: any rival written after its look sees it, written earlier, and gives
 * way. So two overlapping slots never both stay.
 */
export function givesWay(created: Slot, other: Slot): boolean {
  if (other.status !== 'free') {
    return true;
  }
  return (other.meta?.lastUpdated ?? '') <= (created.meta?.lastUpdated ?? '');
}

async function overlapping(
  medplum: MedplumClient,
  scheduleId: string,
  start: number,
  end: number
): Promise<WithId<Slot>[]> {
  const nearby = await call(() =>
    medplum.searchResources(
      'Slot',
      [
        ['schedule', `Schedule/${scheduleId}`],
        ['start', `ge${new Date(start - LONGEST_SLOT_MS).toISOString()}`],
        ['start', `lt${new Date(end).toISOString()}`],
        ['_count', '1000'],
      ],
      { cache: 'no-cache' }
    )
  );
  return nearby.filter((other) => {
    const interval = slotInterval(other);
    const gone = other.status === 'entered-in-error' || isWithdrawnSlot(other);
    return !gone && interval !== undefined && interval.start < end && start < interval.end;
  });
}

function overlapError(clash: WithId<Slot>, start: number, end: number): ClinikError {
  const same = Date.parse(clash.start) === start && Date.parse(clash.end) === end;
  return conflict(
    'start',
    `${same ? 'The same slot exists already' : 'It overlaps a slot of this schedule'}: Slot/${clash.id} ` +
      `(${clash.start} – ${clash.end}, ${clash.status}).`
  );
}
