/**
 * Recurring series: a rule ("Mondays and Thursdays for 6 weeks", "the 2nd Tuesday of every month until 30 June")
 * and the occurrences it means, as local wall-clock starts in the schedule's zone. Pure: Temporal decides every
 * offset; nothing here reads the clock.
 *
 * - **Same local time.** Every occurrence starts at the first start's local wall-clock time: 09:00 stays 09:00 on
 *   either side of a DST change (the instants move by the offset change, the local time does not).
 * - **A DST gap: skipped and reported.** An occurrence whose local time does not exist that day (the clocks jump
 *   over it) gets no instant (`start` undefined) and a warning naming it. It keeps its number in the series and
 *   counts towards `count`: the series is the dates the rule names, and a booking reports that one as not bookable.
 *   It is not shifted forward: the slot planner makes no slot in a gap either (README, "Scheduling rules"), so a
 *   shifted time would find no slot, and a different time is the front desk's choice, not ours.
 * - **A repeated hour** (the clocks go back): the first of the two instants, as a window boundary there means; the
 *   first occurrence is always exactly the given start.
 * - **weekly**: each of `days` in every `interval`-th week (weeks run Monday to Sunday, counted from the first start's
 *   week), from the first start's date on. The first start must fall on one of `days`.
 * - **monthly**: the `nth` `weekday` of every `interval`-th month (`-1`: the last). A month without a 5th such
 *   weekday has no occurrence and does not count (as iCalendar's `BYDAY=5MO`). The first start must be one.
 * - **Ends** after `count` occurrences (1..52) or on `until` (a local date, inclusive), exactly one of them; never
 *   more than {@link MAX_OCCURRENCES}, and within {@link MAX_SERIES_YEARS} years of the first start.
 */
import type { DayOfWeek } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { Temporal } from 'temporal-polyfill';
import { fail, issue, ok, type Result } from './fhir';
import {
  MAX_OCCURRENCES,
  MAX_SERIES_YEARS,
  type MonthlyRule,
  type Nth,
  nthName,
  type RecurrenceRule,
  validateRule,
  WEEKDAYS,
  type WeeklyRule,
} from './recurrence-rule';
import { instantsAt, isValidTimeZone } from './time';

export {
  MAX_OCCURRENCES,
  MAX_SERIES_YEARS,
  type MonthlyRule,
  type Nth,
  type RecurrenceEnd,
  type RecurrenceRule,
  validateRule,
  type WeeklyRule,
} from './recurrence-rule';

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
 * The occurrences of a series whose first start is `firstStart`, in `zone`: sorted, distinct, at the first start's
 * local time. Each occurrence in a DST gap has no `start` and a warning. A bad rule, or a first start the rule does
 * not name, fails with issues at the rule's fields.
 *
 * @example
 * // Mondays at 09:00 in London, across the change to summer time on 30 Mar 2025:
 * occurrences(Date.parse('2025-03-24T09:00:00Z'), 'Europe/London', { kind: 'weekly', days: ['mon'], count: 2 });
 * // ok: [{ index: 1, local: '2025-03-24T09:00:00', start: Date.parse('2025-03-24T09:00:00Z') },
 * //      { index: 2, local: '2025-03-31T09:00:00', start: Date.parse('2025-03-31T08:00:00Z') }]
 */
export function occurrences(
  firstStart: number,
  zone: string,
  rule: RecurrenceRule,
  field = 'rule'
): Result<Occurrence[]> {
  const issues = validateRule(rule, field);
  if (!isValidTimeZone(zone)) {
    issues.push(issue('error', 'invalid', 'timeZone', `"${zone}" is not an IANA time zone.`));
  }
  if (!Number.isFinite(firstStart)) {
    issues.push(issue('error', 'invalid', 'start', 'The first start is not an instant.'));
  }
  if (issues.length > 0) {
    return fail(issues);
  }
  const first = Temporal.Instant.fromEpochMilliseconds(firstStart).toZonedDateTimeISO(zone);
  const mismatch = firstMismatch(rule, first.toPlainDate(), field);
  if (mismatch) {
    return fail([mismatch]);
  }
  const dates = seriesDates(rule, first.toPlainDate(), field);
  if (!dates.ok) {
    return dates;
  }
  const time = first.toPlainTime();
  const warnings: OperationOutcomeIssue[] = [];
  const list = dates.value.map((date, i): Occurrence => {
    const local = date.toPlainDateTime(time);
    const start = i === 0 ? firstStart : instantsAt(local, zone)[0];
    if (start === undefined) {
      const text = `Occurrence ${i + 1} (${local.toString()}) does not exist in ${zone}: the clocks skip that time; it is skipped.`;
      warnings.push(issue('warning', 'business-rule', field, text));
    }
    return { index: i + 1, local: local.toString(), ...(start !== undefined ? { start } : {}) };
  });
  return ok(list, warnings);
}

/**
 * The date of the `nth` `weekday` of a month (`-1`: the last), or undefined when the month has no such day.
 *
 * @example
 * nthWeekday(Temporal.PlainYearMonth.from('2025-03'), 'mon', -1)?.toString(); // '2025-03-31'
 */
export function nthWeekday(
  month: Temporal.PlainYearMonth,
  weekday: DayOfWeek,
  nth: Nth
): Temporal.PlainDate | undefined {
  const wanted = WEEKDAYS.indexOf(weekday) + 1;
  if (nth === -1) {
    const last = month.toPlainDate({ day: month.daysInMonth });
    return last.subtract({ days: (last.dayOfWeek - wanted + 7) % 7 });
  }
  const firstDay = month.toPlainDate({ day: 1 });
  const date = firstDay.add({ days: ((wanted - firstDay.dayOfWeek + 7) % 7) + (nth - 1) * 7 });
  return date.toPlainYearMonth().equals(month) ? date : undefined;
}

/** The rule's dates from `first` on, ended by its count or its until date; fails past the limits. */
function seriesDates(rule: RecurrenceRule, first: Temporal.PlainDate, field: string): Result<Temporal.PlainDate[]> {
  const until = rule.until !== undefined ? Temporal.PlainDate.from(rule.until) : undefined;
  if (until && Temporal.PlainDate.compare(until, first) < 0) {
    return fail([issue('error', 'invalid', `${field}.until`, `until is before the first occurrence (${first}).`)]);
  }
  const last = first.add({ years: MAX_SERIES_YEARS });
  const end = until && Temporal.PlainDate.compare(until, last) < 0 ? until : last;
  const dates: Temporal.PlainDate[] = [];
  for (const date of rule.kind === 'weekly' ? weeklyDates(rule, first, end) : monthlyDates(rule, first, end)) {
    if (dates.length === MAX_OCCURRENCES) {
      const text = `The rule gives more than ${MAX_OCCURRENCES} occurrences up to ${rule.until}; a series has at most ${MAX_OCCURRENCES}.`;
      return fail([issue('error', 'invalid', `${field}.until`, text)]);
    }
    dates.push(date);
    if (dates.length === rule.count) {
      break;
    }
  }
  if (rule.count !== undefined && dates.length < rule.count) {
    const text = `Only ${dates.length} occurrences fall within ${MAX_SERIES_YEARS} years of the first; ${rule.count} were asked for.`;
    return fail([issue('error', 'invalid', `${field}.count`, text)]);
  }
  return ok(dates);
}

function* weeklyDates(rule: WeeklyRule, first: Temporal.PlainDate, end: Temporal.PlainDate) {
  const interval = rule.interval ?? 1;
  const offsets = [...new Set(rule.days)].map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const monday = first.subtract({ days: first.dayOfWeek - 1 });
  for (let week = 0; ; week += interval) {
    for (const offset of offsets) {
      const date = monday.add({ days: week * 7 + offset });
      if (Temporal.PlainDate.compare(date, end) > 0) {
        return;
      }
      if (Temporal.PlainDate.compare(date, first) >= 0) {
        yield date;
      }
    }
  }
}

function* monthlyDates(rule: MonthlyRule, first: Temporal.PlainDate, end: Temporal.PlainDate) {
  const interval = rule.interval ?? 1;
  const month = first.toPlainYearMonth();
  for (let m = 0; ; m += interval) {
    const current = month.add({ months: m });
    if (Temporal.PlainDate.compare(current.toPlainDate({ day: 1 }), end) > 0) {
      return;
    }
    const date = nthWeekday(current, rule.weekday, rule.nth);
    if (date && Temporal.PlainDate.compare(date, first) >= 0 && Temporal.PlainDate.compare(date, end) <= 0) {
      yield date;
    }
  }
}

/** An issue when the first start is not a date the rule names. */
function firstMismatch(
  rule: RecurrenceRule,
  date: Temporal.PlainDate,
  field: string
): OperationOutcomeIssue | undefined {
  const day = WEEKDAYS[date.dayOfWeek - 1] as DayOfWeek;
  if (rule.kind === 'weekly') {
    return rule.days.includes(day)
      ? undefined
      : issue(
          'error',
          'invalid',
          `${field}.days`,
          `The first start is on a ${day} (${date}), not one of ${rule.days.join(', ')}.`
        );
  }
  if (day !== rule.weekday) {
    return issue(
      'error',
      'invalid',
      `${field}.weekday`,
      `The first start is on a ${day} (${date}), not a ${rule.weekday}.`
    );
  }
  return nthWeekday(date.toPlainYearMonth(), rule.weekday, rule.nth)?.equals(date)
    ? undefined
    : issue(
        'error',
        'invalid',
        `${field}.nth`,
        `The first start (${date}) is not the ${nthName(rule.nth)} ${day} of its month.`
      );
}
