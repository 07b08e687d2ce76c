import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { desk, scheduleWithSlots, slotsOf, type Desk } from './frontdesk-support';
import { ClinikError } from '../../api';

let d: Desk;
beforeEach(async () => {
  d = await desk();
});
afterEach(() => vi.useRealTimers());

const week = { from: '2025-03-03T00:00:00Z', to: '2025-03-08T00:00:00Z' };

describe('slots.find', () => {
  test('free slots of active schedules, nearest first, with schedule and actors', async () => {
    await d.medplum.updateResource({ resourceType: 'Practitioner', id: 'dr_smith', name: [{ family: 'Smith' }] });
    const a = await scheduleWithSlots(d);
    const b = await scheduleWithSlots(d, {
      actorIds: ['Practitioner/dr_jones'],
      availability: { timeZone: 'UTC', slotMinutes: 20, weekly: [{ days: ['mon'], start: '08:00', end: '09:00' }] },
    });
    const page = await d.clinik.slots.find({ ...week, count: 5 });
    expect(page.data.map((f) => f.slot.start)).toEqual([
      '2025-03-03T08:00:00+00:00',
      '2025-03-03T08:20:00+00:00',
      '2025-03-03T08:40:00+00:00',
      '2025-03-03T09:00:00+00:00',
      '2025-03-03T09:30:00+00:00',
    ]);
    expect(page.data[0]?.schedule.id).toBe(b.id);
    expect(page.data[3]?.schedule.id).toBe(a.id);
    expect(page.data[3]?.actors.map((r) => `${r.resourceType}/${r.id}`)).toEqual(['Practitioner/dr_smith']);
    const next = await d.clinik.slots.find({ ...week, count: 5, offset: page.nextOffset });
    expect(next.data[0]?.slot.start).toBe('2025-03-03T10:00:00+00:00');
  });

  test('filters by specialty, service type and actor; excludes inactive schedules', async () => {
    const cardio = await scheduleWithSlots(d);
    const derm = await scheduleWithSlots(d, { actorIds: ['Practitioner/dr_derm'], specialty: ['Dermatology'] });
    const off = await scheduleWithSlots(d, { actorIds: ['Practitioner/dr_off'] });
    await d.clinik.schedules.update(off.id, { active: false });
    const schedulesOf = async (c: Parameters<Desk['clinik']['slots']['find']>[0]): Promise<Set<string>> =>
      new Set((await d.clinik.slots.find(c)).data.map((f) => f.schedule.id));
    expect(await schedulesOf({ ...week, specialty: 'Dermatology', count: 50 })).toEqual(new Set([derm.id]));
    expect(await schedulesOf({ ...week, actorId: 'Practitioner/dr_smith', count: 50 })).toEqual(new Set([cardio.id]));
    expect(await schedulesOf({ ...week, serviceType: 'Consultation', count: 100 })).toEqual(
      new Set([cardio.id, derm.id])
    );
    // a slot made free by hand on the inactive schedule is not offered either
    const { data: manual } = await d.clinik.slots.create({
      scheduleId: off.id,
      start: '2025-03-03T07:00:00Z',
      end: '2025-03-03T07:30:00Z',
    });
    expect((await d.clinik.slots.find({ ...week, count: 100 })).data.map((f) => f.slot.id)).not.toContain(manual.id);
  });

  test('a slot overlapping a busy slot of the same actor on another schedule is not offered', async () => {
    const clinic = await scheduleWithSlots(d);
    const ward = await scheduleWithSlots(d, {
      actorIds: ['Practitioner/dr_smith', 'Location/ward'],
      specialty: ['Neurology'],
      availability: { timeZone: 'UTC', slotMinutes: 60, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
    });
    const [wardSlot] = await slotsOf(d.medplum, ward.id);
    await d.clinik.appointments.book({ slotId: wardSlot?.id as string, patientId: 'pat-1' });
    await d.medplum.idle();
    const found = await d.clinik.slots.find({ ...week, actorId: 'Practitioner/dr_smith', count: 3 });
    // 09:00 and 09:30 on the clinic schedule overlap the ward booking 09:00–10:00
    expect(found.data.map((f) => f.slot.start)).toEqual([
      '2025-03-03T10:00:00+00:00',
      '2025-03-03T10:30:00+00:00',
      '2025-03-03T11:00:00+00:00',
    ]);
    expect(found.data.every((f) => f.schedule.id === clinic.id)).toBe(true);
  });

  test('never offers slots in the past; bad criteria are refused with their field', async () => {
    await scheduleWithSlots(d);
    vi.setSystemTime(Date.parse('2025-03-03T10:15:00Z'));
    const found = await d.clinik.slots.find({ ...week, count: 1 });
    expect(found.data[0]?.slot.start).toBe('2025-03-03T10:30:00+00:00');
    const error = await d.clinik.slots
      .find({ from: 'tomorrow', to: '2025-03-01T00:00:00Z', count: 0, actorId: 'dr' })
      .catch((e: unknown) => e as ClinikError);
    expect(error).toBeInstanceOf(ClinikError);
    expect((error as ClinikError).status).toBe(400);
    expect((error as ClinikError).outcome.issue.map((i) => i.expression?.[0])).toEqual(['from', 'count', 'actorId']);
  });
});
