/**
 * Reads and validates a Schedule's availability: Medplum's `SchedulingParameters` extension (schedule-wide
 * entry), its planning horizon and its time zone. Returns typed rules or an OperationOutcome with one issue per
 * problem, each pointing at the offending element with a FHIRPath-style expression.
 */
import { SchedulingParametersURI } from '@medplum/core';
import type { Extension, OperationOutcomeIssue, Schedule } from '@medplum/fhirtypes';
import { fail, issue, ok, type Result } from '../fhir';
import { readClosed } from './closed';
import { readDurations } from './durations';
import { readHorizon } from './horizon';
import { DEFAULT_LIMITS } from './limits';
import { isScheduleWideParameters, KNOWN_PARAMETERS } from './parameters';
import type { Availability, ClosedPeriod, ReadContext, ScheduleRules, WeeklyWindow } from './types';
import { readWindow } from './windows';
import { readTimeZone } from './zone';

/** A SchedulingParameters entry or sub-extension, and its FHIRPath-style expression. */
interface Located {
  readonly ext: Extension;
  readonly path: string;
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

  const wide = scheduleWideEntry(schedule, issues, warnings);
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

/**
 * The Schedule's one schedule-wide SchedulingParameters entry: information on entries scoped to a HealthcareService,
 * an error on a second schedule-wide one.
 */
function scheduleWideEntry(
  schedule: Schedule,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): Located | undefined {
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
  return scheduleWide[0];
}

/** The availability of one schedule-wide entry at `path`; `undefined` when anything in it (or the zone) is wrong. */
function readAvailability(
  params: Extension,
  path: string,
  timeZone: string | undefined,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): Availability | undefined {
  const before = issues.length;
  const subs = params.extension ?? [];
  warnUnknownParameters(subs, path, warnings);
  const durations = readDurations(subs, path, issues);
  const { windows, closed, firstEntry } = readWeeklyHours(subs, path, issues, warnings);
  if (firstEntry !== undefined && windows.length === 0 && issues.length === before) {
    issues.push(issue('error', 'required', firstEntry, 'No weekly hours: add at least one availableTime.'));
  }
  if (issues.length > before || !timeZone || durations === undefined) {
    return undefined;
  }
  return { timeZone, ...durations, windows, closed: [...closed].sort((a, b) => a.start - b.start) };
}

function warnUnknownParameters(subs: readonly Extension[], path: string, warnings: OperationOutcomeIssue[]): void {
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
}

/**
 * The `availability` entries: their weekly windows and closed periods, and the path of the first entry (an error
 * when there is none).
 */
function readWeeklyHours(
  subs: readonly Extension[],
  path: string,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): { windows: WeeklyWindow[]; closed: ClosedPeriod[]; firstEntry: string | undefined } {
  const windows: WeeklyWindow[] = [];
  const closed: ClosedPeriod[] = [];
  const entries: Located[] = subs
    .map((ext, i) => ({ ext, path: `${path}.extension[${i}]` }))
    .filter(({ ext }) => ext.url === 'availability');
  if (entries.length === 0) {
    issues.push(
      issue('error', 'required', path, 'No weekly hours: add an "availability" with at least one availableTime.')
    );
  }
  for (const entry of entries) {
    (entry.ext.extension ?? []).forEach((item, j) => {
      const where = `${entry.path}.extension[${j}]`;
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
  return { windows, closed, firstEntry: entries[0]?.path };
}
