/**
 * The schedule form as plain data, and its pure conversions: a stored Schedule → form state, form state → the
 * availability the API writes, and (the heart of it) the patch of an edit: exactly the fields the user changed.
 *
 * Stored text is kept verbatim where the user did not change it (planning horizon instants, closed periods, a zone
 * inherited from the actors, absent buffers), so that opening a schedule and saving without changes writes nothing
 * and a one-field edit changes one field.
 *
 * @example
 * const initial = formOf(schedule, actors); // from ./read
 * const patch = patchOf(initial, { ...initial, comment: 'Room 2 from May' }); // { comment: 'Room 2 from May' }
 */
import type { DayOfWeek } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import type { ScheduleUpdateInput } from '../../../api/index';
import { withAvailability, withVisitTypes, type AvailabilityInput } from '../../../core/availability/write';
import { Temporal } from 'temporal-polyfill';
import { zonedInstant } from '../../../core/time';
import { bookingRulesOf, EMPTY_RULES, type RulesDraft } from './rules-model';
import { visitTypesOf, type VisitTypeRow } from './visit-types-model';

export const DAYS: readonly { readonly value: DayOfWeek; readonly label: string; readonly long: string }[] = [
  { value: 'mon', label: 'Mon', long: 'Monday' },
  { value: 'tue', label: 'Tue', long: 'Tuesday' },
  { value: 'wed', label: 'Wed', long: 'Wednesday' },
  { value: 'thu', label: 'Thu', long: 'Thursday' },
  { value: 'fri', label: 'Fri', long: 'Friday' },
  { value: 'sat', label: 'Sat', long: 'Saturday' },
  { value: 'sun', label: 'Sun', long: 'Sunday' },
];

/** One row of weekly hours: local `HH:MM` times; `nextDay` says the window ends on the following day. */
export interface HoursRow {
  readonly days: readonly DayOfWeek[];
  readonly start: string;
  readonly end: string;
  readonly allDay: boolean;
  readonly nextDay: boolean;
}

/** A closed period as local date-times (`YYYY-MM-DDTHH:MM`) in the schedule's zone. */
export interface ClosedRow {
  readonly description: string;
  readonly start: string;
  readonly end: string;
  /** The stored instants and the local values they were shown as: unchanged rows are written back verbatim. */
  readonly stored?: {
    readonly start: string;
    readonly end: string;
    readonly localStart: string;
    readonly localEnd: string;
  };
}

/** A number field: '' while empty. */
export type NumberField = number | '';

export interface FormState {
  readonly actors: readonly string[];
  readonly specialty: readonly string[];
  readonly serviceType: readonly string[];
  readonly serviceCategory: readonly string[];
  /** First and last day of the planning horizon (`YYYY-MM-DD`, in the schedule's zone), '' when open. */
  readonly horizonStart: string;
  readonly horizonEnd: string;
  readonly comment: string;
  /** Generate slots from weekly hours (else a manual schedule). */
  readonly generate: boolean;
  readonly timeZone: string;
  readonly slotMinutes: NumberField;
  readonly bufferBefore: NumberField;
  readonly bufferAfter: NumberField;
  readonly hours: readonly HoursRow[];
  readonly closed: readonly ClosedRow[];
  /** The booking rules and the patients per slot (./rules-model.ts). */
  readonly rules: RulesDraft;
  /** The visit types, each with its own length and buffers (./visit-types-model.ts). */
  readonly visitTypes: readonly VisitTypeRow[];
  /** What was stored, kept so that unchanged values are written back exactly as they were. */
  readonly stored: StoredFacts;
}

export interface StoredFacts {
  readonly horizon?: { readonly start?: string; readonly end?: string };
  /** The zone the actors give, when the stored rules have no zone of their own. */
  readonly inheritedZone?: string;
  readonly bufferBefore: boolean;
  readonly bufferAfter: boolean;
  readonly alignmentInterval?: number;
  readonly alignmentOffset?: number;
}

/** The browser's zone, the default for a new schedule. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A blank form: weekday hours 09:00–17:00, 30-minute slots, the browser's zone. */
export function emptyForm(zone: string = browserZone()): FormState {
  return {
    actors: [],
    specialty: [],
    serviceType: [],
    serviceCategory: [],
    horizonStart: '',
    horizonEnd: '',
    comment: '',
    generate: true,
    timeZone: zone,
    slotMinutes: 30,
    bufferBefore: 0,
    bufferAfter: 0,
    hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', allDay: false, nextDay: false }],
    closed: [],
    rules: EMPTY_RULES,
    visitTypes: [],
    stored: { bufferBefore: false, bufferAfter: false },
  };
}

/** The instant a horizon starting on `date` starts: local midnight in the zone. */
export function horizonStartInstant(date: string, zone: string): string | undefined {
  return zonedInstant(`${date}T00:00`, zone);
}

/** The instant a horizon whose last day is `date` ends: the next local midnight in the zone. */
export function horizonEndInstant(date: string, zone: string): string | undefined {
  try {
    return zonedInstant(`${Temporal.PlainDate.from(date).add({ days: 1 }).toString()}T00:00`, zone);
  } catch {
    return undefined;
  }
}

function num(value: NumberField): number {
  return value === '' ? Number.NaN : value;
}

/** The form's availability as the API takes it; `undefined` for a manual schedule. */
export function availabilityOf(form: FormState): AvailabilityInput | undefined {
  if (!form.generate) {
    return undefined;
  }
  const { stored } = form;
  const before = num(form.bufferBefore);
  const after = num(form.bufferAfter);
  return {
    ...(stored.inheritedZone !== undefined && form.timeZone === stored.inheritedZone
      ? {}
      : { timeZone: form.timeZone }),
    slotMinutes: num(form.slotMinutes),
    ...(stored.bufferBefore || before !== 0 ? { bufferBeforeMinutes: before } : {}),
    ...(stored.bufferAfter || after !== 0 ? { bufferAfterMinutes: after } : {}),
    ...(stored.alignmentInterval !== undefined
      ? { alignmentIntervalMinutes: stored.alignmentInterval, alignmentOffsetMinutes: stored.alignmentOffset ?? 0 }
      : {}),
    ...(Number(form.rules.capacity) > 1 ? { capacity: Number(form.rules.capacity) } : {}),
    weekly: form.hours.map((h) =>
      h.allDay ? { days: h.days, allDay: true } : { days: h.days, start: h.start, end: h.end }
    ),
    closed: form.closed.map((c) => ({
      ...(c.description ? { description: c.description } : {}),
      start:
        c.stored && c.start === c.stored.localStart
          ? c.stored.start
          : (zonedInstant(c.start, form.timeZone) ?? c.start),
      end: c.stored && c.end === c.stored.localEnd ? c.stored.end : (zonedInstant(c.end, form.timeZone) ?? c.end),
    })),
  };
}

/** The planning horizon the form describes: changed days as instants in the zone, unchanged bounds verbatim. */
export function horizonOf(form: FormState, initial?: FormState): { start?: string; end?: string } {
  const kept = initial?.stored.horizon ?? {};
  const start =
    initial && form.horizonStart === initial.horizonStart
      ? kept.start
      : form.horizonStart
        ? horizonStartInstant(form.horizonStart, form.timeZone)
        : undefined;
  const end =
    initial && form.horizonEnd === initial.horizonEnd
      ? kept.end
      : form.horizonEnd
        ? horizonEndInstant(form.horizonEnd, form.timeZone)
        : undefined;
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * What saving the form writes: for a new schedule everything; for an edit only the fields that differ from how the
 * form opened. An empty object means nothing to save.
 */
export function patchOf(initial: FormState | undefined, form: FormState): ScheduleUpdateInput {
  const changed = (key: keyof FormState): boolean => !initial || !same(form[key], initial[key]);
  const availability = availabilityOf(form);
  const availabilityChanged = !initial || !same(availability, availabilityOf(initial));
  const horizonChanged = changed('horizonStart') || changed('horizonEnd');
  const horizon = horizonOf(form, initial);
  const rules = bookingRulesOf(form.rules);
  const rulesChanged = initial ? !same(rules, bookingRulesOf(initial.rules)) : Object.keys(rules).length > 0;
  return {
    ...(changed('actors') ? { actorIds: [...form.actors] } : {}),
    ...(changed('specialty') && (initial || form.specialty.length) ? { specialty: [...form.specialty] } : {}),
    ...(changed('serviceType') && (initial || form.serviceType.length) ? { serviceType: [...form.serviceType] } : {}),
    ...(changed('serviceCategory') && (initial || form.serviceCategory.length)
      ? { serviceCategory: [...form.serviceCategory] }
      : {}),
    ...(horizonChanged && (initial || horizon.start || horizon.end) ? { planningHorizon: horizon } : {}),
    ...(changed('comment') && (initial || form.comment) ? { comment: form.comment } : {}),
    ...(availabilityChanged && (initial || availability) ? { availability: availability ?? null } : {}),
    // Sent only when changed: a change of rules is a scheduling supervisor's (the booking Bot writes it).
    ...(rulesChanged ? { bookingRules: rules } : {}),
    ...(changed('visitTypes') && (initial || form.visitTypes.length)
      ? { visitTypes: visitTypesOf(form.visitTypes) }
      : {}),
  };
}

/** Whether a patch writes anything. */
export function isEmptyPatch(patch: ScheduleUpdateInput): boolean {
  return Object.keys(patch).length === 0;
}

/** Whether a patch can change the schedule's slots (so its impact is shown before saving). */
export function changesSlots(patch: ScheduleUpdateInput): boolean {
  return (
    patch.availability !== undefined ||
    patch.planningHorizon !== undefined ||
    patch.actorIds !== undefined ||
    patch.visitTypes !== undefined
  );
}

/** The Schedule the form describes (validation, preview and impact), on top of the stored one. */
export function draftOf(form: FormState, base?: Schedule, initial?: FormState): Schedule {
  const start: Schedule = base ?? { resourceType: 'Schedule', actor: [] };
  const drafted = withAvailability(
    {
      ...start,
      resourceType: 'Schedule',
      id: base?.id ?? 'draft',
      actor: form.actors.map((reference) => ({ reference })),
      planningHorizon: horizonOf(form, initial),
    },
    availabilityOf(form)
  );
  return initial && same(form.visitTypes, initial.visitTypes)
    ? drafted
    : withVisitTypes(drafted, visitTypesOf(form.visitTypes));
}
