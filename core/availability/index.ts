/**
 * Reads and validates a Schedule's availability: Medplum's `SchedulingParameters` extension (schedule-wide
 * entry), its planning horizon and its time zone. Returns typed rules or an OperationOutcome with one issue per
 * problem, each pointing at the offending element with a FHIRPath-style expression.
 */
import {
  DAYS_OF_WEEK,
  getExtensionValue,
  isDayOfWeek,
  schedulingDurationToMinutes,
  SchedulingParametersURI,
  TimezoneExtensionURI,
  type DayOfWeek,
} from '@medplum/core';
import type { Extension, OperationOutcomeIssue, Resource, Schedule } from '@medplum/fhirtypes';
import { Temporal } from 'temporal-polyfill';
import { fail, issue, ok, type Result } from '../fhir';
import { days, isValidTimeZone, parseInstant } from '../time';

export { DAYS_OF_WEEK, type DayOfWeek };

/** One weekly opening: on each of `days`, from `startMinute` to `endMinute` minutes after local midnight. */
export interface WeeklyWindow {
  readonly days: readonly DayOfWeek[];
  /** Minutes after local midnight, 0..1439. */
  readonly startMinute: number;
  /** Minutes after the same local midnight; above 1440 when the window runs past midnight. */
  readonly endMinute: number;
}

/** A period when the schedule is closed (holiday, leave), from `notAvailableTime`. */
export interface ClosedPeriod {
  readonly description?: string;
  readonly start: number;
  readonly end: number;
}

/** Validated availability rules of a Schedule. Durations are whole minutes. */
export interface Availability {
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly bufferBeforeMinutes: number;
  readonly bufferAfterMinutes: number;
  /** When set, slot starts sit on a local grid: minutes after local midnight ≡ offset (mod interval). */
  readonly alignmentIntervalMinutes?: number;
  readonly alignmentOffsetMinutes: number;
  readonly windows: readonly WeeklyWindow[];
  readonly closed: readonly ClosedPeriod[];
}

/** Everything the planner needs to know about a Schedule. */
export interface ScheduleRules {
  readonly scheduleId: string;
  readonly active: boolean;
  /** Planning horizon as instants; an absent bound is open. */
  readonly horizon: { readonly start?: number; readonly end?: number };
  /** `undefined` for a manual schedule (no availability rules: slots are made by hand). */
  readonly availability?: Availability;
}

/** Configurable caps. */
export interface Limits {
  /** A planning horizon longer than this is refused. */
  readonly maxHorizonDays: number;
  /** How far ahead of `now` slots are materialized (a rolling window); the rest follows on later runs. */
  readonly materializeDays: number;
  /** A plan with more slots than this is refused. */
  readonly maxSlots: number;
}

/** Default caps: a two-year horizon, a year of slots materialized ahead, at most 20,000 slots per plan. */
export const DEFAULT_LIMITS: Limits = Object.freeze({ maxHorizonDays: 731, materializeDays: 366, maxSlots: 20_000 });

/** What the reader needs besides the Schedule. */
export interface ReadContext {
  /** The Schedule's actors, loaded, for the `timezone` fallback (HL7 timezone extension). */
  readonly actors?: readonly Resource[];
  readonly limits?: Partial<Limits>;
}

const KNOWN_PARAMETERS = new Set([
  'service',
  'availability',
  'duration',
  'bufferBefore',
  'bufferAfter',
  'alignmentInterval',
  'alignmentOffset',
  'alignmentTimezone',
  'timezone',
  'slotCapacity',
]);

/** Whether an extension is a schedule-wide SchedulingParameters entry (not one scoped to a HealthcareService). */
export function isScheduleWideParameters(ext: Extension): boolean {
  return ext.url === SchedulingParametersURI && !ext.extension?.some((sub) => sub.url === 'service');
}

/**
 * Whether a Schedule's rules take their zone from its actors (schedule-wide parameters without `timezone`), so that
 * reading them needs the actors loaded.
 *
 * @example
 * const actors = takesZoneFromActors(schedule) ? await loadActors() : [];
 */
export function takesZoneFromActors(schedule: Schedule): boolean {
  return (schedule.extension ?? []).some(
    (ext) => isScheduleWideParameters(ext) && !ext.extension?.some((sub) => sub.url === 'timezone')
  );
}

/**
 * Reads a Schedule's rules: its horizon, active flag and (when it has a schedule-wide SchedulingParameters
 * entry) its availability. Entries scoped to a HealthcareService (`service` sub-extension) are left to
 * Medplum's own `$find` and reported as information.
 *
 * @example
 * const result = readScheduleRules(schedule, { actors: [practitioner] });
 * if (!result.ok) return result.outcome; // one issue per problem
 * result.value.availability?.timeZone; // 'America/New_York'
 */
export function readScheduleRules(schedule: Schedule, context: ReadContext = {}): Result<ScheduleRules> {
  const limits = { ...DEFAULT_LIMITS, ...context.limits };
  const issues: OperationOutcomeIssue[] = [];
  const warnings: OperationOutcomeIssue[] = [];

  const entries = (schedule.extension ?? [])
    .map((ext, index) => ({ ext, path: `Schedule.extension[${index}]` }))
    .filter(({ ext }) => ext.url === SchedulingParametersURI);
  const scheduleWide = entries.filter(({ ext }) => isScheduleWideParameters(ext));
  const serviceScoped = entries.length - scheduleWide.length;
  if (serviceScoped > 0) {
    warnings.push(
      issue(
        'information',
        'informational',
        'Schedule.extension',
        `${serviceScoped} SchedulingParameters entr${serviceScoped === 1 ? 'y is' : 'ies are'} scoped to a HealthcareService; ` +
          'Medplum computes that availability on demand ($find), so no slots are generated for it.'
      )
    );
  }
  if (scheduleWide.length > 1) {
    issues.push(
      issue(
        'error',
        'business-rule',
        scheduleWide[1]?.path,
        'The schedule has more than one schedule-wide SchedulingParameters entry; keep exactly one.'
      )
    );
  }

  const wide = scheduleWide[0];
  const timeZone = wide ? readTimeZone(wide.ext, wide.path, context.actors ?? [], issues, warnings) : undefined;
  const horizon = readHorizon(schedule, timeZone, limits, issues);
  const availability = wide
    ? readAvailability(wide.ext, wide.path, timeZone ?? undefined, issues, warnings)
    : undefined;

  if (!schedule.id) {
    issues.push(issue('error', 'required', 'Schedule.id', 'The schedule has no id; save it before planning slots.'));
  }
  if (issues.length > 0) {
    return fail(issues);
  }
  return ok(
    {
      scheduleId: schedule.id as string,
      active: schedule.active !== false,
      horizon,
      ...(availability ? { availability } : {}),
    },
    warnings
  );
}

/** Resolves the zone: the parameters' `timezone`, else the first actor's HL7 timezone extension. `null` = none. */
function readTimeZone(
  params: Extension,
  path: string,
  actors: readonly Resource[],
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): string | null {
  const index = params.extension?.findIndex((sub) => sub.url === 'timezone') ?? -1;
  if (index >= 0) {
    const zone = params.extension?.[index]?.valueCode;
    const where = `${path}.extension[${index}].valueCode`;
    if (!zone || !isValidTimeZone(zone)) {
      issues.push(
        issue(
          'error',
          'code-invalid',
          where,
          `"${zone ?? ''}" is not a known IANA time zone (for example America/New_York).`
        )
      );
      return null;
    }
    return zone;
  }
  const actorZones = actors
    .map((actor) => getExtensionValue(actor, TimezoneExtensionURI))
    .filter((zone): zone is string => typeof zone === 'string');
  const zone = actorZones[0];
  if (zone === undefined) {
    issues.push(
      issue(
        'error',
        'required',
        path,
        'No time zone: set the SchedulingParameters "timezone", or the timezone extension on the schedule\'s practitioner or location.'
      )
    );
    return null;
  }
  if (!isValidTimeZone(zone)) {
    issues.push(
      issue('error', 'code-invalid', 'Schedule.actor', `The actor's time zone "${zone}" is not a known IANA time zone.`)
    );
    return null;
  }
  if (new Set(actorZones).size > 1) {
    warnings.push(
      issue(
        'warning',
        'business-rule',
        'Schedule.actor',
        `Actors disagree on the time zone; using ${zone}. Set "timezone" explicitly.`
      )
    );
  }
  return zone;
}

/** Reads planningHorizon as instants; a date-only bound is read in the schedule's zone (end = end of that day). */
function readHorizon(
  schedule: Schedule,
  zone: string | null | undefined,
  limits: Limits,
  issues: OperationOutcomeIssue[]
): ScheduleRules['horizon'] {
  const period = schedule.planningHorizon;
  const start = readBound(period?.start, 'start', zone, 'Schedule.planningHorizon.start', issues);
  const end = readBound(period?.end, 'end', zone, 'Schedule.planningHorizon.end', issues);
  if (start !== undefined && end !== undefined) {
    if (end <= start) {
      issues.push(
        issue('error', 'invalid', 'Schedule.planningHorizon.end', 'The planning horizon ends before it starts.')
      );
    } else if (end - start > days(limits.maxHorizonDays)) {
      const span = Math.ceil((end - start) / days(1));
      issues.push(
        issue(
          'error',
          'too-costly',
          'Schedule.planningHorizon',
          `The planning horizon spans ${span} days; the limit is ${limits.maxHorizonDays}. Shorten it or split the schedule.`
        )
      );
    }
  }
  return { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

function readBound(
  text: string | undefined,
  side: 'start' | 'end',
  zone: string | null | undefined,
  where: string,
  issues: OperationOutcomeIssue[]
): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const instant = parseInstant(text);
  if (instant !== undefined) {
    return instant;
  }
  const dateOnly = /^\d{4}(-\d{2}(-\d{2})?)?$/.exec(text);
  if (dateOnly) {
    try {
      const [y, m = '01', d = '01'] = text.split('-');
      let date = Temporal.PlainDate.from({ year: Number(y), month: Number(m), day: Number(d) }, { overflow: 'reject' });
      if (side === 'end') {
        date =
          text.length === 4
            ? date.add({ years: 1 })
            : text.length === 7
              ? date.add({ months: 1 })
              : date.add({ days: 1 });
      }
      return date.toZonedDateTime({ timeZone: zone ?? 'UTC' }).epochMilliseconds;
    } catch {
      // fall through to the error below
    }
  }
  issues.push(
    issue('error', 'invalid', where, `"${text}" is not a date-time with an offset (for example 2025-03-01T00:00:00Z).`)
  );
  return undefined;
}

function readAvailability(
  params: Extension,
  path: string,
  timeZone: string | undefined,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): Availability | undefined {
  const before = issues.length;
  const subs = params.extension ?? [];
  subs.forEach((sub, i) => {
    if (!KNOWN_PARAMETERS.has(sub.url)) {
      warnings.push(
        issue(
          'warning',
          'not-supported',
          `${path}.extension[${i}]`,
          `Unknown scheduling parameter "${sub.url}" is ignored.`
        )
      );
    }
  });
  const find = (url: string): { ext: Extension; where: string } | undefined => {
    const i = subs.findIndex((sub) => sub.url === url);
    const ext = subs[i];
    return ext ? { ext, where: `${path}.extension[${i}]` } : undefined;
  };

  const duration = find('duration');
  let durationMinutes = 0;
  if (!duration) {
    issues.push(issue('error', 'required', path, 'Slot duration is missing: add a "duration" (for example 30 min).'));
  } else {
    durationMinutes = readMinutes(duration.ext, duration.where, 'Slot duration', issues, { positive: true }) ?? 0;
  }
  const bufferBefore = find('bufferBefore');
  const bufferAfter = find('bufferAfter');
  const alignmentInterval = find('alignmentInterval');
  const alignmentOffset = find('alignmentOffset');
  const bufferBeforeMinutes = bufferBefore
    ? readMinutes(bufferBefore.ext, bufferBefore.where, 'Buffer before', issues)
    : 0;
  const bufferAfterMinutes = bufferAfter ? readMinutes(bufferAfter.ext, bufferAfter.where, 'Buffer after', issues) : 0;
  const intervalMinutes = alignmentInterval
    ? readMinutes(alignmentInterval.ext, alignmentInterval.where, 'Alignment interval', issues, { positive: true })
    : undefined;
  const offsetMinutes = alignmentOffset
    ? readMinutes(alignmentOffset.ext, alignmentOffset.where, 'Alignment offset', issues)
    : 0;
  if (alignmentOffset && !alignmentInterval) {
    issues.push(issue('error', 'required', alignmentOffset.where, 'An alignment offset needs an alignment interval.'));
  } else if (
    intervalMinutes !== undefined &&
    offsetMinutes !== undefined &&
    offsetMinutes >= intervalMinutes &&
    alignmentOffset
  ) {
    issues.push(
      issue(
        'error',
        'invalid',
        `${alignmentOffset.where}.valueDuration`,
        'The alignment offset must be shorter than the alignment interval.'
      )
    );
  }

  const windows: WeeklyWindow[] = [];
  const closed: ClosedPeriod[] = [];
  const availabilityEntries = subs
    .map((ext, i) => ({ ext, where: `${path}.extension[${i}]` }))
    .filter(({ ext }) => ext.url === 'availability');
  if (availabilityEntries.length === 0) {
    issues.push(
      issue('error', 'required', path, 'No weekly hours: add an "availability" with at least one availableTime.')
    );
  }
  for (const entry of availabilityEntries) {
    (entry.ext.extension ?? []).forEach((item, j) => {
      const where = `${entry.where}.extension[${j}]`;
      if (item.url === 'availableTime') {
        const window = readWindow(item, where, issues);
        if (window) {
          windows.push(window);
        }
      } else if (item.url === 'notAvailableTime') {
        const period = readClosed(item, where, issues);
        if (period) {
          closed.push(period);
        }
      } else {
        warnings.push(issue('warning', 'not-supported', where, `Unknown availability entry "${item.url}" is ignored.`));
      }
    });
  }
  if (availabilityEntries.length > 0 && windows.length === 0 && issues.length === before) {
    issues.push(
      issue('error', 'required', availabilityEntries[0]?.where, 'No weekly hours: add at least one availableTime.')
    );
  }

  if (
    issues.length > before ||
    !timeZone ||
    bufferBeforeMinutes === undefined ||
    bufferAfterMinutes === undefined ||
    offsetMinutes === undefined
  ) {
    return undefined;
  }
  return {
    timeZone,
    durationMinutes,
    bufferBeforeMinutes,
    bufferAfterMinutes,
    ...(intervalMinutes !== undefined ? { alignmentIntervalMinutes: intervalMinutes } : {}),
    alignmentOffsetMinutes: offsetMinutes,
    windows,
    closed: [...closed].sort((a, b) => a.start - b.start),
  };
}

function readMinutes(
  ext: Extension,
  where: string,
  label: string,
  issues: OperationOutcomeIssue[],
  options: { positive?: boolean } = {}
): number | undefined {
  const value = ext.valueDuration;
  if (!value) {
    issues.push(issue('error', 'invalid', where, `${label} must be a Duration (valueDuration, for example 30 min).`));
    return undefined;
  }
  const valueWhere = `${where}.valueDuration`;
  if (value.value !== undefined && value.value < 0) {
    issues.push(issue('error', 'invalid', valueWhere, `${label} cannot be negative.`));
    return undefined;
  }
  const minutesValue = schedulingDurationToMinutes(value);
  if (minutesValue === undefined) {
    issues.push(
      issue(
        'error',
        'invalid',
        valueWhere,
        `${label} needs a value and a unit of min, h, d or wk (got "${value.unit ?? value.code ?? ''}").`
      )
    );
    return undefined;
  }
  if (!Number.isInteger(minutesValue)) {
    issues.push(issue('error', 'invalid', valueWhere, `${label} must be a whole number of minutes.`));
    return undefined;
  }
  if (options.positive && minutesValue <= 0) {
    issues.push(issue('error', 'invalid', valueWhere, `${label} must be longer than zero.`));
    return undefined;
  }
  return minutesValue;
}

function readWindow(item: Extension, where: string, issues: OperationOutcomeIssue[]): WeeklyWindow | undefined {
  const before = issues.length;
  const parts = item.extension ?? [];
  const dayCodes: DayOfWeek[] = [];
  let start: number | undefined;
  let end: number | undefined;
  let startWhere = where;
  let allDay = false;
  parts.forEach((part, k) => {
    const partWhere = `${where}.extension[${k}]`;
    switch (part.url) {
      case 'daysOfWeek':
        if (isDayOfWeek(part.valueCode)) {
          if (!dayCodes.includes(part.valueCode)) {
            dayCodes.push(part.valueCode);
          }
        } else {
          issues.push(
            issue(
              'error',
              'code-invalid',
              `${partWhere}.valueCode`,
              `"${part.valueCode ?? ''}" is not a day of the week (use ${DAYS_OF_WEEK.join(', ')}).`
            )
          );
        }
        break;
      case 'availableStartTime':
        start = readTime(part.valueTime, `${partWhere}.valueTime`, issues);
        startWhere = partWhere;
        break;
      case 'availableEndTime':
        end = readTime(part.valueTime, `${partWhere}.valueTime`, issues);
        break;
      case 'allDay':
        allDay = part.valueBoolean === true;
        break;
      default:
        issues.push(issue('error', 'structure', partWhere, `Unknown availableTime element "${part.url}".`));
    }
  });
  if (dayCodes.length === 0 && issues.length === before) {
    issues.push(issue('error', 'required', where, 'An availableTime needs at least one day of the week.'));
  }
  if (allDay) {
    if (start !== undefined || end !== undefined) {
      issues.push(issue('error', 'invalid', where, 'An all-day availableTime cannot also have start or end times.'));
    }
    return issues.length > before ? undefined : { days: dayCodes, startMinute: 0, endMinute: 1440 };
  }
  if (issues.length > before) {
    return undefined;
  }
  if (start === undefined || end === undefined) {
    issues.push(issue('error', 'required', where, 'An availableTime needs both a start and an end time, or allDay.'));
    return undefined;
  }
  if (start === end) {
    issues.push(
      issue(
        'error',
        'invalid',
        startWhere,
        'Start and end times are equal; for 24-hour availability use allDay instead.'
      )
    );
    return undefined;
  }
  return { days: dayCodes, startMinute: start, endMinute: end > start ? end : end + 1440 };
}

function readTime(text: string | undefined, where: string, issues: OperationOutcomeIssue[]): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?$/.exec(text ?? '');
  if (!match) {
    issues.push(issue('error', 'invalid', where, `"${text ?? ''}" is not a time of day (HH:MM:SS).`));
    return undefined;
  }
  if (match[3] !== undefined && match[3] !== '00') {
    issues.push(issue('error', 'invalid', where, `"${text}" has seconds; availability is set in whole minutes.`));
    return undefined;
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

function readClosed(item: Extension, where: string, issues: OperationOutcomeIssue[]): ClosedPeriod | undefined {
  const parts = item.extension ?? [];
  const descriptionPart = parts.find((part) => part.url === 'description');
  const duringIndex = parts.findIndex((part) => part.url === 'during');
  const during = parts[duringIndex]?.valuePeriod;
  if (!during) {
    issues.push(issue('error', 'required', where, 'A notAvailableTime needs a "during" period.'));
    return undefined;
  }
  const duringWhere = `${where}.extension[${duringIndex}].valuePeriod`;
  const start = parseInstant(during.start);
  const end = parseInstant(during.end);
  if (start === undefined || end === undefined) {
    issues.push(
      issue('error', 'invalid', duringWhere, 'A notAvailableTime period needs a start and an end, each with an offset.')
    );
    return undefined;
  }
  if (end <= start) {
    issues.push(issue('error', 'invalid', `${duringWhere}.end`, 'A notAvailableTime period ends before it starts.'));
    return undefined;
  }
  const description = descriptionPart?.valueString;
  return { ...(description ? { description } : {}), start, end };
}
