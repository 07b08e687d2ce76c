// @vitest-environment jsdom
import '../dom-setup';
import type { WithId } from '@medplum/core';
import type { Appointment, Patient, Slot } from '@medplum/fhirtypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';

import { AppointmentPanel } from '../../../app/src/components/AppointmentPanel';
import { BookingPanel } from '../../../app/src/components/BookingPanel';
import { choosePatient, renderWith } from '../frontdesk-render';
import { asAdmin, demoMedplum } from '../render';
import { createClinik, visitTypeOf } from '../../../api';

/**
 * The next cardiology slots: Dr. Jones's plain ones, or (`visits`) Dr. Brown's visit-type ones. Which of the two comes
 * first depends on the day of the week, so each test asks for the kind it means.
 */
async function cardiologySlots(
  visits = false
): Promise<{ medplum: Awaited<ReturnType<typeof demoMedplum>>; slots: WithId<Slot>[] }> {
  const medplum = await demoMedplum(true);
  const clinik = createClinik(medplum);
  const { data } = await clinik.slots.find({
    specialty: 'Cardiology',
    from: new Date().toISOString(),
    to: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    count: 100,
  });
  const slots = data.map((f) => f.slot).filter((slot) => (visitTypeOf(slot) !== undefined) === visits);
  return { medplum, slots: slots.slice(0, 5) };
}

describe('BookingPanel', () => {
  test('books the slot for the chosen patient with the service type prefilled and a comment', async () => {
    const { medplum, slots } = await cardiologySlots();
    const onDone = vi.fn();
    renderWith(medplum, <BookingPanel slot={slots[0] as WithId<Slot>} onDone={onDone} />);
    expect(await screen.findByRole('heading', { name: /^Book .*E[SD]T$/ })).toBeTruthy();
    expect((screen.getByLabelText('Service type') as HTMLInputElement).value).toBe('Cardiology');
    expect((screen.getByRole('button', { name: 'Book' }) as HTMLButtonElement).disabled).toBe(true);
    await choosePatient('Grace Hopper');
    await userEvent.type(screen.getByLabelText('Comment'), 'First visit');
    await userEvent.click(screen.getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
    // The confirmation names the patient, the practitioner and the time.
    expect(
      await screen.findByText(/^Grace Hopper with Dr\. Bruno Jones, \w{3} \d+ \w{3} \d{4}, \d\d:\d\d–/)
    ).toBeTruthy();
    const appointment = onDone.mock.calls[0]?.[0] as Appointment;
    expect([appointment.status, appointment.comment, appointment.slot?.[0]?.reference]).toEqual([
      'booked',
      'First visit',
      `Slot/${slots[0]?.id}`,
    ]);
  });

  test("a visit-type slot is booked as that visit type, named on the slot's service", async () => {
    const { medplum, slots } = await cardiologySlots(true);
    const slot = slots[0] as WithId<Slot>;
    const visit = visitTypeOf(slot)?.display as string;
    expect(['Follow-up visit', 'New patient visit']).toContain(visit);
    const onDone = vi.fn();
    renderWith(medplum, <BookingPanel slot={slot} onDone={onDone} />);
    await screen.findByRole('heading', { name: /^Book / });
    expect((screen.getByLabelText('Service type') as HTMLInputElement).value).toBe(visit);
    await choosePatient('Grace Hopper');
    await userEvent.click(screen.getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
    const appointment = onDone.mock.calls[0]?.[0] as Appointment;
    expect(appointment.serviceType?.[0]?.coding?.[0]?.display ?? appointment.serviceType?.[0]?.text).toBe(visit);
  });

  test('a slot taken meanwhile says so and offers the next free slots; one of them books', async () => {
    const { medplum, slots } = await cardiologySlots();
    const onDone = vi.fn();
    renderWith(medplum, <BookingPanel slot={slots[0] as WithId<Slot>} onDone={onDone} />);
    await choosePatient('Alan Turing');
    // someone else books it first
    const [other] = await medplum.searchResources('Patient', { name: 'Hopper' });
    await createClinik(medplum).appointments.book({ slotId: slots[0]?.id as string, patientId: other?.id as string });
    await userEvent.click(screen.getByRole('button', { name: 'Book' }));
    expect(await screen.findByText('Not booked', {}, { timeout: 5000 })).toBeTruthy();
    const offers = await screen.findByLabelText('Next free slots', {}, { timeout: 5000 });
    const buttons = within(offers).getAllByRole('button');
    expect(buttons.length).toBeGreaterThan(0);
    await userEvent.click(buttons[0] as HTMLElement);
    await userEvent.click(screen.getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
    expect((onDone.mock.calls[0]?.[0] as Appointment).slot?.[0]?.reference).not.toBe(`Slot/${slots[0]?.id}`);
  });
});

test('a booking rule refuses in words; a supervisor books anyway with a reason, and the appointment shows the trace', async () => {
  const medplum = await demoMedplum(true); // the demo user is a scheduling supervisor
  const clinik = createClinik(medplum);
  const { data: schedule } = await clinik.schedules.create({
    actorIds: ['Location/walk-in-test'],
    bookingRules: { minimumNoticeMinutes: 600 },
  });
  const start = new Date(Date.now() + 2 * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  const { data: slot } = await clinik.slots.create({
    scheduleId: schedule.id,
    start: start.toISOString(),
    end: new Date(start.getTime() + 1_800_000).toISOString(),
  });
  const onDone = vi.fn();
  renderWith(medplum, <BookingPanel slot={slot} onDone={onDone} />);
  await choosePatient('Grace Hopper');
  await userEvent.click(screen.getByRole('button', { name: 'Book' }));
  expect(await screen.findByText(/Minimum notice: bookings must start at least 10 hours from now/)).toBeTruthy();
  const reason = await screen.findByLabelText(/Reason for overriding the minimum notice rule/);
  await userEvent.type(reason, 'Urgent, the doctor agreed');
  await userEvent.click(screen.getByRole('button', { name: 'Book anyway' }));
  await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
  const booked = onDone.mock.calls[0]?.[0] as WithId<Appointment>;
  renderWith(medplum, <AppointmentPanel appointment={booked} />);
  expect(await screen.findByText('Booked past a rule', {}, { timeout: 5000 })).toBeTruthy();
  expect(await screen.findByText(/Minimum notice overridden by .*“Urgent, the doctor agreed”/)).toBeTruthy();
});

test('a birth date lists the patients born that day, one click picks one', async () => {
  const { medplum, slots } = await cardiologySlots();
  const [grace] = await medplum.searchResources('Patient', { name: 'Hopper' });
  await asAdmin(medplum, () => medplum.updateResource({ ...(grace as WithId<Patient>), birthDate: '1906-12-09' }));
  const onDone = vi.fn();
  renderWith(medplum, <BookingPanel slot={slots[1] as WithId<Slot>} onDone={onDone} />);
  await userEvent.type(await screen.findByLabelText(/Birth date/), '1906-12-09');
  const born = await screen.findByLabelText('Patients born that day');
  within(born).getByRole('button', { name: 'Grace Hopper' }).focus();
  await userEvent.keyboard('{Enter}'); // by keyboard: the button goes away with the pick
  expect(await screen.findByText(/born 1906-12-09/)).toBeTruthy();
  // The focus is not lost to the page: it is on Book, one Enter from booking.
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Book' })));
  await userEvent.keyboard('{Enter}');
  await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
  expect((onDone.mock.calls[0]?.[0] as Appointment).participant[0]?.actor?.reference).toBe(`Patient/${grace?.id}`);
});

test('a chosen patient is cleared by keyboard, and the focus goes back to the patient search', async () => {
  const { medplum, slots } = await cardiologySlots();
  renderWith(medplum, <BookingPanel slot={slots[2] as WithId<Slot>} />);
  await choosePatient('Grace Hopper');
  const clear = await screen.findByRole('button', { name: 'Clear the patient Grace Hopper' });
  clear.focus();
  await userEvent.keyboard('{Enter}');
  await waitFor(() => expect(screen.queryByRole('button', { name: /^Clear the patient/ })).toBeNull());
  expect((screen.getByRole('button', { name: 'Book' }) as HTMLButtonElement).disabled).toBe(true);
  await waitFor(() => expect(document.activeElement?.getAttribute('placeholder')).toBe('Search by name'));
});

describe('AppointmentPanel', () => {
  test('shows patient, time and status; cancel needs a reason; reschedule moves it in one step', async () => {
    const { medplum, slots } = await cardiologySlots();
    const clinik = createClinik(medplum);
    const [patient] = await medplum.searchResources('Patient', { name: 'Johnson' });
    const { data: appointment } = await clinik.appointments.book({
      slotId: slots[0]?.id as string,
      patientId: patient?.id as string,
    });
    await medplum.idle();
    const onDone = vi.fn();
    const view = renderWith(medplum, <AppointmentPanel appointment={appointment} onDone={onDone} />);
    expect(await screen.findByText('Katherine Johnson', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('Booked')).toBeTruthy();
    expect(screen.getByText(/E[SD]T$/)).toBeTruthy();
    const cancel = screen.getByRole('button', { name: 'Cancel appointment' }) as HTMLButtonElement;
    expect(cancel.disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Reschedule' }));
    const options = await screen.findByRole('table', { name: 'Free slots to move to' }, { timeout: 5000 });
    await userEvent.click(within(options).getAllByRole('button')[0] as HTMLElement);
    // A confirmation in words first, with the focus on its Move button; nothing moves before it.
    const confirm = await screen.findByRole('group', { name: 'Confirm the move' });
    expect(confirm.textContent).toMatch(
      /^Move Katherine Johnson from \w{3} \d+ \w{3} \d{4}, [\d:–]+ E[SD]T to \w{3} \d+ \w{3} \d{4}, [\d:–]+ E[SD]T with Dr\. /
    );
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Move' }));
    expect(onDone).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
    const moved = onDone.mock.calls[0]?.[0] as WithId<Appointment>;
    expect([moved.id, moved.slot?.[0]?.reference]).toEqual([
      appointment.id,
      expect.not.stringContaining(slots[0]?.id as string),
    ]);
    view.unmount();

    const done = vi.fn();
    renderWith(medplum, <AppointmentPanel appointment={moved} onDone={done} />);
    await userEvent.type(await screen.findByLabelText(/Cancellation reason/), 'Patient is travelling');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    await waitFor(() => expect(done).toHaveBeenCalled(), { timeout: 5000 });
    expect((done.mock.calls[0]?.[0] as Appointment).cancelationReason?.text).toBe('Patient is travelling');
  });
});
