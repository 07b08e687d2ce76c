import { SchedulingParametersURI, TimezoneExtensionURI } from '@medplum/core';
import type { Extension, OperationOutcomeIssue, Practitioner } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { readClosed } from '../../core/availability/closed';
import { readDurations, readMinutes } from '../../core/availability/durations';
import { dateOnlyBound } from '../../core/availability/horizon';
import { isScheduleWideParameters, takesZoneFromActors } from '../../core/availability/parameters';
import { readTime, readWindow } from '../../core/availability/windows';
import { readTimeZone } from '../../core/availability/zone';

const W = 'Schedule.extension[0]';
/** An availableTime from `[url, value]` parts: daysOfWeek codes, start/end times, allDay, anything else as text. */
function availableTime(...parts: [string, string | boolean][]): Extension {
  const part = ([url, value]: [string, string | boolean]): Extension => {
    if (typeof value === 'boolean') {
      return { url, valueBoolean: value };
    }
    if (url === 'daysOfWeek') {
      return { url, valueCode: value };
    }
    return url.endsWith('Time') ? { url, valueTime: value } : { url, valueString: value };
  };
  return { url: 'availableTime', extension: parts.map(part) };
}
const expressions = (issues: OperationOutcomeIssue[]): (string | undefined)[] => issues.map((i) => i.expression?.[0]);

describe('parameters', () => {
  test('an entry with a service is not schedule-wide; any entry without a timezone (a visit type’s too) needs the actors', () => {
    const wide: Extension = { url: SchedulingParametersURI, extension: [{ url: 'duration' }] };
    const scoped: Extension = { url: SchedulingParametersURI, extension: [{ url: 'service' }] };
    expect(isScheduleWideParameters(wide)).toBe(true);
    expect(isScheduleWideParameters(scoped)).toBe(false);
    expect(isScheduleWideParameters({ url: 'other' })).toBe(false);
    expect(takesZoneFromActors({ resourceType: 'Schedule', actor: [], extension: [wide] })).toBe(true);
    expect(takesZoneFromActors({ resourceType: 'Schedule', actor: [], extension: [scoped] })).toBe(true);
    const scopedZoned = { ...scoped, extension: [{ url: 'service' }, { url: 'timezone', valueCode: 'UTC' }] };
    expect(takesZoneFromActors({ resourceType: 'Schedule', actor: [], extension: [scopedZoned] })).toBe(false);
    const zoned = { ...wide, extension: [{ url: 'timezone', valueCode: 'UTC' }] };
    expect(takesZoneFromActors({ resourceType: 'Schedule', actor: [], extension: [zoned] })).toBe(false);
  });
});

describe('durations', () => {
  test('readMinutes converts units and refuses negative, fractional, unitless and zero (when positive)', () => {
    const issues: OperationOutcomeIssue[] = [];
    const read = (valueDuration: Extension['valueDuration'], positive = false): number | undefined =>
      readMinutes({ url: 'duration', valueDuration }, W, 'Slot duration', issues, { positive });
    expect(read({ value: 1, unit: 'h' })).toBe(60);
    expect(read({ value: 0, unit: 'min' })).toBe(0);
    expect(issues).toEqual([]);
    expect(read({ value: -5, unit: 'min' })).toBeUndefined();
    expect(read({ value: 1.5, unit: 'min' })).toBeUndefined();
    expect(read({ value: 5 })).toBeUndefined();
    expect(read({ value: 0, unit: 'min' }, true)).toBeUndefined();
    expect(readMinutes({ url: 'duration' }, W, 'Slot duration', issues)).toBeUndefined();
    expect(expressions(issues)).toEqual([
      `${W}.valueDuration`,
      `${W}.valueDuration`,
      `${W}.valueDuration`,
      `${W}.valueDuration`,
      W,
    ]);
  });

  test('readDurations reads every duration in order, and refuses an offset without an interval', () => {
    const subs: Extension[] = [
      { url: 'duration', valueDuration: { value: 30, unit: 'min' } },
      { url: 'bufferAfter', valueDuration: { value: 5, unit: 'min' } },
      { url: 'alignmentInterval', valueDuration: { value: 15, unit: 'min' } },
      { url: 'alignmentOffset', valueDuration: { value: 5, unit: 'min' } },
    ];
    const issues: OperationOutcomeIssue[] = [];
    expect(readDurations(subs, W, issues)).toEqual({
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 5,
      alignmentIntervalMinutes: 15,
      alignmentOffsetMinutes: 5,
    });
    expect(issues).toEqual([]);
    const withoutInterval = subs.filter((s) => s.url !== 'alignmentInterval');
    readDurations(withoutInterval, W, issues);
    expect(expressions(issues)).toEqual([`${W}.extension[2]`]);
  });

  test('readDurations requires a duration and an offset shorter than the interval', () => {
    const issues: OperationOutcomeIssue[] = [];
    const result = readDurations(
      [
        { url: 'alignmentInterval', valueDuration: { value: 15, unit: 'min' } },
        { url: 'alignmentOffset', valueDuration: { value: 15, unit: 'min' } },
      ],
      W,
      issues
    );
    expect(result).toMatchObject({ durationMinutes: 0, alignmentOffsetMinutes: 15 });
    expect(expressions(issues)).toEqual([W, `${W}.extension[1].valueDuration`]);
  });
});

describe('windows', () => {
  test('readTime reads HH:MM and HH:MM:00, and refuses seconds and out-of-range times', () => {
    const issues: OperationOutcomeIssue[] = [];
    expect(readTime('09:30', 'w', issues)).toBe(570);
    expect(readTime('23:59:00.000', 'w', issues)).toBe(1439);
    expect(issues).toEqual([]);
    expect(readTime('09:30:15', 'w', issues)).toBeUndefined();
    expect(readTime('24:00:00', 'w', issues)).toBeUndefined();
    expect(readTime(undefined, 'w', issues)).toBeUndefined();
    expect(issues).toHaveLength(3);
  });

  test('readWindow: days once each, overnight windows past 1440, all day', () => {
    const issues: OperationOutcomeIssue[] = [];
    const overnight = availableTime(
      ['daysOfWeek', 'fri'],
      ['daysOfWeek', 'fri'],
      ['availableStartTime', '22:00:00'],
      ['availableEndTime', '02:00:00']
    );
    expect(readWindow(overnight, 'w', issues)).toEqual({ days: ['fri'], startMinute: 1320, endMinute: 1560 });
    const allDay = availableTime(['daysOfWeek', 'sat'], ['allDay', true]);
    expect(readWindow(allDay, 'w', issues)).toEqual({ days: ['sat'], startMinute: 0, endMinute: 1440 });
    expect(issues).toEqual([]);
  });

  test('readWindow reports each problem at its element', () => {
    const issues: OperationOutcomeIssue[] = [];
    const bad = availableTime(['daysOfWeek', 'monday'], ['availableStartTime', '9am'], ['colour', 'blue']);
    expect(readWindow(bad, 'w', issues)).toBeUndefined();
    expect(expressions(issues)).toEqual(['w.extension[0].valueCode', 'w.extension[1].valueTime', 'w.extension[2]']);
    const equal = availableTime(
      ['daysOfWeek', 'mon'],
      ['availableStartTime', '09:00:00'],
      ['availableEndTime', '09:00:00']
    );
    const more: OperationOutcomeIssue[] = [];
    expect(readWindow(equal, 'w', more)).toBeUndefined();
    expect(expressions(more)).toEqual(['w.extension[1]']);
  });
});

describe('closed periods', () => {
  test('readClosed reads a period with offsets and its description', () => {
    const issues: OperationOutcomeIssue[] = [];
    const item: Extension = {
      url: 'notAvailableTime',
      extension: [
        { url: 'description', valueString: 'Holiday' },
        { url: 'during', valuePeriod: { start: '2025-01-02T00:00:00Z', end: '2025-01-03T00:00:00Z' } },
      ],
    };
    expect(readClosed(item, 'c', issues)).toEqual({
      description: 'Holiday',
      start: Date.parse('2025-01-02T00:00:00Z'),
      end: Date.parse('2025-01-03T00:00:00Z'),
    });
    expect(issues).toEqual([]);
  });

  test('readClosed refuses a missing, open-ended or backwards period', () => {
    const issues: OperationOutcomeIssue[] = [];
    const during = (start?: string, end?: string): Extension => ({
      url: 'notAvailableTime',
      extension: [{ url: 'during', valuePeriod: { start, end } }],
    });
    expect(readClosed({ url: 'notAvailableTime' }, 'c', issues)).toBeUndefined();
    expect(readClosed(during('2025-01-02T00:00:00Z'), 'c', issues)).toBeUndefined();
    expect(readClosed(during('2025-01-03T00:00:00Z', '2025-01-02T00:00:00Z'), 'c', issues)).toBeUndefined();
    expect(expressions(issues)).toEqual(['c', 'c.extension[0].valuePeriod', 'c.extension[0].valuePeriod.end']);
  });
});

describe('horizon', () => {
  test('dateOnlyBound: a year, month or day in the zone; an end bound is the start of the next one', () => {
    expect(dateOnlyBound('2025', 'start', 'UTC')).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(dateOnlyBound('2025', 'end', null)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(dateOnlyBound('2025-03', 'end', 'UTC')).toBe(Date.parse('2025-04-01T00:00:00Z'));
    expect(dateOnlyBound('2025-03-09', 'end', 'America/New_York')).toBe(Date.parse('2025-03-10T00:00:00-04:00'));
    expect(dateOnlyBound('2025-02-30', 'start', 'UTC')).toBeUndefined();
    expect(dateOnlyBound('March 2025', 'start', 'UTC')).toBeUndefined();
  });
});

describe('zone', () => {
  const params = (...extension: Extension[]): Extension => ({ url: SchedulingParametersURI, extension });
  const actor = (zone: string): Practitioner => ({
    resourceType: 'Practitioner',
    extension: [{ url: TimezoneExtensionURI, valueCode: zone }],
  });

  test('the parameters’ own zone wins; an unknown one is an issue at its code', () => {
    const issues: OperationOutcomeIssue[] = [];
    expect(readTimeZone(params({ url: 'timezone', valueCode: 'Europe/Paris' }), W, [], issues, [])).toBe(
      'Europe/Paris'
    );
    expect(
      readTimeZone(params({ url: 'duration' }, { url: 'timezone', valueCode: 'Mars/Base' }), W, [], issues, [])
    ).toBe(null);
    expect(expressions(issues)).toEqual([`${W}.extension[1].valueCode`]);
  });

  test('else the first actor’s zone, with a warning when actors disagree; none is an issue', () => {
    const issues: OperationOutcomeIssue[] = [];
    const warnings: OperationOutcomeIssue[] = [];
    expect(readTimeZone(params(), W, [actor('Asia/Tokyo'), actor('UTC')], issues, warnings)).toBe('Asia/Tokyo');
    expect(expressions(warnings)).toEqual(['Schedule.actor']);
    expect(readTimeZone(params(), W, [], issues, warnings)).toBe(null);
    expect(readTimeZone(params(), W, [actor('Nowhere/City')], issues, warnings)).toBe(null);
    expect(expressions(issues)).toEqual([W, 'Schedule.actor']);
  });
});
