// @vitest-environment jsdom
import '../dom-setup';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { useScheduleForm } from '../../../app/src/hooks/useScheduleForm';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('useScheduleForm', () => {
  test('a new schedule: errors show once their field is touched; a change makes the form dirty', async () => {
    const medplum = await demoMedplum();
    const { result } = renderHook(() => useScheduleForm(undefined), { wrapper: hookWrapper(medplum) });
    expect(result.current.loading).toBe(false);
    expect(result.current.base).toBeUndefined();
    expect(result.current.errors.actors).toBeTruthy();
    expect(result.current.visibleErrors.actors).toBeUndefined();
    act(() => result.current.touch('actors'));
    expect(result.current.visibleErrors.actors).toBe(result.current.errors.actors);
    expect(result.current.dirty).toBe(false);
    act(() => result.current.set('comment', 'A note'));
    expect(result.current.dirty).toBe(true);
    expect(result.current.shouldBlock()).toBe(true);
  });

  test('editing: the form is filled from the stored schedule, clean until changed', async () => {
    const medplum = await demoMedplum();
    const stored = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) => s.active !== false);
    const { result } = renderHook(() => useScheduleForm(stored?.id), { wrapper: hookWrapper(medplum) });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.base?.id).toBe(stored?.id);
    expect(result.current.form.actors).toEqual(stored?.actor.map((a) => a.reference));
    expect(result.current.dirty).toBe(false);
    act(() => result.current.set('comment', `${stored?.comment ?? ''} (changed)`));
    expect(result.current.dirty).toBe(true);
  });

  test('an unknown schedule is a load error', async () => {
    const medplum = await demoMedplum();
    const { result } = renderHook(() => useScheduleForm('no-such-schedule'), { wrapper: hookWrapper(medplum) });
    await waitFor(() => expect(result.current.loadError).toBeTruthy());
    expect(result.current.loading).toBe(false);
  });
});
