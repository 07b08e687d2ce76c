/**
 * Group slots: how many patients one Slot of a schedule takes (SchedulingParameters `slotCapacity`, schedule-wide;
 * one when absent), and the one rule for a group slot's status: `free` while places are left, `busy` when full.
 * Pure.
 */
import { SchedulingParametersURI } from '@medplum/core';
import type { OperationOutcomeIssue, Schedule, Slot } from '@medplum/fhirtypes';
import { issue } from './fhir';
import { isScheduleWideParameters } from './availability/parameters';

/** The most patients one slot takes. */
export const MAX_CAPACITY = 100;

/**
 * The patients one slot of the schedule takes (1 unless its schedule-wide SchedulingParameters say otherwise).
 *
 * @example
 * capacityOf(schedule); // 6 for a group session of six
 */
export function capacityOf(schedule: Schedule | undefined): number {
  const params = schedule?.extension?.find(isScheduleWideParameters);
  const value = params?.extension?.find((sub) => sub.url === 'slotCapacity')?.valuePositiveInt;
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_CAPACITY ? (value as number) : 1;
}

/** A malformed `slotCapacity` as an issue at its path (the value is then read as one). */
export function checkCapacity(schedule: Schedule, issues: OperationOutcomeIssue[]): void {
  (schedule.extension ?? []).forEach((ext, i) => {
    if (ext.url !== SchedulingParametersURI) {
      return;
    }
    (ext.extension ?? []).forEach((sub, j) => {
      const value = sub.valuePositiveInt;
      if (sub.url === 'slotCapacity' && !(Number.isInteger(value) && value! >= 1 && value! <= MAX_CAPACITY)) {
        const where = `Schedule.extension[${i}].extension[${j}].valuePositiveInt`;
        issues.push(issue('error', 'invalid', where, `A slot takes 1 to ${MAX_CAPACITY} patients.`));
      }
    });
  });
}

/**
 * The status a slot should have with `holders` live bookings of `capacity` places: one place is the ordinary rule
 * (busy when held; `busy-tentative` for a hold is the caller's to choose); a group slot stays `free` until full.
 */
export function groupSlotStatus(holders: number, capacity: number): Slot['status'] {
  return holders >= capacity ? 'busy' : 'free';
}

/** "4 of 6 booked". */
export function describeFill(holders: number, capacity: number): string {
  return `${holders} of ${capacity} booked`;
}
