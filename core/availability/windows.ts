/**
 * Weekly opening hours: SchedulingParameters `availableTime` entries, read as weekly windows in local minutes.
 */
import { DAYS_OF_WEEK, isDayOfWeek, type DayOfWeek } from '@medplum/core';
import type { Extension, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir';
import type { WeeklyWindow } from './types';

/** The parts of one `availableTime`, as read before they are checked together. */
interface WindowParts {
  readonly days: DayOfWeek[];
  start?: number;
  end?: number;
  startWhere: string;
  allDay: boolean;
}

/**
 * Reads one `availableTime` (days, start and end times, or all day) at `where`. An end at or before the start runs
 * past midnight. `undefined`, with issues, when it is not a valid window.
 *
 * @example
 * readWindow(availableTime, 'Schedule.extension[0].extension[2].extension[0]', issues);
 * // { days: ['mon'], startMinute: 540, endMinute: 1020 }
 */
export function readWindow(item: Extension, where: string, issues: OperationOutcomeIssue[]): WeeklyWindow | undefined {
  const before = issues.length;
  const { days, start, end, startWhere, allDay } = readWindowParts(item, where, issues);
  if (days.length === 0 && issues.length === before) {
    issues.push(issue('error', 'required', where, 'An availableTime needs at least one day of the week.'));
  }
  if (allDay) {
    if (start !== undefined || end !== undefined) {
      issues.push(issue('error', 'invalid', where, 'An all-day availableTime cannot also have start or end times.'));
    }
    return issues.length > before ? undefined : { days, startMinute: 0, endMinute: 1440 };
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
  return { days, startMinute: start, endMinute: end > start ? end : end + 1440 };
}

/** Reads each sub-extension of an `availableTime`, with an issue for each one that is invalid or unknown. */
function readWindowParts(item: Extension, where: string, issues: OperationOutcomeIssue[]): WindowParts {
  const parts: WindowParts = { days: [], startWhere: where, allDay: false };
  (item.extension ?? []).forEach((part, k) => {
    const partWhere = `${where}.extension[${k}]`;
    switch (part.url) {
      case 'daysOfWeek':
        readDay(part.valueCode, partWhere, parts.days, issues);
        break;
      case 'availableStartTime':
        parts.start = readTime(part.valueTime, `${partWhere}.valueTime`, issues);
        parts.startWhere = partWhere;
        break;
      case 'availableEndTime':
        parts.end = readTime(part.valueTime, `${partWhere}.valueTime`, issues);
        break;
      case 'allDay':
        parts.allDay = part.valueBoolean === true;
        break;
      default:
        issues.push(issue('error', 'structure', partWhere, `Unknown availableTime element "${part.url}".`));
    }
  });
  return parts;
}

/** Adds a `daysOfWeek` code to `days` (once), or an issue when it is not a day of the week. */
function readDay(code: string | undefined, where: string, days: DayOfWeek[], issues: OperationOutcomeIssue[]): void {
  if (!isDayOfWeek(code)) {
    issues.push(
      issue(
        'error',
        'code-invalid',
        `${where}.valueCode`,
        `"${code ?? ''}" is not a day of the week (use ${DAYS_OF_WEEK.join(', ')}).`
      )
    );
  } else if (!days.includes(code)) {
    days.push(code);
  }
}

/**
 * A `valueTime` (`HH:MM`, `HH:MM:SS` with zero seconds) as minutes after midnight, or `undefined` with an issue.
 *
 * @example
 * readTime('09:30:00', where, issues); // 570
 */
export function readTime(text: string | undefined, where: string, issues: OperationOutcomeIssue[]): number | undefined {
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
