/**
 * Safe beside Medplum's own `$book`, `$hold` and `$cancel` (Scheduling beta, Medplum ≥ 5.1.22).
 *
 * What those operations write (read from Medplum's server, packages/server/src/fhir/operations/{book,hold,cancel}.ts
 * and utils/scheduling.ts, v5.1.29):
 * - `$book` / `$hold` create, in one transaction, new Slots from the proposed Appointment's contained Slots:
 *   `{ resourceType: 'Slot', schedule: { reference: 'Schedule/…' }, status: 'busy' | 'busy-tentative', start, end }`
 *   (UTC instants with milliseconds, no identifier, no tag, no service type), plus `busy-unavailable` buffer Slots
 *   (comment 'buffer before appointment' / 'buffer after appointment') when the schedule has buffers; then an
 *   Appointment `booked` (`$hold`: `pending`) whose `slot` references all of them. Any `free` Slot overlapping
 *   the new busy Slot is left as it is.
 * - `$cancel` sets the Appointment `cancelled` and deletes its Slots (the Appointment keeps the dangling references).
 *
 * So a generated free Slot under a natively booked time would be offered, and booked, a second time. On every
 * Appointment event the appointment bot calls {@link reconcileNativeOverlap}:
 * - holding (booked, pending, …): each free Slot of the same schedule that overlaps one of the Appointment's busy
 *   Slots is retired: a generated one is deleted (If-Match; the planner keeps it out while the busy Slot blocks its
 *   time), a hand-made one is withdrawn (`busy-unavailable` + {@link OVERLAP_WITHDRAWN_EXTENSION_URL} naming the busy
 *   Slot);
 * - a visit type's Slot taken by this plugin's booking operation is one of these busy Slots too: the other visit
 *   types' free Slots under its time are retired the same way, and re-planned when it is released;
 * - releasing (cancelled, noshow, entered-in-error): Slots withdrawn for one of its Slots come back (free), once,
 *   when no busy Slot overlaps them, whichever way the booking ended: after `$cancel` deleted its Slots, or after a
 *   status update, where its own Slot (freed) is deleted as `$cancel` would, so the time is never offered twice;
 *   its `$book` buffer Slots are deleted; where its Slots are gone the schedule's rules are re-applied around the
 *   time, which re-creates the generated Slots.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, OperationOutcomeIssue, Schedule, Slot } from '@medplum/fhirtypes';
import { holdsSlots, releasesSlots } from '../../core/appointment-status';
import { isBookedSlot, isGeneratedSlot, issue, PRODUCT_URI } from '../../core/fhir';
import { referenceId } from '../../core/references';
import { slotInterval } from '../../core/slot-diff';
import { formatUtc, parseInstant } from '../../core/time';
import { deleteOrThrow, readOrUndefined, send, updateConverging, type Io } from '../transport/conditional-write';
import { isDeferred } from '../transport/pacing';
import { replanAround, replanVisitTime, type ReplanOptions } from './replan';

/** How a reconciliation runs: its clock, limits, pacing and pacer. */
export type NativeOverlapOptions = ReplanOptions;

/** Marks a hand-made free Slot withdrawn because a busy Slot of its schedule overlaps it (valueReference: that Slot). */
export const OVERLAP_WITHDRAWN_EXTENSION_URL = `${PRODUCT_URI}/StructureDefinition/withdrawn-by-overlap`;

/** Whether a Slot was withdrawn because a busy Slot overlaps it. */
export function isOverlapWithdrawn(slot: Slot): boolean {
  return slot.extension?.some((e) => e.url === OVERLAP_WITHDRAWN_EXTENSION_URL) === true;
}

/**
 * Whether a Slot is one of the buffer Slots `$book` writes around an Appointment: `busy-unavailable`, ending where
 * the Appointment starts or starting where it ends. It is part of the booking, not an unbookable slot.
 */
export function isNativeBufferSlot(slot: Slot, appointment: Appointment): boolean {
  if (slot.status !== 'busy-unavailable') {
    return false;
  }
  const interval = slotInterval(slot);
  const start = parseInstant(appointment.start ?? '');
  const end = parseInstant(appointment.end ?? '');
  return interval !== undefined && (interval.end === start || interval.start === end);
}

/**
 * Retires free Slots under an Appointment's busy Slots, or brings them back when it is released (see the module
 * comment). Returns what it did, as OperationOutcome issues; never touches a booked Slot.
 *
 * @example
 * issues.push(...(await reconcileNativeOverlap(medplum, appointment)));
 */
export async function reconcileNativeOverlap(
  medplum: MedplumClient,
  appointment: WithId<Appointment>,
  options: NativeOverlapOptions = {}
): Promise<OperationOutcomeIssue[]> {
  const issues: OperationOutcomeIssue[] = [];
  const holds = holdsSlots(appointment.status);
  const releases = releasesSlots(appointment.status);
  if (!holds && !releases) {
    return issues;
  }
  const io: Io = { medplum, ...(options.pacer ? { pacer: options.pacer } : {}), known: options.known };
  for (const ref of appointment.slot ?? []) {
    const id = referenceId(ref, 'Slot');
    const slot = await readOrUndefined(io, 'Slot', id);
    if (holds && slot && slot.status !== 'free') {
      issues.push(...(await retireOverlapping(io, slot)));
    } else if (releases && slot && isNativeBufferSlot(slot, appointment)) {
      // A buffer $book wrote for this booking: gone with it, as $cancel would delete it.
      await deleteOrThrow(io, slot);
      issues.push(...(await replanDeleted(io, slot.id, appointment, options)));
    } else if (releases && slot) {
      issues.push(...(await restoreWithdrawn(io, slot, { dropDisplacing: true })));
      issues.push(...(await replanVisitTime(io, slot, options)));
    } else if (releases && id) {
      issues.push(...(await restoreUnderDeleted(io, id, appointment)));
      issues.push(...(await replanDeleted(io, id, appointment, options)));
    }
  }
  return issues;
}

/** The Slots of the same schedule as `slot`, with one of these statuses, that overlap it (none without a time). */
async function overlapping(io: Io, slot: Slot, status: string): Promise<WithId<Slot>[]> {
  const interval = slotInterval(slot);
  const scheduleRef = slot.schedule.reference;
  if (!interval || !scheduleRef) {
    return [];
  }
  const params = new URLSearchParams([
    ['schedule', scheduleRef],
    ['status', status],
    ['start', `lt${formatUtc(interval.end)}`],
    ['end', `gt${formatUtc(interval.start)}`],
    ['_count', '1000'],
  ]);
  return send(io, 'search overlapping Slots', () => io.medplum.searchResources('Slot', params, { cache: 'no-cache' }));
}

async function retireOverlapping(io: Io, busy: WithId<Slot>): Promise<OperationOutcomeIssue[]> {
  const issues: OperationOutcomeIssue[] = [];
  for (const free of await overlapping(io, busy, 'free')) {
    if (free.id === busy.id) {
      continue;
    }
    if (isGeneratedSlot(free)) {
      await deleteOrThrow(io, free);
    } else {
      await updateConverging(io, free, (latest) =>
        latest.status !== 'free'
          ? undefined
          : {
              ...latest,
              status: 'busy-unavailable',
              extension: [
                ...(latest.extension ?? []).filter((e) => e.url !== OVERLAP_WITHDRAWN_EXTENSION_URL),
                { url: OVERLAP_WITHDRAWN_EXTENSION_URL, valueReference: { reference: `Slot/${busy.id}` } },
              ],
            }
      );
    }
    issues.push(
      issue(
        'information',
        'informational',
        'Slot',
        `Slot/${free.id} (free, ${free.start}) overlaps busy Slot/${busy.id}: ${isGeneratedSlot(free) ? 'removed' : 'withdrawn'}.`
      )
    );
  }
  return issues;
}

/** The Slot a withdrawn Slot's marker names (the busy Slot it was withdrawn under). */
function displacedBy(slot: Slot): string | undefined {
  return slot.extension?.find((e) => e.url === OVERLAP_WITHDRAWN_EXTENSION_URL)?.valueReference?.reference;
}

/**
 * Brings back the Slots withdrawn under `released` once nothing busy overlaps them. With `dropDisplacing`, a free
 * `released` Slot that displaced one of them (Medplum's own booking Slot, freed by a status update) is deleted
 * first, as `$cancel` would: the time is offered once, by the Slot that was there before.
 */
async function restoreWithdrawn(
  io: Io,
  released: WithId<Slot>,
  options: { dropDisplacing?: boolean } = {}
): Promise<OperationOutcomeIssue[]> {
  const issues: OperationOutcomeIssue[] = [];
  const nearby = await overlapping(io, released, 'busy,busy-tentative,busy-unavailable');
  const displaced = nearby.some((s) => isOverlapWithdrawn(s) && displacedBy(s) === `Slot/${released.id}`);
  if (options.dropDisplacing && displaced && released.status === 'free' && !isGeneratedSlot(released)) {
    await deleteOrThrow(io, released);
    issues.push(issue('information', 'informational', 'Slot', `Slot/${released.id} (the native booking's) deleted.`));
  }
  for (const withdrawn of nearby.filter(isOverlapWithdrawn)) {
    const own = slotInterval(withdrawn);
    const stillBusy = nearby.some((other) => {
      const o = slotInterval(other);
      return (
        other.id !== withdrawn.id &&
        !isOverlapWithdrawn(other) &&
        (isBookedSlot(other) || other.status === 'busy-unavailable') &&
        own !== undefined &&
        o !== undefined &&
        o.start < own.end &&
        o.end > own.start
      );
    });
    if (stillBusy) {
      continue;
    }
    await updateConverging(io, withdrawn, (latest) => {
      if (!isOverlapWithdrawn(latest)) {
        return undefined;
      }
      const extension = (latest.extension ?? []).filter((e) => e.url !== OVERLAP_WITHDRAWN_EXTENSION_URL);
      const { extension: _old, ...rest } = latest;
      return { ...rest, status: 'free', ...(extension.length > 0 ? { extension } : {}) };
    });
    issues.push(issue('information', 'informational', 'Slot', `Slot/${withdrawn.id} is free again.`));
  }
  return issues;
}

/** A Slot `$cancel` deleted: the Slots withdrawn under it come back (its time, on each schedule it was of). */
async function restoreUnderDeleted(
  io: Io,
  slotId: string,
  appointment: WithId<Appointment>
): Promise<OperationOutcomeIssue[]> {
  if (!appointment.start || !appointment.end) {
    return [];
  }
  const issues: OperationOutcomeIssue[] = [];
  for (const schedule of await schedulesOf(io, slotId, appointment)) {
    const gone: WithId<Slot> = {
      resourceType: 'Slot',
      id: slotId,
      schedule: { reference: `Schedule/${schedule.id}` },
      status: 'free',
      start: appointment.start,
      end: appointment.end,
    };
    issues.push(...(await restoreWithdrawn(io, gone)));
  }
  return issues;
}

/** A Slot `$cancel` deleted: re-apply its schedule's rules around the appointment's time. */
async function replanDeleted(
  io: Io,
  slotId: string,
  appointment: WithId<Appointment>,
  options: NativeOverlapOptions
): Promise<OperationOutcomeIssue[]> {
  const start = parseInstant(appointment.start ?? '');
  const end = parseInstant(appointment.end ?? '');
  if (start === undefined || end === undefined) {
    return [];
  }
  const why = `Slot/${slotId} was deleted`;
  return replanAround(io, await schedulesOf(io, slotId, appointment), { start, end }, why, options);
}

/** The deleted Slot's schedule from its history; else the active schedules of the appointment's actors. */
async function schedulesOf(io: Io, slotId: string, appointment: WithId<Appointment>): Promise<WithId<Schedule>[]> {
  try {
    const history = await send(io, 'read Slot history', () =>
      io.medplum.readHistory('Slot', slotId, undefined, { cache: 'no-cache' })
    );
    const ref = history.entry?.map((e) => e.resource as Slot | undefined).find((s) => s?.schedule?.reference)?.schedule;
    const schedule = await readOrUndefined(io, 'Schedule', referenceId(ref, 'Schedule'));
    if (schedule) {
      return [schedule];
    }
  } catch (err) {
    if (isDeferred(err)) {
      throw err;
    }
    // no history access: fall back to the actors' schedules
  }
  const actors = appointment.participant
    .map((p) => p.actor?.reference ?? '')
    .filter((r) => r && !r.startsWith('Patient/'));
  return actors.length === 0
    ? []
    : send(io, 'search Schedules', () =>
        io.medplum.searchResources('Schedule', { actor: actors.join(','), active: 'true' }, { cache: 'no-cache' })
      );
}
