import { describe, expect, test } from 'vitest';
import { occurrences, type RecurrenceRule, validateRule } from '../../core/recurrence';

const at = (iso: string): number => Date.parse(iso);

function startsOf(firstStart: string, zone: string, rule: RecurrenceRule): (string | undefined)[] {
  const result = occurrences(at(firstStart), zone, rule);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.outcome));
  }
  return result.value.map((o) => (o.start === undefined ? undefined : new Date(o.start).toISOString()));
}

function fieldsOf(rule: unknown): string[] {
  return validateRule(rule).flatMap((i) => i.expression ?? []);
}

describe('validateRule', () => {
  test('names the field of each problem', () => {
    expect(fieldsOf(undefined)).toEqual(['rule']);
    expect(fieldsOf({ kind: 'daily', count: 3 })).toEqual(['rule.kind']);
    expect(fieldsOf({ kind: 'weekly', days: [], count: 3 })).toEqual(['rule.days']);
    expect(fieldsOf({ kind: 'weekly', days: ['mon', 'funday', 'mon'], count: 3 })).toEqual([
      'rule.days[1]',
      'rule.days[2]',
    ]);
    expect(fieldsOf({ kind: 'weekly', days: ['mon'], interval: 0, count: 53 })).toEqual([
      'rule.interval',
      'rule.count',
    ]);
    expect(fieldsOf({ kind: 'weekly', days: ['mon'] })).toEqual(['rule.count']);
    expect(fieldsOf({ kind: 'weekly', days: ['mon'], count: 2, until: '2025-05-01' })).toEqual(['rule.until']);
    expect(fieldsOf({ kind: 'weekly', days: ['mon'], until: '2025-02-30' })).toEqual(['rule.until']);
    expect(fieldsOf({ kind: 'monthly', weekday: 'mon', nth: 6, interval: 13, count: 2 })).toEqual([
      'rule.nth',
      'rule.interval',
    ]);
    expect(fieldsOf({ kind: 'monthly', weekday: 'x', nth: -1, count: 2 })).toEqual(['rule.weekday']);
    expect(fieldsOf({ kind: 'monthly', weekday: 'tue', nth: 2, count: 12 })).toEqual([]);
  });
});

describe('occurrences', () => {
  test('weekly at 09:00 New York across the spring change: the same local time, the instant an hour earlier', () => {
    const starts = startsOf('2025-03-03T09:00:00-05:00', 'America/New_York', {
      kind: 'weekly',
      days: ['mon', 'thu'],
      count: 4,
    });
    // Mon 3 Mar, Thu 6 Mar (EST, UTC−5); Mon 10 Mar, Thu 13 Mar (EDT, UTC−4): 09:00 local each time.
    expect(starts).toEqual([
      '2025-03-03T14:00:00.000Z',
      '2025-03-06T14:00:00.000Z',
      '2025-03-10T13:00:00.000Z',
      '2025-03-13T13:00:00.000Z',
    ]);
  });

  test('every 2 weeks, counted in weeks from the first start’s week', () => {
    const starts = startsOf('2025-03-05T10:00:00Z', 'UTC', {
      kind: 'weekly',
      days: ['mon', 'wed'],
      interval: 2,
      count: 4,
    });
    // Wed 5 Mar (its Monday has passed), then the week of 17 Mar, then of 31 Mar.
    expect(starts).toEqual([
      '2025-03-05T10:00:00.000Z',
      '2025-03-17T10:00:00.000Z',
      '2025-03-19T10:00:00.000Z',
      '2025-03-31T10:00:00.000Z',
    ]);
  });

  test('a local time in a spring-forward gap is skipped and reported, and still counts', () => {
    // Sundays at 02:30 New York: on 9 Mar 2025 the clocks jump from 02:00 to 03:00.
    const result = occurrences(at('2025-03-02T02:30:00-05:00'), 'America/New_York', {
      kind: 'weekly',
      days: ['sun'],
      count: 3,
    });
    expect(result.ok && result.value.map((o) => [o.local, o.start !== undefined])).toEqual([
      ['2025-03-02T02:30:00', true],
      ['2025-03-09T02:30:00', false],
      ['2025-03-16T02:30:00', true],
    ]);
    expect(result.ok && result.warnings[0]?.details?.text).toContain(
      'Occurrence 2 (2025-03-09T02:30:00) does not exist'
    );
  });

  test('a repeated hour takes its first instant', () => {
    // 01:30 on Sun 2 Nov 2025 happens twice in New York (EDT, then EST): the first.
    expect(
      startsOf('2025-10-26T01:30:00-04:00', 'America/New_York', { kind: 'weekly', days: ['sun'], count: 2 })
    ).toEqual(['2025-10-26T05:30:00.000Z', '2025-11-02T05:30:00.000Z']);
  });

  test('monthly: the last Monday, and the 5th Monday only in months that have one', () => {
    expect(startsOf('2025-03-31T09:00:00Z', 'UTC', { kind: 'monthly', weekday: 'mon', nth: -1, count: 3 })).toEqual([
      '2025-03-31T09:00:00.000Z',
      '2025-04-28T09:00:00.000Z',
      '2025-05-26T09:00:00.000Z',
    ]);
    expect(startsOf('2025-03-31T09:00:00Z', 'UTC', { kind: 'monthly', weekday: 'mon', nth: 5, count: 3 })).toEqual([
      '2025-03-31T09:00:00.000Z',
      '2025-06-30T09:00:00.000Z',
      '2025-09-29T09:00:00.000Z',
    ]);
  });

  test('until is a local date, inclusive, in the zone', () => {
    // 23:30 Sydney on Mondays: the instants fall on Sunday in UTC; until Mon 17 Mar is read in Sydney.
    const starts = startsOf('2025-03-03T23:30:00+11:00', 'Australia/Sydney', {
      kind: 'weekly',
      days: ['mon'],
      until: '2025-03-17',
    });
    expect(starts).toHaveLength(3);
  });

  test('refusals name the field: a first start the rule does not name, too many occurrences, until too early', () => {
    const fields = (firstStart: string, rule: RecurrenceRule): string[] => {
      const result = occurrences(at(firstStart), 'Europe/London', rule);
      return result.ok ? [] : result.outcome.issue.flatMap((i) => i.expression ?? []);
    };
    expect(fields('2025-03-04T09:00:00Z', { kind: 'weekly', days: ['mon'], count: 2 })).toEqual(['rule.days']);
    expect(fields('2025-03-10T09:00:00Z', { kind: 'monthly', weekday: 'mon', nth: 1, count: 2 })).toEqual(['rule.nth']);
    expect(fields('2025-03-10T09:00:00Z', { kind: 'monthly', weekday: 'tue', nth: 2, count: 2 })).toEqual([
      'rule.weekday',
    ]);
    expect(fields('2025-03-03T09:00:00Z', { kind: 'weekly', days: ['mon', 'tue'], until: '2025-12-31' })).toEqual([
      'rule.until',
    ]);
    expect(fields('2025-03-03T09:00:00Z', { kind: 'weekly', days: ['mon'], until: '2025-03-02' })).toEqual([
      'rule.until',
    ]);
    const zone = occurrences(at('2025-03-03T09:00:00Z'), 'Mars/Olympus', { kind: 'weekly', days: ['mon'], count: 1 });
    expect(zone.ok ? [] : zone.outcome.issue.flatMap((i) => i.expression)).toEqual(['timeZone']);
  });
});
