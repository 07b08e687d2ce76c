// @vitest-environment jsdom
import '../dom-setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { demoMedplum, renderAt } from '../render';

async function scheduleId(comment: string): Promise<string> {
  const medplum = await demoMedplum();
  const [schedule] = await medplum
    .searchResources('Schedule', { _count: '100' })
    .then((all) => all.filter((s) => s.comment === comment));
  return schedule?.id as string;
}

describe('ScheduleDetailPage', () => {
  test('shows the schedule, its availability in words and a week calendar with navigation', async () => {
    const medplum = await demoMedplum();
    renderAt(`/schedules/${await scheduleId('Dr. Jones, cardiology clinic')}`, medplum);
    expect(await screen.findByRole('heading', { name: 'Dr. Jones, cardiology clinic' })).toBeTruthy();
    expect(screen.getByText(/Tue, Thu 08:00–14:00 America\/New_York, 45-min slots, 1 closed period/)).toBeTruthy();
    expect(screen.getByText(/Public holiday/)).toBeTruthy();
    const grid = await screen.findByRole('region', { name: /Slots, week of/ });
    const title = screen.getByRole('heading', { name: /Week of/ }).textContent;
    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: /Week of/ }).textContent).not.toBe(title));
    expect(within(await screen.findByRole('region', { name: /Slots, week of/ })).getAllByRole('group')).toHaveLength(7);
    expect(grid).toBeTruthy();
  });

  test('deactivation shows the impact first, requires a reason, then saves it as the comment', async () => {
    const medplum = await demoMedplum(true);
    const id = (await medplum.searchResources('Schedule', { _count: '100' })).find(
      (s) => s.comment === 'Dr. Jones, cardiology clinic'
    )?.id as string;
    renderAt(`/schedules/${id}`, medplum);
    await userEvent.click(await screen.findByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog');
    const impact = await within(dialog).findByLabelText('Impact');
    expect(impact.textContent).toMatch(/\d+ future free slots will be withdrawn/);
    expect(impact.textContent).toMatch(/4 booked appointments affected/);
    const confirm = within(dialog).getByRole('button', { name: 'Deactivate' });
    expect(confirm).toHaveProperty('disabled', true);
    await userEvent.type(within(dialog).getByRole('textbox'), 'Dr. Jones on leave');
    expect(confirm).toHaveProperty('disabled', false);
    await userEvent.click(confirm);
    expect(await screen.findByText('Schedule deactivated')).toBeTruthy();
    await waitFor(async () => expect((await medplum.readResource('Schedule', id)).active).toBe(false));
    expect((await medplum.readResource('Schedule', id)).comment).toBe('Dr. Jones on leave');
    await medplum.idle();
    expect(await medplum.searchResources('Slot', { schedule: `Schedule/${id}`, status: 'free' })).toHaveLength(0);
    expect((await medplum.searchResources('Task', { _count: '100' })).length).toBeGreaterThanOrEqual(4);
  });

  test('an unknown schedule shows an error', async () => {
    renderAt('/schedules/does-not-exist', await demoMedplum());
    expect(await screen.findByText('Could not load the schedule')).toBeTruthy();
    expect(screen.getByText(/Schedule\/does-not-exist was not found/)).toBeTruthy();
  });
});
