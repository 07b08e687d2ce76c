/**
 * The visit types as the form edits them (one row each: the service, its length and buffers as text), to and from
 * the Schedule's service-scoped SchedulingParameters and the API's `visitTypes`. Pure.
 */
import { SchedulingParametersURI, schedulingDurationToMinutes } from '@medplum/core';
import type { Extension, Schedule } from '@medplum/fhirtypes';
import type { VisitTypeInput, WeeklyHoursInput } from '../../../core/availability/write';
import { isScheduleWideParameters } from '../../../core/availability/index';

export interface VisitTypeRow {
  /** The HealthcareService's id; '' until chosen. */
  readonly service: string;
  readonly minutes: string;
  readonly before: string;
  readonly after: string;
  /** Its own weekly hours, kept as stored (the form edits the schedule's; a visit type without them follows those). */
  readonly weekly?: VisitTypeInput['weekly'];
}

export const NEW_VISIT_TYPE: VisitTypeRow = { service: '', minutes: '30', before: '', after: '' };

/** The rows of a stored Schedule's visit types. */
export function visitTypeRowsOf(schedule: Schedule): VisitTypeRow[] {
  const wideHours = hoursJson(schedule.extension?.find(isScheduleWideParameters)?.extension ?? []);
  return (schedule.extension ?? [])
    .filter((ext) => ext.url === SchedulingParametersURI)
    .flatMap((ext) => {
      const subs = ext.extension ?? [];
      const reference = subs.find((s) => s.url === 'service')?.valueReference?.reference ?? '';
      if (!reference.startsWith('HealthcareService/')) {
        return [];
      }
      const minutes = (url: string): string => {
        const value = schedulingDurationToMinutes(subs.find((s) => s.url === url)?.valueDuration);
        return value === undefined || value === 0 ? '' : String(value);
      };
      return [
        {
          service: reference.slice('HealthcareService/'.length),
          minutes: minutes('duration'),
          before: minutes('bufferBefore'),
          after: minutes('bufferAfter'),
          ...(subs.some((s) => s.url === 'availability') && hoursJson(subs) !== wideHours
            ? { weekly: weeklyOf(subs) }
            : {}),
        },
      ];
    });
}

function hoursJson(subs: readonly Extension[]): string {
  return JSON.stringify(subs.filter((sub) => sub.url === 'availability'));
}

/** A visit type's own weekly hours, as written (`availableTime` entries). */
function weeklyOf(subs: readonly Extension[]): WeeklyHoursInput[] {
  return subs
    .filter((sub) => sub.url === 'availability')
    .flatMap((a) => a.extension ?? [])
    .filter((item) => item.url === 'availableTime')
    .map((item) => {
      const parts = item.extension ?? [];
      const days = parts.filter((p) => p.url === 'daysOfWeek').map((p) => p.valueCode) as WeeklyHoursInput['days'];
      const time = (url: string): string | undefined => parts.find((p) => p.url === url)?.valueTime?.slice(0, 5);
      const allDay = parts.some((p) => p.url === 'allDay' && p.valueBoolean);
      const start = time('availableStartTime');
      const end = time('availableEndTime');
      return { days, ...(allDay ? { allDay } : {}), ...(start ? { start } : {}), ...(end ? { end } : {}) };
    });
}

/** Each row's errors, keyed `visitTypes.<i>.<field>`, in words. */
export function checkVisitTypeRows(rows: readonly VisitTypeRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const whole = (text: string, min: number, max: number): boolean => {
    const n = Number(text.trim());
    return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
  };
  rows.forEach((row, i) => {
    if (!row.service) {
      errors[`visitTypes.${i}.service`] = 'Choose the visit type.';
    } else if (rows.findIndex((other) => other.service === row.service) < i) {
      errors[`visitTypes.${i}.service`] = 'This visit type is already in the list.';
    }
    if (!whole(row.minutes, 1, 1440)) {
      errors[`visitTypes.${i}.minutes`] = 'A visit lasts a whole number of minutes, from 1 to 1440.';
    }
    for (const key of ['before', 'after'] as const) {
      if (row[key].trim() !== '' && !whole(row[key], 0, 240)) {
        errors[`visitTypes.${i}.${key}`] = 'A buffer is a whole number of minutes, from 0 to 240.';
      }
    }
  });
  return errors;
}

/** The API's `visitTypes` for checked rows. */
export function visitTypesOf(rows: readonly VisitTypeRow[]): VisitTypeInput[] {
  const minutes = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
  return rows.map((row) => {
    const before = minutes(row.before);
    const after = minutes(row.after);
    return {
      service: `HealthcareService/${row.service}`,
      slotMinutes: Number(row.minutes),
      ...(before ? { bufferBeforeMinutes: before } : {}),
      ...(after ? { bufferAfterMinutes: after } : {}),
      ...(row.weekly ? { weekly: row.weekly } : {}),
    };
  });
}
