/**
 * One reschedule worklist item per series: when a schedule change leaves several occurrences of a recurring series
 * to move (a deactivation, say), the front desk gets one Task for the series on that schedule, not one per
 * occurrence. The Task names every affected occurrence in `input` (the Appointment, with the Slot it held then in an
 * extension, so that a move is seen without reading the Slot), focuses on the first, and carries the series'
 * identifier (`Task?identifier=…/appointment-series|<id>` finds it from any occurrence). It is done when every
 * occurrence it names is moved, cancelled or fits its schedule again.
 */
import type { Appointment, Extension, Slot, Task, TaskInput } from '@medplum/fhirtypes';
import { holdsSlots } from './appointment-status';
import { PRODUCT_URI } from './fhir';
import { referenceId } from './references';
import { SERIES_SYSTEM } from './series';
import { type RescheduleReason, rescheduleTaskBase, rescheduleTaskKey } from './tasks';

/** The extension on an occurrence's Task input: the Slot the Appointment held when the Task was made. */
export const OCCURRENCE_SLOT_URL = `${PRODUCT_URI}/StructureDefinition/occurrence-slot`;
const OCCURRENCE_TYPE = 'occurrence';

/** An affected occurrence: the Appointment and the Slot it holds. */
export interface AffectedOccurrence {
  readonly appointment: Appointment & { id: string };
  readonly slot: Slot & { id: string };
}

export interface SeriesTaskInput {
  readonly reason: RescheduleReason;
  readonly seriesId: string;
  /** The affected occurrences (at least one). */
  readonly occurrences: readonly AffectedOccurrence[];
  readonly scheduleId: string;
  readonly note?: string;
  readonly now: number;
}

/** The identifier value of a series' Task for one reason on one schedule. */
export function seriesTaskKey(seriesId: string, reason: RescheduleReason, scheduleId: string): string {
  return rescheduleTaskKey(`Series/${seriesId}/Schedule/${scheduleId}`, reason);
}

/**
 * The reschedule Task of a series' affected occurrences, in time order.
 *
 * @example
 * const task = seriesRescheduleTask({ reason: 'schedule-deactivated', seriesId, occurrences, scheduleId, now });
 * // POST it with ifNoneExist: `identifier=${TASK_KEY_SYSTEM}|${task.identifier[0].value}`
 */
export function seriesRescheduleTask(input: SeriesTaskInput): Task {
  const ordered = [...input.occurrences].sort((a, b) => (a.slot.start ?? '').localeCompare(b.slot.start ?? ''));
  const first = ordered[0] as AffectedOccurrence;
  const last = ordered[ordered.length - 1] as AffectedOccurrence;
  const count = ordered.length === 1 ? '1 appointment' : `${ordered.length} appointments`;
  const span = ordered.length === 1 ? `${first.slot.start}` : `${first.slot.start} to ${last.slot.start}`;
  const base = rescheduleTaskBase({
    reason: input.reason,
    key: seriesTaskKey(input.seriesId, input.reason, input.scheduleId),
    what: `: ${count} of a series (${span})`,
    appointment: first.appointment,
    scheduleId: input.scheduleId,
    ...(input.note !== undefined ? { note: input.note } : {}),
    now: input.now,
  });
  return {
    ...base,
    identifier: [...(base.identifier ?? []), { system: SERIES_SYSTEM, value: input.seriesId }],
    focus: { reference: `Appointment/${first.appointment.id}` },
    input: ordered.map(occurrenceInput),
  };
}

function occurrenceInput({ appointment, slot }: AffectedOccurrence): TaskInput {
  const held: Extension = { url: OCCURRENCE_SLOT_URL, valueReference: { reference: `Slot/${slot.id}` } };
  return {
    extension: [held],
    type: { text: OCCURRENCE_TYPE },
    valueReference: { reference: `Appointment/${appointment.id}` },
  };
}

/** The occurrences a series Task names (Appointment id, and the Slot id it held then); empty for other Tasks. */
export function taskOccurrences(task: Pick<Task, 'input'>): { appointmentId: string; slotId: string }[] {
  return (task.input ?? []).flatMap((input) => {
    const appointmentId = input.type?.text === OCCURRENCE_TYPE ? referenceId(input.valueReference, 'Appointment') : '';
    const held = input.extension?.find((e) => e.url === OCCURRENCE_SLOT_URL)?.valueReference;
    const slotId = referenceId(held, 'Slot');
    return appointmentId && slotId ? [{ appointmentId, slotId }] : [];
  });
}

/**
 * Whether an occurrence no longer needs the front desk: gone, no longer holding a slot (cancelled, …), or moved
 * off the Slot it held when the Task was made. (Whether it fits its schedule again is the cron's question.)
 */
export function occurrenceSettled(held: { slotId: string }, appointment: Appointment | undefined): boolean {
  if (!appointment || !holdsSlots(appointment.status)) {
    return true;
  }
  return !(appointment.slot ?? []).some((ref) => referenceId(ref, 'Slot') === held.slotId);
}
