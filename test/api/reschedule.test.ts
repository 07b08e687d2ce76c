import type { MedplumClient } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { describe, expect, test, vi } from 'vitest';
import { syncAppointmentSlots } from '../../engine/appointments/sync';
import { deskPerTest, scheduleWithSlots, slotsOf, refusal } from './frontdesk-support';

const d = deskPerTest();

async function booked(): Promise<{ appointment: Appointment & { id: string }; oldSlot: string; target: string }> {
  const schedule = await scheduleWithSlots(d);
  const [first, second] = await slotsOf(d.medplum, schedule.id);
  const { data: appointment } = await d.clinik.appointments.book({ slotId: first?.id as string, patientId: 'pat-1' });
  await d.medplum.idle();
  return { appointment, oldSlot: first?.id as string, target: second?.id as string };
}

describe('appointments.reschedule', () => {
  test('moves the appointment (same id) to the new slot, frees the old one, closes its reschedule task', async () => {
    const { appointment, oldSlot } = await booked();
    const other = await scheduleWithSlots(d, { actorIds: ['Practitioner/dr_jones'] });
    await d.clinik.schedules.update(await scheduleOf(oldSlot), {
      active: false,
      comment: 'Dr. Smith on leave',
    });
    await d.medplum.idle();
    const [task] = await d.medplum.searchResources('Task', { focus: `Appointment/${appointment.id}` });
    expect(task?.status).toBe('requested');
    const target = (await slotsOf(d.medplum, other.id))[3];
    const { data: moved } = await d.clinik.appointments.reschedule(appointment.id, target?.id as string);
    expect(moved.id).toBe(appointment.id);
    expect([moved.start, moved.slot]).toEqual([target?.start, [{ reference: `Slot/${target?.id}` }]]);
    expect(moved.participant.map((p) => p.actor?.reference)).toEqual(['Patient/pat-1', 'Practitioner/dr_jones']);
    await d.medplum.idle();
    expect((await d.medplum.readResource('Slot', target?.id as string)).status).toBe('busy');
    // the old slot was on the deactivated schedule: released (a generated slot there is deleted)
    await expect(d.medplum.readResource('Slot', oldSlot)).rejects.toThrow();
    const closed = await d.medplum.readResource('Task', task?.id as string);
    expect(closed.status).toBe('completed');
    expect(closed.note?.[0]?.text).toMatch(/^Rescheduled to /);
  });

  test('bad input is refused before any write', async () => {
    const { appointment, oldSlot, target } = await booked();
    const writes = vi.spyOn(d.medplum, 'updateResource');
    expect((await refusal(d.clinik.appointments.reschedule('ghost', target))).status).toBe(404);
    expect(
      (await refusal(d.clinik.appointments.reschedule(appointment.id, 'ghost'))).outcome.issue[0]?.expression
    ).toEqual(['newSlotId']);
    expect((await refusal(d.clinik.appointments.reschedule(appointment.id, oldSlot))).status).toBe(400);
    vi.setSystemTime(Date.parse('2025-03-03T09:45:00Z'));
    expect((await refusal(d.clinik.appointments.reschedule(appointment.id, target))).message).toMatch(/in the past/);
    expect(writes).not.toHaveBeenCalled();
    vi.setSystemTime(Date.parse('2025-03-01T00:00:00Z'));
    await d.clinik.appointments.cancel(appointment.id, 'Patient request');
    expect((await refusal(d.clinik.appointments.reschedule(appointment.id, target))).status).toBe(409);
  });

  test('racing a book on the target slot: exactly one winner, the loser leaves nothing behind', async () => {
    const { appointment, oldSlot, target } = await booked();
    const results = await Promise.allSettled([
      d.clinik.appointments.reschedule(appointment.id, target),
      d.clinik.appointments.book({ slotId: target, patientId: 'pat-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await d.medplum.idle();
    const holders = (await d.medplum.searchResources('Appointment', { slot: `Slot/${target}` })).filter(
      (a) => a.status === 'booked'
    );
    expect(holders).toHaveLength(1);
    const current = await d.medplum.readResource('Appointment', appointment.id);
    if (results[0]?.status === 'rejected') {
      expect(current.slot).toEqual([{ reference: `Slot/${oldSlot}` }]);
      expect((await d.medplum.readResource('Slot', oldSlot)).status).toBe('busy');
    } else {
      expect(current.slot).toEqual([{ reference: `Slot/${target}` }]);
      expect((await d.medplum.readResource('Slot', oldSlot)).status).toBe('free');
    }
  });

  test('an appointment changed meanwhile: 412, the new slot is given back, the original untouched', async () => {
    const { appointment, oldSlot, target } = await booked();
    // The booking operation writes with the booking bot's client.
    const writer = d.medplum.botClients.booking as MedplumClient;
    const original = writer.updateResource.bind(writer);
    vi.spyOn(writer, 'updateResource').mockImplementation(async (resource, options) => {
      if (resource.resourceType === 'Appointment') {
        const latest = await d.medplum.readResource('Appointment', appointment.id);
        await original({ ...latest, comment: 'edited by someone else' });
      }
      return original(resource, options);
    });
    const error = await refusal(d.clinik.appointments.reschedule(appointment.id, target));
    expect(error.status).toBe(412);
    vi.restoreAllMocks();
    await d.medplum.idle();
    const current = await d.medplum.readResource('Appointment', appointment.id);
    expect([current.slot, current.start]).toEqual([[{ reference: `Slot/${oldSlot}` }], appointment.start]);
    expect((await d.medplum.readResource('Slot', target)).status).toBe('free');
    expect((await d.medplum.readResource('Slot', oldSlot)).status).toBe('busy');
  });
});

describe('appointments.cancel beside the appointment bot (converging writes)', () => {
  test('the bot frees the slot first: the API write loses the race (412) and still succeeds', async () => {
    const { appointment, oldSlot } = await booked();
    // The booking operation writes with the booking bot's client.
    const writer = d.medplum.botClients.booking as MedplumClient;
    const original = writer.updateResource.bind(writer);
    let raced = 0;
    vi.spyOn(writer, 'updateResource').mockImplementation(async (resource, options) => {
      if (resource.resourceType === 'Slot' && resource.status === 'free' && raced === 0) {
        raced++;
        await syncAppointmentSlots(d.medplum, appointment.id); // the bot, on the server, wins
      }
      return original(resource, options);
    });
    const { data } = await d.clinik.appointments.cancel(appointment.id, 'Patient request');
    expect(raced).toBe(1);
    expect(data.status).toBe('cancelled');
    await d.medplum.idle();
    expect((await d.medplum.readResource('Slot', oldSlot)).status).toBe('free');
    expect(d.medplum.botRuns.filter((r) => r.error)).toEqual([]);
  });

  test('the API frees the slot first: the bot run loses the race (412) and reports success, not an error', async () => {
    const { appointment, oldSlot } = await booked();
    await d.medplum.updateResource({
      ...(await d.medplum.readResource('Appointment', appointment.id)),
      status: 'cancelled',
    });
    const original = d.medplum.updateResource.bind(d.medplum);
    let raced = 0;
    vi.spyOn(d.medplum, 'updateResource').mockImplementation(async (resource, options) => {
      if (resource.resourceType === 'Slot' && resource.status === 'free' && raced === 0) {
        raced++;
        const latest = await d.medplum.readResource('Slot', oldSlot);
        await original({ ...latest, status: 'free' }); // the API's own release lands first
      }
      return original(resource, options);
    });
    const { outcome } = await syncAppointmentSlots(d.medplum, appointment.id);
    expect(raced).toBe(1);
    expect(outcome.issue[0]?.severity).toBe('information');
    expect((await d.medplum.readResource('Slot', oldSlot)).status).toBe('free');
  });

  test('two cancels at once both succeed', async () => {
    const { appointment } = await booked();
    const results = await Promise.all([
      d.clinik.appointments.cancel(appointment.id, 'A'),
      d.clinik.appointments.cancel(appointment.id, 'B'),
    ]);
    expect(results.map((r) => r.data.status)).toEqual(['cancelled', 'cancelled']);
  });
});

async function scheduleOf(slotId: string): Promise<string> {
  return (await d.medplum.readResource('Slot', slotId)).schedule.reference?.replace('Schedule/', '') as string;
}
