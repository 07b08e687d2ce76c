// @vitest-environment jsdom
import '../dom-setup';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { conceptText } from '../../../core/terminology';
import { useSchedulesSearch } from '../../../app/src/hooks/useSchedulesSearch';
import { filtersFrom } from '../../../app/src/schedule-search';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('useSchedulesSearch', () => {
  test('one page of the schedules the filters select; the text narrows them, partially and in any case', async () => {
    const medplum = await demoMedplum();
    const all = filtersFrom(new URLSearchParams('status=all'));
    const { result, rerender } = renderHook(({ text }) => useSchedulesSearch(all, text), {
      wrapper: hookWrapper(medplum),
      initialProps: { text: '' },
    });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    const total = result.current.result?.data.length ?? 0;
    expect(total).toBeGreaterThan(1);
    rerender({ text: 'CARDIO' });
    await waitFor(() => expect(result.current.result?.data.length).toBeLessThan(total));
    const specialties = result.current.result?.data.flatMap((s) => s.specialty?.map(conceptText) ?? []);
    expect(specialties?.some((t) => /cardio/i.test(t))).toBe(true);
    expect(result.current.error).toBeUndefined();
  });

  test('a failed search is an error in words', async () => {
    const medplum = await demoMedplum();
    const failing = Object.create(medplum) as typeof medplum;
    failing.search = () => Promise.reject(new Error('Server down')) as never;
    failing.searchResources = () => Promise.reject(new Error('Server down')) as never;
    const filters = filtersFrom(new URLSearchParams());
    const { result } = renderHook(() => useSchedulesSearch(filters, ''), { wrapper: hookWrapper(failing) });
    await waitFor(() => expect(result.current.error).toBe('Server down'));
    expect(result.current.loading).toBe(false);
  });
});
