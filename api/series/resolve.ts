/**
 * A series request made concrete before anything is checked against the calendar: the input checked field by
 * field (400s, all at once), the first occurrence's schedule and slot shape, the schedules its occurrences may use,
 * the schedule's zone, and the rule's occurrences in that zone (core/recurrence.ts).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { CodeableConcept, OperationOutcomeIssue, Schedule, Slot } from '@medplum/fhirtypes';
import { issue, outcome, visitTypeOf } from '../../core/fhir';
import { type Occurrence, occurrences, validateRule } from '../../core/recurrence';
import { slotInterval } from '../../core/slot-diff';
import { formatInstant, type Interval } from '../../core/time';
import { call, ClinikError, conflict, refuse } from '../errors';
import { scheduleZone } from '../rules/load';
import { readSlot } from '../slot-read';
import { checkId, checkInstant, codes, read } from '../validation';
import type { SeriesBookInput } from './types';

const MODES: readonly SeriesBookInput['mode'][] = ['all-or-none', 'fit'];

/** What an occurrence's slot must be like: its visit type (`null`: none; undefined: any) and its length. */
export interface SlotShape {
  readonly visitType?: string | null;
  readonly lengthMs?: number;
}

/** A checked series request, ready to be matched against the calendar. */
export interface SeriesRequest {
  readonly input: SeriesBookInput;
  readonly serviceType?: CodeableConcept[];
  /** The first occurrence's schedule, then (when asked) the practitioner's other active schedules. */
  readonly schedules: readonly WithId<Schedule>[];
  readonly zone: string;
  readonly shape: SlotShape;
  readonly occurrences: readonly Occurrence[];
}

/**
 * Checks a `bookSeries` input and resolves it: 400 naming each bad field, 404 for what does not exist, 409 for an
 * inactive schedule; the rule's own refusals name their fields (`rule.days`, `rule.until`, …).
 *
 * @example
 * const request = await resolveSeries(medplum, { slotId, patientId, rule, mode: 'fit' }, now);
 * request.occurrences.length; // the rule's occurrences, at the first slot's local time
 */
export async function resolveSeries(
  medplum: MedplumClient,
  input: SeriesBookInput,
  now: number
): Promise<SeriesRequest> {
  const issues: OperationOutcomeIssue[] = [];
  checkId('patientId', input?.patientId, 'patient', issues);
  if (!MODES.includes(input?.mode)) {
    issues.push(issue('error', 'required', 'mode', 'mode must be "all-or-none" or "fit".'));
  }
  checkAnchor(input, issues);
  if (input?.healthcareServiceId !== undefined) {
    checkId('healthcareServiceId', input.healthcareServiceId, 'HealthcareService', issues);
  }
  if (input?.anySchedulesOfPractitioner !== undefined && typeof input.anySchedulesOfPractitioner !== 'boolean') {
    issues.push(
      issue('error', 'invalid', 'anySchedulesOfPractitioner', 'anySchedulesOfPractitioner must be true or false.')
    );
  }
  const serviceType = codes('serviceType', input?.serviceType, issues);
  issues.push(...validateRule(input?.rule));
  refuse(issues);
  await read(medplum, 'Patient', input.patientId, 'no-cache', 'patientId');
  const { schedule, firstStart, shape, field } = await anchorOf(medplum, input);
  if (firstStart < now) {
    refuse([
      issue(
        'error',
        'business-rule',
        field,
        `The first occurrence (${formatInstant(firstStart, 'UTC')}) is in the past.`
      ),
    ]);
  }
  const zone = await scheduleZone(medplum, schedule);
  const result = occurrences(firstStart, zone, input.rule);
  if (!result.ok) {
    throw new ClinikError(result.outcome, 400);
  }
  return {
    input,
    ...(serviceType ? { serviceType } : {}),
    schedules: input.anySchedulesOfPractitioner ? await practitionerSchedules(medplum, schedule) : [schedule],
    zone,
    shape,
    occurrences: result.value,
  };
}

/** Exactly one way to name the first occurrence: `slotId`, or `start` and `scheduleId`. */
function checkAnchor(input: SeriesBookInput, issues: OperationOutcomeIssue[]): void {
  const bySlot = input?.slotId !== undefined;
  const byStart = input?.start !== undefined || input?.scheduleId !== undefined;
  if (bySlot && byStart) {
    issues.push(issue('error', 'invalid', 'slotId', 'Give slotId, or start and scheduleId, not both.'));
  } else if (bySlot) {
    checkId('slotId', input.slotId, 'slot', issues);
  } else if (!byStart) {
    issues.push(
      issue('error', 'required', 'slotId', 'The first occurrence is needed: slotId, or start and scheduleId.')
    );
  } else {
    checkInstant('start', input.start, issues);
    checkId('scheduleId', input.scheduleId, 'schedule', issues);
  }
}

/** The first occurrence's schedule (active), its start, and the shape its slots must have. */
async function anchorOf(
  medplum: MedplumClient,
  input: SeriesBookInput
): Promise<{ schedule: WithId<Schedule>; firstStart: number; shape: SlotShape; field: string }> {
  const wanted = input.healthcareServiceId ? `HealthcareService/${input.healthcareServiceId}` : undefined;
  if (input.slotId === undefined) {
    const schedule = await read(medplum, 'Schedule', input.scheduleId as string, 'no-cache', 'scheduleId');
    active(schedule, 'scheduleId');
    return { schedule, firstStart: Date.parse(input.start as string), shape: { visitType: wanted }, field: 'start' };
  }
  const { slot, schedule } = await readSlot(medplum, input.slotId, 'slotId');
  const interval = slotInterval(slot);
  if (!schedule || !interval) {
    const why = schedule ? 'has no valid start and end' : `belongs to ${slot.schedule?.reference}, which was not found`;
    refuse([issue('error', 'invalid', 'slotId', `Slot/${slot.id} ${why}.`)]);
  }
  active(schedule as WithId<Schedule>, 'slotId');
  const shape = shapeOf(slot);
  if (wanted && shape.visitType !== wanted) {
    refuse([issue('error', 'invalid', 'healthcareServiceId', `Slot/${slot.id} does not offer ${wanted}.`)]);
  }
  return { schedule: schedule as WithId<Schedule>, firstStart: (interval as Interval).start, shape, field: 'slotId' };
}

function active(schedule: WithId<Schedule>, field: string): void {
  if (schedule.active === false) {
    throw conflict(field, `Schedule/${schedule.id} is inactive.`);
  }
}

/** The schedule first, then the other active schedules of its (first) practitioner, by id. */
async function practitionerSchedules(medplum: MedplumClient, schedule: WithId<Schedule>): Promise<WithId<Schedule>[]> {
  const practitioner = schedule.actor?.find((a) => a.reference?.startsWith('Practitioner/'))?.reference;
  if (!practitioner) {
    throw new ClinikError(
      outcome([
        issue('error', 'invalid', 'anySchedulesOfPractitioner', `Schedule/${schedule.id} has no practitioner.`),
      ]),
      400
    );
  }
  const found = await call(() =>
    medplum.searchResources('Schedule', { actor: practitioner, active: 'true', _count: '100' }, { cache: 'no-cache' })
  );
  const others = found.filter((s) => s.id !== schedule.id).sort((a, b) => a.id.localeCompare(b.id));
  return [schedule, ...others];
}

/**
 * Whether a slot has the shape an occurrence needs.
 *
 * @example
 * fitsShape(slot, { visitType: null, lengthMs: 30 * 60_000 }); // a 30-minute slot without a visit type
 */
export function fitsShape(slot: Slot, shape: SlotShape): boolean {
  const interval = slotInterval(slot);
  const visitType = visitTypeOf(slot)?.reference ?? null;
  return (
    interval !== undefined &&
    (shape.visitType === undefined || shape.visitType === visitType) &&
    (shape.lengthMs === undefined || shape.lengthMs === interval.end - interval.start)
  );
}

/**
 * The shape of a slot: its visit type (or none) and its length.
 *
 * @example
 * shapeOf(slot); // { visitType: 'HealthcareService/follow-up', lengthMs: 900000 }
 */
export function shapeOf(slot: Slot): SlotShape {
  const interval = slotInterval(slot);
  return {
    visitType: visitTypeOf(slot)?.reference ?? null,
    ...(interval ? { lengthMs: interval.end - interval.start } : {}),
  };
}
