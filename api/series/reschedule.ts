/**
 * `clinik.appointments.rescheduleSeries`: one occurrence of a series moved (`scope: 'one'`, exactly as
 * `reschedule`), or it and every later live occurrence (`'this-and-following'`): the chosen one to the new slot, each
 * later one by the same local wall-clock shift to a slot of the new slot's schedule (core/series-shift.ts).
 *
 * Every move is checked first (./move-check.ts), every cut-off too; then each one is made by the **single
 * reschedule's own function** (api/reschedule.ts: the actors' leases, the rules, the override and its Provenance,
 * the old slot released, the reschedule Tasks closed).
 *
 * - **all-or-none** (the default): when any occurrence cannot move, nothing moves and the 409 names each one (its
 *   local time and why). When one is lost between the check and its move (another desk took the time), the
 *   occurrences already moved go back to their slots through the same path, and the 409 says so.
 * - **fit**: what can move moves; every other occurrence comes back with its reason and the nearest alternative.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue, outcome } from '../../core/fhir';
import { seriesOf } from '../../core/series';
import { ClinikError, fromServer, refuse } from '../errors';
import { type CallContext, checkOverride, lateChange } from '../rules/enforce';
import { checkId, read } from '../validation';
import { withAlternatives } from './alternatives';
import { missIssue } from './book';
import { membership } from './cancel';
import { where } from './check';
import { checkMoves, type PlannedMove } from './move-check';
import { type MoveRequest, resolveMove } from './move-resolve';
import type { SeriesMiss, SeriesRescheduleInput, SeriesRescheduling } from './types';

/** Moves one occurrence through `appointments.reschedule`'s own function; `undo`: this call's own move taken back. */
export type MoveOccurrence = (
  appointmentId: string,
  newSlotId: string,
  options: { readonly undo?: boolean }
) => Promise<WithId<Appointment>>;

const SCOPES: readonly SeriesRescheduleInput['scope'][] = ['one', 'this-and-following'];
const MODES: readonly NonNullable<SeriesRescheduleInput['mode']>[] = ['all-or-none', 'fit'];

/**
 * Moves an occurrence, or it and all following (see the module's comment). `context` carries the input's override.
 *
 * @example
 * const { data } = await clinik.appointments.rescheduleSeries({ appointmentId, newSlotId, scope: 'this-and-following' });
 * data.moved.length; // every occurrence from that one on
 */
export async function rescheduleSeries(
  medplum: MedplumClient,
  input: SeriesRescheduleInput,
  context: CallContext,
  move: MoveOccurrence
): Promise<SeriesRescheduling> {
  checkInput(input);
  const chosen = await read(medplum, 'Appointment', input.appointmentId, 'no-cache', 'appointmentId');
  const place = membership(chosen);
  if (input.scope === 'one') {
    return { seriesId: place.seriesId, moved: [await move(chosen.id, input.newSlotId, {})], notMoved: [] };
  }
  const request = await resolveMove(medplum, chosen, place, input.newSlotId, context.now);
  for (const member of request.members) {
    await lateChange(medplum, member, 'moved', context); // throws the refusal before anything moves
  }
  const { planned, misses } = await checkMoves(medplum, request, context);
  const mode = input.mode ?? 'all-or-none';
  if (mode === 'all-or-none' && misses.length > 0) {
    const lead = `The series was not moved (all or none): ${misses.length} of its ${request.members.length} occurrences from no. ${place.index} on cannot move; nothing was changed.`;
    throw new ClinikError(
      outcome([issue('error', 'conflict', undefined, lead), ...misses.map((m) => missIssue(m, request.zone))]),
      409
    );
  }
  const { moved, lost } = await makeMoves(planned, mode, request, move);
  const notMoved = [...misses, ...lost].sort((a, b) => a.index - b.index);
  const scope = { schedules: [request.newSlot.schedule], patientId: request.patientId, zone: request.zone };
  const taken = new Set(planned.map((p) => p.target.slot.id));
  return {
    seriesId: place.seriesId,
    moved: moved.sort((a, b) => (seriesOf(a)?.index ?? 0) - (seriesOf(b)?.index ?? 0)),
    notMoved: await withAlternatives(medplum, scope, request.shape, notMoved, context, taken),
  };
}

/** 400 naming each bad field, before anything is read. */
function checkInput(input: SeriesRescheduleInput): void {
  const issues: OperationOutcomeIssue[] = [];
  checkId('appointmentId', input?.appointmentId, 'appointment', issues);
  checkId('newSlotId', input?.newSlotId, 'slot', issues);
  if (!SCOPES.includes(input?.scope)) {
    issues.push(issue('error', 'required', 'scope', 'scope must be "one" or "this-and-following".'));
  }
  if (input?.mode !== undefined && !MODES.includes(input.mode)) {
    issues.push(issue('error', 'invalid', 'mode', 'mode must be "all-or-none" or "fit".'));
  }
  checkOverride(input?.override, issues);
  refuse(issues);
}

/** Makes the planned moves in order; all or none: a lost one moves the others back and throws the 409. */
async function makeMoves(
  planned: readonly PlannedMove[],
  mode: 'all-or-none' | 'fit',
  request: MoveRequest,
  move: MoveOccurrence
): Promise<{ moved: WithId<Appointment>[]; lost: SeriesMiss[] }> {
  const moved: WithId<Appointment>[] = [];
  const done: PlannedMove[] = [];
  const lost: SeriesMiss[] = [];
  for (const p of planned) {
    if (p.target.slot.id === p.from) {
      moved.push(p.appointment); // already there: the shift leaves it where it is
      continue;
    }
    try {
      moved.push(await move(p.appointment.id, p.target.slot.id, {}));
      done.push(p);
    } catch (err) {
      const error = fromServer(err);
      const code = error.status === 409 ? 'lost-race' : 'failed';
      const miss: SeriesMiss = { ...where(p.occurrence, request.zone), code, reason: error.message };
      if (mode === 'all-or-none') {
        throw await movedBack(done, miss, request, move);
      }
      lost.push(miss);
    }
  }
  return { moved, lost };
}

/**
 * All or none, and one move was lost between the check and its write: the occurrences moved before it go back to
 * their slots, latest move first, through the same path (they are this call's own moves: no cut-off, no rule), and
 * the 409 says what happened.
 */
async function movedBack(
  done: readonly PlannedMove[],
  miss: SeriesMiss,
  request: MoveRequest,
  move: MoveOccurrence
): Promise<ClinikError> {
  const undone: string[] = [];
  const stuck: OperationOutcomeIssue[] = [];
  for (const p of [...done].reverse()) {
    try {
      await move(p.appointment.id, p.from, { undo: true });
      undone.push(`Appointment/${p.appointment.id}`);
    } catch (err) {
      const text = `Appointment/${p.appointment.id} could not go back to Slot/${p.from} (${fromServer(err).message}); move it by hand.`;
      stuck.push(issue('error', 'incomplete', undefined, text));
    }
  }
  const lead = `The series was not moved (all or none): occurrence ${miss.index} was taken between the check and its move.`;
  const back =
    undone.length > 0
      ? `Rolled back: the ${undone.length} occurrences moved before it went back to their slots (${undone.join(', ')}).`
      : 'Nothing had been moved yet.';
  return new ClinikError(
    outcome([
      issue('error', 'conflict', undefined, lead),
      missIssue(miss, request.zone),
      issue('information', 'informational', undefined, back),
      ...stuck,
    ]),
    409
  );
}
