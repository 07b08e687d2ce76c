import type { Slot } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { buildSlot, restoredSlot, withdrawnSlot, WITHDRAWN_EXTENSION_URL } from '../../core/fhir';
import type { AvailabilityInput } from '../../core/availability/write';
import { blockingIntervals, diffSlots } from '../../core/slot-diff';
import { planOf, scheduleWith } from './support';

// America/New_York, March 2025 (EST, -05:00). Mon 3 – Fri 7 March.
const NOW = '2025-03-03T00:00:00-05:00';
const HORIZON = { start: '2025-03-03T00:00:00-05:00', end: '2025-03-08T00:00:00-05:00' };
const hours = (start: string, end: string): AvailabilityInput => ({
  timeZone: 'America/New_York',
  slotMinutes: 60,
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start, end }],
});

/** The Slots the generator would have written for these hours, with ids. */
function generated(input: AvailabilityInput, horizon = HORIZON): Slot[] {
  const plan = planOf(scheduleWith(input, horizon), NOW);
  return plan.slots.map((s, i) => ({ ...buildSlot({ id: 'sch-1' }, s, plan.timeZone), id: `g${i}` }));
}

function handMade(id: string, start: string, end: string, status: Slot['status'] = 'free'): Slot {
  return { resourceType: 'Slot', id, schedule: { reference: 'Schedule/sch-1' }, status, start, end };
}

describe('diffSlots', () => {
  test('first run creates everything; second run changes nothing', () => {
    const plan = planOf(scheduleWith(hours('09:00', '12:00'), HORIZON), NOW);
    const first = diffSlots(plan, []);
    expect(first.create).toHaveLength(15); // 5 days × 3
    const second = diffSlots(plan, generated(hours('09:00', '12:00')));
    expect(second.create).toEqual([]);
    expect(second.cancel).toEqual([]);
    expect(second.keep).toHaveLength(15);
  });

  test('hours changed: surplus free slots cancelled, missing ones created, a booked slot kept as a conflict', () => {
    const existing = generated(hours('09:00', '12:00'));
    // Monday 11:00–12:00 EST is booked.
    const booked = existing.find((s) => s.start === '2025-03-03T11:00:00-05:00') as Slot;
    booked.status = 'busy';
    const plan = planOf(scheduleWith(hours('09:00', '11:00'), HORIZON), NOW, { blocks: blockingIntervals(existing) });
    const diff = diffSlots(plan, existing);
    expect(diff.create).toEqual([]);
    expect(diff.cancel.map((s) => s.start)).toEqual([
      '2025-03-04T11:00:00-05:00', // Tue 11:00 EST
      '2025-03-05T11:00:00-05:00',
      '2025-03-06T11:00:00-05:00',
      '2025-03-07T11:00:00-05:00',
    ]);
    expect(diff.conflicts.map((s) => s.id)).toEqual([booked.id]);
    expect(diff.keep).toHaveLength(10);
  });

  test('duration changed around a booked slot: new slots avoid it', () => {
    const existing = generated(hours('09:00', '11:00'));
    const booked = existing.find((s) => s.start === '2025-03-03T09:00:00-05:00') as Slot;
    booked.status = 'busy';
    const input = { ...hours('09:00', '11:00'), slotMinutes: 40 };
    const plan = planOf(scheduleWith(input, HORIZON), NOW, { blocks: blockingIntervals(existing) });
    const diff = diffSlots(plan, existing);
    const mondayCreates = diff.create.filter((s) => s.start < Date.parse('2025-03-04T00:00:00-05:00'));
    // Monday 09:00–10:00 is booked; of the 40-minute grid (09:00, 09:40, 10:20) only 10:20–11:00 is clear.
    expect(mondayCreates.map((s) => new Date(s.start).toISOString())).toEqual(['2025-03-03T15:20:00.000Z']);
    expect(diff.conflicts).toEqual([]); // still inside the hours
    expect(diff.keep.map((s) => s.id)).toEqual([booked.id]);
  });

  test('horizon shrunk: free slots beyond it cancelled, a booked one reported', () => {
    const existing = generated(hours('09:00', '10:00'));
    const friday = existing.find((s) => s.start === '2025-03-07T09:00:00-05:00') as Slot;
    friday.status = 'busy-tentative';
    const shorter = { start: HORIZON.start, end: '2025-03-06T00:00:00-05:00' };
    const plan = planOf(scheduleWith(hours('09:00', '10:00'), shorter), NOW, { blocks: blockingIntervals(existing) });
    const diff = diffSlots(plan, existing);
    expect(diff.cancel.map((s) => s.start)).toEqual(['2025-03-06T09:00:00-05:00']);
    expect(diff.conflicts.map((s) => s.start)).toEqual(['2025-03-07T09:00:00-05:00']);
  });

  test('deactivation: generated free deleted, hand-made free withdrawn, booked reported, the past untouched', () => {
    const existing = [
      ...generated(hours('09:00', '10:00')),
      handMade('h1', '2025-03-04T14:00:00-05:00', '2025-03-04T14:30:00-05:00'),
      handMade('h2', '2025-03-04T15:00:00-05:00', '2025-03-04T15:30:00-05:00', 'busy'),
      handMade('old', '2025-03-01T09:00:00-05:00', '2025-03-01T10:00:00-05:00'),
    ];
    const plan = planOf(scheduleWith(hours('09:00', '10:00'), HORIZON, { active: false }), NOW);
    const diff = diffSlots(plan, existing);
    expect(diff.cancel).toHaveLength(5);
    expect(diff.withdraw.map((s) => s.id)).toEqual(['h1']);
    expect(diff.conflicts.map((s) => s.id)).toEqual(['h2']);
    expect(diff.create).toEqual([]);
    expect([...diff.cancel, ...diff.withdraw, ...diff.conflicts].some((s) => s.id === 'old')).toBe(false);
  });

  test('reactivation restores exactly the withdrawn slots', () => {
    const withdrawn = withdrawnSlot(
      handMade('h1', '2025-03-04T14:00:00-05:00', '2025-03-04T14:30:00-05:00'),
      'On leave'
    );
    const blockedByHand = handMade('h3', '2025-03-04T16:00:00-05:00', '2025-03-04T16:30:00-05:00', 'busy-unavailable');
    const plan = planOf(scheduleWith(undefined, HORIZON), NOW);
    const diff = diffSlots(plan, [withdrawn, blockedByHand]);
    expect(diff.restore.map((s) => s.id)).toEqual(['h1']);
    expect(restoredSlot(withdrawn)).toEqual(handMade('h1', '2025-03-04T14:00:00-05:00', '2025-03-04T14:30:00-05:00'));
    expect(withdrawn.extension?.[0]).toEqual({ url: WITHDRAWN_EXTENSION_URL, valueString: 'On leave' });
  });

  test('a manual schedule: hand-made slots untouched, no conflicts', () => {
    const plan = planOf(scheduleWith(undefined, HORIZON), NOW);
    const diff = diffSlots(plan, [
      handMade('h1', '2025-03-04T14:00:00-05:00', '2025-03-04T14:30:00-05:00'),
      handMade('h2', '2025-03-04T15:00:00-05:00', '2025-03-04T15:30:00-05:00', 'busy'),
    ]);
    expect(diff).toEqual({ create: [], cancel: [], keep: [], conflicts: [], withdraw: [], restore: [] });
  });

  test('duplicates of one key (a race without conditional create): one kept, the rest cancelled', () => {
    const [first] = generated(hours('09:00', '10:00'));
    const twin = { ...(first as Slot), id: 'twin' };
    const plan = planOf(scheduleWith(hours('09:00', '10:00'), HORIZON), NOW);
    const diff = diffSlots(plan, [first as Slot, twin]);
    expect(diff.keep.map((s) => s.id)).toContain(first?.id);
    expect(diff.cancel.map((s) => s.id)).toEqual(['twin']);
  });

  test('blocking intervals: hand-made and booked slots block, free generated and entered-in-error do not', () => {
    const [free, busy] = generated(hours('09:00', '11:00'));
    const blocks = blockingIntervals([
      free as Slot,
      { ...(busy as Slot), status: 'busy' },
      handMade('h1', '2025-03-04T14:00:00-05:00', '2025-03-04T14:30:00-05:00'),
      handMade('h2', '2025-03-04T15:00:00-05:00', '2025-03-04T15:30:00-05:00', 'entered-in-error'),
    ]);
    expect(blocks.map((b) => new Date(b.start).toISOString())).toEqual([
      '2025-03-03T15:00:00.000Z',
      '2025-03-04T19:00:00.000Z',
    ]);
  });
});
