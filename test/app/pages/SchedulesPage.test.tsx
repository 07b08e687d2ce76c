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
    expect(within(table).getByRole('link', { name: 'Dr. Jones, cardiology clinic' })).toBeTruthy();
    expect(within(table).queryByRole('link', { name: /Dr. Smith/ })).toBeNull();
    expect(screen.getByLabelText('Specialty')).toHaveProperty('value', 'Cardiology');
  });

  test('the status control shows inactive schedules', async () => {
    const medplum = await demoMedplum();
    renderAt('/schedules', medplum);
    await screen.findByRole('table', { name: 'Schedules' });
    await userEvent.click(screen.getByText('Inactive'));
    const table = await screen.findByRole('table', { name: 'Schedules' });
    await waitFor(() => expect(within(table).getByRole('link', { name: /Dr. Rao on sabbatical/ })).toBeTruthy());
    expect(within(table).getByText('Inactive')).toBeTruthy();
  });

  test('searching with the form updates the results', async () => {
    const medplum = await demoMedplum();
    renderAt('/schedules', medplum);
    await screen.findByRole('table', { name: 'Schedules' });
    await userEvent.type(screen.getByLabelText('Specialty'), 'Dermatology');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2)); // header + Dr. Nguyen
    expect(screen.getByRole('link', { name: 'Dr. Nguyen, Sydney' })).toBeTruthy();
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
