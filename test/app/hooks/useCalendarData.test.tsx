// @vitest-environment jsdom
import '../dom-setup';
import type { Schedule, Slot, Task } from '@medplum/fhirtypes';
import { ReadablePromise } from '@medplum/core';
import type { MockSubscriptionManager } from '@medplum/mock';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createLocalMedplum, type LocalMedplum } from '../../../local';
import { FOLLOW } from '../../../app/src/calendar/follow';
import { useCalendarData } from '../../../app/src/hooks/useCalendarData';
import { LIVE } from '../../../app/src/hooks/useLiveChanges';
import { SYNC_TASK_SYSTEM } from '../../../engine/sync/lease';
import { hookWrapper } from './wrapper';

const saved = { ...FOLLOW };
const savedLive = { ...LIVE };
afterEach(() => {
  Object.assign(FOLLOW, saved);
  Object.assign(LIVE, savedLive);
});

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
    const follow = { since: Date.now(), what: 'booking' as const };
    const { result } = renderHook(() => useCalendarData(id, range, follow), { wrapper: hookWrapper(medplum) });
    // The "bot" finishes its work a moment after the page opened (defect: the calendar stayed stale until Refresh).
    const botDone = new Promise((resolve) => setTimeout(() => resolve(medplum.createResource(slot(10))), 60));
    expect(result.current.updating).toBe('Updating: the calendar is catching up with the booking…');
    await waitFor(() => expect(result.current.slots?.length).toBeGreaterThan(0));
    await botDone;
    await waitFor(() => expect(result.current.slots).toHaveLength(2), { timeout: 3000 });
    await waitFor(() => expect(result.current.updating).toBeUndefined(), { timeout: 3000 });
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
    const follow = { since: Date.now(), what: 'edit' as const, version: '1' };
    const { result } = renderHook(() => useCalendarData(id, range, follow), { wrapper });
    await waitFor(() => expect(result.current.slots).toHaveLength(1));
    expect(result.current.updating).toBe('Updating: the bots are making the slots for your change…');
    expect(settled).toHaveBeenCalledOnce();
    await medplum.createResource(slot(10));
    finish();
    await waitFor(() => expect(result.current.updating).toBeUndefined());
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
    expect(result.current.updating).toBeUndefined();
    expect(settled).not.toHaveBeenCalled();
  });
});

/** Writes the schedule's slot-sync Task (one per Schedule) as the bots do when they finish or refuse a version. */
async function botSays(medplum: LocalMedplum, scheduleId: string, status: 'completed' | 'failed', version: string) {
  const identifier = [{ system: SYNC_TASK_SYSTEM, value: scheduleId }];
  const existing = await medplum.searchOne('Task', { identifier: `${SYNC_TASK_SYSTEM}|${scheduleId}` });
  const task: Task = {
    ...(existing ?? { resourceType: 'Task', intent: 'order', identifier }),
    status,
    ...(status === 'failed' ? { businessStatus: { text: 'These rules make too many slots.' } } : {}),
    input: [{ type: { text: status === 'failed' ? 'refused-version' : 'synced-version' }, valueString: version }],
  };
  await (existing ? medplum.updateResource(task as Task & { id: string }) : medplum.createResource(task));
}

describe('a change to the schedule is followed on its slot-sync Task (Medplum mode)', () => {
  test('"Updating" lasts until the bots name that very version as done, however long the slots stand still', async () => {
    Object.assign(FOLLOW, { intervalMs: 20, stablePolls: 1, minPolls: 1, maxSyncMs: 10_000 });
    const medplum = createLocalMedplum({ subscriptions: false });
    const { id } = await scheduleWithSlot(medplum);
    const onSettled = vi.fn();
    const follow = { since: Date.now(), what: 'deactivation' as const, version: 'v2' };
    const { result } = renderHook(() => useCalendarData(id, range, follow, onSettled), {
      wrapper: hookWrapper(medplum),
    });
    expect(result.current.updating).toBe("Updating: the bots are withdrawing this schedule's free slots…");
    await botSays(medplum, id, 'completed', 'v1'); // an older version: not this change
    await new Promise((resolve) => setTimeout(resolve, 300)); // 15 polls with the slots unchanged
    expect(result.current.updating).toBeDefined(); // the slot fingerprint alone would have stopped long ago
    expect(onSettled).not.toHaveBeenCalled();
    await botSays(medplum, id, 'failed', 'v2');
    await waitFor(() => expect(result.current.updating).toBeUndefined());
    expect(onSettled).toHaveBeenCalledWith(expect.objectContaining({ state: 'refused', version: 'v2' }));
  });
});

describe('changes made elsewhere reach the calendar (Medplum mode)', () => {
  test('a subscription notification on the schedule’s Slots reloads the calendar, without polling', async () => {
    Object.assign(LIVE, { debounceMs: 10, fallbackMs: 60_000 });
    const medplum = createLocalMedplum({ subscriptions: false });
    const { id, slot } = await scheduleWithSlot(medplum);
    const { result } = renderHook(() => useCalendarData(id, range), { wrapper: hookWrapper(medplum) });
    await waitFor(() => expect(result.current.slots).toHaveLength(1));
    const criteria = `Slot?schedule=Schedule/${id}`;
    const manager = medplum.getSubscriptionManager() as MockSubscriptionManager;
    await waitFor(() => expect(manager.getEmitter(criteria)).toBeDefined()); // subscribed
    act(() => manager.emitEventForCriteria(criteria, { type: 'connect', payload: { subscriptionId: 'sub-1' } }));
    await waitFor(() => expect(result.current.live).toBe(true));
    await medplum.createResource(slot(11)); // another front desk's write
    expect(result.current.slots).toHaveLength(1); // no poll picks it up
    act(() =>
      manager.emitEventForCriteria(criteria, {
        type: 'message',
        payload: { resourceType: 'Bundle', type: 'history', entry: [] },
      })
    );
    await waitFor(() => expect(result.current.slots).toHaveLength(2));
  });
});

describe('the calendar shows the range it is on, never another', () => {
  test("while the next day loads it shows none of the last day's slots, and a slow load left behind never wins", async () => {
    const medplum = createLocalMedplum({ subscriptions: false });
    const { id, slot } = await scheduleWithSlot(medplum); // 09:00 on the first day
    await medplum.createResource(slot(24 + 10)); // 10:00 on the next
    const nextDay = { from: range.to, to: range.to + 86_400_000 };
    // The first day's Slot search is held until released; the next day's goes through.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const search = medplum.search.bind(medplum);
    const firstDay = encodeURIComponent(new Date(range.from).toISOString());
    vi.spyOn(medplum, 'search').mockImplementation(
      (type, query, options) =>
        new ReadablePromise(
          (async () => {
            if (type === 'Slot' && String(query).includes(firstDay)) await held;
            return search(type, query, options);
          })()
        )
    );
    const { result, rerender } = renderHook(({ r }) => useCalendarData(id, r), {
      wrapper: hookWrapper(medplum),
      initialProps: { r: range },
    });
    rerender({ r: nextDay });
    await waitFor(() => expect(result.current.slots?.map((s) => s.start)).toEqual([slot(34).start]));
    await act(async () => {
      release();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(result.current.slots?.map((s) => s.start)).toEqual([slot(34).start]);

    // Back to the first day: until its own load is in, no slots are shown (not the next day's under its dates).
    rerender({ r: range });
    expect(result.current.slots).toBeUndefined();
    await waitFor(() => expect(result.current.slots?.map((s) => s.start)).toEqual([slot(9).start]));
  });
});
