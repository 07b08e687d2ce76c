/**
 * The Schedules API examples the project started from, their snippets copied as they are, run against the local
 * runtime: Medplum's in-memory engine with the project's Subscriptions firing the real bots.
 */
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import type { Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { createClinik } from '../../api';

let medplum: LocalMedplum;
let clinik: ReturnType<typeof createClinik>;

beforeEach(() => {
  // The seed's horizons are in 2025: the clock is set to 1 March 2025.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T00:00:00Z') });
  medplum = createLocalMedplum();
  clinik = createClinik(medplum);
});
afterEach(() => vi.useRealTimers());

async function slotsOf(scheduleId: string): Promise<Slot[]> {
  return medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}`, _count: '1000', _sort: 'start' });
}

describe('the seed, verbatim, on the local runtime', () => {
  test('create, slot loop, multi-actor, deactivate, search', async () => {
    let smithId: string;
    let jonesId: string;
    {
      // Create a Schedule
      const { data: schedule } = await clinik.schedules.create({
        active: true,
        serviceCategory: ['General Practice'],
        serviceType: ['Consultation', 'Follow-up'],
        specialty: ['Family Medicine'],
        actorIds: ['Practitioner/dr_smith', 'Location/room_101'],
        planningHorizon: {
          start: '2025-03-01T00:00:00Z',
          end: '2025-06-30T23:59:59Z',
        },
        comment: 'Dr. Smith Monday-Friday schedule for Q2 2025',
      });
      smithId = schedule.id;
      expect(schedule.serviceCategory).toEqual([
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-category',
              code: '17',
              display: 'General Practice',
            },
          ],
          text: 'General Practice',
        },
      ]);
      expect(schedule.specialty?.[0]?.coding?.[0]?.code).toBe('419772000'); // Family practice
      expect(schedule.serviceType).toEqual([{ text: 'Consultation' }, { text: 'Follow-up' }]);
      expect(schedule.actor).toEqual([{ reference: 'Practitioner/dr_smith' }, { reference: 'Location/room_101' }]);
    }
    {
      // 1. Create a schedule for a practitioner
      const { data: schedule } = await clinik.schedules.create({
        actorIds: ['Practitioner/dr_jones'],
        serviceType: ['Cardiology Consultation'],
        specialty: ['Cardiology'],
        planningHorizon: {
          start: '2025-04-01T00:00:00Z',
          end: '2025-04-30T23:59:59Z',
        },
      });
      jonesId = schedule.id;

      // 2. Create slots on that schedule
      for (let day = 1; day <= 30; day++) {
        const date = `2025-04-${String(day).padStart(2, '0')}`;
        for (let hour = 9; hour < 17; hour++) {
          await clinik.slots.create({
            scheduleId: schedule.id,
            status: 'free',
            start: `${date}T${String(hour).padStart(2, '0')}:00:00Z`,
            end: `${date}T${String(hour).padStart(2, '0')}:30:00Z`,
          });
        }
      }
    }
    {
      // Multi-Actor Schedules
      const { data } = await clinik.schedules.create({
        actorIds: ['Practitioner/dr_patel', 'Location/ultrasound_room_2'],
        serviceType: ['Obstetric Ultrasound'],
        specialty: ['Obstetrics'],
        planningHorizon: {
          start: '2025-05-01T00:00:00Z',
          end: '2025-05-31T23:59:59Z',
        },
      });
      expect(data.actor).toHaveLength(2);
      expect(data.active).toBe(true);
    }
    const schedule = { id: smithId };
    {
      // Deactivate a Schedule
      await clinik.schedules.update(schedule.id, {
        active: false,
        comment: 'Dr. Smith on leave — schedule paused',
      });
    }
    await medplum.idle();
    {
      // Search Schedules
      const { data } = await clinik.schedules.search({
        specialty: 'Cardiology',
        active: true,
      });
      expect(data.map((s) => s.id)).toEqual([jonesId]);
    }

    // What the seed implies in the store:
    const jonesSlots = await slotsOf(jonesId);
    expect(jonesSlots).toHaveLength(240);
    expect(jonesSlots.every((s) => s.status === 'free')).toBe(true);
    expect(jonesSlots[0]?.start).toBe('2025-04-01T09:00:00Z');
    const smith = (await clinik.schedules.get(smithId)).data;
    expect(smith.active).toBe(false);
    expect(smith.comment).toBe('Dr. Smith on leave — schedule paused');
    // Manual schedules: the bots generated nothing and said so.
    expect(medplum.botRuns.some((r) => JSON.stringify(r.result).includes('manual schedule'))).toBe(true);
  });

  test('deactivating the slot-loop schedule: no free slot offered, bookings kept with tasks; reactivation restores', async () => {
    const { data: schedule } = await clinik.schedules.create({
      actorIds: ['Practitioner/dr_jones'],
      specialty: ['Cardiology'],
      planningHorizon: { start: '2025-04-01T00:00:00Z', end: '2025-04-30T23:59:59Z' },
    });
    for (let day = 1; day <= 3; day++) {
      for (let hour = 9; hour < 12; hour++) {
        const date = `2025-04-0${day}`;
        await clinik.slots.create({
          scheduleId: schedule.id,
          status: 'free',
          start: `${date}T${hour}:00:00Z`.replace('T9', 'T09'),
          end: `${date}T${hour}:30:00Z`.replace('T9', 'T09'),
        });
      }
    }
    const [first] = await slotsOf(schedule.id);
    // Booking checks the patient exists.
    await medplum.updateResource({ resourceType: 'Patient', id: 'pat-1', name: [{ family: 'Doe' }] });
    const { data: appointment } = await clinik.appointments.book({ slotId: first?.id as string, patientId: 'pat-1' });
    await medplum.idle();

    await clinik.schedules.update(schedule.id, { active: false, comment: 'Dr. Jones on leave' });
    await medplum.idle();
    const paused = await slotsOf(schedule.id);
    expect(paused.filter((s) => s.status === 'free')).toEqual([]);
    expect(paused.filter((s) => s.status === 'busy').map((s) => s.id)).toEqual([first?.id]);
    expect(paused.filter((s) => s.status === 'busy-unavailable')).toHaveLength(8);
    const tasks = await medplum.searchResources('Task', { code: `${TASK_TYPE_SYSTEM}|reschedule-appointment` });
    expect(tasks.map((t) => t.focus?.reference)).toEqual([`Appointment/${appointment.id}`]);
    expect((await medplum.readResource('Appointment', appointment.id)).status).toBe('booked');

    await clinik.schedules.update(schedule.id, { active: true, comment: 'Back' });
    await medplum.idle();
    const back = await slotsOf(schedule.id);
    expect(back.filter((s) => s.status === 'free')).toHaveLength(8);
    expect(back.filter((s) => s.status === 'busy')).toHaveLength(1);
  });

  test('a schedule with availability: create it and its slots appear', async () => {
    const { data: schedule } = await clinik.schedules.create({
      actorIds: ['Practitioner/dr_lee'],
      specialty: ['Dermatology'],
      planningHorizon: { start: '2025-03-03T00:00:00-05:00', end: '2025-03-08T00:00:00-05:00' },
      availability: {
        timeZone: 'America/New_York',
        slotMinutes: 30,
        weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' }],
      },
    });
    await medplum.idle();
    const slots = await slotsOf(schedule.id);
    expect(slots).toHaveLength(30);
    expect(slots[0]?.start).toBe('2025-03-03T09:00:00-05:00');
  });
});
