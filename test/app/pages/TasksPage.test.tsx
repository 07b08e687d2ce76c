// @vitest-environment jsdom
import '../dom-setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { createClinik } from '../../../core';
import { demoMedplum, renderAt } from '../render';

describe('TasksPage', () => {
  test('lists the reschedule tasks the bots created, with a link to the schedule; a task can be marked done', async () => {
    const medplum = await demoMedplum(true);
    const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
      s.comment?.startsWith('Dr. Nguyen')
    );
    await createClinik(medplum).schedules.update(schedule?.id as string, { active: false, comment: 'Clinic closed' });
    await medplum.idle();
    renderAt('/tasks', medplum);
    const table = await screen.findByRole('table', { name: 'Reschedule tasks' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(rows[0]?.textContent).toMatch(/The schedule was deactivated.*Clinic closed/);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link', { name: 'Open schedule' })
        .getAttribute('href')
    ).toBe(`/schedules/${schedule?.id}`);
    await userEvent.click(
      within(rows[0] as HTMLElement).getByRole('button', { name: /^Mark done: The schedule was deactivated/ })
    );
    expect(await screen.findByText('Task completed')).toBeTruthy();
    await waitFor(() => expect(within(table).getAllByText('completed')).toHaveLength(1));
  });

  test('an error loading the worklist is shown', async () => {
    const medplum = await demoMedplum();
    vi.spyOn(medplum, 'searchResources').mockRejectedValueOnce(new Error('Forbidden'));
    renderAt('/tasks', medplum);
    expect(await screen.findByText('Could not load the worklist')).toBeTruthy();
    expect(screen.getByText('Forbidden')).toBeTruthy();
    vi.restoreAllMocks();
  });
});
