// @vitest-environment jsdom
import '../dom-setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { demoMedplum, renderAt } from '../render';

describe('SchedulesPage', () => {
  test('filters from the URL: specialty and active', async () => {
    const medplum = await demoMedplum();
    renderAt('/schedules?specialty=Cardiology', medplum);
    const table = await screen.findByRole('table', { name: 'Schedules' });
    expect(await within(table).findByRole('link', { name: 'Dr. Bruno Jones — Cardiology' })).toBeTruthy();
    expect(within(table).queryByRole('link', { name: /Smith/ })).toBeNull();
    expect(screen.getByLabelText('Specialty')).toHaveProperty('value', 'Cardiology');
  });

  test('the status control shows inactive schedules', async () => {
    const medplum = await demoMedplum();
    renderAt('/schedules', medplum);
    await screen.findByRole('table', { name: 'Schedules' });
    await userEvent.click(screen.getByText('Inactive'));
    const table = await screen.findByRole('table', { name: 'Schedules' });
    await waitFor(() =>
      expect(within(table).getByRole('link', { name: 'Dr. Arjun Rao — Pediatric cardiology' })).toBeTruthy()
    );
    expect(within(table).getByText('Dr. Rao on sabbatical — schedule paused')).toBeTruthy(); // the comment, as a note
    expect(within(table).getByText('Inactive')).toBeTruthy();
  });

  test('searching with the form updates the results', async () => {
    const medplum = await demoMedplum();
    renderAt('/schedules', medplum);
    await screen.findByRole('table', { name: 'Schedules' });
    await userEvent.type(screen.getByLabelText('Specialty'), 'Dermatology');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2)); // header + Dr. Nguyen
    expect(await screen.findByRole('link', { name: 'Dr. Linh Nguyen — Dermatology' })).toBeTruthy();
  });

  test('one box finds schedules by practitioner or location name and by specialty, partially and in any case', async () => {
    const medplum = await demoMedplum();
    renderAt('/schedules?status=all', medplum);
    await screen.findByRole('table', { name: 'Schedules' });
    await userEvent.type(screen.getByLabelText('Search'), 'cardio');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    // Dr. Jones's and Dr. Brown's Cardiology, and Pediatric cardiology
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4));
    expect(await screen.findByRole('link', { name: 'Dr. Bruno Jones — Cardiology' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Dr. Arjun Rao — Pediatric cardiology' })).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'ULTRASOUND');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2)); // the room's schedule
    expect(await screen.findByRole('link', { name: /Dr. Priya Patel · Ultrasound room 2/ })).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'smi');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('link', { name: /Dr. Alice Smith · Room 101 — Family Medicine/ })).toBeTruthy();
  });

  test('empty and error states', async () => {
    const medplum = await demoMedplum();
    const first = renderAt('/schedules?specialty=Astrology', medplum);
    expect(await screen.findByText('No schedules match')).toBeTruthy();
    first.unmount();
    vi.spyOn(medplum, 'search').mockRejectedValueOnce(new Error('Server unavailable'));
    renderAt('/schedules', medplum);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Search failed.*Server unavailable/);
    vi.restoreAllMocks();
  });
});
