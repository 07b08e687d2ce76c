// @vitest-environment jsdom
import '../dom-setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';

import { TASK_TYPE_SYSTEM } from '../../../core/tasks';
import { loadWorklist } from '../../../app/src/frontdesk/worklist';
import { demoMedplum, renderAt } from '../render';
import { createClinik } from '../../../api';

async function deactivate(comment: string, reason: string): Promise<Awaited<ReturnType<typeof demoMedplum>>> {
  const medplum = await demoMedplum(true);
  const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
    s.comment?.startsWith(comment)
  );
  await createClinik(medplum).schedules.update(schedule?.id as string, { active: false, comment: reason });
  await medplum.idle();
  return medplum;
}

describe('TasksPage', () => {
  test('each task in words: patient, old time, schedule name, reason; filters by status and schedule', async () => {
    const medplum = await deactivate('Dr. Nguyen', 'Clinic closed');
    const view = renderAt('/tasks', medplum);
    const table = await screen.findByRole('table', { name: 'Reschedule tasks' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    const text = rows[0]?.textContent ?? '';
    expect(text).not.toMatch(/Patient\/|Appointment\//);
    expect(text).toMatch(/(Homer|Marge|Ada|Alan|Grace|Katherine) \w+/);
    expect(text).toMatch(/\d{2}:\d{2}–\d{2}:\d{2} (AEDT|AEST|GMT\+1[01])/);
    expect(text).toContain('Dr. Linh Nguyen — Dermatology');
    expect(text).toMatch(/The schedule was deactivated.*Clinic closed/);
    const scheduleId = (await medplum.searchResources('Schedule', { _count: '100' })).find(
      (s) => s.comment === 'Clinic closed'
    )?.id;
    view.unmount();
    const other = renderAt('/tasks?status=done', medplum);
    expect(await screen.findByText('Nothing to reschedule')).toBeTruthy();
    other.unmount();
    const filtered = renderAt(`/tasks?schedule=${scheduleId}`, medplum);
    expect(within(await screen.findByRole('table', { name: 'Reschedule tasks' })).getAllByRole('row')).toHaveLength(5);
    filtered.unmount();
    renderAt('/tasks?schedule=unknown', medplum);
    expect(await screen.findByText('Nothing to reschedule')).toBeTruthy();
  });

  test('Reschedule offers the same specialty, same practitioner first, moves the appointment, and the task closes', async () => {
    const medplum = await deactivate('Dr. Jones', 'Dr. Jones on leave');
    renderAt('/tasks', medplum);
    const table = await screen.findByRole('table', { name: 'Reschedule tasks' });
    const rows = within(table).getAllByRole('row').slice(1);
    const count = rows.length;
    await userEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: /^Reschedule / }));
    const options = await screen.findByRole('table', { name: 'Free slots to move to' }, { timeout: 5000 });
    expect(options.textContent).toContain('Dr. Emma Brown');
    await userEvent.click(within(options).getAllByRole('button', { name: /^Move here: / })[0] as HTMLElement);
    const confirm = await screen.findByRole('group', { name: 'Confirm the move' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Move' }));
    expect(await screen.findByText('Appointment moved', {}, { timeout: 5000 })).toBeTruthy();
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Reschedule tasks' })).getAllByRole('row')).toHaveLength(count)
    );
    const done = await medplum.searchResources('Task', {
      status: 'completed',
      code: `${TASK_TYPE_SYSTEM}|reschedule-appointment`,
    });
    expect(done).toHaveLength(1);
    expect(done[0]?.note?.[0]?.text).toMatch(/^Rescheduled to \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(UTC/);
    expect(done[0]?.note?.[0]?.text).not.toMatch(/Slot\/|T\d{2}:\d{2}/); // nothing raw on screen
  });

  test('tasks whose appointment is fine again close automatically with a note', async () => {
    const medplum = await deactivate('Dr. Nguyen', 'Clinic closed');
    const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find(
      (s) => s.comment === 'Clinic closed'
    );
    await createClinik(medplum).schedules.update(schedule?.id as string, { active: true, comment: 'Open again' });
    await medplum.idle();
    renderAt('/tasks?status=done', medplum);
    expect(await screen.findByText('4 tasks closed automatically')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Reschedule tasks' });
    expect(within(table).getAllByText(/Closed automatically: the appointment fits its schedule again/)).toHaveLength(4);
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

describe('a series on a deactivated schedule', () => {
  test('is one row that says how many occurrences are still to move, with Reschedule for the next one', async () => {
    const medplum = await demoMedplum(true);
    const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
      s.comment?.startsWith('Dr. Nguyen')
    );
    const clinik = createClinik(medplum);
    const [first] = await medplum.searchResources('Slot', {
      schedule: `Schedule/${schedule?.id}`,
      status: 'free',
      _sort: 'start',
      _count: '1',
    });
    const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'Australia/Sydney' })
      .format(Date.parse(first?.start ?? ''))
      .toLowerCase() as 'mon';
    const { data } = await clinik.appointments.bookSeries({
      slotId: first?.id as string,
      patientId: (await medplum.searchResources('Patient', { _count: '1' }))[0]?.id as string,
      rule: { kind: 'weekly', days: [weekday], count: 3 },
      mode: 'fit',
    });
    expect(data.booked.length).toBeGreaterThan(1);
    await clinik.schedules.update(schedule?.id as string, { active: false, comment: 'Clinic closed' });
    await medplum.idle();
    const { rows } = await loadWorklist(medplum);
    const seriesRows = rows.filter((r) => r.series);
    expect(seriesRows).toHaveLength(1);
    // no row per occurrence: of the series' appointments, only the next one has a row
    const occurrences = new Set(data.booked.map((a) => a.id));
    expect(rows.filter((r) => occurrences.has(r.appointment?.id ?? ''))).toHaveLength(1);
    expect(seriesRows[0]?.appointment?.id).toBe(data.booked[0]?.id);
    renderAt('/tasks', medplum);
    const table = await screen.findByRole('table', { name: 'Reschedule tasks' });
    const line = `Series: ${data.booked.length} of ${data.booked.length} still to move`;
    const row = within(table).getByText(new RegExp(line)).closest('tr') as HTMLElement;
    expect(within(row).getByRole('button', { name: /^Reschedule .*, and the series$/ })).toBeTruthy();
  });
});

describe('the worklist order', () => {
  test('the soonest appointment first', async () => {
    const medplum = await deactivate('Dr. Nguyen', 'Clinic closed');
    const { rows } = await loadWorklist(medplum);
    const starts = rows.map((r) => Date.parse(r.appointment?.start ?? '') || Number.POSITIVE_INFINITY);
    expect(starts.length).toBeGreaterThan(1);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe('the worklist on a phone', () => {
  test('one cell a task: the patient and status, the time, the reason in one line, then a full-width Reschedule', async () => {
    const medplum = await deactivate('Dr. Nguyen', 'Closed for a phone');
    const wide = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...wide(query), matches: query.includes('max-width') })) as typeof wide;
    try {
      renderAt('/tasks', medplum);
      const table = await screen.findByRole('table', { name: 'Reschedule tasks' });
      const heads = within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent);
      expect(heads).toEqual(['Appointment to move']);
      const [row] = within(table).getAllByRole('row').slice(1);
      const cells = within(row as HTMLElement).getAllByRole('cell');
      expect(cells).toHaveLength(1);
      expect(cells[0]?.textContent).toMatch(
        /^.+To do\w{3} \d{1,2} \w{3} \d{4}, .+The schedule was deactivated · Closed for a phone/
      );
      const button = within(cells[0] as HTMLElement).getByRole('button', { name: /^Reschedule / });
      expect(button.getAttribute('data-block')).toBe('true'); // full width: an easy target for a thumb
    } finally {
      window.matchMedia = wide;
    }
  });
});
