/**
 * A run writes from the plan it read; a slot someone else makes meanwhile (by hand, a native `$book`) must not end
 * up beside a generated one on the same time. Found on Medplum 5.1.29: a hand-made 12:00 restored after a native
 * `$cancel` stood beside a generated 12:00 the schedule's running fill wrote from its earlier read.
 */
import type { Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createClinik } from '../../api';
import { isGeneratedSlot } from '../../core/fhir';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { syncScheduleSlots } from '../../engine/sync/schedule-sync';

let medplum: LocalMedplum;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T00:00:00Z') });
  medplum = createLocalMedplum({ subscriptions: false }); // the bots are run by hand
});
afterEach(() => vi.useRealTimers());

async function weekdaySchedule(): Promise<string> {
  const { data } = await createClinik(medplum).schedules.create({
    actorIds: ['Practitioner/dr_smith'],
    planningHorizon: { start: '2025-03-03T00:00:00Z', end: '2025-03-08T00:00:00Z' },
    availability: {
      timeZone: 'UTC',
      slotMinutes: 30,
      weekly: [{ days: ['mon', 'tue'], start: '09:00', end: '12:00' }],
    },
  });
  return data.id;
}

async function slotsAt(scheduleId: string, start: string): Promise<Slot[]> {
  const all = await medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}`, _count: '1000' });
  return all.filter((s) => Date.parse(s.start) === Date.parse(start) && s.status !== 'entered-in-error');
}

describe('slots written by others while a run writes from its plan', () => {
  test('a slot made by hand after the plan was read takes its time: the generated duplicate is taken away', async () => {
    const scheduleId = await weekdaySchedule();
    const handMade = { start: '2025-03-04T10:00:00Z', end: '2025-03-04T10:30:00Z' };
    // The front desk makes its slot after the run read the schedule's slots, before the run's first batch.
    const batch = medplum.executeBatch.bind(medplum);
    let first = true;
    vi.spyOn(medplum, 'executeBatch').mockImplementation(async (bundle, options) => {
      if (first) {
        first = false;
        await createClinik(medplum).slots.create({ scheduleId, ...handMade });
      }
      return batch(bundle, options);
    });
    const { summary } = await syncScheduleSlots(medplum, scheduleId);
    const at = await slotsAt(scheduleId, handMade.start);
    expect(at.map((s) => `${s.status} ${isGeneratedSlot(s) ? 'generated' : 'by hand'}`)).toEqual(['free by hand']);
    expect(summary.complete).toBe(true);
    // Every other planned time has its one slot: 12 on Monday and Tuesday, the hand-made one among them.
    const all = await medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}`, _count: '1000' });
    expect(all.filter((s) => s.status === 'free')).toHaveLength(12);
  });

  test('a run in which nobody else wrote makes no second pass', async () => {
    const scheduleId = await weekdaySchedule();
    const search = vi.spyOn(medplum, 'searchResources');
    const { summary } = await syncScheduleSlots(medplum, scheduleId);
    expect(summary.passes).toBe(1);
    expect(summary.created).toBe(12);
    const looks = search.mock.calls.filter(([, query]) => String(new URLSearchParams(query as never)).includes('_tag'));
    expect(looks).toHaveLength(1); // the one look after the pass that created slots
  });
});
