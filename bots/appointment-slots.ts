/**
 * Appointment bot: on Appointment create/update (Subscription), keeps the Appointment's Slots in step with its
 * status: booked makes them busy (pending: busy-tentative), cancelled frees them again (or, where they no longer
 * belong to the schedule, takes them off the market). A double booking is never overwritten: it is reported in the
 * returned OperationOutcome and a reschedule Task is created.
 */
import { badRequest, OperationOutcomeError } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { Appointment, OperationOutcome, Parameters } from '@medplum/fhirtypes';
import { botSettings, resumeTarget, syncAppointmentSlots } from '../engine';

export async function handler(
  medplum: MedplumClient,
  event: BotEvent<Appointment | Parameters>
): Promise<OperationOutcome> {
  const target = resumeTarget(event.input, 'Appointment');
  if (!target) {
    throw new OperationOutcomeError(badRequest('Expected an Appointment as input.', 'Appointment'));
  }
  const { outcome } = await syncAppointmentSlots(medplum, target.id, { limits: botSettings(event.secrets).limits });
  console.log(outcome.issue[0]?.details?.text);
  return outcome;
}
