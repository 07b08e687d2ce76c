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
