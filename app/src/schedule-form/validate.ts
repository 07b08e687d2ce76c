/**
 * The form's checks, in a clinician's words, each tied to the field it is about (`slotMinutes`, `hours.1.end`…),
 * so that a screen can show it next to that field. The core's own checks (the same reader the schedule bot uses)
 * run afterwards on the draft; anything they still find is reworded for people.
 *
 * @example
 * validateForm({ ...form, bufferBefore: -5 }); // { bufferBefore: 'A buffer cannot be negative.' }
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { isValidTimeZone } from '../../../core/time';
import type { SlotPlan } from '../../../core/slot-plan';
import { DAYS, type FormState, type HoursRow } from './model';
import { checkRulesDraft } from './rules-model';
import { checkVisitTypeRows } from './visit-types-model';

/** Field id → message. Field ids: actors, horizonStart, horizonEnd, timeZone, slotMinutes, bufferBefore,
 * bufferAfter, hours.N.days, hours.N.start, hours.N.end, closed.N.start, closed.N.end, plan. */
export type FieldErrors = Readonly<Record<string, string>>;

const WEEK = 7 * 1440;

function minutesOf(time: string): number | undefined {
  const match = /^(\d\d):(\d\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** A row's windows as [start, end) minutes of the week (Monday 00:00 = 0), wrapping Sunday night into Monday. */
export function weekIntervals(row: HoursRow): { day: number; start: number; end: number }[] {
  const start = row.allDay ? 0 : minutesOf(row.start);
  const endOfDay = row.allDay ? 1440 : minutesOf(row.end);
  if (start === undefined || endOfDay === undefined) {
    return [];
  }
  const end = row.allDay ? 1440 : row.nextDay || endOfDay === 0 ? endOfDay + 1440 : endOfDay;
  if (end <= start) {
    return [];
  }
  return row.days.flatMap((d) => {
    const day = DAYS.findIndex((x) => x.value === d);
    const from = day * 1440 + start;
    const to = day * 1440 + end;
    return to > WEEK
      ? [
          { day, start: from, end: WEEK },
          { day, start: 0, end: to - WEEK },
        ]
      : [{ day, start: from, end: to }];
  });
}

function wholeMinutes(value: number | '', min: number): boolean {
  return value !== '' && Number.isInteger(value) && value >= min;
}

/** The form's own checks. Required fields are reported too: the screen shows them once touched or on save. */
export function validateForm(form: FormState): FieldErrors {
  const errors: Record<string, string> = {};
  if (form.actors.length === 0) {
    errors.actors = 'Choose at least one practitioner or room.';
  }
  if (form.horizonStart && form.horizonEnd && form.horizonEnd < form.horizonStart) {
    errors.horizonEnd = 'The last day is before the first day.';
  }
  Object.assign(errors, checkVisitTypeRows(form.visitTypes));
  for (const [key, message] of Object.entries(checkRulesDraft(form.rules))) {
    if (message && (key !== 'capacity' || form.generate)) {
      errors[`rules.${key}`] = message;
    }
  }
  if (!form.generate) {
    return errors;
  }
  if (!isValidTimeZone(form.timeZone)) {
    errors.timeZone = 'Choose a time zone from the list.';
  }
  if (!wholeMinutes(form.slotMinutes, 1)) {
    errors.slotMinutes =
      form.slotMinutes === ''
        ? 'Enter a slot length in minutes.'
        : 'A slot lasts a whole number of minutes, at least 1.';
  }
  for (const key of ['bufferBefore', 'bufferAfter'] as const) {
    const value = form[key];
    if (value !== '' && value < 0) {
      errors[key] = 'A buffer cannot be negative.';
    } else if (!wholeMinutes(value, 0)) {
      errors[key] = 'Enter a whole number of minutes (0 for none).';
    }
  }
  if (form.hours.length === 0) {
    errors.plan = 'Add weekly hours, or untick “Generate bookable slots” for a manual schedule.';
  }
  form.hours.forEach((row, i) => {
    if (row.days.length === 0) {
      errors[`hours.${i}.days`] = 'Choose at least one day.';
    }
    if (row.allDay) {
      return;
    }
    const start = minutesOf(row.start);
    const end = minutesOf(row.end);
    if (start === undefined) {
      errors[`hours.${i}.start`] = 'Enter a start time.';
    }
    if (end === undefined) {
      errors[`hours.${i}.end`] = 'Enter an end time.';
    }
    if (start === undefined || end === undefined) {
      return;
    }
    if (row.nextDay && end >= start) {
      errors[`hours.${i}.end`] = 'With “Ends next day”, the end time must be earlier than the start time.';
    } else if (!row.nextDay && end !== 0 && end <= start) {
      errors[`hours.${i}.end`] = 'Ends before it starts. For hours past midnight, tick “Ends next day”.';
    }
  });
  // Overlapping windows: each row against the earlier ones.
  const intervals = form.hours.map((row, i) => (errors[`hours.${i}.end`] ? [] : weekIntervals(row)));
  intervals.forEach((mine, j) => {
    for (let i = 0; i < j && !errors[`hours.${j}.start`]; i++) {
      const clash = mine.find((a) => intervals[i]?.some((b) => a.start < b.end && b.start < a.end));
      if (clash) {
        errors[`hours.${j}.start`] = `These hours overlap weekly hours ${i + 1} on ${DAYS[clash.day]?.long}.`;
      }
    }
  });
  form.closed.forEach((row, i) => {
    if (!row.start) {
      errors[`closed.${i}.start`] = 'Enter when the closure starts.';
    }
    if (!row.end) {
      errors[`closed.${i}.end`] = 'Enter when the closure ends.';
    } else if (row.start && row.end <= row.start) {
      errors[`closed.${i}.end`] = 'The closure ends before it starts.';
    }
  });
  return errors;
}

export const PAST_HORIZON = 'The planning horizon ends in the past, so no slots can be made. Choose a later last day.';

/**
 * Why a plan makes no slots, in words: a horizon in the past, a slot longer than its window, or hours that never
 * open inside the horizon. `undefined` when it makes slots.
 */
export function zeroSlotReason(form: FormState, plan: SlotPlan, now: number): string | undefined {
  if (plan.slots.length > 0 || plan.mode !== 'generate') {
    return undefined;
  }
  if (plan.horizonEnd !== undefined && plan.horizonEnd <= now) {
    return PAST_HORIZON;
  }
  const needed = Number(form.slotMinutes) + Number(form.bufferBefore || 0) + Number(form.bufferAfter || 0);
  const tooShort = form.hours.find((row) =>
    weekIntervals(row).every((w) => w.end - w.start < needed && w.end !== 7 * 1440)
  );
  if (tooShort) {
    const window = tooShort.allDay ? 'all day' : `${tooShort.start}–${tooShort.end}`;
    return `A ${needed}-minute slot (with its buffers) does not fit in the hours ${window}. Shorten the slot or widen the hours.`;
  }
  return 'These hours make no slots inside the planning horizon (every opening is closed, or falls outside it).';
}

/** Words for a core issue: no FHIR element names, no time formats meant for machines. */
export function clinicianWords(text: string): string {
  return text
    .replace(/\b[Aa]n all-day availableTime\b/g, 'All-day weekly hours')
    .replace(/\b[Aa]n availableTime\b/g, 'Weekly hours')
    .replace(/\b[Aa] notAvailableTime( period)?\b/g, 'A closed period')
    .replace(/\bnotAvailableTime\b/g, 'closed period')
    .replace(/\bavailableTime\b/g, 'weekly hours')
    .replace(/\s*\(HH:MM:SS\)/g, '')
    .replace(/\bHH:MM(:SS)?\b/g, 'a time like 09:00')
    .replace(/\(valueDuration[^)]*\)/g, '')
    .replace(/an? "availability"/g, 'weekly hours')
    .replace(/a "duration"/g, 'a slot length')
    .replace(/\s+\./g, '.');
}

/** The field a core issue is about, by its FHIRPath expression (for errors the form's own checks did not catch). */
export function fieldOfIssue(issue: OperationOutcomeIssue): string {
  const where = issue.expression?.[0] ?? '';
  if (where.includes('planningHorizon.end')) {
    return 'horizonEnd';
  }
  if (where.includes('planningHorizon')) {
    return 'horizonStart';
  }
  if (where.includes('actor')) {
    return 'actors';
  }
  return 'plan';
}
