import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createLocalMedplum } from '../../local';
import { loadDemoData } from '../../local/demo-data';
import { createClinik } from '../../api';

const NOW = Date.parse('2025-03-03T12:00:00Z');
beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
afterEach(() => vi.useRealTimers());

describe('local demo data', () => {
  test('a clinic across time zones, loaded through the API with the bots running', async () => {
    const medplum = createLocalMedplum();
    const summary = await loadDemoData(medplum, NOW);
    expect(summary.schedules).toBe(7);
    expect(summary.appointments).toBe(16);
    expect(summary.slots).toBeGreaterThan(1000);
    expect(medplum.botRuns.filter((r) => r.error)).toEqual([]);
    const clinik = createClinik(medplum);
    expect((await clinik.schedules.search({ active: false })).data.map((s) => s.comment)).toEqual([
      'Dr. Rao on sabbatical — schedule paused',
    ]);
    const multi = (await clinik.schedules.search({ specialty: 'Obstetrics' })).data[0];
    expect(multi?.actor).toHaveLength(2);
    // The London schedule took its zone from Dr. Patel's timezone extension.
    const { data: london } = await clinik.slots.search({ scheduleId: multi?.id, count: 1 });
    expect(london[0]?.start).toMatch(/T1[0-5]:[0-5]0:00\+00:00$/); // GMT in March, inside 10:00–16:00
    expect((await medplum.searchResources('Slot', { status: 'busy', _count: '100' })).length).toBe(16);
  });
});
