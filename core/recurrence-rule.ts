/**
 * A recurring series' rule, as the API takes it, and its validation (one issue per problem, at its field). The
 * occurrences it means are computed by ./recurrence.ts.
 */
import type { DayOfWeek } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { Temporal } from 'temporal-polyfill';
import { issue } from './fhir';

/** The most occurrences a series has. */
export const MAX_OCCURRENCES = 52;
/** A series ends within this many years of its first start. */
export const MAX_SERIES_YEARS = 5;

/** Medplum's day codes, Monday first (Temporal's `dayOfWeek` − 1). */
export const WEEKDAYS: readonly DayOfWeek[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const NTHS = [1, 2, 3, 4, 5, -1] as const;
const MAX_INTERVAL = { weekly: 52, monthly: 12 } as const;

/** Which of its weekdays in a month: the 1st to the 5th, or `-1` for the last. */
export type Nth = (typeof NTHS)[number];

/** How a series ends: after `count` occurrences (1..52), or on `until` (a local date `YYYY-MM-DD`, inclusive). */
export interface RecurrenceEnd {
  readonly count?: number;
  readonly until?: string;
}

/** On each of `days`, every `interval` weeks (default 1). */
export interface WeeklyRule extends RecurrenceEnd {
  readonly kind: 'weekly';
  readonly days: readonly DayOfWeek[];
  readonly interval?: number;
}

/** On the `nth` `weekday` of the month, every `interval` months (default 1). */
export interface MonthlyRule extends RecurrenceEnd {
  readonly kind: 'monthly';
  readonly weekday: DayOfWeek;
  readonly nth: Nth;
  readonly interval?: number;
}

export type RecurrenceRule = WeeklyRule | MonthlyRule;

/** One occurrence of a series. */
export interface Occurrence {
  /** Its number in the series, from 1. */
  readonly index: number;
  /** Its local date and time in the zone, `YYYY-MM-DDTHH:MM:SS`. */
  readonly local: string;
  /** Its instant (epoch ms); undefined when the local time falls in a DST gap that day (skipped, with a warning). */
  readonly start?: number;
}

/**
 * The shape of a rule, one issue per problem at its field (`rule.days[1]`, `rule.count`, …).
 *
 * @example
 * validateRule({ kind: 'weekly', days: ['mon', 'funday'], count: 60 });
 * // issues at rule.days[1] and rule.count
 */
export function validateRule(rule: unknown, field = 'rule'): OperationOutcomeIssue[] {
  if (!isRecord(rule)) {
    const shape = '{ kind: "weekly", days, count | until } or { kind: "monthly", weekday, nth, count | until }';
    return [issue('error', 'required', field, `A recurrence rule is required: ${shape}.`)];
  }
  const issues: OperationOutcomeIssue[] = [];
  if (rule.kind === 'weekly') {
    checkDays(rule.days, `${field}.days`, issues);
  } else if (rule.kind === 'monthly') {
    if (!WEEKDAYS.includes(rule.weekday as DayOfWeek)) {
      issues.push(issue('error', 'invalid', `${field}.weekday`, `weekday must be one of ${WEEKDAYS.join(', ')}.`));
    }
    if (!NTHS.includes(rule.nth as Nth)) {
      issues.push(issue('error', 'invalid', `${field}.nth`, 'nth must be 1, 2, 3, 4, 5, or -1 (the last).'));
    }
  } else {
    issues.push(issue('error', 'invalid', `${field}.kind`, 'kind must be "weekly" or "monthly".'));
  }
  const most = rule.kind === 'monthly' ? MAX_INTERVAL.monthly : MAX_INTERVAL.weekly;
  if (rule.interval !== undefined && !wholeIn(rule.interval, 1, most)) {
    issues.push(issue('error', 'invalid', `${field}.interval`, `interval must be a whole number from 1 to ${most}.`));
  }
  checkEnd(rule, field, issues);
  return issues;
}

function checkDays(days: unknown, field: string, issues: OperationOutcomeIssue[]): void {
  if (!Array.isArray(days) || days.length === 0) {
    issues.push(issue('error', 'required', field, `days must list one or more of ${WEEKDAYS.join(', ')}.`));
    return;
  }
  days.forEach((day, i) => {
    if (!WEEKDAYS.includes(day as DayOfWeek)) {
      issues.push(
        issue('error', 'invalid', `${field}[${i}]`, `"${String(day)}" is not one of ${WEEKDAYS.join(', ')}.`)
      );
    } else if (days.indexOf(day) !== i) {
      issues.push(issue('error', 'invalid', `${field}[${i}]`, `${String(day)} is listed twice.`));
    }
  });
}

function checkEnd(rule: Record<string, unknown>, field: string, issues: OperationOutcomeIssue[]): void {
  const { count, until } = rule;
  if (count === undefined && until === undefined) {
    issues.push(issue('error', 'required', `${field}.count`, 'A series needs a count (1 to 52) or an until date.'));
  } else if (count !== undefined && until !== undefined) {
    issues.push(issue('error', 'invalid', `${field}.until`, 'Give a count or an until date, not both.'));
  }
  if (count !== undefined && !wholeIn(count, 1, MAX_OCCURRENCES)) {
    issues.push(
      issue('error', 'invalid', `${field}.count`, `count must be a whole number from 1 to ${MAX_OCCURRENCES}.`)
    );
  }
  if (until !== undefined && !isLocalDate(until)) {
    issues.push(issue('error', 'invalid', `${field}.until`, `"${String(until)}" is not a date (YYYY-MM-DD).`));
  }
}

function isLocalDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

function wholeIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * An nth in words.
 *
 * @example
 * nthName(2); // '2nd'
 * nthName(-1); // 'last'
 */
export function nthName(nth: Nth): string {
  return nth === -1 ? 'last' : (['1st', '2nd', '3rd', '4th', '5th'][nth - 1] as string);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
