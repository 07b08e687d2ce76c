// @vitest-environment jsdom
import '../dom-setup';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { findInput, useFindSlots } from '../../../app/src/hooks/useFindSlots';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('useFindSlots', () => {
  test('a URL that ran "first available" searches on opening; new criteria search again from the first page', async () => {
    const medplum = await demoMedplum();
    const { result } = renderHook(() => useFindSlots(), {
      wrapper: hookWrapper(medplum, { path: '/find?serviceType=Consultation&run=first' }),
    });
    expect(result.current.criteria.serviceType).toBe('Consultation');
    await waitFor(() => expect(result.current.result?.data.length).toBeGreaterThan(0), { timeout: 5000 });
    const starts = result.current.result?.data.map((f) => f.slot.start) ?? [];
    expect([...starts].sort()).toEqual(starts); // nearest first
    act(() => result.current.change({ serviceType: 'No such service' }));
    act(() => result.current.submit(false));
    await waitFor(() => expect(result.current.result?.data).toHaveLength(0), { timeout: 5000 });
    expect(result.current.loading).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  test('without `run` in the URL nothing is searched', async () => {
    const medplum = await demoMedplum();
    const { result } = renderHook(() => useFindSlots(), { wrapper: hookWrapper(medplum, { path: '/find' }) });
    expect(result.current.loading).toBe(false);
    expect(result.current.result).toBeUndefined();
  });

  test('the date range covers whole days; "first available" looks 180 days ahead from now', () => {
    const criteria = {
      visitType: '',
      specialty: ' Cardiology ',
      serviceType: '',
      actorId: '',
      from: '2030-01-07',
      to: '2030-01-08',
    };
    const range = findInput(criteria, 20, false);
    expect(range).toMatchObject({ specialty: 'Cardiology', count: 20, offset: 20 });
    expect(range.healthcareServiceId).toBeUndefined();
    expect(findInput({ ...criteria, visitType: 'new-patient' }, 0, false).healthcareServiceId).toBe('new-patient');
    expect(Date.parse(range.to as string) - Date.parse(range.from as string)).toBe(2 * 86_400_000);
    const first = findInput(criteria, 0, true);
    expect(Date.parse(first.to as string) - Date.parse(first.from as string)).toBeGreaterThanOrEqual(
      180 * 86_400_000 - 1000
    );
  });
});
