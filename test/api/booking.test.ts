import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { HOLD_EXPIRES_EXTENSION_URL, releaseExpiredHolds } from '../../engine/appointments/holds';
import { desk, scheduleWithSlots, slotsOf, type Desk, refusal } from './frontdesk-support';
import { type ClinikError } from '../../api';

let d: Desk;
beforeEach(async () => {
  d = await desk();
});
afterEach(() => vi.useRealTimers());

async function firstSlot(): Promise<string> {
  const schedule = await scheduleWithSlots(d);
  return (await slotsOf(d.medplum, schedule.id))[0]?.id as string;
}

describe('appointments.book: checks before any write', () => {
  test('unknown slot, unknown patient, slot in the past, slot not free: refused, nothing written', async () => {
    const slotId = await firstSlot();
    const writes = vi.spyOn(d.medplum, 'updateResource');
    const create = vi.spyOn(d.medplum, 'createResource');
    expect((await refusal(d.clinik.appointments.book({ slotId: 'nope', patientId: 'pat-1' }))).status).toBe(404);
    const unknownPatient = await refusal(d.clinik.appointments.book({ slotId, patientId: 'ghost' }));
    expect([unknownPatient.status, unknownPatient.outcome.issue[0]?.expression]).toEqual([404, ['patientId']]);
    const malformed = await refusal(d.clinik.appointments.book({ slotId: 'a b', patientId: '' }));
    expect(malformed.outcome.issue.map((i) => i.expression?.[0])).toEqual(['slotId', 'patientId']);
    vi.setSystemTime(Date.parse('2025-03-03T09:10:00Z'));
    const past = await refusal(d.clinik.appointments.book({ slotId, patientId: 'pat-1' }));
    expect([past.status, past.message]).toEqual([400, expect.stringMatching(/in the past/)]);
    expect(writes).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
  });

  test('a double booking across schedules of one actor is refused with a 409 naming the conflict', async () => {
    const a = await scheduleWithSlots(d);
    const b = await scheduleWithSlots(d, {
      actorIds: ['Practitioner/dr_smith', 'Location/room_1'],
      specialty: ['Neurology'],
    });
    const [slotA] = await slotsOf(d.medplum, a.id);
    const [slotB] = await slotsOf(d.medplum, b.id);
    await d.clinik.appointments.book({ slotId: slotA?.id as string, patientId: 'pat-1' });
    const refused = await refusal(d.clinik.appointments.book({ slotId: slotB?.id as string, patientId: 'pat-2' }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(/Double booking: Practitioner\/dr_smith is already busy/);
    expect(refused.message).toContain(`Slot/${slotA?.id}`);
    expect((await d.medplum.readResource('Slot', slotB?.id as string)).status).toBe('free');
  });

  test('two appointments for one slot: a free slot already referenced by an Appointment is refused', async () => {
    const slotId = await firstSlot();
    await d.medplum.createResource({
      resourceType: 'Appointment',
      status: 'booked',
      slot: [{ reference: `Slot/${slotId}` }],
      participant: [{ actor: { reference: 'Patient/pat-3' }, status: 'accepted' }],
    });
    // (the appointment bot has not run yet: the slot still says free)
    const slot = await d.medplum.readResource('Slot', slotId);
    await d.medplum.updateResource({ ...slot, status: 'free' });
    const refused = await refusal(d.clinik.appointments.book({ slotId, patientId: 'pat-1' }));
    expect([refused.status, refused.message]).toEqual([409, expect.stringMatching(/already booked by Appointment/)]);
  });
});

describe('holds', () => {
  test('hold → busy-tentative pending Appointment with its expiry; book without it → 409; with it → booked', async () => {
    const slotId = await firstSlot();
    const { data: hold } = await d.clinik.appointments.hold({ slotId, patientId: 'pat-1', minutes: 5 });
    expect(hold.status).toBe('pending');
    expect(hold.extension?.find((e) => e.url === HOLD_EXPIRES_EXTENSION_URL)?.valueInstant).toBe(
      '2025-03-01T00:05:00Z'
    );
    await d.medplum.idle();
    expect((await d.medplum.readResource('Slot', slotId)).status).toBe('busy-tentative');
    const refused = await refusal(d.clinik.appointments.book({ slotId, patientId: 'pat-2' }));
    expect([refused.status, refused.message]).toEqual([
      409,
      expect.stringMatching(/held for another patient until 2025-03-01T00:05:00Z/),
    ]);
    const wrongPatient = await refusal(d.clinik.appointments.book({ slotId, patientId: 'pat-2', holdId: hold.id }));
    expect(wrongPatient.outcome.issue[0]?.expression).toEqual(['patientId']);
    const { data: booked } = await d.clinik.appointments.book({ slotId, patientId: 'pat-1', holdId: hold.id });
    expect([booked.id, booked.status]).toEqual([hold.id, 'booked']);
    expect(booked.extension?.some((e) => e.url === HOLD_EXPIRES_EXTENSION_URL) ?? false).toBe(false);
    await d.medplum.idle();
    expect((await d.medplum.readResource('Slot', slotId)).status).toBe('busy');
  });

  test('an expired hold cannot be confirmed; releaseExpiredHolds frees it; a later booking wins', async () => {
    const slotId = await firstSlot();
    const { data: hold } = await d.clinik.appointments.hold({ slotId, patientId: 'pat-1', minutes: 2 });
    await d.medplum.idle();
    expect(await releaseExpiredHolds(d.medplum, Date.now())).toEqual({ released: [], live: 1 });
    vi.setSystemTime(Date.now() + 3 * 60_000);
    const expired = await refusal(d.clinik.appointments.book({ slotId, patientId: 'pat-1', holdId: hold.id }));
    expect([expired.status, expired.message]).toEqual([409, expect.stringMatching(/expired/)]);
    expect(await releaseExpiredHolds(d.medplum, Date.now())).toEqual({ released: [hold.id], live: 0 });
    await d.medplum.idle();
    expect((await d.medplum.readResource('Appointment', hold.id)).cancelationReason?.text).toBe('Hold expired');
    expect((await d.medplum.readResource('Slot', slotId)).status).toBe('free');
    expect(await releaseExpiredHolds(d.medplum, Date.now())).toEqual({ released: [], live: 0 });
    const { data } = await d.clinik.appointments.book({ slotId, patientId: 'pat-2' });
    expect(data.status).toBe('booked');
  });

  test('a booking of a slot whose hold expired but was not released yet releases it first', async () => {
    const slotId = await firstSlot();
    const { data: hold } = await d.clinik.appointments.hold({ slotId, patientId: 'pat-1', minutes: 1 });
    await d.medplum.idle();
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const { data } = await d.clinik.appointments.book({ slotId, patientId: 'pat-2' });
    await d.medplum.idle();
    expect((await d.medplum.readResource('Appointment', hold.id)).status).toBe('cancelled');
    expect((await d.medplum.readResource('Slot', slotId)).status).toBe('busy');
    expect(data.participant[0]?.actor?.reference).toBe('Patient/pat-2');
  });
});

describe('races: exactly one winner, nothing half-done', () => {
  test('book against a live hold, concurrently with the hold being confirmed', async () => {
    const slotId = await firstSlot();
    const { data: hold } = await d.clinik.appointments.hold({ slotId, patientId: 'pat-1' });
    const results = await Promise.allSettled([
      d.clinik.appointments.book({ slotId, patientId: 'pat-2' }),
      d.clinik.appointments.book({ slotId, patientId: 'pat-1', holdId: hold.id }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    await d.medplum.idle();
    const active = (await d.medplum.searchResources('Appointment', { slot: `Slot/${slotId}` })).filter(
      (a) => a.status !== 'cancelled'
    );
    expect(active.map((a) => a.id)).toEqual([hold.id]);
  });

  test('hold and book racing for a free slot', async () => {
    const slotId = await firstSlot();
    const results = await Promise.allSettled([
      d.clinik.appointments.hold({ slotId, patientId: 'pat-1' }),
      d.clinik.appointments.book({ slotId, patientId: 'pat-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as ClinikError).status).toBe(409);
    await d.medplum.idle();
    expect(await d.medplum.searchResources('Appointment', {})).toHaveLength(1);
  });
});
