// @vitest-environment jsdom
import '../dom-setup';
import { MantineProvider } from '@mantine/core';
import { ClientStorage, MedplumClient, MemoryStorage } from '@medplum/core';
import { MedplumProvider } from '@medplum/react';
import { MockClient } from '@medplum/mock';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, test, vi } from 'vitest';
import { App } from '../../../app/src/App';
import { configuredMode } from '../../../app/src/runtime';
import { demoMedplum, renderAt } from '../render';

describe('App shell and modes', () => {
  test('local mode is the default; a Medplum base URL selects Medplum mode', () => {
    expect(configuredMode({})).toEqual({ kind: 'local' });
    expect(configuredMode({ VITE_MEDPLUM_BASE_URL: ' https://api.example.org/ ' })).toEqual({
      kind: 'medplum',
      baseUrl: 'https://api.example.org/',
    });
  });

  test('local mode is labelled, with a reset of the demo data; a skip link, one banner, labelled navigation', async () => {
    const reset = vi.fn(async () => undefined);
    renderAt('/tasks', await demoMedplum(), { resetDemoData: reset });
    expect(screen.getByText('Local mode')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getAllByRole('banner')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main');
    expect(screen.getByRole('main').id).toBe('main');
    expect(screen.getByRole('button', { name: 'Open navigation' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Reschedule worklist' })).toBeTruthy();
    await userEvent.click(screen.getAllByRole('button', { name: 'Reset demo data' })[0] as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'Reset the demo data?' });
    expect(screen.getAllByRole('banner')).toHaveLength(1); // the dialog's header is not a second banner
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset demo data' }));
    expect(reset).toHaveBeenCalledOnce();
  });

  test('navigating moves the focus to the new page’s heading', async () => {
    // The form page is loaded on first use (a lazy chunk); load it first, so that what is timed below is the
    // navigation and the focus, not a module import on a busy machine.
    await import('../../../app/src/pages/ScheduleFormPage');
    renderAt('/schedules', await demoMedplum());
    await screen.findByRole('heading', { level: 1, name: 'Schedules' });
    await userEvent.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'New schedule' })
    );
    // Rendering the form page is CPU work: on a loaded machine it takes seconds, so wait for it by condition.
    const heading = await screen.findByRole('heading', { level: 1, name: 'New schedule' }, { timeout: 15_000 });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  test('Medplum mode signed in: a sign-out control that ends the session', async () => {
    const medplum = new MockClient();
    const signOut = vi.spyOn(medplum, 'signOut').mockResolvedValue(undefined);
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    render(
      <MantineProvider>
        <MedplumProvider medplum={medplum}>
          <MemoryRouter initialEntries={['/tasks']}>
            <App mode={{ kind: 'medplum', baseUrl: 'https://api.example.org/' }} />
          </MemoryRouter>
        </MedplumProvider>
      </MantineProvider>
    );
    await userEvent.click((await screen.findAllByRole('button', { name: 'Sign out' }))[0] as HTMLElement);
    expect(signOut).toHaveBeenCalledOnce();
    await waitFor(() => expect(assign).toHaveBeenCalled());
    vi.unstubAllGlobals();
  });

  test('Medplum mode resuming a stored session shows neither the sign-in nor a page until it knows', async () => {
    const storage = new ClientStorage(new MemoryStorage());
    storage.setObject('activeLogin', {
      // A Medplum access token (its payload names a login), which the client resumes by reading the profile.
      accessToken: `e30.${btoa(JSON.stringify({ login_id: 'l1', exp: Date.now() / 1000 + 3600 }))}.signature`,
      refreshToken: 'refresh',
      profile: { reference: 'Practitioner/1' },
      project: { reference: 'Project/1' },
    });
    // The server keeps the app waiting until `answer`; then every call is refused: the session is over.
    const onUnauthenticated = vi.fn(); // the app reloads its start page here, without the session
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const medplum = new MedplumClient({
      baseUrl: 'https://api.example.org/',
      storage,
      onUnauthenticated,
      fetch: async () => {
        await answered;
        return new Response('{}', { status: 401 });
      },
    });
    render(
      <MantineProvider>
        <MedplumProvider medplum={medplum}>
          <MemoryRouter initialEntries={['/schedules']}>
            <App mode={{ kind: 'medplum', baseUrl: 'https://api.example.org/' }} />
          </MemoryRouter>
        </MedplumProvider>
      </MantineProvider>
    );
    expect(await screen.findByLabelText('Signing you in')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /^Sign in to / })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    // The stored session turns out to be over: it is forgotten and the app starts again (then: the sign-in, above).
    answer();
    await waitFor(() => expect(onUnauthenticated).toHaveBeenCalled());
    expect(storage.getObject('activeLogin')).toBeUndefined();
  });

  test('Medplum mode without a session shows the Medplum sign-in', () => {
    const medplum = new MedplumClient({
      baseUrl: 'https://api.example.org/',
      fetch: async () => new Response('{}', { status: 401 }),
    });
    render(
      <MantineProvider>
        <MedplumProvider medplum={medplum}>
          <MemoryRouter initialEntries={['/schedules']}>
            <App mode={{ kind: 'medplum', baseUrl: 'https://api.example.org/' }} />
          </MemoryRouter>
        </MedplumProvider>
      </MantineProvider>
    );
    expect(screen.getByRole('heading', { name: 'Sign in to https://api.example.org/' })).toBeTruthy();
    expect(screen.getByLabelText(/Email/i)).toBeTruthy();
  });

  test('an unknown URL says so', async () => {
    renderAt('/nowhere', await demoMedplum());
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('Nothing lives at /nowhere.')).toBeTruthy();
  });
});
