/**
 * Booking is atomic across schedules: of concurrent bookings that would put one actor into overlapping time on any
 * of its schedules exactly one succeeds, and the others get a 409 that names the conflict. Slots are unique per
 * schedule: a duplicate or an overlapping slot is refused, also when two are made at once.
 */
import type { Appointment, Slot } from '@medplum/fhirtypes';
import { givesWay } from '../../api/slot-overlap';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ClinikError, createClinik, type Clinik } from '../../api';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { refusal } from './frontdesk-support';

let medplum: LocalMedplum;
let clinik: Clinik;
const NOW = Date.parse('2025-03-01T00:00:00Z');
const NINE = { start: '2025-03-03T09:00:00Z', end: '2025-03-03T09:30:00Z' };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  medplum = createLocalMedplum();
  clinik = createClinik(medplum, { now: () => NOW });
  for (let i = 0; i < 20; i++) {
    await medplum.updateResource({ resourceType: 'Patient', id: `pat-${i}` });
  }
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A manual schedule of the practitioner with one hand-made slot at 09:00. */
async function scheduleWithSlotAtNine(specialty: string): Promise<string> {
  const { data: schedule } = await clinik.schedules.create({
    actorIds: ['Practitioner/dr_jones'],
    specialty: [specialty],
  });
  const { data: slot } = await clinik.slots.create({ scheduleId: schedule.id, ...NINE });
  return slot.id;
}

async function liveAppointments(): Promise<Appointment[]> {
  const all = await medplum.searchResources('Appointment', { _count: '100' }, { cache: 'no-cache' });
  return all.filter((a) => a.status !== 'cancelled');
}

describe('one actor, two schedules, the same hour', () => {
  test('20 concurrent bookings over both schedules: exactly one survives, 19 are 409s naming the conflict', async () => {
    const slots = [await scheduleWithSlotAtNine('Cardiology'), await scheduleWithSlotAtNine('Internal medicine')];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        clinik.appointments.book({ slotId: slots[i % 2] as string, patientId: `pat-${i}` })
      )
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const error of lost) {
      expect(error).toBeInstanceOf(ClinikError);
      expect((error as ClinikError).status).toBe(409);
      expect((error as ClinikError).outcome.issue[0]?.details?.text).toMatch(
        /Slot\/|Appointment\/|Practitioner\/dr_jones/
      );
    }
    expect(await liveAppointments()).toHaveLength(1);
  });

  test('a hold and a booking at once on the two schedules: exactly one', async () => {
    const [a, b] = [await scheduleWithSlotAtNine('Cardiology'), await scheduleWithSlotAtNine('Internal medicine')];
    const results = await Promise.allSettled([
      clinik.appointments.hold({ slotId: a, patientId: 'pat-1' }),
      clinik.appointments.book({ slotId: b, patientId: 'pat-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await liveAppointments()).toHaveLength(1);
  });
});

describe('slots are unique per schedule', () => {
  test('an exact duplicate and an overlapping slot are refused with a 409 naming the slot', async () => {
    const { data: schedule } = await clinik.schedules.create({ actorIds: ['Practitioner/dr_jones'] });
    const { data: first } = await clinik.slots.create({ scheduleId: schedule.id, ...NINE });
    const twin = await refusal(clinik.slots.create({ scheduleId: schedule.id, ...NINE }));
    expect(twin.status).toBe(409);
    expect(twin.outcome.issue[0]?.details?.text).toContain(`Slot/${first.id}`);
    const overlap = await refusal(
      clinik.slots.create({ scheduleId: schedule.id, start: '2025-03-03T09:15:00Z', end: '2025-03-03T09:45:00Z' })
    );
    expect(overlap.status).toBe(409);
    // Back to back is not an overlap.
    await clinik.slots.create({ scheduleId: schedule.id, start: NINE.end, end: '2025-03-03T10:00:00Z' });
  });

  test('twins made at once: one is created, the other refused', async () => {
    const { data: schedule } = await clinik.schedules.create({ actorIds: ['Practitioner/dr_jones'] });
    const results = await Promise.allSettled([
      clinik.slots.create({ scheduleId: schedule.id, ...NINE }),
      clinik.slots.create({ scheduleId: schedule.id, ...NINE }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const slots = await medplum.searchResources('Slot', { schedule: `Schedule/${schedule.id}` }, { cache: 'no-cache' });
    expect(slots).toHaveLength(1);
  });

  test('different overlapping slots made at once: never two stay; every refused caller gets a 409 naming an overlap', async () => {
    // The test's clock stands still, so every slot is written in the same millisecond: the hardest case.
    const { data: schedule } = await clinik.schedules.create({ actorIds: ['Practitioner/dr_jones'] });
    const starts = ['09:00', '09:10', '09:15', '09:20', '09:25'];
    const results = await Promise.allSettled(
      starts.map((hhmm) =>
        clinik.slots.create({
          scheduleId: schedule.id,
          start: `2025-03-03T${hhmm}:00Z`,
          end: new Date(Date.parse(`2025-03-03T${hhmm}:00Z`) + 30 * 60_000).toISOString(),
        })
      )
    );
    const kept = await medplum.searchResources('Slot', { schedule: `Schedule/${schedule.id}` }, { cache: 'no-cache' });
    expect(kept.length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value.data.id)).toEqual(kept.map((s) => s.id));
    for (const result of results.filter((r) => r.status === 'rejected')) {
      const err = result.reason as ClinikError;
      expect(err.status).toBe(409);
      expect(err.outcome.issue[0]?.details?.text).toMatch(/^It overlaps a slot of this schedule: Slot\//);
    }
    // The time is free again for the next caller.
    if (kept.length === 0) {
      await clinik.slots.create({ scheduleId: schedule.id, ...NINE });
    }
  });

  test('a just-made slot gives way to an overlapping one written before it, at the same moment, or booked', () => {
    const slot = (lastUpdated: string, status: Slot['status'] = 'free'): Slot => ({
      resourceType: 'Slot',
      meta: { lastUpdated },
      schedule: {},
      status,
      ...NINE,
    });
    const mine = slot('2025-03-01T00:00:00.005Z');
    expect(givesWay(mine, slot('2025-03-01T00:00:00.004Z'))).toBe(true);
    expect(givesWay(mine, slot('2025-03-01T00:00:00.005Z'))).toBe(true);
    expect(givesWay(mine, slot('2025-03-01T00:00:00.006Z'))).toBe(false);
    expect(givesWay(mine, slot('2025-03-01T00:00:00.006Z', 'busy'))).toBe(true);
  });
});
