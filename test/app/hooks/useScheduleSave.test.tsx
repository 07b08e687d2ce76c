// @vitest-environment jsdom
import '../dom-setup';
import type { Schedule } from '@medplum/fhirtypes';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, test } from 'vitest';
import { useScheduleSave } from '../../../app/src/hooks/useScheduleSave';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('useScheduleSave', () => {
  test('refuses to save with errors; writes exactly the patch otherwise', async () => {
    const medplum = await demoMedplum(true);
    const base = (await medplum.searchResources('Schedule', { _count: '100' }))[0] as Schedule & { id: string };
    const summaryRef = createRef<HTMLDivElement>();
    const input = { base, draft: base, actors: [], summaryRef, patch: { comment: 'Saved by the hook' } };
    const { result, rerender } = renderHook(({ errors }) => useScheduleSave({ ...input, errors }), {
      wrapper: hookWrapper(medplum),
      initialProps: { errors: { actors: 'Choose at least one actor.' } as Record<string, string> },
    });
    await act(() => result.current.save());
    expect(result.current.submitted).toBe(true);
    expect((await medplum.readResource('Schedule', base.id)).comment).not.toBe('Saved by the hook');
    expect(result.current.saved()).toBe(false);
    rerender({ errors: {} });
    await act(() => result.current.save());
    await waitFor(() => expect(result.current.saving).toBe(false));
    const stored = await medplum.readResource('Schedule', base.id);
    expect(stored.comment).toBe('Saved by the hook');
    expect(stored.planningHorizon).toEqual(base.planningHorizon);
    expect(result.current.saved()).toBe(true);
  });
});
