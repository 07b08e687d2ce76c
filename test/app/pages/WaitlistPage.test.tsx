// @vitest-environment jsdom
import '../dom-setup';
import type { WithId } from '@medplum/core';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { createClinik } from '../../../api';
import { asAdmin, demoMedplum, renderAt } from '../render';

/** A booked demo appointment on a plain (non-visit-type) slot, with its slot and patient. */
async function aBooking(medplum: Awaited<ReturnType<typeof demoMedplum>>) {
  const appointments = await medplum.searchResources('Appointment', { status: 'booked', _count: '200' });
  for (const appointment of appointments) {
    const slot = await medplum.readReference<Slot>({ reference: appointment.slot?.[0]?.reference ?? '' });
    if (Date.parse(slot.start) > Date.now() + 86_400_000) {
      return { appointment: appointment as WithId<Appointment>, slot: slot as WithId<Slot> };
    }
  }
  throw new Error('no future booking in the demo data');
}

describe('WaitlistPage', () => {
  test('adds a patient with what they wait for; the entry reads in words, waiting', async () => {
    const medplum = await demoMedplum(true);
    renderAt('/waitlist', medplum);
    expect(await screen.findByText('Nobody is waiting')).toBeTruthy();
    await userEvent.type(screen.getByPlaceholderText('Search by name'), 'Lovelace');
    await userEvent.click(await screen.findByText(/Ada Lovelace/, { selector: '[role="option"] *' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Tue' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Thu' }));
    await userEvent.type(screen.getByLabelText('Preferred hours from'), '09:00');
    await userEvent.type(screen.getByLabelText('until'), '12:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the waitlist' }));
    const table = await screen.findByRole('table', { name: 'Waitlist' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(row.textContent).toContain('Ada Lovelace');
    expect(row.textContent).toContain('Any visit · any practitioner · Tue, Thu · 09:00–12:00');
    expect(row.textContent).toContain('Routine');
    expect(row.textContent).toContain('Waiting');
  });

  test('bad hours are named next to the field, and nothing is added', async () => {
    const medplum = await demoMedplum(true);
    renderAt('/waitlist', medplum);
    await userEvent.type(await screen.findByPlaceholderText('Search by name'), 'Lovelace');
    await userEvent.click(await screen.findByText(/Ada Lovelace/, { selector: '[role="option"] *' }));
    await userEvent.type(screen.getByLabelText('Preferred hours from'), '12:00');
    await userEvent.type(screen.getByLabelText('until'), '09:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the waitlist' }));
    expect(await screen.findByText(/Preferred hours are a start and a later end/)).toBeTruthy();
    expect((await createClinik(medplum).waitlist.list()).data).toEqual([]);
  });

  test('a cancelled time is offered on the worklist; Accept books it for the waiting patient', async () => {
    const medplum = await demoMedplum(true);
    const clinik = createClinik(medplum);
    const { appointment, slot } = await aBooking(medplum);
    const patients = await medplum.searchResources('Patient', { name: 'Lovelace' });
    const waiting = patients[0]?.id as string;
    await asAdmin(medplum, async () => {
      const practitionerId = appointment.participant.find((p) => p.actor?.reference?.startsWith('Practitioner/'))?.actor
        ?.reference;
      await clinik.waitlist.add({
        patientId: waiting,
        practitionerId,
        from: slot.start,
        to: slot.end,
        priority: 'urgent',
      });
      await clinik.appointments.cancel(appointment.id, 'Patient called');
      await medplum.idle();
      await medplum.runCron();
    });
    renderAt('/tasks', medplum);
    const offers = await screen.findByRole('table', { name: 'Waitlist offers' });
    const accept = within(offers).getByRole('button', { name: /^Accept for Ada Lovelace: / });
    expect(offers.textContent).toMatch(/Held: .+, until .+/);
    await userEvent.click(accept);
    expect(await screen.findByText('Booked from the waitlist')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Waitlist offers' })).toBeNull());
    const booked = await medplum.searchResources('Appointment', { patient: `Patient/${waiting}`, status: 'booked' });
    expect(booked.some((a) => a.slot?.[0]?.reference === `Slot/${slot.id}`)).toBe(true);
  });
});
