/**
 * The server side of the booking operation, run by the booking Bot: each request is checked and carried out by the
 * API's own calls over the Bot's client (`booking: 'direct'`), on the server's clock, under the per-actor leases
 * those calls take. A refusal is an answer (status and OperationOutcome), never a failed run.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { OperationOutcomeIssue, Reference, Resource } from '@medplum/fhirtypes';
import { issue } from '../../core/fhir';
import { clockOf } from '../../engine/transport/clock';
import { createClinik } from '../clinik';
import { fromServer, refuse } from '../errors';
import type { Clinik, OverrideInput } from '../types';
import { BOOKING_ACTIONS, type BookingReply, type BookingRequest, type SeriesReplyValue } from './protocol';
import { offerWaitlist, type OfferRunOptions, type OfferRunSummary } from '../waitlist/offers';

/**
 * Answers one request of the booking operation.
 *
 * @example
 * const reply = await serveBooking(botClient, { action: 'book', input: { slotId, patientId } });
 */
export async function serveBooking(
  medplum: MedplumClient,
  input: unknown,
  requester?: Reference
): Promise<BookingReply> {
  try {
    const request = parseRequest(input);
    const clock = clockOf(medplum);
    // Who may override a rule is decided from the caller Medplum names, never from anything in the request; a
    // request that names no caller may override nothing.
    const clinik = createClinik(medplum, {
      booking: 'direct',
      now: () => clock.now(),
      requester: requester ?? { display: 'an unknown caller' },
    });
    const { data } = await carryOut(clinik, request);
    return isRecord(data) && typeof data.resourceType === 'string'
      ? { ok: true, resource: data as Resource }
      : { ok: true, value: data as SeriesReplyValue };
  } catch (err) {
    const error = fromServer(err);
    return { ok: false, status: error.status, outcome: error.outcome };
  }
}

/** A one-line account of an answer, for the Bot's log (and Medplum's AuditEvent of the run). */
export function describeReply(request: unknown, reply: BookingReply): string {
  const action = isRecord(request) && typeof request.action === 'string' ? request.action : 'request';
  if (reply.ok && 'resource' in reply) {
    return `${action}: ${reply.resource.resourceType}/${reply.resource.id ?? '?'}`;
  }
  if (reply.ok) {
    const value = reply.value;
    if (Array.isArray(value)) {
      return `${action}: ${value.map((r) => `${r.resourceType}/${r.id ?? '?'}`).join(', ') || 'nothing'}`;
    }
    return 'moved' in value
      ? `${action}: series ${value.seriesId}, ${value.moved.length} moved, ${value.notMoved.length} not`
      : `${action}: series ${value.seriesId}, ${value.booked.length} booked, ${value.notBooked.length} not`;
  }
  const reason = reply.outcome.issue.map((i) => i.details?.text ?? i.code).join('; ');
  return `${action} refused (${reply.status}): ${reason}`;
}

function carryOut(clinik: Clinik, request: BookingRequest): Promise<{ data: WithId<Resource> | SeriesReplyValue }> {
  switch (request.action) {
    case 'book':
      return clinik.appointments.book(request.input);
    case 'hold':
      return clinik.appointments.hold(request.input);
    case 'cancel':
      return clinik.appointments.cancel(request.id, request.reason, overrideOf(request));
    case 'reschedule':
      return clinik.appointments.reschedule(request.id, request.newSlotId, overrideOf(request));
    case 'schedules.create':
      return clinik.schedules.create(request.input);
    case 'schedules.update':
      return clinik.schedules.update(request.id, request.patch, request.options);
    case 'slots.create':
      return clinik.slots.create(request.input);
    case 'slots.update':
      return clinik.slots.update(request.id, request.patch, request.options);
    case 'series.book':
      return clinik.appointments.bookSeries(request.input);
    case 'series.cancel':
      return clinik.appointments.cancelSeries(request.input);
    case 'series.reschedule':
      return clinik.appointments.rescheduleSeries(request.input);
    case 'waitlist.add':
      return clinik.waitlist.add(request.input);
    case 'waitlist.accept':
      return clinik.waitlist.accept(request.id);
    case 'waitlist.decline':
      return clinik.waitlist.decline(request.id, request.reason);
    case 'waitlist.remove':
      return clinik.waitlist.remove(request.id, request.reason);
  }
}

/** Checks the request's shape (the calls check the values); a 400 naming the field otherwise. */
function parseRequest(input: unknown): BookingRequest {
  const issues: OperationOutcomeIssue[] = [];
  if (!isRecord(input) || !BOOKING_ACTIONS.includes(input.action as BookingRequest['action'])) {
    const known = BOOKING_ACTIONS.join(', ');
    refuse([issue('error', 'invalid', 'action', `The booking operation needs an action: one of ${known}.`)]);
  }
  const request = input as Record<string, unknown>;
  const fields = FIELDS[request.action as BookingRequest['action']];
  for (const [field, type] of Object.entries(fields)) {
    if (typeof request[field] !== type || request[field] === null) {
      issues.push(issue('error', 'required', field, `${String(request.action)} needs ${field} (${type}).`));
    }
  }
  if (request.options !== undefined && !isRecord(request.options)) {
    issues.push(issue('error', 'invalid', 'options', 'options must be an object.'));
  }
  refuse(issues);
  return request as unknown as BookingRequest;
}

const FIELDS: Record<BookingRequest['action'], Record<string, 'string' | 'object'>> = {
  book: { input: 'object' },
  hold: { input: 'object' },
  cancel: { id: 'string', reason: 'string' },
  reschedule: { id: 'string', newSlotId: 'string' },
  'schedules.create': { input: 'object' },
  'schedules.update': { id: 'string', patch: 'object' },
  'slots.create': { input: 'object' },
  'slots.update': { id: 'string', patch: 'object' },
  'series.book': { input: 'object' },
  'series.cancel': { input: 'object' },
  'series.reschedule': { input: 'object' },
  'waitlist.add': { input: 'object' },
  'waitlist.accept': { id: 'string' },
  'waitlist.decline': { id: 'string', reason: 'string' },
  'waitlist.remove': { id: 'string', reason: 'string' },
};

function overrideOf(request: { readonly override?: OverrideInput }): { override?: OverrideInput } {
  return request.override !== undefined ? { override: request.override } : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The waitlist's per-minute run, for the schedule bot's cron: offers free times to waiting entries
 * (api/waitlist/offers.ts) on the server's clock, as no one in particular (it may override nothing).
 *
 * @example
 * const { offered } = await runWaitlistOffers(botClient, { offerMinutes: 120 });
 */
export function runWaitlistOffers(medplum: MedplumClient, options: OfferRunOptions = {}): Promise<OfferRunSummary> {
  const clock = clockOf(medplum);
  const requester = { display: 'the waitlist' };
  const clinik = createClinik(medplum, { booking: 'direct', now: () => clock.now(), requester });
  return offerWaitlist(medplum, clinik, clock.now(), { requester, unrestricted: false }, options);
}
