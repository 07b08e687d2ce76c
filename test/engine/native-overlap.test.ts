/**
 * The appointment bot beside Medplum's native $book / $hold / $cancel. The fixtures are shaped exactly as Medplum
 * 5.1.29's server writes them (packages/server/src/fhir/operations/utils/scheduling.ts and find.ts: `$book` creates
 * `{ resourceType, start, end, schedule: { reference }, status: 'busy' }` with UTC instants from toISOString(), and
 * `busy-unavailable` buffer Slots commented 'buffer before/after appointment', then a `booked` Appointment whose
 * participants are `{ actor, required: 'required', status: 'needs-action' }`, whose serviceType carries the
 * HealthcareService reference extension, and whose `slot` references every created Slot; `$hold` the same with
 * `busy-tentative` and `pending`; `$cancel` sets `cancelled` and deletes the Slots).
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { handler } from '../../bots/appointment-slots';

import { isGeneratedSlot } from '../../core/fhir';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { OVERLAP_WITHDRAWN_EXTENSION_URL } from '../../engine/appointments/native-overlap';
import { createClinik } from '../../api';

let medplum: LocalMedplum;
let scheduleId: string;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T00:00:00Z') });
  medplum = createLocalMedplum({ subscriptions: false }); // the bot is run by hand, as the Subscription would
  const clinik = createClinik(medplum);
  const { data } = await clinik.schedules.create({
    actorIds: ['Practitioner/dr_smith'],
    planningHorizon: { start: '2025-03-03T00:00:00Z', end: '2025-03-04T00:00:00Z' },
    availability: { timeZone: 'UTC', slotMinutes: 30, weekly: [{ days: ['mon'], start: '09:00', end: '12:00' }] },
  });
  scheduleId = data.id;
  const { syncScheduleSlots } = await import('../../engine/sync/schedule-sync');
  await syncScheduleSlots(medplum, scheduleId);
});
afterEach(() => vi.useRealTimers());

const SERVICE_TYPE = [
  {
    coding: [{ system: 'https://example.com/fhir', code: 'office-visit' }],
    extension: [
      {
        url: 'https://medplum.com/fhir/service-type-reference',
        valueReference: { reference: 'HealthcareService/hs-1', display: 'Office Visit' },
      },
    ],
  },
];

/** What Medplum's $book (or $hold) writes for 09:15–09:45 UTC, optionally with a 15-minute buffer after. */
async function nativeBook(op: '$book' | '$hold', bufferAfter = false): Promise<WithId<Appointment>> {
  const start = '2025-03-03T09:15:00.000Z';
  const end = '2025-03-03T09:45:00.000Z';
  const busy = await medplum.createResource<Slot>({
    resourceType: 'Slot',
    start,
    end,
    schedule: { reference: `Schedule/${scheduleId}` },
    status: op === '$book' ? 'busy' : 'busy-tentative',
  });
  const buffers = bufferAfter
    ? [
        await medplum.createResource<Slot>({
          resourceType: 'Slot',
          start: end,
          end: '2025-03-03T10:00:00.000Z',
          schedule: { reference: `Schedule/${scheduleId}` },
          status: 'busy-unavailable',
          comment: 'buffer after appointment',
        }),
      ]
    : [];
  return medplum.createResource<Appointment>({
    resourceType: 'Appointment',
    start,
    end,
    status: op === '$book' ? 'booked' : 'pending',
    serviceType: SERVICE_TYPE,
    participant: [
      { actor: { reference: 'Practitioner/dr_smith' }, required: 'required', status: 'needs-action' },
      { actor: { reference: 'Patient/pat-1' }, status: 'accepted' },
    ],
    slot: [busy, ...buffers].map((s) => ({ reference: `Slot/${s.id}` })),
  });
}

/** What Medplum's $cancel writes: the Appointment cancelled, its Slots deleted. */
async function nativeCancel(appointment: WithId<Appointment>): Promise<WithId<Appointment>> {
  const cancelled = await medplum.updateResource({ ...appointment, status: 'cancelled' });
  for (const ref of appointment.slot ?? []) {
    await medplum.deleteResource('Slot', ref.reference?.slice(5) as string);
  }
  return cancelled;
}

async function runBot(appointment: Appointment): Promise<string> {
  const result = await handler(medplum, {
    bot: { reference: 'Bot/appointment-slots' },
    contentType: 'application/fhir+json',
    input: appointment,
    secrets: {},
  });
  return result.issue.map((i) => i.details?.text).join('\n');
}

async function freeStarts(): Promise<string[]> {
  const slots = await medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}`, _sort: 'start' });
  return slots.filter((s) => s.status === 'free').map((s) => s.start.slice(11, 16));
}

describe('native $book / $cancel', () => {
  test('free generated slots under a $book booking are removed, and re-planned after $cancel deletes it', async () => {
    expect(await freeStarts()).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    const booked = await nativeBook('$book');
    const report = await runBot(booked);
    expect(report).toMatch(/overlaps busy Slot/);
    expect(await freeStarts()).toEqual(['10:00', '10:30', '11:00', '11:30']);
    expect(await medplum.searchResources('Task', { code: `${TASK_TYPE_SYSTEM}|reschedule-appointment` })).toHaveLength(
      0
    );
    await runBot(await nativeCancel(booked));
    expect(await freeStarts()).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    const all = await medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}` });
    expect(all.every(isGeneratedSlot)).toBe(true);
  });

  test('$hold (busy-tentative) retires overlapping slots too; buffer slots are part of the booking, not a task', async () => {
    const held = await nativeBook('$hold', true);
    await runBot(held);
    expect(await freeStarts()).toEqual(['10:00', '10:30', '11:00', '11:30']);
    expect(await medplum.searchResources('Task', { code: `${TASK_TYPE_SYSTEM}|reschedule-appointment` })).toHaveLength(
      0
    );
    const slots = await medplum.searchResources('Slot', {
      schedule: `Schedule/${scheduleId}`,
      status: 'busy-tentative',
    });
    expect(slots).toHaveLength(1);
  });

  test('a hand-made free slot under a native booking is withdrawn with a marker and restored on cancel', async () => {
    const handMade = await medplum.createResource<Slot>({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${scheduleId}` },
      status: 'free',
      start: '2025-03-03T09:40:00Z',
      end: '2025-03-03T09:50:00Z',
    });
    const booked = await nativeBook('$book');
    await runBot(booked);
    const withdrawn = await medplum.readResource('Slot', handMade.id);
    expect(withdrawn.status).toBe('busy-unavailable');
    expect(withdrawn.extension?.[0]?.url).toBe(OVERLAP_WITHDRAWN_EXTENSION_URL);
    // a second run (repeated event) changes nothing
    await runBot(booked);
    expect((await medplum.readResource('Slot', handMade.id)).meta?.versionId).toBe(withdrawn.meta?.versionId);
    // cancelled by a status update (the slot stays): the withdrawn slot comes back
    await runBot(await medplum.updateResource({ ...booked, status: 'cancelled' }));
    const restored = await medplum.readResource('Slot', handMade.id);
    expect([restored.status, restored.extension]).toEqual(['free', undefined]);
  });

  test('cancelled by a status update, a $book buffer slot goes with the booking and the time is re-planned', async () => {
    const booked = await nativeBook('$book', true);
    await runBot(booked);
    expect(await freeStarts()).toEqual(['10:00', '10:30', '11:00', '11:30']);
    await runBot(await medplum.updateResource({ ...booked, status: 'cancelled' }));
    const left = await medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}`, _sort: 'start' });
    expect(left.filter((s) => s.status === 'busy-unavailable')).toHaveLength(0);
    // the native busy slot is free again (hand-made, bookable, it keeps the grid's 09:00 and 09:30 out); the buffer
    // is gone and the generated slots after it stay
    expect(left.map((s) => `${s.start.slice(11, 16)} ${s.status}${isGeneratedSlot(s) ? '' : ' native'}`)).toEqual([
      '09:15 free native',
      '10:00 free',
      '10:30 free',
      '11:00 free',
      '11:30 free',
    ]);
  });

  test('a booked slot is never touched', async () => {
    const clinik = createClinik(medplum);
    const [nine] = await medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}`, _sort: 'start' });
    await medplum.updateResource({ resourceType: 'Patient', id: 'pat-2' });
    const { data: ours } = await clinik.appointments.book({ slotId: nine?.id as string, patientId: 'pat-2' });
    const before = await medplum.readResource('Slot', nine?.id as string);
    await runBot(await nativeBook('$book'));
    const after = await medplum.readResource('Slot', nine?.id as string);
    expect([after.status, after.meta?.versionId]).toEqual(['busy', before.meta?.versionId]);
    expect(ours.status).toBe('booked');
  });
});

describe('a hand-made slot under a native booking, on a manual schedule', () => {
  async function manualWithHandMade(): Promise<{
    manual: string;
    handMade: WithId<Slot>;
    booked: WithId<Appointment>;
  }> {
    const manual = await medplum.createResource({
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: 'Practitioner/dr_jones' }],
    });
    const handMade = await medplum.createResource<Slot>({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${manual.id}` },
      status: 'free',
      start: '2025-03-03T12:00:00Z',
      end: '2025-03-03T12:30:00Z',
    });
    // What $book writes: a new busy Slot at the same time, and the Appointment on it.
    const busy = await medplum.createResource<Slot>({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${manual.id}` },
      status: 'busy',
      start: '2025-03-03T12:00:00.000Z',
      end: '2025-03-03T12:30:00.000Z',
    });
    const booked = await medplum.createResource<Appointment>({
      resourceType: 'Appointment',
      status: 'booked',
      start: busy.start,
      end: busy.end,
      slot: [{ reference: `Slot/${busy.id}` }],
      participant: [
        { actor: { reference: 'Patient/p1' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/dr_jones' }, status: 'accepted' },
      ],
    });
    await runBot(booked);
    expect((await medplum.readResource('Slot', handMade.id)).status).toBe('busy-unavailable');
    return { manual: manual.id as string, handMade, booked };
  }

  async function freeAtNoon(manual: string): Promise<string[]> {
    const slots = await medplum.searchResources('Slot', { schedule: `Schedule/${manual}` }, { cache: 'no-cache' });
    return slots.filter((s) => s.status === 'free').map((s) => s.id as string);
  }

  test('after $cancel deletes the booking Slot, the hand-made slot comes back, once', async () => {
    const { manual, handMade, booked } = await manualWithHandMade();
    const cancelled = await nativeCancel(booked);
    await runBot(cancelled);
    expect(await freeAtNoon(manual)).toEqual([handMade.id]);
    const version = (await medplum.readResource('Slot', handMade.id)).meta?.versionId;
    await runBot(cancelled); // a repeated event
    expect((await medplum.readResource('Slot', handMade.id)).meta?.versionId).toBe(version);
  });

  test('cancelled by a status update, the hand-made slot comes back and Medplum’s booking Slot goes: offered once', async () => {
    const { manual, handMade, booked } = await manualWithHandMade();
    const cancelled = await medplum.updateResource({ ...booked, status: 'cancelled' });
    await runBot(cancelled);
    expect(await freeAtNoon(manual)).toEqual([handMade.id]);
    await runBot(cancelled);
    expect(await freeAtNoon(manual)).toEqual([handMade.id]);
  });
});
