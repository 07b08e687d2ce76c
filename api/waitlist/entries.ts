/**
 * `clinik.waitlist`: add a patient to the waitlist, list it, and answer an offer (accept books the held slot,
 * decline passes it to the next entry), or take an entry off. Entries are ServiceRequests (core/waitlist.ts); their
 * offers are holds the per-minute run places (./offers.ts). A front desk's AccessPolicy reads entries but writes
 * none: every call here runs in the booking operation, like bookings.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, OperationOutcomeIssue, ServiceRequest } from '@medplum/fhirtypes';
import { issue } from '../../core/fhir';
import { parseInstant } from '../../core/time';
import {
  offerOrder,
  readWish,
  referencesOf,
  WAITLIST_CLAIM_URL,
  WAITLIST_OFFER_URL,
  WAITLIST_PASSED_URL,
  WAITLIST_TAG,
  waitlistRequest,
  type WaitlistWish,
} from '../../core/waitlist';
import { updateConverging } from '../../engine/transport/conditional-write';
import { holdExpiry } from '../../engine/appointments/holds';
import { call, conflict, refuse } from '../errors';
import type { Clinik, WaitlistAddInput, WaitlistEntry } from '../types';
import { checkActorReference, checkId, checkInstant, codes, read } from '../validation';
import { closeOfferTask } from './offer-task';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PRIORITIES = ['stat', 'asap', 'urgent', 'routine'];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The `waitlist` part of the client, over the appointments it books and cancels with. */
export function waitlistApi(
  medplum: MedplumClient,
  now: () => number,
  appointments: () => Clinik['appointments']
): Clinik['waitlist'] {
  return {
    async add(input) {
      const wish = checkWish(input, now());
      return { data: await medplum.createResource(waitlistRequest(wish, input.note?.trim() || undefined)) };
    },
    async list(criteria = {}) {
      return { data: await listEntries(medplum, criteria, now()) };
    },
    async accept(id) {
      return { data: await accept(medplum, id, now(), appointments()) };
    },
    async decline(id, reason) {
      return { data: await letGo(medplum, id, reason, 'decline', appointments()) };
    },
    async remove(id, reason) {
      return { data: await letGo(medplum, id, reason, 'remove', appointments()) };
    },
  };
}

/** Checks what a new entry asks for: every bad field named at once. */
function checkWish(input: WaitlistAddInput, at: number): WaitlistWish {
  const issues: OperationOutcomeIssue[] = [];
  checkId('patientId', input?.patientId, 'patient', issues);
  const concepts = codes('serviceType', input?.serviceType, issues);
  if (input?.practitionerId !== undefined) checkActorReference('practitionerId', input.practitionerId, issues);
  if (input?.locationId !== undefined) checkActorReference('locationId', input.locationId, issues);
  const from = input?.from === undefined ? at : checkInstant('from', input.from, issues);
  const to = input?.to === undefined ? undefined : checkInstant('to', input.to, issues);
  if (from !== undefined && to !== undefined && to <= from) {
    issues.push(issue('error', 'invalid', 'to', 'The range must end after it starts.'));
  }
  (input?.days ?? []).forEach((day, i) => {
    if (!DAYS.includes(day))
      issues.push(issue('error', 'invalid', `days[${i}]`, `"${day}" is not a weekday (mon…sun).`));
  });
  const hours = input?.hours;
  if (
    hours !== undefined &&
    (!HHMM.test(hours.start ?? '') || !HHMM.test(hours.end ?? '') || hours.end <= hours.start)
  ) {
    issues.push(
      issue('error', 'invalid', 'hours', 'Preferred hours are a start and a later end, HH:MM (09:00–12:00).')
    );
  }
  if (input?.priority !== undefined && !PRIORITIES.includes(input.priority)) {
    issues.push(issue('error', 'invalid', 'priority', `The priority is one of ${PRIORITIES.join(', ')}.`));
  }
  refuse(issues);
  return {
    patient: `Patient/${input.patientId}`,
    ...(concepts?.[0] ? { visitType: concepts[0] } : {}),
    ...(input.practitionerId ? { practitioner: input.practitionerId } : {}),
    ...(input.locationId ? { location: input.locationId } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
    ...(input.days?.length ? { days: [...input.days] } : {}),
    ...(hours ? { hours: { start: hours.start, end: hours.end } } : {}),
    priority: input.priority ?? 'routine',
    addedAt: new Date(at).toISOString(),
  };
}

async function listEntries(
  medplum: MedplumClient,
  criteria: { readonly patientId?: string; readonly status?: 'active' | 'all' },
  at: number
): Promise<WaitlistEntry[]> {
  const issues: OperationOutcomeIssue[] = [];
  if (criteria.patientId !== undefined) checkId('patientId', criteria.patientId, 'patient', issues);
  if (criteria.status !== undefined && criteria.status !== 'active' && criteria.status !== 'all') {
    issues.push(issue('error', 'invalid', 'status', 'status is active or all.'));
  }
  refuse(issues);
  const requests = await call(() =>
    medplum.searchResources(
      'ServiceRequest',
      {
        _tag: `${WAITLIST_TAG.system}|${WAITLIST_TAG.code}`,
        ...(criteria.status === 'all' ? {} : { status: 'active' }),
        ...(criteria.patientId ? { subject: `Patient/${criteria.patientId}` } : {}),
        _count: '500',
      },
      { cache: 'no-cache' }
    )
  );
  const sorted = requests.map((r) => ({ id: r.id, wish: readWish(r), request: r })).sort(offerOrder);
  return Promise.all(sorted.map(async ({ request }) => ({ request, ...(await liveOffer(medplum, request, at)) })));
}

/** The entry's offer while it still holds its slot. */
async function liveOffer(
  medplum: MedplumClient,
  request: ServiceRequest,
  at: number
): Promise<{ offer?: WithId<Appointment> }> {
  const ref = referencesOf(request, WAITLIST_OFFER_URL)[0];
  if (!ref) return {};
  const hold = await medplum.readReference<Appointment>({ reference: ref }).catch(() => undefined);
  const expiry = hold ? holdExpiry(hold) : undefined;
  return hold && expiry !== undefined && expiry > at ? { offer: hold as WithId<Appointment> } : {};
}

async function accept(
  medplum: MedplumClient,
  id: string,
  at: number,
  appointments: Clinik['appointments']
): Promise<WithId<Appointment>> {
  const entry = await read(medplum, 'ServiceRequest', id);
  const { offer } = await liveOffer(medplum, entry, at);
  if (!offer) {
    throw conflict('id', `ServiceRequest/${id} has no offer to accept (none made yet, or it lapsed).`);
  }
  const slotId = offer.slot?.[0]?.reference?.replace('Slot/', '') ?? '';
  const patientId = readWish(entry).patient.replace('Patient/', '');
  const { data: booked } = await appointments.book({ slotId, patientId, holdId: offer.id });
  await updateConverging({ medplum }, entry, (latest) =>
    latest.status === 'completed' ? undefined : { ...withoutOffer(latest), status: 'completed' }
  );
  await closeOfferTask(medplum, offer.id, 'completed', 'Accepted: booked');
  return booked;
}

/** Declines the offer (the entry stays, and never gets that slot again) or removes the entry (revoked). */
async function letGo(
  medplum: MedplumClient,
  id: string,
  reason: string,
  how: 'decline' | 'remove',
  appointments: Clinik['appointments']
): Promise<WithId<ServiceRequest>> {
  if (!reason?.trim()) refuse([issue('error', 'required', 'reason', 'A reason is required.')]);
  const entry = await read(medplum, 'ServiceRequest', id);
  const ref = referencesOf(entry, WAITLIST_OFFER_URL)[0];
  if (how === 'decline' && !ref) throw conflict('id', `ServiceRequest/${id} has no offer to decline.`);
  if (ref) {
    const holdId = ref.replace('Appointment/', '');
    const hold = await medplum.readResource('Appointment', holdId).catch(() => undefined);
    if (hold?.status === 'pending') {
      await appointments.cancel(holdId, how === 'decline' ? `Offer declined: ${reason.trim()}` : reason.trim());
    }
    await closeOfferTask(medplum, holdId, 'cancelled', how === 'decline' ? 'Declined' : 'Removed from the waitlist');
  }
  const slot = ref ? await offeredSlot(medplum, ref) : undefined;
  return updateConverging({ medplum }, entry, (latest) => {
    if (latest.status !== 'active') return undefined;
    const kept = withoutOffer(latest);
    const passed = slot ? [{ url: WAITLIST_PASSED_URL, valueReference: { reference: slot } }] : [];
    const note = [...(latest.note ?? []), { text: `${how === 'decline' ? 'Declined' : 'Removed'}: ${reason.trim()}` }];
    return how === 'remove'
      ? { ...kept, status: 'revoked', note }
      : { ...kept, extension: [...(kept.extension ?? []), ...passed], note };
  });
}

async function offeredSlot(medplum: MedplumClient, holdRef: string): Promise<string | undefined> {
  const hold = await medplum.readReference<Appointment>({ reference: holdRef }).catch(() => undefined);
  return hold?.slot?.[0]?.reference;
}

/**
 * The entry without its offer and claim (the slots it passed on stay).
 *
 * @example
 * withoutOffer(entry).extension; // no waitlist-offer, no waitlist-claim
 */
export function withoutOffer<T extends ServiceRequest>(entry: T): T {
  const extension = (entry.extension ?? []).filter((e) => e.url !== WAITLIST_OFFER_URL && e.url !== WAITLIST_CLAIM_URL);
  const { extension: _dropped, ...rest } = entry;
  return (extension.length > 0 ? { ...rest, extension } : rest) as T;
}

/** The claim a run holds on an entry, while it lasts (epoch ms), else undefined. */
export function liveClaim(entry: ServiceRequest, at: number): number | undefined {
  const until = parseInstant(entry.extension?.find((e) => e.url === WAITLIST_CLAIM_URL)?.valueInstant);
  return until !== undefined && until > at ? until : undefined;
}
