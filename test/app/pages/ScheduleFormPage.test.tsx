// @vitest-environment jsdom
import '../dom-setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { availabilityOf, draftOf, emptyForm } from '../../../app/src/pages/ScheduleFormPage';
import { demoMedplum, renderAt } from '../render';

describe('ScheduleFormPage', () => {
  test('new schedule: validation messages from the core and a preview of the slots', async () => {
    renderAt('/schedules/new', await demoMedplum());
    expect(await screen.findByRole('heading', { name: 'New schedule' })).toBeTruthy();
    expect(await screen.findByLabelText('Slot preview')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Planning horizon start'), { target: { value: '2030-06-30' } });
    fireEvent.change(screen.getByLabelText('Planning horizon end'), { target: { value: '2030-03-01' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/The planning horizon ends before it starts/);
    expect(screen.getByRole('button', { name: 'Create schedule' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Planning horizon end'), { target: { value: '2030-07-31' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const slotLength = screen.getByLabelText('Slot length (minutes)');
    await userEvent.clear(slotLength);
    await userEvent.type(slotLength, '0');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Slot duration must be longer than zero/);
  });

  test('edit: the form is filled from the schedule, weekly hours can be added and removed', async () => {
    const medplum = await demoMedplum();
    const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
      s.comment?.startsWith('Dr. Smith')
    );
    renderAt(`/schedules/${schedule?.id}/edit`, medplum);
    expect(await screen.findByRole('heading', { name: 'Edit schedule' })).toBeTruthy();
    expect(screen.getAllByRole('group', { name: /Weekly hours/ })).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Add hours' }));
    expect(screen.getAllByRole('group', { name: /Weekly hours/ })).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Remove weekly hours 3' }));
    expect(screen.getAllByRole('group', { name: /Weekly hours/ })).toHaveLength(2);
    expect(screen.getByLabelText('Comment')).toHaveProperty('value', 'Dr. Smith, Monday–Friday, Room 101');
  });

  test("saving an edit keeps what the form did not change: rules with the actor's zone, codings", async () => {
    const medplum = await demoMedplum(true);
    const before = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
      s.comment?.startsWith('Dr. Patel')
    );
    renderAt(`/schedules/${before?.id}/edit`, medplum);
    const comment = await screen.findByLabelText('Comment');
    await waitFor(() => expect(comment).toHaveProperty('value', 'Dr. Patel with the ultrasound room'));
    await userEvent.clear(comment);
    await userEvent.type(comment, 'Dr. Patel, ultrasound');
    const save = screen.getByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toHaveProperty('disabled', false));
    await userEvent.click(save);
    expect(await screen.findByText('Schedule saved')).toBeTruthy();
    const after = await medplum.readResource('Schedule', before?.id as string);
    expect(after.comment).toBe('Dr. Patel, ultrasound');
    expect(after.extension).toEqual(before?.extension); // the zone comes from Dr. Patel: the rules are untouched
    expect(after.specialty).toEqual(before?.specialty);
  });

  test('going from an edit to a new schedule starts from a blank form', async () => {
    const medplum = await demoMedplum();
    const schedule = (await medplum.searchResources('Schedule', { _count: '100' })).find((s) =>
      s.comment?.startsWith('Dr. Jones')
    );
    renderAt(`/schedules/${schedule?.id}/edit`, medplum);
    await waitFor(() =>
      expect(screen.getByLabelText('Comment')).toHaveProperty('value', 'Dr. Jones, cardiology clinic')
    );
    await userEvent.click(screen.getByRole('link', { name: 'New schedule' }));
    expect(await screen.findByRole('heading', { name: 'New schedule' })).toBeTruthy();
    expect(screen.getByLabelText('Comment')).toHaveProperty('value', '');
    expect(screen.getByRole('button', { name: 'Create schedule' })).toBeTruthy();
  });

  test('the form becomes Medplum SchedulingParameters, closed periods read in the zone', () => {
    const form = {
      ...emptyForm(),
      actors: ['Practitioner/p'],
      timeZone: 'America/New_York',
      closed: [{ description: 'Holiday', start: '2030-07-04T00:00', end: '2030-07-05T00:00' }],
    };
    expect(availabilityOf(form)?.closed).toEqual([
      { description: 'Holiday', start: '2030-07-04T00:00:00-04:00', end: '2030-07-05T00:00:00-04:00' },
    ]);
    expect(draftOf(form).extension?.[0]?.url).toBe('https://medplum.com/fhir/StructureDefinition/SchedulingParameters');
    expect(availabilityOf({ ...form, generate: false })).toBeUndefined();
  });
});
