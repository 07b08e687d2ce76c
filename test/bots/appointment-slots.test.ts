import type { Appointment, Slot } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { handler } from '../../bots/appointment-slots';
import { handler as scheduleHandler } from '../../bots/schedule-slots';
import { WITHDRAWN_EXTENSION_URL } from '../../core/fhir';
import { withAvailability, type AvailabilityInput } from '../../core/availability/write';
import { emptyMockClient } from '../medplum-setup';
import { createSchedule, eventFor, rescheduleTasks, slotLines, slotsOf } from './support';

// Saturday 1 March 2025, 00:00 EST (-05:00).
const NOW = '2025-03-01T00:00:00-05:00';
const HORIZON = { start: '2025-03-03T00:00:00-05:00', end: '2025-03-04T00:00:00-05:00' }; // Monday 3 March
const MON_9_TO_11: AvailabilityInput = {
  timeZone: 'America/New_York',
  slotMinutes: 60,
  weekly: [{ days: ['mon'], start: '09:00', end: '11:00' }],
};

let medplum: MockClient;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(NOW) });
  medplum = emptyMockClient();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function generatedSchedule(): Promise<{ scheduleId: string; slots: Slot[] }> {
  const schedule = await createSchedule(medplum, MON_9_TO_11, HORIZON);
  await scheduleHandler(medplum, eventFor(schedule));
  return { scheduleId: schedule.id, slots: await slotsOf(medplum, schedule.id) };
}

async function appointment(slot: Slot, status: Appointment['status'], patient = 'pat-1'): Promise<Appointment> {
  return medplum.createResource<Appointment>({
    resourceType: 'Appointment',
    status,
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant: [{ actor: { reference: `Patient/${patient}` }, status: 'accepted' }],
  });
}

async function run(appt: Appointment): ReturnType<typeof handler> {
  return handler(medplum, eventFor(appt));
}

describe('appointment bot', () => {
  test('booked makes the slot busy; pending makes it busy-tentative', async () => {
    const { scheduleId, slots } = await generatedSchedule();
    await run(await appointment(slots[0] as Slot, 'pending'));
    await run(await appointment(slots[1] as Slot, 'booked', 'pat-2'));
    expect(await slotLines(medplum, scheduleId)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 busy-tentative',
      '2025-03-03T10:00:00-05:00/2025-03-03T11:00:00-05:00 busy',
    ]);
  });

  test('pending then booked; then cancelled frees the slot again', async () => {
    const { scheduleId, slots } = await generatedSchedule();
    const appt = await appointment(slots[0] as Slot, 'pending');
    await run(appt);
    const booked = await medplum.updateResource({ ...appt, status: 'booked' });
    await run(booked);
    expect((await slotsOf(medplum, scheduleId))[0]?.status).toBe('busy');
    const result = await run(await medplum.updateResource({ ...booked, status: 'cancelled' }));
    expect(result.issue[0]?.details?.text).toMatch(/released 1/);
    expect((await slotsOf(medplum, scheduleId))[0]?.status).toBe('free');
  });

  test('cancelled on an inactive schedule: the generated slot is deleted, a hand-made one withdrawn', async () => {
    const { scheduleId, slots } = await generatedSchedule();
    const handMade = await medplum.createResource<Slot>({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${scheduleId}` },
      status: 'free',
      start: '2025-03-03T15:00:00-05:00',
      end: '2025-03-03T15:30:00-05:00',
    });
    const a1 = await appointment(slots[0] as Slot, 'booked');
    const a2 = await appointment(handMade, 'booked', 'pat-2');
    await run(a1);
    await run(a2);
    const schedule = await medplum.readResource('Schedule', scheduleId);
    await scheduleHandler(
      medplum,
      eventFor(await medplum.updateResource({ ...schedule, active: false, comment: 'Closed' }))
    );
    await run(await medplum.updateResource({ ...a1, status: 'cancelled' }));
    await run(await medplum.updateResource({ ...a2, status: 'noshow' }));
    expect(await slotLines(medplum, scheduleId)).toEqual([
      '2025-03-03T15:00:00-05:00/2025-03-03T15:30:00-05:00 busy-unavailable',
    ]);
    expect((await medplum.readResource('Slot', handMade.id as string)).extension?.[0]?.url).toBe(
      WITHDRAWN_EXTENSION_URL
    );
  });

  test("cancelled after the hours changed: the freed slot is cancelled and the day re-planned to today's rules", async () => {
    const { scheduleId, slots } = await generatedSchedule();
    const appt = await appointment(slots[1] as Slot, 'booked'); // Mon 10:00–11:00 EST
    await run(appt);
    const schedule = await medplum.readResource('Schedule', scheduleId);
    const changed = await medplum.updateResource(
      withAvailability(schedule, {
        ...MON_9_TO_11,
        slotMinutes: 30,
        weekly: [{ days: ['mon'], start: '09:00', end: '10:30' }],
      })
    );
    await scheduleHandler(medplum, eventFor(changed)); // 10:00–11:00 is booked: kept as a conflict
    expect(await slotLines(medplum, scheduleId)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T09:30:00-05:00 free',
      '2025-03-03T09:30:00-05:00/2025-03-03T10:00:00-05:00 free',
      '2025-03-03T10:00:00-05:00/2025-03-03T11:00:00-05:00 busy',
    ]);
    await run(await medplum.updateResource({ ...appt, status: 'cancelled' }));
    expect(await slotLines(medplum, scheduleId)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T09:30:00-05:00 free',
      '2025-03-03T09:30:00-05:00/2025-03-03T10:00:00-05:00 free',
      '2025-03-03T10:00:00-05:00/2025-03-03T10:30:00-05:00 free',
    ]);
  });

  test('an appointment moved to another slot gives the old one back', async () => {
    const { scheduleId, slots } = await generatedSchedule();
    const appt = await appointment(slots[0] as Slot, 'booked');
    await run(appt);
    const moved = await medplum.updateResource({ ...appt, slot: [{ reference: `Slot/${slots[1]?.id}` }] });
    const result = await run(moved);
    expect(result.issue[0]?.details?.text).toMatch(/held 1, released 1/);
    expect((await slotsOf(medplum, scheduleId)).map((s) => s.status)).toEqual(['free', 'busy']);
  });

  test('a booking whose slot is gone gets a Task', async () => {
    const { slots } = await generatedSchedule();
    const appt = await appointment(slots[0] as Slot, 'booked');
    await medplum.deleteResource('Slot', slots[0]?.id as string);
    const result = await run(appt);
    expect(result.issue.some((i) => i.severity === 'error' && /was not found/.test(i.details?.text ?? ''))).toBe(true);
    expect((await rescheduleTasks(medplum))[0]?.focus?.reference).toBe(`Appointment/${appt.id}`);
  });

  test('double booking: the slot is not overwritten; reported with one Task, however often the bot runs', async () => {
    const { scheduleId, slots } = await generatedSchedule();
    const first = await appointment(slots[0] as Slot, 'booked');
    await run(first);
    const second = await appointment(slots[0] as Slot, 'booked', 'pat-2');
    const result = await run(second);
    expect(result.issue[0]?.severity).toBe('error');
    expect(result.issue.some((i) => /Double booking.*Appointment\//.test(i.details?.text ?? ''))).toBe(true);
    await run(second);
    const tasks = await rescheduleTasks(medplum);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.focus?.reference).toBe(`Appointment/${second.id}`);
    expect(tasks[0]?.for?.reference).toBe('Patient/pat-2');
    expect(tasks[0]?.reasonCode?.coding?.[0]?.code).toBe('double-booking');
    // Cancelling the second booking leaves the first one's slot busy.
    await run(await medplum.updateResource({ ...second, status: 'cancelled' }));
    expect((await slotsOf(medplum, scheduleId))[0]?.status).toBe('busy');
  });

  test('a busy-unavailable slot is not bookable: reported with a Task', async () => {
    const { slots } = await generatedSchedule();
    await medplum.updateResource({ ...(slots[0] as Slot), status: 'busy-unavailable' });
    const result = await run(await appointment(slots[0] as Slot, 'booked'));
    expect(result.issue.some((i) => /busy-unavailable, not bookable/.test(i.details?.text ?? ''))).toBe(true);
    expect((await rescheduleTasks(medplum))[0]?.reasonCode?.coding?.[0]?.code).toBe('slot-unavailable');
  });

  test('a missing slot is reported; a deleted appointment is nothing to do; a wrong input is refused', async () => {
    const appt = await medplum.createResource<Appointment>({
      resourceType: 'Appointment',
      status: 'booked',
      slot: [{ reference: 'Slot/nope' }],
      participant: [{ actor: { reference: 'Patient/p' }, status: 'accepted' }],
    });
    const result = await run(appt);
    expect(result.issue.some((i) => /Slot\/nope was not found/.test(i.details?.text ?? ''))).toBe(true);
    await medplum.deleteResource('Appointment', appt.id as string);
    expect((await run(appt)).issue.some((i) => /no longer exists/.test(i.details?.text ?? ''))).toBe(true);
    await expect(handler(medplum, eventFor({ resourceType: 'Slot', id: 's' } as never))).rejects.toThrow(
      'Expected an Appointment'
    );
  });

  test('a slot changed meanwhile is read again: the other change stands and the booking lands on the newest version', async () => {
    const { slots } = await generatedSchedule();
    const appt = await appointment(slots[0] as Slot, 'booked');
    const original = medplum.readResource.bind(medplum);
    let touched = false;
    vi.spyOn(medplum, 'readResource').mockImplementation((async (type: string, id: string, options?: object) => {
      const value = await original(type as 'Slot', id, options);
      if (type === 'Slot' && !touched) {
        // Someone else writes the slot between our read and our write.
        touched = true;
        await medplum.updateResource({ ...(value as Slot), comment: 'touched' });
      }
      return value;
    }) as never);
    const result = await run(appt);
    expect(result.issue[0]?.details?.text).toMatch(/held 1/);
    const slot = await original('Slot', slots[0]?.id as string);
    expect([slot.status, slot.comment]).toEqual(['busy', 'touched']);
  });

  test('"someone already did it" is success: a slot the API freed first is not an error', async () => {
    const { slots } = await generatedSchedule();
    const appt = await appointment(slots[0] as Slot, 'booked');
    await run(appt);
    const cancelled = await medplum.updateResource({ ...(appt as Appointment & { id: string }), status: 'cancelled' });
    const busy = await medplum.readResource('Slot', slots[0]?.id as string);
    const original = medplum.updateResource.bind(medplum);
    let raced = false;
    vi.spyOn(medplum, 'updateResource').mockImplementation((async (resource: Slot, options?: object) => {
      if (resource.resourceType === 'Slot' && !raced) {
        // The API's own cancellation frees the slot just before the bot's write: the bot's If-Match fails.
        raced = true;
        await original({ ...busy, status: 'free' });
      }
      return original(resource, options as never);
    }) as never);
    const result = await run(cancelled);
    expect(result.issue.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await medplum.readResource('Slot', slots[0]?.id as string)).status).toBe('free');
  });
});
