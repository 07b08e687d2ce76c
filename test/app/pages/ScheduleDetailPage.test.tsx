// @vitest-environment jsdom
import '../dom-setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Slot } from '@medplum/fhirtypes';
import type { LocalMedplum } from '../../../local';
import { formatDate } from '../../../app/src/format';
import { asAdmin, demoMedplum, renderAt } from '../render';

async function scheduleId(medplum: LocalMedplum, comment: string): Promise<string> {
  const [schedule] = await medplum
    .searchResources('Schedule', { _count: '100' })
    .then((all) => all.filter((s) => s.comment === comment));
  return schedule?.id as string;
}

// The page is loaded lazily by the app: its module is loaded here first, so that no wait below races the first
// import of its module graph on a busy machine.
beforeAll(async () => {
  await import('../../../app/src/pages/ScheduleDetailPage');
}, 60_000);

describe('ScheduleDetailPage', () => {
  test('a stable name from actors and specialty, the comment as a note, people’s dates, and a week time grid', async () => {
    const medplum = await demoMedplum();
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
    renderAt(`/schedules/${await scheduleId(medplum, 'Dr. Jones, cardiology clinic')}?date=${today}`, medplum);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dr. Bruno Jones — Cardiology' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByLabelText('Note').textContent).toBe('Note: Dr. Jones, cardiology clinic');
    expect(screen.getByText(/Tue, Thu 08:00–14:00 America\/New_York, 45-min slots, 1 closed period/)).toBeTruthy();
    // The rest of the facts are behind Details, closed periods among them.
    expect(screen.queryByText(/Closed: Public holiday/)).toBeNull();
    const details = screen.getByRole('button', { name: 'Details' });
    expect(details.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(details);
    expect(screen.getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText(/Closed: Public holiday, \w{3} \d+ \w{3} \d{4}/)).toBeTruthy();
    expect(screen.getByText('Specialty')).toBeTruthy();
    // A Tuesday and Thursday clinic: its week is Monday to Friday.
    const grid = await screen.findByRole('region', { name: /Slots, week of/ });
    expect(within(grid).getAllByRole('group')).toHaveLength(5);
    // Today is marked; booked slots show the patient's full name and are buttons.
    expect(within(grid).getByRole('group', { name: /\(today\)/ })).toBeTruthy();
    await waitFor(() => expect(document.body.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T\d\d:/));
  });

  test('the calendar opens on the week of the next free slot, not on a week with nothing left to book', async () => {
    const medplum = await demoMedplum();
    const id = await scheduleId(medplum, 'Room 101 walk-in slots (made by hand)');
    const existing = await medplum.searchResources('Slot', { schedule: `Schedule/${id}`, _count: '1000' });
    await asAdmin(medplum, async () => {
      for (const slot of existing) {
        await medplum.deleteResource('Slot', slot.id);
      }
    });
    const start = new Date(Date.now() + 15 * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    await asAdmin(medplum, () =>
      medplum.createResource<Slot>({
        resourceType: 'Slot',
        schedule: { reference: `Schedule/${id}` },
        status: 'free',
        start: start.toISOString(),
        end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      })
    );
    renderAt(`/schedules/${id}`, medplum);
    const grid = await screen.findByRole('region', { name: /^Slots, / });
    const day = formatDate(start.toISOString(), 'UTC').replace(/^\w+ /, ''); // "17 Dec 2026"
    await waitFor(() =>
      expect(within(grid).getByRole('button', { name: /\(free slot\)/ }).textContent).toMatch(/^\d\d:00/)
    );
    expect(within(grid).getByRole('group', { name: new RegExp(day) })).toBeTruthy();
    expect(within(grid).queryByRole('group', { name: /\(today\)/ })).toBeNull();
  });

  test('booked slots show the patient and open the appointment from the keyboard; day view and jump to a date', async () => {
    const medplum = await demoMedplum();
    const id = await scheduleId(medplum, 'Dr. Smith, Monday–Friday, Room 101');
    const [booked] = await medplum.searchResources('Slot', {
      schedule: `Schedule/${id}`,
      status: 'busy',
      _sort: 'start',
    });
    const date = new Date(booked?.start as string).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
    renderAt(`/schedules/${id}?view=day&date=${date}`, medplum);
    const grid = await screen.findByRole('region', { name: /^Slots, / });
    expect(within(grid).getAllByRole('group')).toHaveLength(1);
    const [button] = await within(grid).findAllByRole('button', {
      name: /^\d\d:\d\d [A-Z][a-z]+ [A-Z][a-z]+ \(booked\), /,
    });
    if (!button) throw new Error('no booked slot');
    button.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Appointment' });
    // The appointment itself: its patient in full, its time, cancel (a reason required) and reschedule.
    expect(await within(dialog).findByRole('button', { name: 'Cancel appointment' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Reschedule' })).toBeTruthy();
    expect(within(dialog).getByRole('region', { name: 'Appointment' }).textContent).toMatch(/[A-Z][a-z]+ [A-Z][a-z]+/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next day' }));
    await waitFor(() => expect(screen.getByLabelText('Go to date')).not.toHaveProperty('value', date));
  });

  test('a free slot opens the booking panel: the patient is chosen there, and the calendar follows the booking', async () => {
    const medplum = await demoMedplum();
    const id = await scheduleId(medplum, 'Dr. Smith, Monday–Friday, Room 101');
    const [free] = await medplum.searchResources('Slot', {
      schedule: `Schedule/${id}`,
      status: 'free',
      start: `gt${new Date(Date.now() + 3_600_000).toISOString()}`,
      _sort: 'start',
      _count: '1',
    });
    const date = new Date(free?.start as string).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
    renderAt(`/schedules/${id}?view=day&date=${date}`, medplum);
    const grid = await screen.findByRole('region', { name: /^Slots, / });
    const [button] = await within(grid).findAllByRole('button', { name: /\(free slot\)/ });
    await userEvent.click(button as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'Book this slot' });
    expect(await within(dialog).findByRole('button', { name: /^Book/ })).toBeTruthy();
    expect(within(dialog).getByText(/Patient/)).toBeTruthy();
  });

  test('deactivation keeps the name (defect: the reason became the title) and reactivation starts with an empty reason', async () => {
    const medplum = await demoMedplum(true);
    const id = await scheduleId(medplum, 'Dr. Jones, cardiology clinic');
    renderAt(`/schedules/${id}`, medplum);
    await screen.findByRole('heading', { level: 1, name: 'Dr. Bruno Jones — Cardiology' });
    await userEvent.click(await screen.findByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate schedule' });
    const impact = await within(dialog).findByLabelText('Impact');
    expect(impact.textContent).toMatch(/\d+ future free slots will be withdrawn/);
    expect(impact.textContent).toMatch(/4 booked appointments affected/);
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Affected bookings').textContent).toMatch(/— [A-Z][a-z]+ [A-Z]/)
    );
    expect(within(dialog).getByLabelText('Affected bookings').textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Deactivate' });
    expect(confirm).toHaveProperty('disabled', true);
    await userEvent.type(within(dialog).getByRole('textbox'), 'Dr. Jones on leave');
    await userEvent.click(confirm);
    expect(await screen.findByText('Schedule deactivated')).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText('Note').textContent).toBe('Note: Dr. Jones on leave'));
    expect(screen.getByRole('heading', { level: 1, name: 'Dr. Bruno Jones — Cardiology' })).toBeTruthy();
    await medplum.idle();
    expect(await medplum.searchResources('Slot', { schedule: `Schedule/${id}`, status: 'free' })).toHaveLength(0);
    await userEvent.click(await screen.findByRole('button', { name: 'Reactivate' }));
    const again = await screen.findByRole('dialog', { name: 'Reactivate schedule' });
    expect(within(again).getByRole('textbox')).toHaveProperty('value', '');
  });

  test('an unknown schedule shows an error', async () => {
    renderAt('/schedules/does-not-exist', await demoMedplum());
    expect(await screen.findByText('Could not load the schedule')).toBeTruthy();
    expect(screen.getByText(/Schedule\/does-not-exist was not found/)).toBeTruthy();
  });
});

describe('the calendar of a weekday schedule (Dr. Smith, Mon–Fri 09:00–12:00, Mon–Thu 13:00–17:00)', () => {
  const hourLabels = (grid: HTMLElement): string[] =>
    Array.from(grid.querySelectorAll('[aria-hidden="true"] > *')).map((e) => e.textContent ?? '');

  test('the week shows Monday to Friday and its rows start at 09:00; the whole day on request; a work week', async () => {
    const medplum = await demoMedplum();
    const id = await scheduleId(medplum, 'Dr. Smith, Monday–Friday, Room 101');
    const { router } = renderAt(`/schedules/${id}`, medplum);
    let grid = await screen.findByRole('region', { name: /Slots, week of/ });
    const days = within(grid).getAllByRole('group');
    expect(days).toHaveLength(5);
    expect(days[0]?.getAttribute('aria-label')).toMatch(/^Mon /);
    expect(days[4]?.getAttribute('aria-label')).toMatch(/^Fri /);
    expect(screen.getByText(/weekend hidden: no hours or slots on it/)).toBeTruthy();
    expect(hourLabels(grid)[0]).toBe('09:00');
    expect(hourLabels(grid).at(-1)).toBe('17:00');

    const whole = screen.getByRole('button', { name: 'Show whole day' });
    expect(whole.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(whole);
    await waitFor(() => expect(router.state.location.search).toMatch(/hours=all/));
    grid = await screen.findByRole('region', { name: /Slots, week of/ });
    expect(hourLabels(grid)[0]).toBe('00:00');
    expect(screen.getByRole('button', { name: 'Show whole day' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'Show whole day' }));
    await waitFor(() => expect(hourLabels(screen.getByRole('region', { name: /Slots, / }))[0]).toBe('09:00'));

    await userEvent.click(screen.getByText('Work week'));
    await waitFor(() => expect(router.state.location.search).toMatch(/view=workweek/));
    grid = await screen.findByRole('region', { name: /Slots, week of/ });
    expect(within(grid).getAllByRole('group')).toHaveLength(5);
    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    await waitFor(() => expect(router.state.location.search).toMatch(/date=/));
    expect(router.state.location.search).toMatch(/view=workweek/);
  });

  test('a slot made by hand on a Saturday brings the weekend into the week', async () => {
    const medplum = await demoMedplum(true);
    const id = await scheduleId(medplum, 'Dr. Smith, Monday–Friday, Room 101');
    // The Saturday two weeks from now, 19:00–19:30 in New York: outside the schedule's hours too.
    const saturday = new Date(Date.now() + 14 * 86_400_000);
    saturday.setUTCDate(saturday.getUTCDate() + ((6 - saturday.getUTCDay() + 7) % 7));
    const date = saturday.toISOString().slice(0, 10);
    await asAdmin(medplum, () =>
      medplum.createResource({
        resourceType: 'Slot',
        schedule: { reference: `Schedule/${id}` },
        status: 'free',
        start: `${date}T19:00:00-05:00`,
        end: `${date}T19:30:00-05:00`,
      })
    );
    renderAt(`/schedules/${id}?date=${date}`, medplum);
    const grid = await screen.findByRole('region', { name: /Slots, week of/ });
    await waitFor(() => expect(within(grid).getAllByRole('group')).toHaveLength(7));
    expect(within(grid).getByRole('button', { name: /^19:00 Free/ })).toBeTruthy();
    expect(hourLabels(grid)[0]).toBe('09:00');
    expect(hourLabels(grid).at(-1)).toBe('20:00');
  });
});

describe('a schedule that starts later', () => {
  test('opens on its first week, not on an empty today', async () => {
    const medplum = await demoMedplum();
    const start = new Date(Date.now() + 45 * 86_400_000);
    start.setUTCHours(12, 0, 0, 0);
    const first = start.toISOString().slice(0, 10);
    const schedule = await asAdmin(medplum, () =>
      medplum.createResource({
        resourceType: 'Schedule',
        active: true,
        actor: [{ reference: 'Practitioner/later' }],
        planningHorizon: { start: `${first}T00:00:00Z`, end: new Date(start.getTime() + 7 * 86_400_000).toISOString() },
      })
    );
    renderAt(`/schedules/${schedule.id}?view=day`, medplum);
    const label = formatDate(`${first}T12:00:00Z`, 'UTC');
    expect(await screen.findByRole('heading', { level: 2, name: label }, { timeout: 10_000 })).toBeTruthy();
  });
});
