// @vitest-environment jsdom
import '../dom-setup';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { createClinik } from '../../../api';
import { useSchedule } from '../../../app/src/hooks/useSchedule';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('useSchedule', () => {
  test('reads the schedule with its actors, and again on reload', async () => {
    const medplum = await demoMedplum();
    const stored = (await medplum.searchResources('Schedule', { _count: '100' }))[0];
    const id = stored?.id as string;
    const { result } = renderHook(() => useSchedule(id), { wrapper: hookWrapper(medplum) });
    await waitFor(() => expect(result.current.schedule?.id).toBe(id));
    expect(result.current.actors.map((a) => `${a.resourceType}/${a.id}`)).toEqual(
      stored?.actor.map((a) => a.reference)
    );
    await createClinik(medplum).schedules.update(id, { comment: 'Changed elsewhere' });
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.schedule?.comment).toBe('Changed elsewhere'));
  });

  test('an unknown schedule is an error in words; no id reads nothing', async () => {
    const medplum = await demoMedplum();
    const { result } = renderHook(() => useSchedule('no-such-schedule'), { wrapper: hookWrapper(medplum) });
    await waitFor(() => expect(result.current.error).toBeTruthy());
    expect(result.current.schedule).toBeUndefined();
    const none = renderHook(() => useSchedule(undefined), { wrapper: hookWrapper(medplum) });
    expect(none.result.current).toMatchObject({ actors: [] });
    expect(none.result.current.schedule).toBeUndefined();
  });
});
