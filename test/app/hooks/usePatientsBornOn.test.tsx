// @vitest-environment jsdom
import '../dom-setup';
import type { WithId } from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { usePatientsBornOn } from '../../../app/src/hooks/usePatientsBornOn';
import { asAdmin, demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('usePatientsBornOn', () => {
  test('lists the patients born on a whole date, and none for a partial one', async () => {
    const medplum = await demoMedplum();
    const first = (await medplum.searchResources('Patient', { _count: '1' }))[0] as WithId<Patient>;
    const someone = await asAdmin(medplum, () => medplum.updateResource({ ...first, birthDate: '1906-12-09' }));
    const born = '1906-12-09';
    const { result, rerender } = renderHook(({ date }) => usePatientsBornOn(date), {
      wrapper: hookWrapper(medplum),
      initialProps: { date: born },
    });
    await waitFor(() => expect(result.current.map((p) => p.id)).toContain(someone?.id));
    expect(result.current.every((p) => p.birthDate === born)).toBe(true);
    rerender({ date: born.slice(0, 7) });
    await waitFor(() => expect(result.current).toHaveLength(0));
  });
});
