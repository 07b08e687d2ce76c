/**
 * The waitlist: a patient waiting for a time, stored as a FHIR ServiceRequest (why not an Appointment with status
 * `waitlist`: a request's life, `active` → `completed` when booked or `revoked` when removed, is what a waitlist
 * entry lives; its `priority` is coded (stat, asap, urgent, routine); the booked Appointment points back at it with
 * `basedOn`, as FHIR intends; and an entry is never mistaken for an appointment by the booking limits, the slot bots
 * or Medplum's own scheduling).
 *
 * An entry asks for a visit type (`code`), a practitioner (`performer`), a location (`locationReference`), a date
 * range, preferred weekdays (`occurrenceTiming.repeat.boundsPeriod` and `dayOfWeek`) and preferred hours (this
 * plugin's extension {@link WAITLIST_HOURS_URL}, local wall-clock time in each schedule's zone). Its offer, when it
 * has one, is a hold Appointment named by {@link WAITLIST_OFFER_URL}; the slots it has passed on (declined or let
 * expire) are named by {@link WAITLIST_PASSED_URL}, so that they are offered to the next entry, not again to it.
 */
import type { DayOfWeek } from '@medplum/core';
import type { CodeableConcept, Extension, Reference, ServiceRequest, Slot } from '@medplum/fhirtypes';
import { Temporal } from 'temporal-polyfill';
import { PRODUCT_URI } from './fhir';
import { WEEKDAYS } from './recurrence-rule';
import { localDateTime } from './time';

/** The tag on every waitlist entry (searchable: `_tag=system|waitlist`). */
export const WAITLIST_TAG = Object.freeze({
  system: `${PRODUCT_URI}/CodeSystem/request-kind`,
  code: 'waitlist',
  display: 'Waitlist entry',
});
/** Preferred hours: sub-extensions `start` and `end` (valueTime, local to each schedule's zone). */
export const WAITLIST_HOURS_URL = `${PRODUCT_URI}/StructureDefinition/waitlist-hours`;
/** The entry's current offer: the hold Appointment (valueReference). */
export const WAITLIST_OFFER_URL = `${PRODUCT_URI}/StructureDefinition/waitlist-offer`;
/** A run making an offer claims the entry first (valueInstant: the claim's expiry), so no other run offers it. */
export const WAITLIST_CLAIM_URL = `${PRODUCT_URI}/StructureDefinition/waitlist-claim`;
/** A slot the entry passed on (valueReference), repeated. */
export const WAITLIST_PASSED_URL = `${PRODUCT_URI}/StructureDefinition/waitlist-passed`;

export type WaitlistPriority = 'stat' | 'asap' | 'urgent' | 'routine';
/** A weekday as FHIR codes it (Timing.repeat.dayOfWeek), the recurrence rules' own. */
export type Weekday = DayOfWeek;
const RANK: Record<WaitlistPriority, number> = { stat: 0, asap: 1, urgent: 2, routine: 3 };

/** What an entry asks for, read from its ServiceRequest. */
export interface WaitlistWish {
  readonly patient: string;
  readonly visitType?: CodeableConcept;
  readonly practitioner?: string;
  readonly location?: string;
  /** Instants (ISO): the first and the end of the range the patient can come in. */
  readonly from?: string;
  readonly to?: string;
  readonly days?: readonly Weekday[];
  /** 'HH:MM' local wall-clock time, end exclusive. */
  readonly hours?: { readonly start: string; readonly end: string };
  readonly priority: WaitlistPriority;
  readonly addedAt: string;
}

/**
 * The ServiceRequest of a new waitlist entry.
 *
 * @example
 * waitlistRequest({ patient: 'Patient/p1', priority: 'routine', addedAt: '2026-12-02T10:00:00Z', days: ['tue'] });
 */
export function waitlistRequest(wish: WaitlistWish, note?: string): ServiceRequest {
  const timing = wish.from || wish.to || wish.days?.length;
  return {
    resourceType: 'ServiceRequest',
    meta: { tag: [{ ...WAITLIST_TAG }] },
    status: 'active',
    intent: 'order',
    priority: wish.priority,
    subject: { reference: wish.patient },
    authoredOn: wish.addedAt,
    ...(wish.visitType ? { code: wish.visitType } : {}),
    ...(wish.practitioner ? { performer: [{ reference: wish.practitioner }] } : {}),
    ...(wish.location ? { locationReference: [{ reference: wish.location }] } : {}),
    ...(timing
      ? {
          occurrenceTiming: {
            repeat: {
              ...(wish.from || wish.to
                ? { boundsPeriod: { ...(wish.from ? { start: wish.from } : {}), ...(wish.to ? { end: wish.to } : {}) } }
                : {}),
              ...(wish.days?.length ? { dayOfWeek: [...wish.days] } : {}),
            },
          },
        }
      : {}),
    ...(wish.hours ? { extension: [hoursExtension(wish.hours)] } : {}),
    ...(note ? { note: [{ text: note }] } : {}),
  };
}

function hoursExtension(hours: { start: string; end: string }): Extension {
  return {
    url: WAITLIST_HOURS_URL,
    extension: [
      { url: 'start', valueTime: `${hours.start}:00` },
      { url: 'end', valueTime: `${hours.end}:00` },
    ],
  };
}

/**
 * What a waitlist ServiceRequest asks for.
 *
 * @example
 * readWish(request).days; // ['tue', 'thu']
 */
export function readWish(request: ServiceRequest): WaitlistWish {
  const repeat = request.occurrenceTiming?.repeat;
  const hours = request.extension?.find((e) => e.url === WAITLIST_HOURS_URL)?.extension;
  const time = (url: string): string | undefined => hours?.find((e) => e.url === url)?.valueTime?.slice(0, 5);
  const start = time('start');
  const end = time('end');
  const priority = (request.priority ?? 'routine') as WaitlistPriority;
  return {
    patient: request.subject.reference ?? '',
    ...(request.code ? { visitType: request.code } : {}),
    ...(request.performer?.[0]?.reference ? { practitioner: request.performer[0].reference } : {}),
    ...(request.locationReference?.[0]?.reference ? { location: request.locationReference[0].reference } : {}),
    ...(repeat?.boundsPeriod?.start ? { from: repeat.boundsPeriod.start } : {}),
    ...(repeat?.boundsPeriod?.end ? { to: repeat.boundsPeriod.end } : {}),
    ...(repeat?.dayOfWeek?.length ? { days: repeat.dayOfWeek as Weekday[] } : {}),
    ...(start && end ? { hours: { start, end } } : {}),
    priority: RANK[priority] === undefined ? 'routine' : priority,
    addedAt: request.authoredOn ?? request.meta?.lastUpdated ?? '',
  };
}

/**
 * The order entries are offered a time in: the most urgent first, then the longest waiting, then by id.
 *
 * @example
 * entries.sort(offerOrder);
 */
export function offerOrder(
  a: { readonly id?: string; readonly wish: WaitlistWish },
  b: { readonly id?: string; readonly wish: WaitlistWish }
): number {
  return (
    RANK[a.wish.priority] - RANK[b.wish.priority] ||
    Date.parse(a.wish.addedAt) - Date.parse(b.wish.addedAt) ||
    (a.id ?? '').localeCompare(b.id ?? '')
  );
}

/**
 * Whether a free slot, of a schedule in `zone` whose actors are `actors`, is what the entry waits for: its visit
 * type, practitioner and location, inside the date range, on a preferred day, wholly inside the preferred hours
 * (local time in the schedule's zone).
 *
 * @example
 * slotFits(wish, slot, 'America/New_York', ['Practitioner/p1']);
 */
export function slotFits(wish: WaitlistWish, slot: Slot, zone: string, actors: readonly string[]): boolean {
  if (wish.practitioner && !actors.includes(wish.practitioner)) return false;
  if (wish.location && !actors.includes(wish.location)) return false;
  if (wish.visitType && !sameConcept(wish.visitType, slot.serviceType)) return false;
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  if (wish.from && start < Date.parse(wish.from)) return false;
  if (wish.to && end > Date.parse(wish.to)) return false;
  const localStart = localDateTime(slot.start, zone);
  const localEnd = localDateTime(slot.end, zone);
  if (wish.days?.length && !wish.days.includes(weekdayOf(localStart.slice(0, 10)))) return false;
  if (wish.hours) {
    const sameDay = localStart.slice(0, 10) === localEnd.slice(0, 10);
    const from = localStart.slice(11, 16);
    const to = localEnd.slice(11, 16);
    if (!sameDay || from < wish.hours.start || to > wish.hours.end) return false;
  }
  return true;
}

function weekdayOf(date: string): Weekday {
  return WEEKDAYS[Temporal.PlainDate.from(date).dayOfWeek - 1] as Weekday;
}

function sameConcept(wanted: CodeableConcept, offered: readonly CodeableConcept[] | undefined): boolean {
  const codes = (c: CodeableConcept): string[] => (c.coding ?? []).map((x) => `${x.system ?? ''}|${x.code ?? ''}`);
  const text = (c: CodeableConcept): string => (c.text ?? c.coding?.[0]?.display ?? '').toLowerCase();
  return (offered ?? []).some(
    (c) => codes(wanted).some((w) => codes(c).includes(w)) || (text(wanted) !== '' && text(wanted) === text(c))
  );
}

/** The references an entry names under one of its extensions (its offer, or the slots it passed on). */
export function referencesOf(request: ServiceRequest, url: string): string[] {
  return (request.extension ?? [])
    .filter((e) => e.url === url)
    .map((e) => (e.valueReference as Reference | undefined)?.reference ?? '')
    .filter(Boolean);
}
