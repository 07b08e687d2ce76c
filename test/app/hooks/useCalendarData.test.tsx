// @vitest-environment jsdom
import '../dom-setup';
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createLocalMedplum, type LocalMedplum } from '../../../local';
import { FOLLOW, useCalendarData } from '../../../app/src/hooks/useCalendarData';
import { hookWrapper } from './wrapper';

const saved = { ...FOLLOW };
afterEach(() => Object.assign(FOLLOW, saved));

const from = Date.parse('2030-01-07T00:00:00Z');
const range = { from, to: from + 86_400_000 };

async function scheduleWithSlot(medplum: LocalMedplum): Promise<{ id: string; slot: (hour: number) => Slot }> {
  const schedule = await medplum.createResource<Schedule>({
    resourceType: 'Schedule',
    actor: [{ reference: 'Location/r' }],
  });
  const slot = (hour: number): Slot => ({
    resourceType: 'Slot',
    schedule: { reference: `Schedule/${schedule.id}` },
    status: 'free',
    start: new Date(from + hour * 3_600_000).toISOString(),
    end: new Date(from + hour * 3_600_000 + 1_800_000).toISOString(),
  });
  await medplum.createResource(slot(9));
  return { id: schedule.id as string, slot };
}

describe('the calendar follows the bots after a change (Medplum mode: polling)', () => {
  test('says it is updating, picks up slots written after the change, and stops once they settle', async () => {
    Object.assign(FOLLOW, { intervalMs: 30, stablePolls: 2, minPolls: 10, maxMs: 5000 });
    // No bot activity to wait for: the bots run elsewhere, as on a Medplum server.
    const medplum = createLocalMedplum({ subscriptions: false });
    const { id, slot } = await scheduleWithSlot(medplum);
    const changedAt = Date.now();
    const { result } = renderHook(() => useCalendarData(id, range, changedAt), { wrapper: hookWrapper(medplum) });
    // The "bot" finishes its work a moment after the page opened (defect: the calendar stayed stale until Refresh).
    const botDone = new Promise((resolve) => setTimeout(() => resolve(medplum.createResource(slot(10))), 60));
    expect(result.current.updating).toBe(true);
    await waitFor(() => expect(result.current.slots?.length).toBeGreaterThan(0));
    await botDone;
    await waitFor(() => expect(result.current.slots).toHaveLength(2), { timeout: 3000 });
    await waitFor(() => expect(result.current.updating).toBe(false), { timeout: 3000 });
  });
});

describe('the calendar follows the bots after a change (local mode: waiting for them)', () => {
  test('waits for the injected bot activity, then reloads once, without polling', async () => {
    Object.assign(FOLLOW, { intervalMs: 10_000 }); // a poll would not come within the test
    const medplum = createLocalMedplum({ subscriptions: false });
    const { id, slot } = await scheduleWithSlot(medplum);
    let finish: () => void = () => undefined;
    const work = new Promise<void>((resolve) => (finish = resolve));
    const settled = vi.fn(() => work);
    const wrapper = hookWrapper(medplum, { bots: { settled } });
    const changedAt = Date.now();
    const { result } = renderHook(() => useCalendarData(id, range, changedAt), { wrapper });
    await waitFor(() => expect(result.current.slots).toHaveLength(1));
    expect(result.current.updating).toBe(true);
    expect(settled).toHaveBeenCalledOnce();
    await medplum.createResource(slot(10));
    finish();
    await waitFor(() => expect(result.current.updating).toBe(false));
    expect(result.current.slots).toHaveLength(2);
  });

  test('without a change it loads the range and does not wait', async () => {
    const medplum = createLocalMedplum({ subscriptions: false });
    const { id } = await scheduleWithSlot(medplum);
    const settled = vi.fn(() => Promise.resolve());
    const { result } = renderHook(() => useCalendarData(id, range), {
      wrapper: hookWrapper(medplum, { bots: { settled } }),
    });
    await waitFor(() => expect(result.current.slots).toHaveLength(1));
    expect(result.current.updating).toBe(false);
    expect(settled).not.toHaveBeenCalled();
  });
});
