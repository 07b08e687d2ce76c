import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeInstant } from '../../core/describe';

describe('describeInstant', () => {
  test('an instant in words at the offset it was written with', () => {
    expect(describeInstant('2026-12-02T11:30:00-05:00')).toBe('Wed 2 Dec 2026, 11:30 (UTC\u221205:00)');
    expect(describeInstant('2025-03-03T09:00:00Z')).toBe('Mon 3 Mar 2025, 09:00 (UTC+00:00)');
    expect(describeInstant('2025-03-03T09:00:00.000+05:30')).toBe('Mon 3 Mar 2025, 09:00 (UTC+05:30)');
    expect(describeInstant('yesterday')).toBeUndefined();
    expect(describeInstant('2025-03-03T09:00:00')).toBeUndefined(); // no offset: no wall-clock to show
  });

  test('never shows raw syntax, and keeps the written wall-clock time, for any instant and offset', () => {
    const offsets = fc.constantFrom('Z', '+00:00', '-05:00', '+05:30', '+10:00', '-03:30', '+13:45');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), offsets, (ms, offset) => {
        const written = new Date(ms).toISOString().slice(0, 16);
        const text = describeInstant(`${written}:00${offset}`) as string;
        expect(text).toMatch(
          /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(UTC[+\u2212]\d{2}:\d{2}\)$/
        );
        expect(text).toContain(`, ${written.slice(11, 16)} `); // the wall-clock time as written
      })
    );
  });
});
