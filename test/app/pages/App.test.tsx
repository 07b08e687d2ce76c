// @vitest-environment jsdom
import '../dom-setup';
import { MantineProvider } from '@mantine/core';
import { MedplumClient } from '@medplum/core';
import { MedplumProvider } from '@medplum/react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, test } from 'vitest';
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

  test('local mode says on screen that the data resets, and navigation is labelled', async () => {
    renderAt('/tasks', await demoMedplum());
    expect(screen.getByText(/Local mode · demo data resets on reload/i)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Reschedule worklist' })).toBeTruthy();
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
    expect(screen.getByText('Nothing lives at /nowhere.')).toBeTruthy();
  });
});
