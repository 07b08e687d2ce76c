/**
 * Group slots: a schedule whose SchedulingParameters say `slotCapacity: 3` takes three patients per slot. The slot
 * stays free until full, then busy; a cancellation frees one place; of concurrent bookings of the last place exactly
 * one wins; the appointment bot keeps the same rule when it sees the bookings.
 */
import type { WithId } from '@medplum/core';
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { describeFill } from '../../core/capacity';
import { type Desk, desk, refusal, scheduleWithSlots, slotsOf } from './frontdesk-support';

let d: Desk;
let schedule: WithId<Schedule>;
let first: WithId<Slot>;

beforeEach(async () => {
  d = await desk();
  for (let i = 4; i <= 8; i++) {
    await d.medplum.updateResource({ resourceType: 'Patient', id: `pat-${i}` });
  }
  schedule = await scheduleWithSlots(d, {
    availability: {
      timeZone: 'UTC',
      slotMinutes: 60,
      capacity: 3,
      weekly: [{ days: ['mon'], start: '09:00', end: '11:00' }],
    },
  });
  first = (await slotsOf(d.medplum, schedule.id))[0] as WithId<Slot>;
});
afterEach(() => {
  vi.useRealTimers();
});

async function statusOf(id: string): Promise<Slot['status']> {
  return (await d.medplum.readResource('Slot', id, { cache: 'no-cache' })).status;
}

async function fillOf(id: string): Promise<string | undefined> {
  const page = await d.clinik.slots.find({ from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z' });
  const found = page.data.find((f) => f.slot.id === id);
  return found?.fill ? describeFill(found.fill.booked, found.fill.capacity) : undefined;
}

describe('a slot of three places', () => {
  test('stays free and offered until full, then busy and no longer offered; each patient once', async () => {
    expect(await fillOf(first.id)).toBe('0 of 3 booked');
    await d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-1' });
    const twice = await refusal(d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-1' }));
    expect([twice.status, twice.message]).toEqual([409, expect.stringContaining('already has a place')]);
    await d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-2' });
    await d.medplum.idle(); // the appointment bot sees the bookings and keeps the slot free
    expect([await statusOf(first.id), await fillOf(first.id)]).toEqual(['free', '2 of 3 booked']);
    await d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-3' });
    await d.medplum.idle();
    expect([await statusOf(first.id), await fillOf(first.id)]).toEqual(['busy', undefined]);
    const full = await refusal(d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-4' }));
    expect([full.status, full.message]).toEqual([409, `Slot/${first.id} is busy, not free.`]);
  });

  test('a cancellation frees one place, and the bots keep it free', async () => {
    const booked = [];
    for (const patientId of ['pat-1', 'pat-2', 'pat-3']) {
      booked.push((await d.clinik.appointments.book({ slotId: first.id, patientId })).data);
    }
    await d.clinik.appointments.cancel(booked[1]?.id as string, 'Patient called');
    await d.medplum.idle();
    await d.medplum.runCron();
    expect([await statusOf(first.id), await fillOf(first.id)]).toEqual(['free', '2 of 3 booked']);
    await d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-4' });
    expect(await statusOf(first.id)).toBe('busy');
  });

  test('of concurrent bookings of the last place exactly one wins', async () => {
    await d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-1' });
    await d.clinik.appointments.book({ slotId: first.id, patientId: 'pat-2' });
    const results = await Promise.allSettled(
      ['pat-3', 'pat-4', 'pat-5', 'pat-6', 'pat-7', 'pat-8'].map((patientId) =>
        d.clinik.appointments.book({ slotId: first.id, patientId })
      )
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await d.medplum.idle();
    const live = await d.medplum.searchResources('Appointment', { slot: `Slot/${first.id}`, status: 'booked' });
    expect(live).toHaveLength(3);
    expect(await statusOf(first.id)).toBe('busy');
  });
});

test('a capacity outside 1..100 is refused, naming the field', async () => {
  const error = await refusal(
    d.clinik.schedules.create({
      actorIds: ['Practitioner/dr_smith'],
      availability: { timeZone: 'UTC', slotMinutes: 60, capacity: 0, weekly: [] },
    })
  );
  expect([error.status, error.outcome.issue.map((i) => i.expression?.[0])]).toEqual([
    400,
    expect.arrayContaining(['availability.capacity']),
  ]);
});
