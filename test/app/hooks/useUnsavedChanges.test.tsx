// @vitest-environment jsdom
import '../dom-setup';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { JSX, ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, test } from 'vitest';
import { useUnsavedChanges } from '../../../app/src/hooks/useUnsavedChanges';

/** A data router (what useBlocker needs) whose page is the hook under test. */
function dataRouter(): {
  router: ReturnType<typeof createMemoryRouter>;
  wrapper: (p: { children: ReactNode }) => JSX.Element;
} {
  let page: ReactNode = null;
  const Page = (): ReactNode => page;
  const router = createMemoryRouter([{ path: '*', element: <Page /> }], { initialEntries: ['/form'] });
  const wrapper = ({ children }: { children: ReactNode }): JSX.Element => {
    page = children;
    return <RouterProvider router={router} />;
  };
  return { router, wrapper };
}

describe('useUnsavedChanges', () => {
  test('blocks leaving while there are changes, and the tab closing', async () => {
    const { router, wrapper } = dataRouter();
    const { result } = renderHook(() => useUnsavedChanges(() => true), { wrapper });
    await act(() => router.navigate('/elsewhere'));
    await waitFor(() => expect(result.current.state).toBe('blocked'));
    expect(router.state.location.pathname).toBe('/form');
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
    await act(() => result.current.proceed?.());
    await waitFor(() => expect(router.state.location.pathname).toBe('/elsewhere'));
  });

  test('lets the user go when nothing would be lost', async () => {
    const { router, wrapper } = dataRouter();
    const { result } = renderHook(() => useUnsavedChanges(() => false), { wrapper });
    await act(() => router.navigate('/elsewhere'));
    expect(router.state.location.pathname).toBe('/elsewhere');
    expect(result.current.state).toBe('unblocked');
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);
  });
});
