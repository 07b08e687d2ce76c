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

  test('the free / booked counts of the whole page come in one batch request, and match a search per schedule', async () => {
    const medplum = await demoMedplum();
    const batch = vi.spyOn(medplum, 'executeBatch');
    const search = vi.spyOn(medplum, 'search');
    renderAt('/schedules?specialty=Cardiology', medplum);
    const table = await screen.findByRole('table', { name: 'Schedules' });
    const row = (await within(table).findByRole('link', { name: 'Dr. Bruno Jones — Cardiology' })).closest('tr');
    const cell = within(row as HTMLElement)
      .getAllByRole('cell')
      .at(-1) as HTMLElement;
    await waitFor(() => expect(cell.textContent).toMatch(/^\d+ \/ \d+$/));
    const id = (row?.querySelector('a')?.getAttribute('href') ?? '').split('/').pop() ?? '';
    const total = async (status: string): Promise<number> =>
      (
        await medplum.search('Slot', {
          schedule: `Schedule/${id}`,
          status,
          start: `ge${new Date().toISOString()}`,
          _count: '0',
          _total: 'accurate',
        })
      ).total ?? -1;
    const [free, booked] = [await total('free'), await total('busy,busy-tentative')];
    expect(free).toBeGreaterThan(0);
    expect(cell.textContent).toBe(`${free} / ${booked}`);
    const slotSearches = search.mock.calls.filter(([type]) => type === 'Slot');
    expect(slotSearches).toHaveLength(2); // only this test's own two
    expect(batch).toHaveBeenCalledTimes(1);
    batch.mockRestore();
    search.mockRestore();
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
