/**
 * A Schedule's planning horizon, read as instants and checked against the horizon cap.
 */
import type { OperationOutcomeIssue, Schedule } from '@medplum/fhirtypes';
import { Temporal } from 'temporal-polyfill';
import { issue } from '../fhir';
import { days, parseInstant } from '../time';
import type { Limits } from './limits';
import type { ScheduleRules } from './types';

/** Reads planningHorizon as instants; a date-only bound is read in the schedule's zone (end = end of that day). */
export function readHorizon(
  schedule: Schedule,
  zone: string | null | undefined,
  limits: Limits,
  issues: OperationOutcomeIssue[]
): ScheduleRules['horizon'] {
  const period = schedule.planningHorizon;
  const start = readBound(period?.start, 'start', zone, 'Schedule.planningHorizon.start', issues);
  const end = readBound(period?.end, 'end', zone, 'Schedule.planningHorizon.end', issues);
  if (start !== undefined && end !== undefined) {
    checkSpan(start, end, limits, issues);
  }
  return { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

/** A horizon must end after it starts and span no more than `limits.maxHorizonDays`. */
function checkSpan(start: number, end: number, limits: Limits, issues: OperationOutcomeIssue[]): void {
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
  const instant = parseInstant(text) ?? dateOnlyBound(text, side, zone);
  if (instant === undefined) {
    issues.push(
      issue(
        'error',
        'invalid',
        where,
        `"${text}" is not a date-time with an offset (for example 2025-03-01T00:00:00Z).`
      )
    );
  }
  return instant;
}

/**
 * A date-only bound (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as an instant in `zone` (UTC when none): the start of that
 * year, month or day, or for an end bound the start of the next one. `undefined` when `text` is not such a date.
 *
 * @example
 * dateOnlyBound('2025-03', 'end', 'UTC'); // Date.parse('2025-04-01T00:00:00Z')
 */
export function dateOnlyBound(
  text: string,
  side: 'start' | 'end',
  zone: string | null | undefined
): number | undefined {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) {
    return undefined;
  }
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
    return undefined;
  }
}
