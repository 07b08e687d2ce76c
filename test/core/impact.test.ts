import type { Slot } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { buildSlot } from '../../core/fhir';
import { previewImpact } from '../../core/impact';
import { planOf, scheduleWith } from './support';

const HORIZON = { start: '2025-03-03T00:00:00Z', end: '2025-03-05T00:00:00Z' };
const HOURS = {
  timeZone: 'UTC',
  slotMinutes: 60,
  weekly: [{ days: ['mon' as const, 'tue' as const], start: '09:00', end: '11:00' }],
};

describe('previewImpact', () => {
  test('deactivation: free slots withdrawn or deleted, booked ones affected; nothing mutated', () => {
    const schedule = scheduleWith(HOURS, HORIZON);
    const plan = planOf(schedule, HORIZON.start);
    const slots: Slot[] = plan.slots.map((s, i) => ({
      ...buildSlot(schedule, s, 'UTC'),
      id: `g${i}`,
      status: i === 0 ? 'busy' : 'free',
    }));
    const hand: Slot = {
      resourceType: 'Slot',
      id: 'h',
      schedule: { reference: 'Schedule/sch-1' },
      status: 'free',
      start: '2025-03-04T15:00:00Z',
      end: '2025-03-04T15:30:00Z',
    };
    const before = structuredClone([...slots, hand]);
    const impact = previewImpact({ ...schedule, active: false }, [...slots, hand], Date.parse(HORIZON.start));
    expect(impact.ok).toBe(true);
    if (impact.ok) {
      expect(impact.value.deleted).toHaveLength(3);
      expect(impact.value.withdrawn.map((s) => s.id)).toEqual(['h']);
      expect(impact.value.affected.map((s) => s.id)).toEqual(['g0']);
      expect(impact.value.created).toEqual([]);
    }
    expect([...slots, hand]).toEqual(before);
  });

  test('invalid rules: the issues, as the bot would report them', () => {
    const impact = previewImpact(scheduleWith({ ...HOURS, slotMinutes: 0 }, HORIZON), [], 0);
    expect(impact.ok).toBe(false);
  });
});
