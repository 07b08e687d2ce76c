/**
 * Every occurrence of a series checked before anything is written, with the checks a booking makes (read-only
 * here: no lease, no write; the booking path makes them again under the actors' leases): a free slot of the right
 * schedule, visit type and length starts then; nobody holds it (or a group slot has a place, and not already for
 * this patient); none of its actors is busy then on another schedule; and the schedule's booking rules allow it,
 * the limits counting the series' own earlier occurrences too.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Bundle, Schedule, Slot } from '@medplum/fhirtypes';
import { holdsSlots } from '../../core/appointment-status';
import { capacityOf, describeFill } from '../../core/capacity';
import type { Occurrence } from '../../core/recurrence';
import { referenceId } from '../../core/references';
import { slotInterval } from '../../core/slot-diff';
import { formatInstant, formatUtc, type Interval } from '../../core/time';
import { holdExpiry } from '../../engine/appointments/holds';
import { patientOf, scheduleActors } from '../booking';
import { call } from '../errors';
import { busyTimeOfActors, conflictsWith } from '../overlaps';
import { bookingBreaches, type CallContext, type PendingBooking, type RuleCheck } from '../rules/enforce';
import { allowBreaches } from '../rules/override';
import { fitsShape, type SeriesRequest, shapeOf, type SlotShape } from './resolve';
import type { SeriesMiss, SeriesMissCode } from './types';

/** A slot with its schedule and the Appointments that hold it. */
export interface Candidate {
  readonly slot: WithId<Slot>;
  readonly schedule: WithId<Schedule>;
  readonly interval: Interval;
  readonly holders: readonly WithId<Appointment>[];
}

/** An occurrence that passed every check, on the slot it will take. */
export interface Planned extends Candidate {
  readonly occurrence: Occurrence;
}

/** Why a slot cannot be taken. */
export interface Refusal {
  readonly code: SeriesMissCode;
  readonly reason: string;
}

/**
 * Checks every occurrence, in order; each one that passes is counted towards the limits of the next.
 *
 * @example
 * const { planned, misses } = await checkSeries(medplum, request, { now, caller });
 */
export async function checkSeries(
  medplum: MedplumClient,
  request: SeriesRequest,
  context: CallContext
): Promise<{ planned: Planned[]; misses: SeriesMiss[] }> {
  const planned: Planned[] = [];
  const misses: SeriesMiss[] = [];
  let shape = request.shape;
  for (const occurrence of request.occurrences) {
    if (occurrence.start === undefined) {
      const reason = `${occurrence.local} does not exist in ${request.zone}: the clocks skip that time.`;
      misses.push({ index: occurrence.index, local: occurrence.local, code: 'dst-gap', reason });
      continue;
    }
    const candidates = await slotsAt(medplum, request.schedules, occurrence.start, shape);
    const checked = await firstBookable(medplum, candidates, request, context, pendingOf(planned));
    if ('slot' in checked) {
      planned.push({ ...checked, occurrence });
      shape = shapeOf(checked.slot); // the first slot taken fixes the visit type and length of the rest
    } else {
      misses.push({ ...where(occurrence, request.zone), ...checked });
    }
  }
  return { planned, misses };
}

/** The first candidate that passes every check, or the first candidate's refusal (no slot at all: `no-slot`). */
async function firstBookable(
  medplum: MedplumClient,
  candidates: readonly Candidate[],
  request: SeriesRequest,
  context: CallContext,
  pending: readonly PendingBooking[]
): Promise<Candidate | Refusal> {
  let first: Refusal | undefined;
  for (const candidate of candidates) {
    const refusal = await refusalOf(medplum, candidate, request.input.patientId, context, pending);
    if (!refusal) {
      return candidate;
    }
    first ??= refusal;
  }
  const names = request.schedules.map((s) => `Schedule/${s.id}`).join(', ');
  return first ?? { code: 'no-slot', reason: `No slot of ${names} of this kind starts then.` };
}

/**
 * Why this slot cannot be taken for the patient now, or undefined when it can (read-only: nothing is released).
 * `ignoreBusy`: slots whose time the actors will have given back by then (a series move's old slots). With an
 * override, the booking rules' breaches pass when the caller may override them (else the refusal is thrown).
 *
 * @example
 * const refusal = await refusalOf(medplum, candidate, 'pat-1', { now, caller }, earlierOccurrences);
 * refusal?.code; // 'taken', 'conflict', 'daily-limit', …
 */
export async function refusalOf(
  medplum: MedplumClient,
  candidate: Candidate,
  patientId: string,
  context: RuleCheck,
  pending: readonly PendingBooking[],
  ignoreBusy: ReadonlySet<string> = new Set()
): Promise<Refusal | undefined> {
  const { slot, schedule, interval } = candidate;
  const capacity = capacityOf(schedule);
  const live = candidate.holders.filter((a) => (holdExpiry(a) ?? Infinity) > context.now);
  // A slot held only by expired holds is free: the booking releases them first, as a single booking does.
  const expiredOnly = slot.status === 'busy-tentative' && candidate.holders.length > 0 && live.length === 0;
  if ((slot.status !== 'free' && !expiredOnly) || (capacity <= 1 && live.length > 0) || live.length >= capacity) {
    const by = live[0] ? ` (Appointment/${live[0].id})` : '';
    const what = capacity > 1 ? `full: ${describeFill(live.length, capacity)}` : `${live[0] ? 'booked' : slot.status}`;
    return { code: 'taken', reason: `Slot/${slot.id} is ${what}${by}.` };
  }
  const again = live.find((a) => patientOf(a) === `Patient/${patientId}`);
  if (again) {
    return {
      code: 'conflict',
      reason: `The patient already has a place in Slot/${slot.id} (Appointment/${again.id}).`,
    };
  }
  const actors = scheduleActors(schedule);
  const clash = conflictsWith(
    await busyTimeOfActors(medplum, actors, interval),
    interval,
    actors,
    new Set([slot.id, ...ignoreBusy])
  )[0];
  if (clash) {
    const who = clash.actors.filter((a) => actors.includes(a)).join(', ');
    const reason = `${who} is already ${clash.slot.status} then (Slot/${clash.slot.id} of ${clash.slot.schedule.reference}).`;
    return { code: 'conflict', reason };
  }
  const breaches = await bookingBreaches(medplum, schedule, interval, context, pending);
  if (breaches.length > 0 && context.override) {
    await allowBreaches(medplum, breaches, context.override, context.caller);
    return undefined;
  }
  const breach = breaches[0];
  return breach ? { code: breach.rule, reason: breaches.map((b) => b.text).join(' ') } : undefined;
}

/**
 * The slots of `schedules` that start exactly at `start` and have the shape, preferred schedule first.
 *
 * @example
 * const candidates = await slotsAt(medplum, [schedule], Date.parse('2025-03-11T14:00:00Z'), { visitType: null });
 */
export async function slotsAt(
  medplum: MedplumClient,
  schedules: readonly WithId<Schedule>[],
  start: number,
  shape: SlotShape
): Promise<Candidate[]> {
  const found = await searchCandidates(medplum, schedules, [
    ['start', `ge${formatUtc(start)}`],
    ['start', `lt${formatUtc(start + 1000)}`],
  ]);
  // The preferred schedule first, and on each schedule a free slot before a taken one.
  const rank = (c: Candidate): number =>
    schedules.findIndex((s) => s.id === c.schedule.id) * 2 + (c.slot.status === 'free' ? 0 : 1);
  return found
    .filter((c) => fitsShape(c.slot, shape))
    .sort((a, b) => rank(a) - rank(b) || a.slot.id.localeCompare(b.slot.id));
}

/**
 * Slots of the schedules matching `params`, each with its schedule and the Appointments holding it, in one search
 * (`_revinclude` of the Appointments; the schedules are given).
 *
 * @example
 * const found = await searchCandidates(medplum, schedules, [['status', 'free'], ['start', 'ge2025-03-10T13:00:00Z']], 10);
 */
export async function searchCandidates(
  medplum: MedplumClient,
  schedules: readonly WithId<Schedule>[],
  params: readonly [string, string][],
  count = 100
): Promise<Candidate[]> {
  const query = new URLSearchParams([
    ['schedule', schedules.map((s) => `Schedule/${s.id}`).join(',')],
    ...params,
    ['_count', String(count)],
    ['_revinclude', 'Appointment:slot'],
  ]);
  const bundle: Bundle = await call(() => medplum.search('Slot', query, { cache: 'no-cache' }));
  const slots: WithId<Slot>[] = [];
  const holders = new Map<string, WithId<Appointment>[]>();
  for (const resource of (bundle.entry ?? []).map((e) => e.resource)) {
    if (resource?.resourceType === 'Slot' && resource.id) {
      slots.push(resource as WithId<Slot>);
    } else if (resource?.resourceType === 'Appointment' && resource.id && holdsSlots(resource.status)) {
      for (const ref of resource.slot ?? []) {
        const id = referenceId(ref, 'Slot') ?? '';
        holders.set(id, [...(holders.get(id) ?? []), resource as WithId<Appointment>]);
      }
    }
  }
  return slots.flatMap((slot) => {
    const schedule = schedules.find((s) => `Schedule/${s.id}` === slot.schedule?.reference);
    const interval = slotInterval(slot);
    return schedule && interval ? [{ slot, schedule, interval, holders: holders.get(slot.id) ?? [] }] : [];
  });
}

/** The planned occurrences as bookings the limits count. */
function pendingOf(planned: readonly Candidate[]): PendingBooking[] {
  return planned.map((p) => ({ start: p.interval.start, actors: scheduleActors(p.schedule) }));
}

/**
 * An occurrence's number, local time and instant (with the zone's offset), for a miss.
 *
 * @example
 * where({ index: 3, local: '2025-03-10T09:00:00', start }, 'America/New_York');
 * // { index: 3, local: '2025-03-10T09:00:00', start: '2025-03-10T09:00:00-04:00' }
 */
export function where(occurrence: Occurrence, zone: string): Pick<SeriesMiss, 'index' | 'local' | 'start'> {
  return {
    index: occurrence.index,
    local: occurrence.local,
    ...(occurrence.start !== undefined ? { start: formatInstant(occurrence.start, zone) } : {}),
  };
}
