/**
 * A schedule's visit types as the API takes them (`visitTypes` on create and update): each checked, naming the
 * field, its HealthcareService read, and written as Medplum writes them: a SchedulingParameters entry scoped to the
 * service, and the service in `Schedule.serviceType` (Medplum's `$find` offers a service only on schedules listing it).
 */
import { toServiceTypeCodeableConcepts, type MedplumClient } from '@medplum/core';
import type { HealthcareService, OperationOutcomeIssue, Schedule } from '@medplum/fhirtypes';
import { issue, plainServiceTypes } from '../core/fhir';
import { withVisitTypes, type VisitTypeInput } from '../core/availability/write';
import { servicesOf } from '../engine/sync/services';
import { call } from './errors';

/** The longest visit and the longest buffer a visit type may have, in minutes. */
const MAX_VISIT_MINUTES = 24 * 60;
const MAX_BUFFER_MINUTES = 240;

/**
 * The Schedule with its visit types replaced by `inputs` (`[]` removes them), and its `serviceType` listing exactly
 * those services beside the concepts that name none. Each problem is pushed to `issues`, at `visitTypes[i].…`.
 *
 * @example
 * schedule = await applyVisitTypes(medplum, schedule, [{ service: 'HealthcareService/np', slotMinutes: 30 }], issues);
 */
export async function applyVisitTypes(
  medplum: MedplumClient,
  schedule: Schedule,
  inputs: readonly VisitTypeInput[],
  issues: OperationOutcomeIssue[]
): Promise<Schedule> {
  if (!Array.isArray(inputs)) {
    issues.push(issue('error', 'invalid', 'visitTypes', 'visitTypes must be a list.'));
    return schedule;
  }
  const before = issues.length;
  inputs.forEach((input, i) => checkVisitType(input, `visitTypes[${i}]`, issues));
  if (issues.length > before) {
    return schedule;
  }
  const written = withVisitTypes(schedule, inputs);
  const services = await call(() => servicesOf({ medplum }, written));
  inputs.forEach((input, i) => {
    if (!services.some((s) => `HealthcareService/${s.id}` === input.service)) {
      issues.push(issue('error', 'not-found', `visitTypes[${i}].service`, `${input.service} was not found.`));
    }
  });
  return { ...written, ...serviceTypeWith(schedule, services) };
}

function checkVisitType(input: VisitTypeInput, at: string, issues: OperationOutcomeIssue[]): void {
  if (typeof input?.service !== 'string' || !/^HealthcareService\/[A-Za-z0-9\-.]{1,64}$/.test(input.service)) {
    issues.push(issue('error', 'invalid', `${at}.service`, 'service must be a HealthcareService reference.'));
  }
  const whole = (value: unknown, min: number, max: number): boolean =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  if (!whole(input?.slotMinutes, 1, MAX_VISIT_MINUTES)) {
    issues.push(issue('error', 'invalid', `${at}.slotMinutes`, `slotMinutes must be from 1 to ${MAX_VISIT_MINUTES}.`));
  }
  for (const field of ['bufferBeforeMinutes', 'bufferAfterMinutes'] as const) {
    if (input?.[field] !== undefined && !whole(input[field], 0, MAX_BUFFER_MINUTES)) {
      issues.push(issue('error', 'invalid', `${at}.${field}`, `${field} must be from 0 to ${MAX_BUFFER_MINUTES}.`));
    }
  }
}

/** `serviceType`: the concepts that name no service, then each visit type's service. */
function serviceTypeWith(schedule: Schedule, services: readonly HealthcareService[]): Pick<Schedule, 'serviceType'> {
  const plain = plainServiceTypes(schedule.serviceType);
  const named = services.flatMap((s) => toServiceTypeCodeableConcepts({ ...s, id: s.id as string }));
  const serviceType = [...plain, ...named];
  return serviceType.length > 0 ? { serviceType } : { serviceType: undefined };
}
