import type { Slot } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildSlot, slotKey } from '../../core/fhir';
import { isPlannedAsItIs } from '../../core/plan-fit';
import { planOf, scheduleWith } from './support';

const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const NOW = Date.parse('2025-03-01T00:00:00Z');
const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const rules = fc.record({
  zone: fc.constantFrom(...ZONES),
  slotMinutes: fc.constantFrom(15, 20, 30, 45, 60),
  start: fc.integer({ min: 0, max: 20 * 4 }).map((q) => q * 15),
  length: fc.integer({ min: 1, max: 16 }).map((q) => q * 30),
  days: fc.subarray([...DAYS], { minLength: 1 }),
});

describe('isPlannedAsItIs: the one-day check agrees with the whole plan', () => {
  test('true exactly for a slot whose key the full plan has', () => {
    fc.assert(
      fc.property(
        rules,
        fc.nat(),
        fc.integer({ min: 0, max: 60 * 24 * 40 }),
        fc.boolean(),
        (r, pick, minute, planned) => {
          const schedule = scheduleWith(
            {
              timeZone: r.zone,
              slotMinutes: r.slotMinutes,
              weekly: [{ days: r.days, start: hhmm(r.start), end: hhmm(Math.min(r.start + r.length, 23 * 60 + 45)) }],
            },
            { start: '2025-03-01T00:00:00Z', end: '2025-04-15T00:00:00Z' }
          );
          const plan = planOf(schedule, '2025-03-01T00:00:00Z');
          const keys = new Set(plan.slots.map((s) => s.key));
          const chosen = plan.slots[pick % Math.max(1, plan.slots.length)];
          const start = NOW + minute * 60_000;
          const candidate =
            planned && chosen
              ? chosen
              : {
                  key: slotKey('sch-1', start, start + r.slotMinutes * 60_000),
                  start,
                  end: start + r.slotMinutes * 60_000,
                };
          const slot: Slot = buildSlot(schedule, candidate, plan.timeZone);
          expect(isPlannedAsItIs(schedule, slot, NOW)).toBe(keys.has(candidate.key));
        }
      ),
      { numRuns: 150 }
    );
  });

  test('false for visit types, a zone taken from the actors, an inactive schedule or a hand-made slot', () => {
    const input = {
      timeZone: 'UTC',
      slotMinutes: 30,
      weekly: [{ days: ['mon' as const], start: '09:00', end: '10:00' }],
    };
    const horizon = { start: '2025-03-03T00:00:00Z', end: '2025-03-04T00:00:00Z' };
    const schedule = scheduleWith(input, horizon);
    const planned = planOf(schedule, '2025-03-01T00:00:00Z').slots[0];
    if (!planned) {
      throw new Error('nothing planned');
    }
    const slot = buildSlot(schedule, planned, 'UTC');
    expect(isPlannedAsItIs(schedule, slot, NOW)).toBe(true);
    expect(isPlannedAsItIs({ ...schedule, active: false }, slot, NOW)).toBe(false);
    expect(isPlannedAsItIs(schedule, { ...slot, identifier: [] }, NOW)).toBe(false);
    const scoped = {
      ...schedule,
      extension: [
        ...(schedule.extension ?? []),
        ...(schedule.extension ?? []).map((e) => ({
          ...e,
          extension: [
            ...(e.extension ?? []),
            { url: 'service', valueReference: { reference: 'HealthcareService/hs-1' } },
          ],
        })),
      ],
    };
    expect(isPlannedAsItIs(scoped, slot, NOW)).toBe(false);
    const zoneless = {
      ...schedule,
      extension: (schedule.extension ?? []).map((e) => ({
        ...e,
        extension: (e.extension ?? []).filter((sub) => sub.url !== 'timezone'),
      })),
    };
    expect(isPlannedAsItIs(zoneless, slot, NOW)).toBe(false);
    expect(isPlannedAsItIs(schedule, slot, Date.parse('2025-03-03T09:10:00Z'))).toBe(false); // started: history
  });
});
