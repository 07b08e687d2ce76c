/**
 * Every occurrence's move checked before anything is written, in the order the moves will be made, with the checks
 * a booking makes (read-only: no lease, no write; each move makes them again under the actors' leases): its target
 * exists (not in a DST gap, not past), a free slot of the new schedule with the new slot's visit type and length
 * starts exactly then, nobody else holds it, none of its actors is busy then, and the booking rules allow it.
 *
 * The check plays the moves forward: a slot held by an occurrence that moves away before counts as free, the old
 * slots of the occurrences moved before do not make their actors busy, and the limits count the targets already
 * planned instead of the places left. Later occurrences move first when the shift is later in time, earlier ones
 * first otherwise, so that no occurrence waits for a slot another one still holds ("all one week later" works).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { capacityOf } from '../../core/capacity';
import type { Occurrence } from '../../core/recurrence';
import { referenceId } from '../../core/references';
import { seriesOf } from '../../core/series';
import { shiftedOccurrence } from '../../core/series-shift';
import { scheduleActors } from '../booking';
import { isMovable } from '../reschedule';
import type { CallContext } from '../rules/enforce';
import { type Candidate, type Refusal, refusalOf, slotsAt, where } from './check';
import type { MoveRequest } from './move-resolve';
import type { SeriesMiss } from './types';

/** An occurrence whose move passed every check: where it goes, and the slot it leaves (to move it back). */
export interface PlannedMove {
  readonly appointment: WithId<Appointment>;
  /** Its number, and its new local time (in the new zone) and instant. */
  readonly occurrence: Occurrence;
  readonly target: Candidate;
  /** The id of the slot it is in now. */
  readonly from: string;
}

/**
 * Checks every occurrence's move; returns the planned moves in the order to make them, and the misses by number.
 *
 * @example
 * const { planned, misses } = await checkMoves(medplum, request, { now, caller });
 */
export async function checkMoves(
  medplum: MedplumClient,
  request: MoveRequest,
  context: CallContext
): Promise<{ planned: PlannedMove[]; misses: SeriesMiss[] }> {
  const planned: PlannedMove[] = [];
  const misses: SeriesMiss[] = [];
  for (const appointment of moveOrder(request)) {
    const checked = await checkOne(medplum, request, appointment, planned, context);
    if ('target' in checked) {
      planned.push(checked);
    } else {
      misses.push(checked);
    }
  }
  return { planned, misses: misses.sort((a, b) => a.index - b.index) };
}

/** The occurrences in the order to move them: the latest first when the shift is later in time. */
function moveOrder(request: MoveRequest): WithId<Appointment>[] {
  const startOf = (a: Appointment): number => Date.parse(a.start ?? '') || 0;
  const byStart = [...request.members].sort((a, b) => startOf(a) - startOf(b));
  return request.newSlot.interval.start > startOf(request.chosen) ? byStart.reverse() : byStart;
}

/** Where an occurrence goes: the chosen one to the new slot, each later one by the shift. */
function targetOf(request: MoveRequest, appointment: WithId<Appointment>): Occurrence {
  const index = seriesOf(appointment)?.index ?? 0;
  if (appointment.id === request.chosen.id) {
    return { index, local: request.shift.to, start: request.newSlot.interval.start };
  }
  return shiftedOccurrence(request.shift, index, Date.parse(appointment.start ?? ''));
}

/** One occurrence's move checked, after the moves `planned` before it. */
async function checkOne(
  medplum: MedplumClient,
  request: MoveRequest,
  appointment: WithId<Appointment>,
  planned: readonly PlannedMove[],
  context: CallContext
): Promise<PlannedMove | SeriesMiss> {
  const occurrence = targetOf(request, appointment);
  const at = where(occurrence, request.zone);
  const from = referenceId(appointment.slot?.[0], 'Slot');
  if (!isMovable(appointment.status) || !from || !appointment.start) {
    const reason = `Appointment/${appointment.id} is ${appointment.status}; it cannot be rescheduled.`;
    return { ...at, code: 'failed', reason };
  }
  if (occurrence.start === undefined) {
    const reason = `${occurrence.local} does not exist in ${request.zone}: the clocks skip that time.`;
    return { ...at, code: 'dst-gap', reason };
  }
  if (occurrence.start < context.now) {
    return { ...at, code: 'no-slot', reason: `That time (${at.start}) has passed.` };
  }
  const candidates =
    appointment.id === request.chosen.id
      ? [request.newSlot]
      : await slotsAt(medplum, [request.newSlot.schedule], occurrence.start, request.shape);
  let first: Refusal | undefined;
  for (const candidate of candidates) {
    const refusal =
      candidate.slot.id === from
        ? undefined
        : await refusalAfter(medplum, request, candidate, planned, context, appointment);
    if (!refusal) {
      return { appointment, occurrence, target: candidate, from };
    }
    first ??= refusal;
  }
  const none = `No slot of Schedule/${request.newSlot.schedule.id} of this kind starts then.`;
  return { ...at, ...(first ?? { code: 'no-slot', reason: none }) };
}

/** Why a candidate cannot take the occurrence once the moves `planned` before it are made, or undefined. */
async function refusalAfter(
  medplum: MedplumClient,
  request: MoveRequest,
  candidate: Candidate,
  planned: readonly PlannedMove[],
  context: CallContext,
  appointment: WithId<Appointment>
): Promise<Refusal | undefined> {
  const claimed = planned.find((p) => p.target.slot.id === candidate.slot.id);
  if (claimed) {
    return {
      code: 'taken',
      reason: `Slot/${candidate.slot.id} is the new time of occurrence ${claimed.occurrence.index}.`,
    };
  }
  const movedAway = new Set(planned.map((p) => p.appointment.id));
  const check = { ...context, ignore: new Set([appointment.id, ...movedAway]) };
  const pending = planned.map((p) => ({ start: p.target.interval.start, actors: scheduleActors(p.target.schedule) }));
  const ignoreBusy = new Set(
    [...(appointment.slot ?? []), ...planned.flatMap((p) => p.appointment.slot ?? [])].map(
      (s) => referenceId(s, 'Slot') ?? ''
    )
  );
  return refusalOf(medplum, leftBy(candidate, movedAway), request.patientId, check, pending, ignoreBusy);
}

/** A candidate as it is once the occurrences that moved before have left it: their places given back. */
function leftBy(candidate: Candidate, movedAway: ReadonlySet<string>): Candidate {
  const holders = candidate.holders.filter((a) => !movedAway.has(a.id));
  if (holders.length === candidate.holders.length) {
    return candidate;
  }
  const free = holders.length < capacityOf(candidate.schedule);
  return { ...candidate, holders, slot: { ...candidate.slot, status: free ? 'free' : candidate.slot.status } };
}
