import type { Slot } from '@medplum/fhirtypes';
import { describe, expect, test, vi } from 'vitest';
import { createClinik } from '../../api';
import { deskPerTest, scheduleWithSlots, slotsOf } from './frontdesk-support';

const d = deskPerTest();

const line = (s: Slot): string => `${s.start?.slice(11, 16)} ${s.status}`;

async function mondayLines(scheduleId: string): Promise<string[]> {
  return (await slotsOf(d.medplum, scheduleId)).filter((s) => s.start?.startsWith('2025-03-03')).map(line);
}

describe('appointments.cancel: what it reads and what it re-plans', () => {
  test('a slot its rules still make is freed with each resource read once, no history and no re-plan', async () => {
    const schedule = await scheduleWithSlots(d);
    const slot = (await slotsOf(d.medplum, schedule.id))[2] as Slot; // Mon 10:00
    // The booking operation's own path (as the booking bot runs it), on a client whose requests can be watched.
    const direct = createClinik(d.medplum, { booking: 'direct' });
    const { data: booked } = await direct.appointments.book({ slotId: slot.id as string, patientId: 'pat-1' });
    const reads = vi.spyOn(d.medplum, 'readResource');
    const history = vi.spyOn(d.medplum, 'readHistory');
    const searches = vi.spyOn(d.medplum, 'search');
    await direct.appointments.cancel(booked.id, 'Patient request');
    expect(reads.mock.calls.map((c) => c[0])).toEqual(['Appointment']);
    expect(history).not.toHaveBeenCalled();
    // the slot with its schedule, its other holders, and anything withdrawn under it: no re-plan (no Task, no range)
    expect(searches.mock.calls.map((c) => c[0])).toEqual(['Slot', 'Appointment', 'Slot']);
    expect((await d.medplum.readResource('Slot', slot.id as string)).status).toBe('free');
    const { data: offered } = await d.clinik.slots.find({
      actorId: 'Practitioner/dr_smith',
      from: '2025-03-03T10:00:00Z',
      to: '2025-03-03T10:30:00Z',
    });
    expect(offered.map((f) => f.slot.id)).toEqual([slot.id]);
  });

  test('a slot the hours no longer hold is not offered again: the day is re-planned to the new rules', async () => {
    const schedule = await scheduleWithSlots(d);
    const slot = (await slotsOf(d.medplum, schedule.id))[4] as Slot; // Mon 11:00
    const { data: booked } = await d.clinik.appointments.book({ slotId: slot.id as string, patientId: 'pat-1' });
    await d.clinik.schedules.update(schedule.id, {
      availability: { timeZone: 'UTC', slotMinutes: 30, weekly: [{ days: ['mon'], start: '09:00', end: '11:00' }] },
    });
    await d.medplum.idle();
    expect(await mondayLines(schedule.id)).toEqual([
      '09:00 free',
      '09:30 free',
      '10:00 free',
      '10:30 free',
      '11:00 busy',
    ]);
    await d.clinik.appointments.cancel(booked.id, 'Patient request');
    expect(await mondayLines(schedule.id)).toEqual(['09:00 free', '09:30 free', '10:00 free', '10:30 free']);
  });

  test('a slot whose length changed while booked gives its time to the new grid', async () => {
    const schedule = await scheduleWithSlots(d);
    const slot = (await slotsOf(d.medplum, schedule.id))[0] as Slot; // Mon 09:00–09:30
    const { data: booked } = await d.clinik.appointments.book({ slotId: slot.id as string, patientId: 'pat-1' });
    await d.clinik.schedules.update(schedule.id, {
      availability: { timeZone: 'UTC', slotMinutes: 15, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
    });
    await d.medplum.idle();
    expect(await mondayLines(schedule.id)).toEqual(['09:00 busy', '09:30 free', '09:45 free']);
    await d.clinik.appointments.cancel(booked.id, 'Patient request');
    expect(await mondayLines(schedule.id)).toEqual(['09:00 free', '09:15 free', '09:30 free', '09:45 free']);
    expect((await d.medplum.searchResources('Slot', { _id: slot.id as string })).length).toBe(0);
  });
});
