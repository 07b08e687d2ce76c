/**
 * Booking bot: the booking operation (`POST Bot/$execute?identifier=https://schedules.clinik.dev/fhir/bot|booking`,
 * JSON). Books, holds, cancels and reschedules Appointments and creates or edits hand-made Slots for the front desk,
 * whose AccessPolicy reads Slots and Appointments but writes neither: every rule that protects a booking is checked
 * here, under per-actor leases, where no user can skip it. Answers `{ ok, resource }` or `{ ok: false, status,
 * outcome }` (api/operation/protocol.ts).
 */
import type { BotEvent, MedplumClient } from '@medplum/core';
import { describeReply, serveBooking, type BookingReply } from '../api/operation';

export async function handler(medplum: MedplumClient, event: BotEvent): Promise<BookingReply> {
  const reply = await serveBooking(medplum, event.input, event.requester);
  const requester = event.requester?.reference ? ` for ${event.requester.reference}` : '';
  console.log(`${describeReply(event.input, reply)}${requester}`);
  return reply;
}
