// @vitest-environment jsdom
import '../dom-setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, test } from 'vitest';
import type { LocalMedplum } from '../../../local';
import { asAdmin, demoMedplum, renderAt } from '../render';

async function scheduleWithComment(medplum: LocalMedplum, prefix: string) {
  const found = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
    s.comment?.startsWith(prefix)
  );
  if (!found?.id) throw new Error(`no schedule ${prefix}`);
  return found as typeof found & { id: string };
}

async function openEdit(medplum: LocalMedplum, prefix: string) {
  const schedule = await scheduleWithComment(medplum, prefix);
  const view = renderAt(`/schedules/${schedule.id}/edit`, medplum);
  await waitFor(() => expect(screen.getByLabelText('Comment')).toHaveProperty('value', schedule.comment));
  return { schedule, view };
}

// The page is loaded lazily by the app: its module is loaded here first, so that no wait below races the first
// import of its module graph on a busy machine.
beforeAll(async () => {
  await import('../../../app/src/pages/ScheduleFormPage');
}, 60_000);

describe('ScheduleFormPage', () => {
  test('new schedule: a preview of the slots; errors show next to their fields once touched, with a focused summary on save', async () => {
    renderAt('/schedules/new', await demoMedplum());
    // The first mount of the page (as App.test.tsx waits for it).
    expect(await screen.findByRole('heading', { level: 1, name: 'New schedule' }, { timeout: 15_000 })).toBeTruthy();
    // Required fields do not complain before they are touched.
    const actors = screen.getByRole('textbox', { name: /Actors/ });
    expect(actors.getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.change(screen.getByLabelText('Planning horizon start'), { target: { value: '2030-06-30' } });
    fireEvent.change(screen.getByLabelText('Planning horizon end'), { target: { value: '2030-03-01' } });
    fireEvent.blur(screen.getByLabelText('Planning horizon end'));
    const end = screen.getByLabelText('Planning horizon end');
    await waitFor(() => expect(end.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = end.getAttribute('aria-describedby') ?? '';
    const messages = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(messages.join(' ')).toContain('The last day is before the first day.');
    // No count is made of rules with an error: the preview says why instead.
    expect(screen.queryByLabelText('Slot preview')).toBeNull();
    expect(screen.getByText('The slot preview shows once the errors in the form are fixed.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
    const summary = await screen.findByRole('alert', { name: /Fix these/ });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.textContent).toContain('Choose at least one practitioner or room.');
    expect(summary.textContent).toContain('The last day is before the first day.');
    expect(actors.closest('[aria-invalid]') ?? actors).toBeTruthy();
  });

  test('the time zone takes the typed match on Tab and on Enter; an unknown zone is an error, never UTC (defect)', async () => {
    renderAt('/schedules/new', await demoMedplum());
    const zone = await screen.findByRole('textbox', { name: /Time zone/ });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/London');
    await userEvent.tab();
    expect(zone).toHaveProperty('value', 'Europe/London');
    expect(screen.getByText(/Slots are set in this zone; now UTC/)).toBeTruthy();
    await userEvent.clear(zone);
    await userEvent.type(zone, 'kolkata{Enter}');
    expect(zone).toHaveProperty('value', 'Asia/Kolkata');
    expect(screen.getByText(/now UTC\+05:30/)).toBeTruthy();
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Londn');
    await userEvent.tab();
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('“Europe/Londn” is not a time zone in the list.')).toBeTruthy();
  });

  test('actors: Enter takes the typed match; an unknown name is an error', async () => {
    renderAt('/schedules/new', await demoMedplum());
    const actors = await screen.findByRole('textbox', { name: /Actors/ });
    // The practitioners and rooms load after the page: typing takes the match once they have (as App.test.tsx waits
    // for a first load).
    await waitFor(
      async () => {
        await userEvent.clear(actors);
        await userEvent.type(actors, 'bruno jones{Enter}');
        expect(screen.getByText('Dr. Bruno Jones')).toBeTruthy();
      },
      { timeout: 15_000 }
    );
    await userEvent.type(actors, 'Dr. Nobody');
    await userEvent.tab();
    expect(await screen.findByText('No practitioner or room is called “Dr. Nobody”.')).toBeTruthy();
  });

  test('hours ending before they start need "Ends next day" (defect: silently overnight); negative buffers are refused (defect)', async () => {
    renderAt('/schedules/new', await demoMedplum());
    const group = await screen.findByRole('group', { name: 'Weekly hours 1' });
    fireEvent.change(within(group).getByLabelText('From'), { target: { value: '17:00' } });
    fireEvent.change(within(group).getByLabelText('To'), { target: { value: '09:00' } });
    fireEvent.blur(within(group).getByLabelText('To'));
    expect(
      await within(group).findByText(/Ends before it starts. For hours past midnight, tick “Ends next day”./)
    ).toBeTruthy();
    await userEvent.click(within(group).getByLabelText(/Ends next day/));
    await waitFor(() => expect(within(group).queryByText(/Ends before it starts/)).toBeNull());
    const buffer = screen.getByLabelText('Buffer before (minutes)');
    await userEvent.clear(buffer);
    await userEvent.type(buffer, '-5');
    fireEvent.blur(buffer);
    expect(buffer).toHaveProperty('value', '-5');
    expect(await screen.findByText('A buffer cannot be negative.')).toBeTruthy();
  });

  test('a plan with no slots blocks saving and says why', async () => {
    renderAt('/schedules/new', await demoMedplum());
    await screen.findByRole('heading', { level: 1, name: 'New schedule' });
    fireEvent.change(screen.getByLabelText('Planning horizon start'), { target: { value: '2020-01-01' } });
    fireEvent.change(screen.getByLabelText('Planning horizon end'), { target: { value: '2020-02-01' } });
    expect(await screen.findByText(/The planning horizon ends in the past/)).toBeTruthy();
    expect(screen.queryByLabelText('Slot preview')).toBeNull();
    // On its field, and in the summary with every other error at once (the actors are still missing).
    expect(screen.getByLabelText('Planning horizon end').getAttribute('aria-invalid')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'Create schedule' }));
    const summary = await screen.findByRole('alert', { name: /Fix these/ });
    expect(summary.textContent).toContain('Choose at least one practitioner or room.');
    expect(summary.textContent).toContain('The planning horizon ends in the past');
  });

  test('editing only the comment writes only the comment: the horizon and the slots stay (defect)', async () => {
    const medplum = await demoMedplum(true);
    const { schedule } = await openEdit(medplum, 'Dr. Patel');
    const slotsBefore = await medplum.search('Slot', {
      schedule: `Schedule/${schedule.id}`,
      _count: '0',
      _total: 'accurate',
    });
    const comment = screen.getByLabelText('Comment');
    await userEvent.clear(comment);
    await userEvent.type(comment, 'Dr. Patel, ultrasound');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Schedule saved')).toBeTruthy();
    await medplum.idle();
    const after = await medplum.readResource('Schedule', schedule.id);
    expect(after.comment).toBe('Dr. Patel, ultrasound');
    expect(after.planningHorizon).toEqual(schedule.planningHorizon); // same text, not day precision
    expect(after.extension).toEqual(schedule.extension);
    expect(after.specialty).toEqual(schedule.specialty);
    const slotsAfter = await medplum.search('Slot', {
      schedule: `Schedule/${schedule.id}`,
      _count: '0',
      _total: 'accurate',
    });
    expect(slotsAfter.total).toBe(slotsBefore.total);
  });

  test('saving without changes writes nothing', async () => {
    const medplum = await demoMedplum();
    const { schedule } = await openEdit(medplum, 'Dr. Nguyen');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Nothing to save')).toBeTruthy();
    expect((await medplum.readResource('Schedule', schedule.id)).meta?.versionId).toBe(schedule.meta?.versionId);
  });

  test('an edit that leaves bookings outside the new hours shows its impact before saving (defect)', async () => {
    const medplum = await demoMedplum(true);
    const { schedule } = await openEdit(medplum, 'Dr. Jones');
    const group = screen.getByRole('group', { name: 'Weekly hours 1' });
    fireEvent.change(within(group).getByLabelText('To'), { target: { value: '08:45' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'This change moves existing slots' });
    const impact = within(dialog).getByLabelText('Impact');
    expect(impact.textContent).toMatch(/[1-9]\d* booked appointments? affected/);
    expect(impact.textContent).toMatch(/future free slots? will be withdrawn/);
    expect(impact.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // people's dates, not ISO
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect((await medplum.readResource('Schedule', schedule.id)).meta?.versionId).toBe(schedule.meta?.versionId);
  });

  test('leaving with unsaved changes asks first', async () => {
    const medplum = await demoMedplum();
    await openEdit(medplum, 'Dr. Smith');
    await userEvent.type(screen.getByLabelText('Comment'), ' (draft)');
    await userEvent.click(screen.getByRole('link', { name: 'Reschedule worklist' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Edit schedule' })).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: 'Reschedule worklist' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave without saving' })
    );
    expect(await screen.findByRole('heading', { name: 'Reschedule worklist' })).toBeTruthy();
  });

  test('edit: the form is filled from the schedule, weekly hours can be added and removed', async () => {
    const medplum = await demoMedplum();
    await openEdit(medplum, 'Dr. Smith');
    expect(screen.getAllByRole('group', { name: /^Weekly hours \d$/ })).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Add hours' }));
    expect(screen.getAllByRole('group', { name: /^Weekly hours \d$/ })).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Remove weekly hours 3' }));
    expect(screen.getAllByRole('group', { name: /^Weekly hours \d$/ })).toHaveLength(2);
  });

  test('booking rules: a supervisor sees and changes them; the change is written through the booking Bot', async () => {
    const medplum = await demoMedplum(true); // the demo user is a scheduling supervisor
    const { schedule } = await openEdit(medplum, 'Dr. Patel');
    const daily = screen.getByLabelText('Daily limit') as HTMLInputElement;
    expect([daily.value, (screen.getByLabelText('Minimum notice (hours)') as HTMLInputElement).value]).toEqual([
      '12',
      '2',
    ]);
    await waitFor(() => expect(daily.matches(':disabled')).toBe(false));
    await userEvent.clear(daily);
    await userEvent.type(daily, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findAllByText(/The daily limit is a whole number from 1 to 10000/)).not.toHaveLength(0);
    await userEvent.clear(daily);
    await userEvent.type(daily, '10');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Schedule saved')).toBeTruthy();
    const after = await medplum.readResource('Schedule', schedule.id);
    const rules = after.extension?.find((e) => e.url.endsWith('/booking-rules'));
    expect(rules?.extension?.find((e) => e.url === 'dailyLimit')?.valuePositiveInt).toBe(10);
  });

  test('booking rules are read-only for anyone who is not a supervisor', async () => {
    const medplum = await demoMedplum(true);
    await asAdmin(medplum, async () => {
      const [group] = await medplum.searchResources('Group', { name: 'Scheduling supervisors' });
      await medplum.updateResource({ ...group!, member: [] });
    });
    await openEdit(medplum, 'Dr. Patel');
    expect(await screen.findByText('Only a scheduling supervisor can change these rules.')).toBeTruthy();
    expect(screen.getByLabelText('Daily limit').matches(':disabled')).toBe(true); // the fieldset is disabled
  });

  test('visit types: the slot preview counts them as the bots plan them, by visit type', async () => {
    const medplum = await demoMedplum(true);
    await openEdit(medplum, 'Dr. Brown');
    const preview = await screen.findByLabelText('Slot preview', {}, { timeout: 15_000 });
    await waitFor(() =>
      expect(preview.textContent).toMatch(/By visit type: \d+ Follow-up visit, \d+ New patient visit/)
    );
    const total = Number(/This makes (\d+) slots/.exec(preview.textContent ?? '')?.[1]);
    const [followUps, newPatients] = [
      ...(preview.textContent ?? '').matchAll(/(\d+) (?:Follow-up|New patient) visit/g),
    ].map((m) => Number(m[1]));
    expect(followUps! + newPatients!).toBe(total);
    // 4 hours a day: 16 follow-ups of 15 min, 6 new-patient visits of 30 min + 10 after; whole days come in that ratio.
    expect(Math.abs(followUps! / newPatients! - 16 / 6)).toBeLessThan(0.5);
  });

  test('visit types: the form shows a schedule’s, a length is checked, and a saved change reaches the slots', async () => {
    const medplum = await demoMedplum(true);
    const { schedule } = await openEdit(medplum, 'Dr. Brown');
    const rows = await screen.findAllByRole('group', { name: /^Visit type \d: / });
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual([
      'Visit type 1: Follow-up visit',
      'Visit type 2: New patient visit',
    ]);
    const length = within(rows[0] as HTMLElement).getByLabelText('Length (min)');
    await userEvent.clear(length);
    await userEvent.type(length, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findAllByText(/A visit lasts a whole number of minutes/)).not.toHaveLength(0);
    await userEvent.clear(length);
    await userEvent.type(length, '20');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    // Its impact first: the follow-ups change length (read with the visit types' services, as the bots read them).
    const dialog = await screen.findByRole('dialog', { name: 'This change moves existing slots' }, { timeout: 15_000 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save and update the slots' }));
    expect(await screen.findByText('Schedule saved', {}, { timeout: 15_000 })).toBeTruthy();
    await medplum.idle();
    const slots = await medplum.searchResources('Slot', { schedule: `Schedule/${schedule.id}`, _count: '2000' });
    const followUps = slots.filter((s) => s.status === 'free' && s.serviceType?.[0]?.text === 'Follow-up visit');
    expect(followUps.length).toBeGreaterThan(0);
    expect(followUps.every((s) => Date.parse(s.end) - Date.parse(s.start) === 20 * 60_000)).toBe(true);
  });
});
