/**
 * Orphan Slots: booked (busy or busy-tentative) Slots that no live Appointment holds: an Appointment moved and then
 * cancelled before the appointment bot saw the move, a booking deleted, a run that died between its writes. The
 * per-minute run gives them back (engine/appointments/sync-slots `release`: free and re-planned, or off the market
 * on an inactive schedule):
 * - the Slots the Appointments released since the last run used to reference (their recent history), at once;
 * - and, every minute, one day of the calendar in turn (today, and one further day ahead: 60 days an hour), so that
 *   an orphan nothing points to any more is found too.
 * A Slot written in the last minute is left alone: a booking may be between taking its Slot and writing its
 * Appointment. Buffer Slots of Medplum's `$book` are `busy-unavailable` and never considered.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Bundle, Slot } from '@medplum/fhirtypes';
import type { Limits } from '../../core/availability/index';
import { holdsSlots } from '../../core/appointment-status';
import { referenceId } from '../../core/references';
import { days, formatUtc } from '../../core/time';
import type { Clock } from '../transport/clock';
import type { Pacer } from '../transport/pacing';
import type { Run } from './sync-run';
import { droppedSlotIds, release } from './sync-slots';

/** A Slot written this recently is never an orphan (a booking may be between its two writes). */
export const ORPHAN_GRACE_MS = 60_000;
/** How far ahead the day-by-day sweep goes (one day a minute). */
export const SWEPT_DAYS = 60;
/** How many released Appointments' histories one run reads at most (the rest are left to the sweep). */
export const HISTORY_READS = 25;

export interface OrphanOptions {
  readonly clock: Clock;
  readonly limits?: Partial<Limits>;
  /** Appointments changed since the last run: the Slots their earlier versions held are checked at once. */
  readonly changed: readonly WithId<Appointment>[];
}

/**
 * Finds and gives back orphan Slots. Returns the ids of the Slots given back.
 *
 * @example
 * const freed = await freeOrphanSlots(medplum, pacer, { clock, changed });
 */
export async function freeOrphanSlots(medplum: MedplumClient, pacer: Pacer, options: OrphanOptions): Promise<string[]> {
  const run: Run = {
    medplum,
    pacer,
    options: { clock: options.clock, pacer, ...(options.limits ? { limits: options.limits } : {}) },
    issues: [],
    tally: { held: 0, released: 0, unchanged: 0, doubleBookings: 0, tasks: 0 },
  };
  const now = options.clock.now();
  const dropped = new Set<string>();
  for (const appointment of historyToRead(options.changed)) {
    for (const id of await droppedSlotIds(run, appointment)) {
      dropped.add(id);
    }
  }
  const searches: URLSearchParams[] = [];
  if (dropped.size > 0) {
    searches.push(bookedSlots([['_id', [...dropped].join(',')]]));
  }
  for (const [from, to] of sweptDays(now)) {
    searches.push(
      bookedSlots([
        ['start', `ge${formatUtc(from)}`],
        ['start', `lt${formatUtc(to)}`],
      ])
    );
  }
  const freed: string[] = [];
  for (const params of searches) {
    const bundle = await pacer.call('search booked Slots and their Appointments', () =>
      medplum.search('Slot', params, { cache: 'no-cache' })
    );
    for (const slot of orphansIn(bundle, now)) {
      await release(run, undefined, slot);
      freed.push(slot.id);
    }
  }
  return [...new Set(freed)];
}

/**
 * The changed Appointments whose history is read: only those that no longer hold Slots (cancelled, no-show, entered
 * in error), newest first, at most {@link HISTORY_READS} a run. A live Appointment that moved holds its new Slot, and
 * the Slot it left is found by the day-by-day sweep; reading the history of every booking of a busy minute would
 * spend the quota the schedule bot needs.
 */
export function historyToRead(changed: readonly WithId<Appointment>[]): WithId<Appointment>[] {
  return changed
    .filter((appointment) => !holdsSlots(appointment.status))
    .sort((a, b) => (b.meta?.lastUpdated ?? '').localeCompare(a.meta?.lastUpdated ?? ''))
    .slice(0, HISTORY_READS);
}

/** Today, and the day ahead this minute's turn names (1..SWEPT_DAYS-1). */
export function sweptDays(now: number): [number, number][] {
  const turn = 1 + (Math.floor(now / 60_000) % (SWEPT_DAYS - 1));
  return [
    [now, now + days(1)],
    [now + days(turn), now + days(turn + 1)],
  ];
}

function bookedSlots(filter: [string, string][]): URLSearchParams {
  return new URLSearchParams([
    ['status', 'busy,busy-tentative'],
    ...filter,
    ['_revinclude', 'Appointment:slot'],
    ['_count', '200'],
  ]);
}

/** The booked Slots of a search page that no live Appointment in it holds, written before the grace period. */
export function orphansIn(bundle: Bundle, now: number): WithId<Slot>[] {
  const held = new Set<string>();
  const slots: WithId<Slot>[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (resource?.resourceType === 'Appointment' && holdsSlots(resource.status)) {
      for (const ref of resource.slot ?? []) {
        held.add(referenceId(ref, 'Slot') ?? '');
      }
    } else if (resource?.resourceType === 'Slot' && resource.id) {
      slots.push(resource as WithId<Slot>);
    }
  }
  return slots.filter((slot) => {
    const written = Date.parse(slot.meta?.lastUpdated ?? '');
    return !held.has(slot.id) && Number.isFinite(written) && written <= now - ORPHAN_GRACE_MS;
  });
}
