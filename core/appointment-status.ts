/**
 * What an Appointment's status means for its Slots: the one rule the bots, the cron run and the API apply. Pure.
 *
 * - holding statuses take their Slots: `pending` and `proposed` as `busy-tentative`, the others as `busy`;
 * - releasing statuses give them back (`free`);
 * - any other status (`waitlist`) leaves them as they are.
 */
import type { Appointment, Slot } from '@medplum/fhirtypes';

type Status = Appointment['status'];

/** Appointment statuses that hold their slots. */
export const HOLDING_STATUSES: ReadonlySet<Status> = new Set([
  'proposed',
  'pending',
  'booked',
  'arrived',
  'checked-in',
  'fulfilled',
]);

/** Appointment statuses that release their slots. */
export const RELEASING_STATUSES: ReadonlySet<Status> = new Set(['cancelled', 'noshow', 'entered-in-error']);

/** Holding statuses that hold their slots only tentatively. */
const TENTATIVE_STATUSES: ReadonlySet<Status> = new Set(['pending', 'proposed']);

/** Whether an Appointment with this status holds its Slots. */
export function holdsSlots(status: Status): boolean {
  return HOLDING_STATUSES.has(status);
}

/** Whether an Appointment with this status gives its Slots back. */
export function releasesSlots(status: Status): boolean {
  return RELEASING_STATUSES.has(status);
}

/**
 * The status an Appointment's Slots should show: `busy-tentative`, `busy`, `free`, or undefined when the status
 * says nothing about them.
 *
 * @example
 * slotStatusFor('pending'); // 'busy-tentative'
 * slotStatusFor('cancelled'); // 'free'
 */
export function slotStatusFor(status: Status): Slot['status'] | undefined {
  if (HOLDING_STATUSES.has(status)) {
    return TENTATIVE_STATUSES.has(status) ? 'busy-tentative' : 'busy';
  }
  return RELEASING_STATUSES.has(status) ? 'free' : undefined;
}
