/**
 * FHIR shapes the product owns: identifiers, tags and markers on the Slots it makes, and OperationOutcome
 * builders. Pure: no client, no clock.
 */
import { deepClone, extractServiceTypeReferences } from '@medplum/core';
import type {
  CodeableConcept,
  Coding,
  Identifier,
  OperationOutcome,
  OperationOutcomeIssue,
  Reference,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';
import { formatInstant, formatUtc } from './time';

/** The base of every URI this product owns. */
export const PRODUCT_URI = 'https://schedules.clinik.dev/fhir';

/** Identifier system of the product's Bots (value: the bot's name in medplum.config.json). */
export const BOT_IDENTIFIER_SYSTEM = `${PRODUCT_URI}/bot`;

/** Identifier system of a generated Slot's deterministic key. */
export const SLOT_KEY_SYSTEM = `${PRODUCT_URI}/slot-key`;

/** Tag code system for the origin of a Slot. */
export const SLOT_ORIGIN_SYSTEM = `${PRODUCT_URI}/CodeSystem/slot-origin`;

/** The tag every generated Slot carries. */
export const GENERATED_TAG: Readonly<Coding> = Object.freeze({
  system: SLOT_ORIGIN_SYSTEM,
  code: 'generated',
  display: 'Generated from schedule availability',
});

/**
 * Extension on a hand-made Slot that deactivation took off the market (free → busy-unavailable).
 * Its presence tells reactivation to make the Slot free again, exactly as it was.
 */
export const WITHDRAWN_EXTENSION_URL = `${PRODUCT_URI}/StructureDefinition/withdrawn-by-deactivation`;

/** Identifier system of the reschedule Tasks the bots create (value: appointment id + reason). */
/** The Group of scheduling supervisors, who may override booking rules (made empty by the deploy command). */
export const SUPERVISORS_IDENTIFIER: Readonly<Identifier> = Object.freeze({
  system: `${PRODUCT_URI}/group`,
  value: 'scheduling-supervisors',
});

export const TASK_KEY_SYSTEM = `${PRODUCT_URI}/reschedule-task`;

/**
 * The deterministic key of a generated slot: schedule id, start and end instants in UTC, and for a visit type's
 * slot its HealthcareService (two visit types may offer the same times).
 * Two runs that plan the same slot produce the same key, which makes conditional creates idempotent.
 *
 * @example
 * slotKey('sch-1', Date.parse('2025-03-03T09:00:00-05:00'), Date.parse('2025-03-03T09:30:00-05:00'));
 * // 'sch-1/2025-03-03T14:00:00Z/2025-03-03T14:30:00Z'
 */
export function slotKey(scheduleId: string, start: number, end: number, service?: string): string {
  const base = `${scheduleId}/${formatUtc(start)}/${formatUtc(end)}`;
  return service ? `${base}/${service}` : base;
}

/** The key identifier of a generated Slot. */
export function slotKeyIdentifier(key: string): Identifier {
  return { system: SLOT_KEY_SYSTEM, value: key };
}

/** A Slot's deterministic key, or `undefined` when it was not made by the generator. */
export function getSlotKey(slot: Slot): string | undefined {
  return slot.identifier?.find((id) => id.system === SLOT_KEY_SYSTEM)?.value;
}

/** Whether a Slot was made by the generator (tagged, or carrying a slot key). */
export function isGeneratedSlot(slot: Slot): boolean {
  return (
    slot.meta?.tag?.some((tag) => tag.system === GENERATED_TAG.system && tag.code === GENERATED_TAG.code) === true ||
    getSlotKey(slot) !== undefined
  );
}

/** Whether a Slot was withdrawn by a deactivation and should come back on reactivation. */
export function isWithdrawnSlot(slot: Slot): boolean {
  return slot.extension?.some((ext) => ext.url === WITHDRAWN_EXTENSION_URL) === true;
}

/** Slot statuses that mean "someone holds this time". */
export const BOOKED_STATUSES: ReadonlySet<Slot['status']> = new Set(['busy', 'busy-tentative']);

/** Whether a Slot is booked (busy or busy-tentative). */
export function isBookedSlot(slot: Slot): boolean {
  return BOOKED_STATUSES.has(slot.status);
}

/**
 * One OperationOutcome issue.
 *
 * @example
 * issue('error', 'required', 'Schedule.extension[0]', 'Slot duration is missing.');
 */
export function issue(
  severity: OperationOutcomeIssue['severity'],
  code: OperationOutcomeIssue['code'],
  expression: string | undefined,
  message: string
): OperationOutcomeIssue {
  return {
    severity,
    code,
    details: { text: message },
    ...(expression ? { expression: [expression] } : {}),
  };
}

/**
 * An OperationOutcome holding the given issues (an `informational` "all ok" issue when there are none).
 *
 * @example
 * outcome([issue('error', 'invalid', 'Schedule.planningHorizon', 'End is before start.')]);
 */
export function outcome(issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.length > 0 ? [...issues] : [issue('information', 'informational', undefined, 'All OK')],
  };
}

/** Whether an OperationOutcome carries an error or fatal issue. */
export function hasErrors(result: OperationOutcome): boolean {
  return result.issue.some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** A result that is either a value or an OperationOutcome explaining why there is none. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly OperationOutcomeIssue[] }
  | { readonly ok: false; readonly outcome: OperationOutcome };

/** A successful Result. */
export function ok<T>(value: T, warnings: readonly OperationOutcomeIssue[] = []): Result<T> {
  return { ok: true, value, warnings };
}

/** A failed Result carrying the issues. */
export function fail<T>(issues: readonly OperationOutcomeIssue[]): Result<T> {
  return { ok: false, outcome: outcome(issues) };
}

/**
 * The FHIR Slot for a planned slot: free, keyed, tagged as generated, with start/end carrying the zone's offset,
 * and the Schedule's service category, type and specialty copied.
 *
 * @example
 * buildSlot(schedule, { key, start, end }, 'America/New_York').start; // '2025-03-03T09:00:00-05:00'
 */
export function buildSlot(
  schedule: Pick<Schedule, 'id' | 'serviceCategory' | 'serviceType' | 'specialty'>,
  planned: {
    readonly key: string;
    readonly start: number;
    readonly end: number;
    readonly visit?: {
      readonly service: string;
      readonly name: string;
      readonly serviceType: readonly CodeableConcept[];
    };
  },
  timeZone: string
): Slot {
  const visit = planned.visit;
  // A visit type's slot names its service; any other slot the schedule's plain types (never one of its services).
  const serviceType = visit?.serviceType.length ? visit.serviceType : plainServiceTypes(schedule.serviceType);
  return {
    resourceType: 'Slot',
    meta: { tag: [{ ...GENERATED_TAG }] },
    identifier: [slotKeyIdentifier(planned.key)],
    schedule: { reference: `Schedule/${schedule.id}` },
    status: 'free',
    start: formatInstant(planned.start, timeZone),
    end: formatInstant(planned.end, timeZone),
    ...(schedule.serviceCategory?.length ? { serviceCategory: deepClone(schedule.serviceCategory) } : {}),
    ...(serviceType?.length ? { serviceType: deepClone([...serviceType]) } : {}),
    ...(schedule.specialty?.length ? { specialty: deepClone(schedule.specialty) } : {}),
  };
}

/**
 * The visit type (HealthcareService reference) a Slot or Appointment is for, from its `serviceType` as Medplum
 * encodes one (R4's approximation of R5's CodeableReference), if any.
 */
export function visitTypeOf(resource: { readonly serviceType?: CodeableConcept[] }): Reference | undefined {
  return extractServiceTypeReferences(resource.serviceType)[0];
}

/** The service types that name no HealthcareService (a schedule's own kinds of visit, not its visit types). */
export function plainServiceTypes(concepts: readonly CodeableConcept[] | undefined): CodeableConcept[] {
  return (concepts ?? []).filter((concept) => extractServiceTypeReferences([concept]).length === 0);
}

/** A copy of a free hand-made Slot taken off the market by a deactivation (busy-unavailable, marked). */
export function withdrawnSlot(slot: Slot, reason: string | undefined): Slot {
  return {
    ...slot,
    status: 'busy-unavailable',
    extension: [
      ...(slot.extension ?? []).filter((ext) => ext.url !== WITHDRAWN_EXTENSION_URL),
      { url: WITHDRAWN_EXTENSION_URL, valueString: reason?.trim() || 'Schedule deactivated' },
    ],
  };
}

/** A copy of a withdrawn Slot made free again, exactly as it was before the deactivation. */
export function restoredSlot(slot: Slot): Slot {
  const { extension, ...rest } = slot;
  const kept = (extension ?? []).filter((ext) => ext.url !== WITHDRAWN_EXTENSION_URL);
  return { ...rest, status: 'free', ...(kept.length > 0 ? { extension: kept } : {}) };
}
