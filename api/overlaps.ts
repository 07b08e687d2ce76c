/**
 * Busy time of actors across all their schedules: a practitioner or room in two schedules cannot be booked twice at
 * once. One search finds every busy Slot of any schedule of the given actors overlapping a time range.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Bundle, Schedule, Slot } from '@medplum/fhirtypes';
import { isWithdrawnSlot } from '../core/fhir';
import { slotInterval } from '../core/slot-diff';
import { formatUtc, type Interval } from '../core/time';
import { isOverlapWithdrawn } from '../engine/appointments/native-overlap';
import { MAX_PAGE } from '../engine/transport/search';

/** A busy Slot with the actors of its schedule. */
export interface BusySlot {
  readonly slot: WithId<Slot>;
  readonly interval: Interval;
  readonly actors: readonly string[];
}

/**
 * Busy, tentatively held or unavailable Slots of any schedule of these actors that overlap `range`. Slots withdrawn
 * by a deactivation or by an overlap are off the market, not busy time, and are left out.
 *
 * @example
 * const busy = await busyTimeOfActors(medplum, ['Practitioner/p1'], { start, end });
 */
export async function busyTimeOfActors(
  medplum: MedplumClient,
  actors: readonly string[],
  range: Interval,
  first?: Bundle
): Promise<BusySlot[]> {
  if (actors.length === 0 || range.end <= range.start) {
    return [];
  }
  const schedules = new Map<string, Schedule>();
  const byId = new Map<string, WithId<Slot>>();
  // Paged by start (never by offset): more than a page of busy time in the range is read to the end.
  let lowerBound: string | undefined;
  for (let page = first; ; page = undefined) {
    const bundle: Bundle =
      page ?? (await medplum.search('Slot', busyQuery(actors, range, lowerBound), { cache: 'no-cache' }));
    let matches = 0;
    let added = 0;
    let last: string | undefined;
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (resource?.resourceType === 'Schedule' && resource.id) {
        schedules.set(`Schedule/${resource.id}`, resource);
      } else if (resource?.resourceType === 'Slot' && resource.id) {
        matches++;
        last = resource.start;
        if (!byId.has(resource.id)) {
          byId.set(resource.id, resource as WithId<Slot>);
          added++;
        }
      }
    }
    if (matches < MAX_PAGE || !last) {
      break;
    }
    lowerBound = added === 0 ? `gt${last}` : `ge${last}`;
  }
  return busyOf([...byId.values()], schedules);
}

/**
 * The search for the actors' busy time in `range` (one page from `lowerBound`), as a relative URL for a batch.
 *
 * @example
 * const url = busyUrl(['Practitioner/p1'], { start, end }); // 'Slot?schedule:Schedule.actor=…'
 */
export function busyUrl(actors: readonly string[], range: Interval): string {
  return `Slot?${busyQuery(actors, range).toString()}`;
}

function busyQuery(actors: readonly string[], range: Interval, lowerBound?: string): URLSearchParams {
  return new URLSearchParams([
    ['schedule:Schedule.actor', [...new Set(actors)].join(',')],
    ['status', 'busy,busy-tentative,busy-unavailable'],
    ['start', `lt${formatUtc(range.end)}`],
    ['end', `gt${formatUtc(range.start)}`],
    ...(lowerBound ? [['start', lowerBound]] : []),
    ['_sort', 'start'],
    ['_count', String(MAX_PAGE)],
    ['_include', 'Slot:schedule'],
  ]);
}

function busyOf(slots: readonly WithId<Slot>[], schedules: ReadonlyMap<string, Schedule>): BusySlot[] {
  const result: BusySlot[] = [];
  for (const slot of slots) {
    const interval = slotInterval(slot);
    if (!interval || isWithdrawnSlot(slot) || isOverlapWithdrawn(slot)) {
      continue;
    }
    const schedule = schedules.get(slot.schedule.reference ?? '');
    const own = (schedule?.actor ?? []).map((a) => a.reference ?? '').filter(Boolean);
    result.push({ slot, interval, actors: own });
  }
  return result;
}

/** The busy Slots that overlap `interval` and share an actor with `actors`, other than the excluded ids. */
export function conflictsWith(
  busy: readonly BusySlot[],
  interval: Interval,
  actors: readonly string[],
  exclude: ReadonlySet<string> = new Set()
): BusySlot[] {
  return busy.filter(
    (b) =>
      !exclude.has(b.slot.id) &&
      b.interval.start < interval.end &&
      b.interval.end > interval.start &&
      b.actors.some((a) => actors.includes(a))
  );
}
