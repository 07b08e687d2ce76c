/**
 * The booking operation is the only way a front desk writes Slots and Appointments: under the staff AccessPolicy
 * (medplum/staff-access-policy.json, applied by the local runtime's server simulation as Medplum applies it) a
 * direct write is refused with 403, while every call of the API works through the booking Bot.
 */
import type { MedplumClient } from '@medplum/core';
import { MockClient } from '@medplum/mock';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ClinikError, createClinik, type Clinik } from '../../api';
import { BOT_IDENTIFIER_SYSTEM } from '../../core/fhir';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { STAFF_ACCESS_POLICY } from '../../medplum/policies';
import { refusal } from './frontdesk-support';

const NOW = Date.parse('2025-03-01T00:00:00Z');
const NINE = { start: '2025-03-03T09:00:00Z', end: '2025-03-03T09:30:00Z' };
let medplum: LocalMedplum;
let clinik: Clinik;
let slotId: string;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  medplum = createLocalMedplum();
  await medplum.updateResource({ resourceType: 'Patient', id: 'pat-1' });
  await medplum.updateResource({ resourceType: 'Patient', id: 'pat-2' });
  medplum.server.setPolicy('api', STAFF_ACCESS_POLICY); // from here on, the API's client is a front desk
  clinik = createClinik(medplum);
  const { data: schedule } = await clinik.schedules.create({ actorIds: ['Practitioner/dr_jones'] });
  slotId = (await clinik.slots.create({ scheduleId: schedule.id, ...NINE })).data.id;
});
afterEach(() => {
  vi.useRealTimers();
});

async function forbidden(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/forbidden/i);
}

describe('a front desk under the staff AccessPolicy', () => {
  test('cannot write a Slot or an Appointment directly, whatever the write', async () => {
    const slot = await medplum.readResource('Slot', slotId);
    await forbidden(medplum.updateResource({ ...slot, status: 'busy' }));
    await forbidden(medplum.deleteResource('Slot', slotId));
    await forbidden(medplum.createResource({ resourceType: 'Slot', schedule: slot.schedule, status: 'free', ...NINE }));
    await forbidden(
      medplum.createResource({
        resourceType: 'Appointment',
        status: 'booked',
        slot: [{ reference: `Slot/${slotId}` }],
        participant: [{ actor: { reference: 'Patient/pat-1' }, status: 'accepted' }],
      })
    );
    const batch = await medplum.executeBatch({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'PUT', url: `Slot/${slotId}` }, resource: { ...slot, status: 'busy' } }],
    });
    expect(batch.entry?.[0]?.response?.status).toBe('403');
    expect((await medplum.readResource('Slot', slotId)).status).toBe('free');
  });

  test('cannot write a waitlist entry directly; adds, lists and removes it through the booking operation', async () => {
    const { data: entry } = await clinik.waitlist.add({ patientId: 'pat-1', priority: 'urgent' });
    expect([entry.resourceType, entry.status, entry.priority]).toEqual(['ServiceRequest', 'active', 'urgent']);
    await forbidden(medplum.updateResource({ ...entry, priority: 'stat' }));
    await forbidden(medplum.createResource({ ...entry, id: undefined }));
    const { data: listed } = await clinik.waitlist.list();
    expect(listed.map((e) => e.request.id)).toEqual([entry.id]);
    const { data: removed } = await clinik.waitlist.remove(entry.id, 'Found a time elsewhere');
    expect(removed.status).toBe('revoked');
    expect((await clinik.waitlist.list()).data).toEqual([]);
  });

  test('books, holds, reschedules and cancels through the booking operation', async () => {
    const { data: held } = await clinik.appointments.hold({ slotId, patientId: 'pat-1', minutes: 5 });
    expect(held.status).toBe('pending');
    const { data: booked } = await clinik.appointments.book({ slotId, patientId: 'pat-1', holdId: held.id });
    expect([booked.id, booked.status]).toEqual([held.id, 'booked']);
    const { data: schedule } = await clinik.schedules.create({ actorIds: ['Practitioner/dr_smith'] });
    const { data: other } = await clinik.slots.create({ scheduleId: schedule.id, ...NINE });
    const { data: moved } = await clinik.appointments.reschedule(booked.id, other.id);
    expect(moved.slot).toEqual([{ reference: `Slot/${other.id}` }]);
    const { data: cancelled } = await clinik.appointments.cancel(booked.id, 'Patient request');
    expect(cancelled.status).toBe('cancelled');
    await medplum.idle();
    expect((await medplum.readResource('Slot', slotId)).status).toBe('free');
    expect((await medplum.readResource('Slot', other.id)).status).toBe('free');
    const runs = medplum.botRuns.filter((r) => r.botId === 'booking');
    expect(runs.map((r) => (r.result as { ok: boolean }).ok)).toEqual([true, true, true, true, true, true]);
  });

  test('a refusal comes back as the ClinikError the call would throw, and the run is no failure', async () => {
    await clinik.appointments.book({ slotId, patientId: 'pat-1' });
    const error = await refusal(clinik.appointments.book({ slotId, patientId: 'pat-2' }));
    expect(error.status).toBe(409);
    expect(error.outcome.issue[0]?.expression).toEqual(['slotId']);
    const bad = await refusal(clinik.appointments.book({ slotId: '', patientId: 'pat-2' }));
    expect([bad.status, bad.outcome.issue[0]?.expression]).toEqual([400, ['slotId']]);
    expect(medplum.botRuns.filter((r) => r.error)).toEqual([]);
  });

  test('a request without a known action is refused with a 400 naming it', async () => {
    const reply = await medplum.executeBot({ system: BOT_IDENTIFIER_SYSTEM, value: 'booking' }, { action: 'delete' });
    expect(reply).toMatchObject({ ok: false, status: 400, outcome: { issue: [{ expression: ['action'] }] } });
    const missing = await medplum.executeBot({ system: BOT_IDENTIFIER_SYSTEM, value: 'booking' }, { action: 'cancel' });
    expect(missing).toMatchObject({ ok: false, status: 400 });
    expect(
      (missing as { outcome: { issue: { expression: string[] }[] } }).outcome.issue.map((i) => i.expression)
    ).toEqual([['id'], ['reason']]);
  });
});

describe('where the booking operation is not deployed', () => {
  test('booking says so (503, what to run) instead of writing with the caller’s rights', async () => {
    const plain: MedplumClient = new MockClient();
    const error = await refusal(createClinik(plain).appointments.book({ slotId: 's1', patientId: 'p1' }));
    expect(error).toBeInstanceOf(ClinikError);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/not deployed.*npm run deploy/);
  });
});

describe('who goes through the operation', () => {
  test('a project admin bound by no AccessPolicy writes directly, under the same checks; a staff member does not', async () => {
    medplum.server.setPolicy('api', undefined);
    const admin = vi.spyOn(medplum, 'isProjectAdmin').mockReturnValue(true);
    const before = medplum.botRuns.filter((r) => r.botId === 'booking').length;
    const { data } = await createClinik(medplum).appointments.book({ slotId, patientId: 'pat-1' });
    expect(data.status).toBe('booked');
    expect(medplum.botRuns.filter((r) => r.botId === 'booking')).toHaveLength(before); // no operation run
    const twice = await refusal(createClinik(medplum).appointments.book({ slotId, patientId: 'pat-2' }));
    expect(twice.status).toBe(409); // the same checks
    admin.mockReturnValue(false);
    await refusal(clinik.appointments.book({ slotId, patientId: 'pat-2' }));
    expect(medplum.botRuns.filter((r) => r.botId === 'booking').length).toBe(before + 1);
  });
});
