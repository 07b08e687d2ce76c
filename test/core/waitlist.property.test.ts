/**
 * Properties of the waitlist's pure core: the offer order is total and the same whatever order the entries come in
 * (most urgent first, then the longest waiting); a slot "fits" preferred days and hours exactly when an independent
 * Intl-only reading of its local start and end says so, in any zone, across DST changes.
 */
import type { Slot } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { offerOrder, slotFits, type WaitlistPriority, type Weekday } from '../../core/waitlist';
import { wallDay, wallMinutes } from './oracle';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC', 'America/Santiago'];
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PRIORITIES: WaitlistPriority[] = ['stat', 'asap', 'urgent', 'routine'];
const RANK = { stat: 0, asap: 1, urgent: 2, routine: 3 };
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const entry = fc.record({
  id: fc.uuid(),
  priority: fc.constantFrom(...PRIORITIES),
  added: fc.integer({ min: 0, max: 10_000 }),
});

describe('the offer order', () => {
  test('is the same for any arrival order, most urgent first, then the longest waiting', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, minLength: 1, maxLength: 12 }), (raw) => {
        const items = raw.map((e) => ({
          id: e.id,
          wish: { patient: 'Patient/p', priority: e.priority, addedAt: new Date(e.added * 60_000).toISOString() },
        }));
        const sorted = [...items].sort(offerOrder).map((i) => i.id);
        expect(
          [...items]
            .reverse()
            .sort(offerOrder)
            .map((i) => i.id)
        ).toEqual(sorted);
        const first = raw.find((e) => e.id === sorted[0]);
        for (const other of raw) {
          const better = RANK[other.priority] < RANK[first?.priority ?? 'routine'];
          const sameButOlder = other.priority === first?.priority && other.added < (first?.added ?? 0);
          expect(better || sameButOlder).toBe(false);
        }
      })
    );
  });
});

describe('a slot fits the preferred days and hours', () => {
  test('exactly when its local start and end, read with Intl alone, are on a chosen day within the hours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({
          min: Date.parse('2026-01-01T00:00:00Z') / 60_000,
          max: Date.parse('2027-12-31T00:00:00Z') / 60_000,
        }),
        fc.constantFrom(15, 30, 60),
        fc.subarray(DAYS, { minLength: 1 }),
        fc.integer({ min: 0, max: 22 * 60 }),
        fc.integer({ min: 30, max: 8 * 60 }),
        (zone, startMinute, length, days, from, span) => {
          const start = startMinute * 60_000;
          const end = start + length * 60_000;
          const slot: Slot = {
            resourceType: 'Slot',
            schedule: { reference: 'Schedule/s' },
            status: 'free',
            start: new Date(start).toISOString(),
            end: new Date(end).toISOString(),
          };
          const hours = { start: hhmm(from), end: hhmm(Math.min(from + span, 23 * 60 + 59)) };
          const wish = { patient: 'Patient/p', priority: 'routine' as const, addedAt: '', days, hours };
          const localStart = wallMinutes(start, zone) % 1440;
          const localEnd = wallMinutes(end, zone) % 1440;
          const sameDay = wallDay(start, zone) === wallDay(end, zone);
          const weekday = DAYS[(((wallDay(start, zone) + 3) % 7) + 7) % 7] as Weekday; // 1970-01-01 was a Thursday
          const oracle =
            days.includes(weekday) && sameDay && hhmm(localStart) >= hours.start && hhmm(localEnd) <= hours.end;
          expect(slotFits(wish, slot, zone, [])).toBe(oracle);
        }
      ),
      { numRuns: 300 }
    );
  });
});
