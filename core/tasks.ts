/**
 * Reschedule worklist items: a Task per affected booked Appointment (or booked Slot without one), keyed so that
 * a second run never makes a second Task for the same appointment and reason.
 */
import type { Appointment, Reference, Schedule, Slot, Task } from '@medplum/fhirtypes';
import { PRODUCT_URI, TASK_KEY_SYSTEM } from './fhir';
import { formatUtc } from './time';

/** Task.code system for this product's worklist items. */
export const TASK_TYPE_SYSTEM = `${PRODUCT_URI}/CodeSystem/task-type`;

/** Why a booking needs attention. */
export type RescheduleReason = 'schedule-deactivated' | 'outside-availability' | 'double-booking' | 'slot-unavailable';

const REASON_TEXT: Record<RescheduleReason, string> = {
  'schedule-deactivated': 'The schedule was deactivated',
  'outside-availability': "The booking is now outside the schedule's availability",
  'double-booking': 'The slot is already booked by another appointment',
  'slot-unavailable': 'The slot is not available for booking',
};

/** The identifier value of the Task for one focus and reason. */
export function rescheduleTaskKey(focus: string, reason: RescheduleReason): string {
  return `${focus}/${reason}`;
}

export interface RescheduleTaskInput {
  readonly reason: RescheduleReason;
  /** The booked Appointment, when there is one; else the Slot is the focus. */
  readonly appointment?: Appointment & { id: string };
  readonly slot: Slot & { id: string };
  readonly schedule: Pick<Schedule, 'id' | 'comment'>;
  /** Free text from the schedule (the seed's Schedules API, see README, puts a deactivation's reason in its comment). */
  readonly note?: string;
  readonly now: number;
}

/**
 * A reschedule Task: focus the Appointment (else the Slot), for its patient, the Schedule as reason reference.
 *
 * @example
 * const task = rescheduleTask({ reason: 'schedule-deactivated', appointment, slot, schedule, now: Date.now() });
 * // POST it with ifNoneExist: `identifier=${TASK_KEY_SYSTEM}|${task.identifier[0].value}`
 */
export function rescheduleTask(input: RescheduleTaskInput): Task {
  const focus: Reference = input.appointment
    ? { reference: `Appointment/${input.appointment.id}` }
    : { reference: `Slot/${input.slot.id}` };
  const when = input.slot.start ? ` (${input.slot.start})` : '';
  return {
    ...rescheduleTaskBase({
      reason: input.reason,
      key: rescheduleTaskKey(focus.reference as string, input.reason),
      what: when,
      ...(input.appointment ? { appointment: input.appointment } : {}),
      scheduleId: input.schedule.id as string,
      ...(input.note !== undefined ? { note: input.note } : {}),
      now: input.now,
    }),
    focus,
    input: [{ type: { text: 'slot' }, valueReference: { reference: `Slot/${input.slot.id}` } }],
  };
}

/**
 * What every reschedule Task has (a single booking's or a series'): its key, code, reason in words and as a code,
 * patient, schedule and time; the caller adds its focus and inputs.
 */
export function rescheduleTaskBase(input: {
  readonly reason: RescheduleReason;
  readonly key: string;
  /** Written after the reason: ` (2025-03-03T09:00:00Z)`, `: 6 appointments of a series (…)`. */
  readonly what: string;
  readonly appointment?: Appointment;
  readonly scheduleId: string;
  readonly note?: string;
  readonly now: number;
}): Task {
  const patient = input.appointment?.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;
  const note = input.note?.trim();
  return {
    resourceType: 'Task',
    identifier: [{ system: TASK_KEY_SYSTEM, value: input.key }],
    status: 'requested',
    intent: 'order',
    priority: 'urgent',
    code: {
      coding: [{ system: TASK_TYPE_SYSTEM, code: 'reschedule-appointment', display: 'Reschedule appointment' }],
      text: 'Reschedule appointment',
    },
    description: `${REASON_TEXT[input.reason]}${input.what}.${note ? ` ${note}` : ''}`,
    ...(patient ? { for: patient } : {}),
    authoredOn: formatUtc(input.now),
    reasonCode: {
      coding: [{ system: TASK_TYPE_SYSTEM, code: input.reason, display: REASON_TEXT[input.reason] }],
      ...(note ? { text: note } : {}),
    },
    reasonReference: { reference: `Schedule/${input.scheduleId}` },
  };
}
