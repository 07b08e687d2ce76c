/**
 * Reads and validates a Schedule's availability: Medplum's `SchedulingParameters` extension (schedule-wide
 * entry), its planning horizon and its time zone. Returns typed rules or an OperationOutcome with one issue per
 * problem, each pointing at the offending element with a FHIRPath-style expression.
 */
import { SchedulingParametersURI } from '@medplum/core';
import type { OperationOutcomeIssue, Schedule } from '@medplum/fhirtypes';
import { fail, issue, ok, type Result } from '../fhir';
import { readAvailability, type Located } from './entry';
import { readHorizon } from './horizon';
import { DEFAULT_LIMITS } from './limits';
import { isScheduleWideParameters } from './parameters';
import type { ReadContext, ScheduleRules } from './types';
import { readVisitTypes } from './visit-types';
import { readTimeZone } from './zone';

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

  const { wide, scoped } = parameterEntries(schedule, context.services !== undefined, issues, warnings);
  const timeZone = wide ? readTimeZone(wide.ext, wide.path, context.actors ?? [], issues, warnings) : undefined;
  const horizonIssues: OperationOutcomeIssue[] = [];
  const horizonAt = issues.length;
  const availability = wide
    ? readAvailability(wide.ext, wide.path, timeZone ?? undefined, issues, warnings)
    : undefined;
  const visitTypes = context.services
    ? readVisitTypes(
        scoped,
        { wide, wideZone: timeZone ?? undefined, actors: context.actors ?? [], services: context.services },
        issues,
        warnings
      )
    : undefined;
  // The horizon's issues come right after the zone's, as they always have; a visit type's zone reads a bare date.
  const horizon = readHorizon(schedule, timeZone ?? visitTypes?.[0]?.availability.timeZone, limits, horizonIssues);
  issues.splice(Math.min(horizonAt, issues.length), 0, ...horizonIssues);

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
      ...(visitTypes && visitTypes.length > 0 ? { visitTypes } : {}),
    },
    warnings
  );
}

/**
 * The Schedule's one schedule-wide SchedulingParameters entry (an error on a second one) and its entries scoped to a
 * HealthcareService (information that they are not read, when the services were not given).
 */
function parameterEntries(
  schedule: Schedule,
  readingServices: boolean,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): { wide: Located | undefined; scoped: Located[] } {
  const entries = (schedule.extension ?? [])
    .map((ext, index) => ({ ext, path: `Schedule.extension[${index}]` }))
    .filter(({ ext }) => ext.url === SchedulingParametersURI);
  const scheduleWide = entries.filter(({ ext }) => isScheduleWideParameters(ext));
  const scoped = entries.filter(({ ext }) => !isScheduleWideParameters(ext));
  const serviceScoped = scoped.length;
  if (serviceScoped > 0 && !readingServices) {
    warnings.push(
      issue(
        'information',
        'informational',
        'Schedule.extension',
        `${serviceScoped} SchedulingParameters entr${serviceScoped === 1 ? 'y is' : 'ies are'} scoped to a HealthcareService; ` +
          'they are read as visit types where the services are loaded (by the bots, and on the schedule page).'
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
  return { wide: scheduleWide[0], scoped };
}
