// @vitest-environment jsdom
import '../dom-setup';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { MockSubscriptionManager } from '@medplum/mock';
import { createClinik } from '../../../api';
import { useWorklist } from '../../../app/src/hooks/useWorklist';
import { LIVE } from '../../../app/src/hooks/useLiveChanges';
import { TASK_TYPE_SYSTEM } from '../../../core/tasks';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

const saved = { ...LIVE };

describe('useWorklist', () => {
  test('loads the reschedule tasks in words, and reloads after a change', async () => {
    const medplum = await demoMedplum(true);
    const { result } = renderHook(() => useWorklist(), { wrapper: hookWrapper(medplum) });
    await waitFor(() => expect(result.current.rows).toBeDefined());
    expect(result.current.rows).toHaveLength(0);
    const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
      s.comment?.startsWith('Dr. Nguyen')
    );
    await createClinik(medplum).schedules.update(schedule?.id as string, { active: false, comment: 'Closed' });
    await medplum.idle();
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.rows).toHaveLength(4));
    expect(result.current.rows?.[0]?.scheduleName).toContain('Dr. Linh Nguyen');
    expect(result.current.error).toBeUndefined();
  });

  test('in Medplum mode a reschedule Task raised elsewhere reaches the worklist through its subscription', async () => {
    Object.assign(LIVE, { debounceMs: 10, fallbackMs: 60_000 });
    const medplum = await demoMedplum(true);
    const { result } = renderHook(() => useWorklist(), { wrapper: hookWrapper(medplum) });
    await waitFor(() => expect(result.current.rows).toHaveLength(0));
    const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
      s.comment?.startsWith('Dr. Nguyen')
    );
    await createClinik(medplum).schedules.update(schedule?.id as string, { active: false, comment: 'Closed' });
    await medplum.idle(); // the bots raise the tasks; nothing reloads the worklist by itself
    expect(result.current.rows).toHaveLength(0);
    const criteria = `Task?code=${TASK_TYPE_SYSTEM}|reschedule-appointment`;
    const manager = medplum.getSubscriptionManager() as MockSubscriptionManager;
    await waitFor(() => expect(manager.getEmitter(criteria)).toBeDefined());
    act(() =>
      manager.emitEventForCriteria(criteria, {
        type: 'message',
        payload: { resourceType: 'Bundle', type: 'history', entry: [] },
      })
    );
    await waitFor(() => expect(result.current.rows).toHaveLength(4));
    Object.assign(LIVE, saved);
  });

  test('an unreadable worklist is an error in words', async () => {
    const medplum = await demoMedplum();
    const failing = Object.create(medplum) as typeof medplum;
    failing.searchResources = () => Promise.reject(new Error('Server down')) as never;
    const { result } = renderHook(() => useWorklist(), { wrapper: hookWrapper(failing) });
    await waitFor(() => expect(result.current.error).toBe('Server down'));
    expect(result.current.rows).toBeUndefined();
  });
});
