/**
 * Writes availability, in the plain shape people and forms use, as Medplum's SchedulingParameters extension.
 */
import { minutesToSchedulingDuration, SchedulingParametersURI, type DayOfWeek } from '@medplum/core';
import type { Extension, Schedule } from '@medplum/fhirtypes';
import { isScheduleWideParameters } from './parameters';

/** One weekly opening: `start`/`end` as `HH:MM` local time (end ≤ start runs past midnight), or all day. */
export interface WeeklyHoursInput {
  readonly days: readonly DayOfWeek[];
  readonly start?: string;
  readonly end?: string;
  readonly allDay?: boolean;
}

/** A closed period (holiday, leave), instants with offsets. */
export interface ClosedPeriodInput {
  readonly description?: string;
  readonly start: string;
  readonly end: string;
}

/** Availability as a form or an API caller states it. */
export interface AvailabilityInput {
  /** IANA zone; when absent the actors' timezone extension applies. */
  readonly timeZone?: string;
  readonly slotMinutes: number;
  readonly bufferBeforeMinutes?: number;
  readonly bufferAfterMinutes?: number;
  readonly alignmentIntervalMinutes?: number;
  readonly alignmentOffsetMinutes?: number;
  readonly weekly: readonly WeeklyHoursInput[];
  readonly closed?: readonly ClosedPeriodInput[];
  /** Patients per slot (a group session), 1..100; absent is one. Written as `slotCapacity`. */
  readonly capacity?: number;
}

/**
 * Builds the schedule-wide SchedulingParameters extension. It is not validated here: read it back with
 * `readScheduleRules` for the issues.
 *
 * @example
 * buildSchedulingParameters({
 *   timeZone: 'America/New_York',
 *   slotMinutes: 30,
 *   weekly: [{ days: ['mon', 'tue'], start: '09:00', end: '17:00' }],
 * });
 */
export function buildSchedulingParameters(input: AvailabilityInput): Extension {
  const duration = (url: string, value: number | undefined): Extension[] =>
    value === undefined ? [] : [{ url, valueDuration: minutesToSchedulingDuration(value) }];
  const availability: Extension[] = [
    ...input.weekly.map((hours) => ({
      url: 'availableTime',
      extension: [
        ...hours.days.map((day) => ({ url: 'daysOfWeek', valueCode: day })),
        ...(hours.allDay
          ? [{ url: 'allDay', valueBoolean: true }]
          : [
              ...(hours.start !== undefined ? [{ url: 'availableStartTime', valueTime: toTime(hours.start) }] : []),
              ...(hours.end !== undefined ? [{ url: 'availableEndTime', valueTime: toTime(hours.end) }] : []),
            ]),
      ],
    })),
    ...(input.closed ?? []).map((period) => ({
      url: 'notAvailableTime',
      extension: [
        ...(period.description ? [{ url: 'description', valueString: period.description }] : []),
        { url: 'during', valuePeriod: { start: period.start, end: period.end } },
      ],
    })),
  ];
  return {
    url: SchedulingParametersURI,
    extension: [
      ...(input.timeZone !== undefined ? [{ url: 'timezone', valueCode: input.timeZone }] : []),
      ...duration('duration', input.slotMinutes),
      ...duration('bufferBefore', input.bufferBeforeMinutes),
      ...duration('bufferAfter', input.bufferAfterMinutes),
      ...duration('alignmentInterval', input.alignmentIntervalMinutes),
      ...duration('alignmentOffset', input.alignmentOffsetMinutes),
      ...(input.capacity !== undefined && input.capacity !== 1
        ? [{ url: 'slotCapacity', valuePositiveInt: input.capacity }]
        : []),
      { url: 'availability', extension: availability },
    ],
  };
}

/**
 * A visit type as a form or an API caller states it: a HealthcareService and how long its visits take; its hours
 * are the schedule's unless given. Written as a SchedulingParameters entry scoped to the service.
 */
export interface VisitTypeInput {
  /** `HealthcareService/<id>`. */
  readonly service: string;
  readonly slotMinutes: number;
  readonly bufferBeforeMinutes?: number;
  readonly bufferAfterMinutes?: number;
  /** Its own weekly hours; absent: the schedule's. */
  readonly weekly?: readonly WeeklyHoursInput[];
}

/**
 * The SchedulingParameters entry scoped to a visit type's service. Without hours of its own it gets the schedule's
 * (`wide`, the schedule-wide entry) written in, and their zone: Medplum's `$find` reads only the entry and the
 * service, and would otherwise offer the service round the clock, or find no zone.
 *
 * @example
 * buildVisitTypeParameters({ service: 'HealthcareService/new-patient', slotMinutes: 30 }, wide);
 */
export function buildVisitTypeParameters(input: VisitTypeInput, wide?: Extension): Extension {
  const duration = (url: string, value: number | undefined): Extension[] =>
    value === undefined ? [] : [{ url, valueDuration: minutesToSchedulingDuration(value) }];
  const fromWide = (url: string): Extension[] => wide?.extension?.filter((sub) => sub.url === url) ?? [];
  const hours = input.weekly?.length
    ? (buildSchedulingParameters({ slotMinutes: input.slotMinutes, weekly: input.weekly }).extension ?? []).filter(
        (sub) => sub.url === 'availability'
      )
    : fromWide('availability');
  return {
    url: SchedulingParametersURI,
    extension: [
      { url: 'service', valueReference: { reference: input.service } },
      ...fromWide('timezone'),
      ...duration('duration', input.slotMinutes),
      ...duration('bufferBefore', input.bufferBeforeMinutes),
      ...duration('bufferAfter', input.bufferAfterMinutes),
      ...hours,
    ],
  };
}

/**
 * A copy of the Schedule with its visit types (entries scoped to a service) replaced by `inputs`; the schedule-wide
 * entry and other extensions are kept.
 *
 * @example
 * const updated = withVisitTypes(schedule, [{ service: 'HealthcareService/follow-up', slotMinutes: 15 }]);
 */
export function withVisitTypes<T extends Schedule>(schedule: T, inputs: readonly VisitTypeInput[]): T {
  const others = (schedule.extension ?? []).filter(
    (ext) => ext.url !== SchedulingParametersURI || isScheduleWideParameters(ext)
  );
  const wide = others.find(isScheduleWideParameters);
  const extension = [...others, ...inputs.map((input) => buildVisitTypeParameters(input, wide))];
  const { extension: _old, ...rest } = schedule;
  return (extension.length > 0 ? { ...rest, extension } : rest) as T;
}

/** A visit type's entry with the schedule's hours and zone (`before`) swapped for `after`'s where it had them. */
function followHours(entry: Extension, before: Extension | undefined, after: Extension | undefined): Extension {
  const same = (url: string): boolean =>
    JSON.stringify(entry.extension?.filter((sub) => sub.url === url) ?? []) ===
    JSON.stringify(before?.extension?.filter((sub) => sub.url === url) ?? []);
  const replaced = ['availability', 'timezone'].filter((url) => same(url) && after);
  if (replaced.length === 0) {
    return entry;
  }
  const taken = (url: string): Extension[] => (after?.extension ?? []).filter((sub) => sub.url === url);
  const done = new Set<string>();
  const extension = (entry.extension ?? []).flatMap((sub) => {
    if (!replaced.includes(sub.url)) {
      return [sub];
    }
    const first = !done.has(sub.url);
    done.add(sub.url);
    return first ? taken(sub.url) : [];
  });
  return { ...entry, extension: [...extension, ...replaced.filter((url) => !done.has(url)).flatMap(taken)] };
}

/**
 * A copy of the Schedule with its schedule-wide SchedulingParameters replaced (or removed, for `undefined`);
 * entries scoped to a HealthcareService are kept, those that carried the old hours (or zone) taking the new ones.
 *
 * @example
 * const updated = withAvailability(schedule, { timeZone: 'UTC', slotMinutes: 15, weekly: [...] });
 */
export function withAvailability<T extends Schedule>(schedule: T, input: AvailabilityInput | undefined): T {
  const before = schedule.extension?.find(isScheduleWideParameters);
  const after = input ? buildSchedulingParameters(input) : undefined;
  // Visit types that had the schedule's hours written in follow them (see buildVisitTypeParameters).
  const others = (schedule.extension ?? [])
    .filter((ext) => !isScheduleWideParameters(ext))
    .map((ext) => (ext.url === SchedulingParametersURI ? followHours(ext, before, after) : ext));
  const extension = after ? [after, ...others] : others;
  const { extension: _old, ...rest } = schedule;
  return (extension.length > 0 ? { ...rest, extension } : rest) as T;
}

function toTime(text: string): string {
  return /^\d\d:\d\d$/.test(text) ? `${text}:00` : text;
}
