/**
 * The waitlist's per-minute run (the schedule bot's cron calls it): a time that became free (a cancellation, a new
 * or reactivated schedule, a reschedule) is held for the first waiting entry it fits, by priority then age, and put
 * on the worklist as an offer ("Offer Tue 8 Dec … to Pat Doe, held until …"). An offer that lapsed or was declined
 * frees its slot, which the next run offers to the next entry; the entry never gets that slot again.
 *
 * Race safety: an entry is claimed with If-Match before its hold is placed, so two runs never offer one patient two
 * slots; a hold takes its slot under the actors' lease with If-Match (api/booking.ts), so one slot is never offered
 * to two patients; and every hold goes through the booking rules (notice, limits, capacity), like a booking.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { formatUtc } from '../../core/time';
import {
  offerOrder,
  readWish,
  referencesOf,
  slotFits,
  WAITLIST_CLAIM_URL,
  WAITLIST_OFFER_URL,
  WAITLIST_PASSED_URL,
  WAITLIST_TAG,
  type WaitlistWish,
} from '../../core/waitlist';
import { holdExpiry } from '../../engine/appointments/holds';
import { updateConverging, updateIfMatch } from '../../engine/transport/conditional-write';
import { placeHold } from '../appointments';
import { ClinikError } from '../errors';
import { nameOf, scheduleZone } from '../rules/load';
import type { Caller } from '../rules/override';
import type { Clinik, FoundSlot } from '../types';
import { liveClaim, withoutOffer } from './entries';
import { closeOfferTask, raiseOfferTask } from './offer-task';

/**
 * How the run offers: how long an offer holds its slot by default (a clinic sets its own with the project secret
 * `WAITLIST_OFFER_MINUTES`, see engine/bot-support.ts), how far ahead it looks, how many open entries it tries a run.
 */
export const WAITLIST_SETTINGS = { offerMinutes: 240, lookAheadDays: 60, entriesPerRun: 25, claimMs: 120_000 };

/** A run's own settings. */
export interface OfferRunOptions {
  /** How long an offer holds its slot (default {@link WAITLIST_SETTINGS}.offerMinutes). */
  readonly offerMinutes?: number;
}

export interface OfferRunSummary {
  /** Holds placed: `ServiceRequest/id → Appointment/id`. */
  readonly offered: readonly string[];
  /** Offers found lapsed (expired or cancelled) and cleared. */
  readonly lapsed: number;
}

/**
 * Offers free times to waiting entries; safe to run concurrently with itself.
 *
 * @example
 * const { offered } = await offerWaitlist(medplum, clinik, Date.now(), caller);
 */
export async function offerWaitlist(
  medplum: MedplumClient,
  clinik: Clinik,
  now: number,
  caller: Caller,
  options: OfferRunOptions = {}
): Promise<OfferRunSummary> {
  const offerMs = (options.offerMinutes ?? WAITLIST_SETTINGS.offerMinutes) * 60_000;
  const entries = await medplum.searchResources(
    'ServiceRequest',
    { _tag: `${WAITLIST_TAG.system}|${WAITLIST_TAG.code}`, status: 'active', _count: '500' },
    { cache: 'no-cache' }
  );
  const ordered = entries.map((r) => ({ id: r.id, wish: readWish(r), request: r })).sort(offerOrder);
  const offered: string[] = [];
  const taken = new Set<string>(); // slots given this run
  let lapsed = 0;
  let tried = 0; // entries with a live offer do not use up the run's tries: the next waiting ones get theirs
  for (const { request, wish } of ordered) {
    if (tried >= WAITLIST_SETTINGS.entriesPerRun) break;
    const state = await offerState(medplum, request, now);
    if (state.lapsed) lapsed++;
    if (!state.open) continue;
    tried++;
    const hold = await offerTo(medplum, clinik, state.entry, wish, { now, caller, taken, offerMs });
    if (hold) offered.push(`ServiceRequest/${request.id} → Appointment/${hold.id}`);
  }
  return { offered, lapsed };
}

/** Whether an entry is open for an offer; an offer that lapsed is cleared (and its slot passed on) first. */
async function offerState(
  medplum: MedplumClient,
  entry: WithId<ServiceRequest>,
  now: number
): Promise<{ open: boolean; lapsed: boolean; entry: WithId<ServiceRequest> }> {
  if (liveClaim(entry, now) !== undefined) return { open: false, lapsed: false, entry };
  const ref = referencesOf(entry, WAITLIST_OFFER_URL)[0];
  if (!ref) return { open: true, lapsed: false, entry };
  const hold = await medplum.readReference<Appointment>({ reference: ref }).catch(() => undefined);
  const expiry = hold ? holdExpiry(hold) : undefined;
  if (hold && expiry !== undefined && expiry > now) return { open: false, lapsed: false, entry };
  if (hold?.status === 'booked') return { open: false, lapsed: false, entry }; // accepted; the entry closes itself
  const slot = hold?.slot?.[0]?.reference;
  const cleared = await updateConverging({ medplum }, entry, (latest) =>
    referencesOf(latest, WAITLIST_OFFER_URL)[0] !== ref
      ? undefined
      : {
          ...withoutOffer(latest),
          extension: [
            ...(withoutOffer(latest).extension ?? []),
            ...(slot ? [{ url: WAITLIST_PASSED_URL, valueReference: { reference: slot } }] : []),
          ],
        }
  );
  await closeOfferTask(medplum, ref.replace('Appointment/', ''), 'cancelled', 'Offer lapsed');
  return { open: cleared.status === 'active', lapsed: true, entry: cleared };
}

interface RunContext {
  readonly now: number;
  readonly caller: Caller;
  readonly taken: Set<string>;
  /** How long an offer holds its slot. */
  readonly offerMs: number;
}

/** Claims the entry, holds the first free time that fits it, and names the hold on the entry. */
async function offerTo(
  medplum: MedplumClient,
  clinik: Clinik,
  entry: WithId<ServiceRequest>,
  wish: WaitlistWish,
  run: RunContext
): Promise<WithId<Appointment> | undefined> {
  const candidates = await fittingSlots(medplum, clinik, entry, wish, run);
  if (candidates.length === 0) return undefined;
  const claimed = await claim(medplum, entry, run.now);
  if (!claimed) return undefined; // another run is offering it
  const expiresAt = run.now + run.offerMs;
  for (const found of candidates.slice(0, 3)) {
    const hold = await placeHold(
      medplum,
      { slotId: found.slot.id, patientId: wish.patient.replace('Patient/', '') },
      { now: run.now, caller: run.caller },
      { expiresAt, basedOn: `ServiceRequest/${entry.id}` }
    ).catch((err: unknown) => {
      if (err instanceof ClinikError) return undefined; // taken meanwhile, or a rule refuses it: the next one
      throw err;
    });
    if (!hold) continue;
    run.taken.add(found.slot.id);
    const named = await updateIfMatch(
      { medplum },
      { ...withoutOffer(claimed), extension: offerExtensions(claimed, hold) },
      claimed
    ).catch(() => undefined);
    if (!named) {
      // The entry changed under the claim (removed, say): the hold goes back at once, not in four hours.
      await clinik.appointments.cancel(hold.id, 'Offer withdrawn: the waitlist entry changed').catch(() => undefined);
      return undefined;
    }
    const patient = await medplum.readReference<Patient>({ reference: wish.patient }).catch(() => undefined);
    const zone = await scheduleZone(medplum, found.schedule, found.actors);
    await raiseOfferTask(medplum, claimed, hold, nameOf(patient, wish.patient), zone, expiresAt);
    return hold;
  }
  await updateIfMatch({ medplum }, withoutOffer(claimed), claimed).catch(() => undefined); // let the claim go
  return undefined;
}

function offerExtensions(entry: ServiceRequest, hold: WithId<Appointment>): ServiceRequest['extension'] {
  return [
    ...(withoutOffer(entry).extension ?? []),
    { url: WAITLIST_OFFER_URL, valueReference: { reference: `Appointment/${hold.id}` } },
  ];
}

/** Claims the entry for this run (If-Match): undefined when another run changed it first. */
async function claim(
  medplum: MedplumClient,
  entry: WithId<ServiceRequest>,
  now: number
): Promise<WithId<ServiceRequest> | undefined> {
  const until = formatUtc(now + WAITLIST_SETTINGS.claimMs);
  const claimed = {
    ...withoutOffer(entry),
    extension: [...(withoutOffer(entry).extension ?? []), { url: WAITLIST_CLAIM_URL, valueInstant: until }],
  };
  return updateIfMatch({ medplum }, claimed, entry).catch(() => undefined);
}

/** Free slots that fit the entry, earliest first, leaving out those it passed on and those given this run. */
async function fittingSlots(
  medplum: MedplumClient,
  clinik: Clinik,
  entry: ServiceRequest,
  wish: WaitlistWish,
  run: RunContext
): Promise<FoundSlot[]> {
  const from = Math.max(run.now, wish.from ? Date.parse(wish.from) : run.now);
  const to = wish.to ? Date.parse(wish.to) : run.now + WAITLIST_SETTINGS.lookAheadDays * 86_400_000;
  if (to <= from) return [];
  const actorId = wish.practitioner ?? wish.location;
  const page = await clinik.slots
    .find({
      from: formatUtc(from),
      to: formatUtc(to),
      count: 50,
      ...(actorId ? { actorId } : {}),
      ...(wish.visitType?.text ? { serviceType: wish.visitType.text } : {}),
    })
    .catch(() => undefined);
  const passed = new Set(referencesOf(entry, WAITLIST_PASSED_URL));
  const fits: FoundSlot[] = [];
  for (const found of page?.data ?? []) {
    if (passed.has(`Slot/${found.slot.id}`) || run.taken.has(found.slot.id)) continue;
    const zone = await scheduleZone(medplum, found.schedule, found.actors);
    const actors = (found.schedule.actor ?? []).map((a) => a.reference ?? '');
    if (slotFits(wish, found.slot, zone, actors)) fits.push(found);
  }
  return fits;
}
