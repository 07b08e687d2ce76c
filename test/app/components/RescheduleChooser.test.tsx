// @vitest-environment jsdom
/**
 * Rescheduling an appointment of a series from the app: the choice "Only this one" / "This and all following" (a
 * labelled radio group), the move confirmed in words, and the result in words (how many moved, and each one not
 * moved with why and the nearest free time), with the focus on Done.
 */
import '../dom-setup';
import type { WithId } from '@medplum/core';
import type { Appointment, Schedule } from '@medplum/fhirtypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RescheduleChooser } from '../../../app/src/components/RescheduleChooser';
import { localTime, seriesClinic, type SeriesClinic } from '../../api/series-support';
import { renderWith } from '../frontdesk-render';
import { asAdmin } from '../render';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Dr Jones's Mondays and Thursdays 09:00–11:00 (New York), and Ada Lovelace's series of 4 Mondays at 09:00. */
async function series(): Promise<SeriesClinic & { booked: WithId<Appointment>[]; schedule: Schedule }> {
  const clinic = await seriesClinic();
  await asAdmin(clinic.medplum, () =>
    clinic.medplum.updateResource({
      resourceType: 'Patient',
      id: 'pat-1',
      name: [{ given: ['Ada'], family: 'Lovelace' }],
    })
  );
  const first = await clinic.slotAt('2025-03-03T09:00:00-05:00');
  const { data } = await clinic.desk.appointments.bookSeries({
    slotId: first.id,
    patientId: 'pat-1',
    rule: { kind: 'weekly', days: ['mon'], count: 4 },
    mode: 'all-or-none',
  });
  await clinic.medplum.idle();
  const schedule = await clinic.medplum.readResource('Schedule', clinic.scheduleId);
  return { ...clinic, booked: data.booked, schedule };
}

/** Chooses the first offered time (Mon 3 Mar 09:30, the nearest free) and confirms with Enter, the focus on Move. */
async function moveToFirstOffer(): Promise<HTMLElement> {
  const options = await screen.findByRole('table', { name: 'Free slots to move to' }, { timeout: 5000 });
  await userEvent.click(within(options).getAllByRole('button')[0] as HTMLElement);
  const confirm = await screen.findByRole('group', { name: 'Confirm the move' });
  await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Move' })));
  await userEvent.keyboard('{Enter}');
  return confirm;
}

async function startsOf(c: SeriesClinic, booked: readonly Appointment[]): Promise<string[]> {
  const { data } = await c.desk.appointments.series(booked[0]?.id as string);
  return data.map((a) => localTime(a.start));
}

describe('RescheduleChooser, an appointment of a series', () => {
  test('"This and all following" moves every later one the same way and says how many moved', async () => {
    const c = await series();
    const onDone = vi.fn();
    renderWith(
      c.medplum,
      <RescheduleChooser appointment={c.booked[0] as WithId<Appointment>} schedule={c.schedule} onDone={onDone} />
    );
    const scope = await screen.findByRole('radiogroup', { name: /Which appointments to move/ });
    expect((within(scope).getByRole('radio', { name: 'Only this one' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(within(scope).getByRole('radio', { name: 'This and all following' }));
    const ifTaken = screen.getByRole('radiogroup', { name: /If a later time is taken/ });
    expect((within(ifTaken).getByRole('radio', { name: 'Move none of them' }) as HTMLInputElement).checked).toBe(true);
    const confirm = await moveToFirstOffer();
    expect(confirm.textContent).toMatch(
      /^Move Ada Lovelace from Mon 3 Mar 2025, 09:00–09:30 EST to Mon 3 Mar 2025, 09:30–10:00 EST, and every later appointment of the series by the same change of day and time\?/
    );
    expect(await screen.findByText('Moved 4 of 4 appointments of Ada Lovelace', {}, { timeout: 10_000 })).toBeTruthy();
    expect(
      within(screen.getByRole('status'))
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual([
      'Mon 3 Mar 2025, 09:30–10:00 EST',
      'Mon 10 Mar 2025, 09:30–10:00 EDT',
      'Mon 17 Mar 2025, 09:30–10:00 EDT',
      'Mon 24 Mar 2025, 09:30–10:00 EDT',
    ]);
    expect(await startsOf(c, c.booked)).toEqual(Array(4).fill('Mon 09:30'));
    const done = screen.getByRole('button', { name: 'Done' });
    expect(document.activeElement).toBe(done);
    expect(onDone).not.toHaveBeenCalled();
    await userEvent.click(done);
    expect((onDone.mock.calls[0]?.[0] as Appointment).id).toBe(c.booked[0]?.id);
  });

  test('"Move the ones that fit": each one not moved is listed with why and the nearest free time', async () => {
    const c = await series();
    const blocked = await c.slotAt('2025-03-17T09:30:00-04:00'); // the third one's new time
    await c.desk.appointments.book({ slotId: blocked.id, patientId: 'pat-2' });
    renderWith(c.medplum, <RescheduleChooser appointment={c.booked[0] as WithId<Appointment>} schedule={c.schedule} />);
    await userEvent.click(await screen.findByRole('radio', { name: 'This and all following' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Move the ones that fit' }));
    await moveToFirstOffer();
    expect(await screen.findByText('Moved 3 of 4 appointments of Ada Lovelace', {}, { timeout: 10_000 })).toBeTruthy();
    const notMoved = within(screen.getByLabelText('Not moved')).getAllByRole('listitem');
    expect(notMoved.map((li) => li.textContent)).toEqual([
      expect.stringMatching(
        /^Mon 17 Mar 2025, 09:30 EDT: Slot\/\S+ is booked \(Appointment\/\S+\)\. Nearest free: Mon 17 Mar 2025, 10:00–10:30 EDT\.$/
      ),
    ]);
    expect(await startsOf(c, c.booked)).toEqual(['Mon 09:30', 'Mon 09:30', 'Mon 09:00', 'Mon 09:30']);
  });

  test('"Only this one" (the default) moves that appointment alone', async () => {
    const c = await series();
    const onDone = vi.fn();
    renderWith(
      c.medplum,
      <RescheduleChooser appointment={c.booked[0] as WithId<Appointment>} schedule={c.schedule} onDone={onDone} />
    );
    const confirm = await moveToFirstOffer();
    expect(confirm.textContent).not.toContain('every later appointment');
    await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
    expect(await startsOf(c, c.booked)).toEqual(['Mon 09:30', 'Mon 09:00', 'Mon 09:00', 'Mon 09:00']);
  });
});
