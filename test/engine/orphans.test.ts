/**
 * No orphan booked Slots: an Appointment moved from slot A to slot B by another FHIR client and then cancelled,
 * with the appointment bot's events lost, leaves A busy with nothing holding it. The appointment bot reads the
 * Appointment's whole recent history, and the per-minute run finds such Slots by itself.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Schedule, Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { syncAppointmentSlots } from '../../engine/appointments/sync';
import { HISTORY_READS, historyToRead, orphansIn, sweptDays, SWEPT_DAYS } from '../../engine/appointments/orphans';
import { createLocalMedplum, type LocalMedplum } from '../../local';

const NOW = Date.parse('2025-03-01T00:00:00Z');
let medplum: LocalMedplum;
let schedule: WithId<Schedule>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  medplum = createLocalMedplum({ subscriptions: false }); // every bot event is lost
  schedule = await medplum.createResource({
    resourceType: 'Schedule',
    active: true,
    actor: [{ reference: 'Practitioner/p1' }],
  });
});
afterEach(() => vi.useRealTimers());

function slotAt(hour: number, status: Slot['status']): Promise<WithId<Slot>> {
  const h = String(hour).padStart(2, '0');
  return medplum.createResource<Slot>({
    resourceType: 'Slot',
    schedule: { reference: `Schedule/${schedule.id}` },
    status,
    start: `2025-03-01T${h}:00:00Z`,
    end: `2025-03-01T${h}:30:00Z`,
  });
}

/** Booked on A, moved to B, moved to C, then cancelled: each step by another client, no bot saw any of it. */
async function movedThenCancelled(): Promise<{ a: WithId<Slot>; b: WithId<Slot>; c: WithId<Slot>; id: string }> {
  const [a, b, c] = [await slotAt(9, 'busy'), await slotAt(10, 'busy'), await slotAt(11, 'free')];
  const booked = await medplum.createResource<Appointment>({
    resourceType: 'Appointment',
    status: 'booked',
    slot: [{ reference: `Slot/${a.id}` }],
    participant: [{ actor: { reference: 'Patient/pat' }, status: 'accepted' }],
  });
  const movedToB = await medplum.updateResource({ ...booked, slot: [{ reference: `Slot/${b.id}` }] });
  const movedToC = await medplum.updateResource({ ...movedToB, slot: [{ reference: `Slot/${c.id}` }] });
  await medplum.updateResource({ ...movedToC, status: 'cancelled' });
  return { a, b, c, id: booked.id };
}

async function statusOf(slot: WithId<Slot>): Promise<Slot['status']> {
  return (await medplum.readResource('Slot', slot.id, { cache: 'no-cache' })).status;
}

describe('a moved, then cancelled appointment whose events were lost', () => {
  test('the appointment bot gives back every slot its recent versions held, not only the last one', async () => {
    const { a, b, c, id } = await movedThenCancelled();
    const { summary } = await syncAppointmentSlots(medplum, id);
    expect([await statusOf(a), await statusOf(b), await statusOf(c)]).toEqual(['free', 'free', 'free']);
    expect(summary.released).toBe(2);
  });

  test('the per-minute run frees them by itself, once they are older than the grace period', async () => {
    const { a, b } = await movedThenCancelled();
    await medplum.runCron();
    expect([await statusOf(a), await statusOf(b)]).toEqual(['busy', 'busy']); // written a moment ago
    vi.setSystemTime(NOW + 61_000);
    await medplum.runCron();
    expect([await statusOf(a), await statusOf(b)]).toEqual(['free', 'free']);
  });
});

describe('orphans nothing points to', () => {
  test('a booked slot whose appointment was deleted is freed; one a live appointment holds is left alone', async () => {
    vi.setSystemTime(NOW - 3_600_000);
    const [orphan, held, tentative] = [
      await slotAt(9, 'busy'),
      await slotAt(10, 'busy'),
      await slotAt(11, 'busy-tentative'),
    ];
    const gone = await medplum.createResource<Appointment>({
      resourceType: 'Appointment',
      status: 'booked',
      slot: [{ reference: `Slot/${orphan.id}` }],
      participant: [{ actor: { reference: 'Patient/pat' }, status: 'accepted' }],
    });
    await medplum.deleteResource('Appointment', gone.id);
    for (const [slot, status] of [
      [held, 'booked'],
      [tentative, 'pending'],
    ] as const) {
      await medplum.createResource<Appointment>({
        resourceType: 'Appointment',
        status,
        slot: [{ reference: `Slot/${slot.id}` }],
        participant: [{ actor: { reference: 'Patient/pat' }, status: 'accepted' }],
      });
    }
    vi.setSystemTime(NOW);
    await medplum.runCron();
    expect([await statusOf(orphan), await statusOf(held), await statusOf(tentative)]).toEqual([
      'free',
      'busy',
      'busy-tentative',
    ]);
  });

  test('orphansIn keeps slots no holding appointment names and that were written before the grace period', () => {
    const slot = (id: string, lastUpdated: string): Slot => ({
      resourceType: 'Slot',
      id,
      meta: { lastUpdated },
      schedule: {},
      status: 'busy',
      start: '2025-03-01T09:00:00Z',
      end: '2025-03-01T09:30:00Z',
    });
    const appointment = (slotId: string, status: Appointment['status']): Appointment => ({
      resourceType: 'Appointment',
      status,
      slot: [{ reference: `Slot/${slotId}` }],
      participant: [],
    });
    const old = '2025-02-28T23:00:00Z';
    const bundle = {
      resourceType: 'Bundle' as const,
      type: 'searchset' as const,
      entry: [
        { resource: slot('held', old) },
        { resource: slot('cancelled-only', old) },
        { resource: slot('fresh', '2025-02-28T23:59:30Z') },
        { resource: appointment('held', 'booked') },
        { resource: appointment('cancelled-only', 'cancelled') },
      ],
    };
    expect(orphansIn(bundle, NOW).map((s) => s.id)).toEqual(['cancelled-only']);
  });

  test('the per-minute run reads the history only of released appointments, newest first, a bounded number', () => {
    const changed = (n: number, status: Appointment['status']): WithId<Appointment>[] =>
      Array.from({ length: n }, (_, i) => ({
        resourceType: 'Appointment',
        id: `${status}-${i}`,
        meta: { lastUpdated: new Date(NOW - i * 1000).toISOString() },
        status,
        participant: [],
      }));
    const picked = historyToRead([...changed(40, 'booked'), ...changed(30, 'cancelled'), ...changed(2, 'noshow')]);
    expect(picked).toHaveLength(HISTORY_READS);
    expect(picked.every((a) => a.status === 'cancelled' || a.status === 'noshow')).toBe(true);
    expect(picked.slice(0, 4).map((a) => a.id)).toEqual(['cancelled-0', 'noshow-0', 'cancelled-1', 'noshow-1']);
  });

  test('the day-by-day sweep covers today every minute and each of the next days within an hour', () => {
    const covered = new Set<number>();
    for (let minute = 0; minute < 60; minute++) {
      const [today, ahead] = sweptDays(NOW + minute * 60_000);
      expect(today?.[0]).toBe(NOW + minute * 60_000);
      covered.add(Math.round(((ahead?.[0] ?? 0) - (NOW + minute * 60_000)) / 86_400_000));
    }
    expect([...covered].sort((x, y) => x - y)).toEqual(Array.from({ length: SWEPT_DAYS - 1 }, (_, i) => i + 1));
  });
});

describe('a booking on an inactive schedule', () => {
  test('made natively (its own busy Slot, as Medplum’s $book writes it) gets a reschedule Task, once', async () => {
    const closed = await medplum.updateResource({ ...schedule, active: false, comment: 'Closed' });
    const slot = await medplum.createResource<Slot>({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${closed.id}` },
      status: 'busy',
      start: '2025-03-03T09:00:00Z',
      end: '2025-03-03T09:30:00Z',
    });
    const booked = await medplum.createResource<Appointment>({
      resourceType: 'Appointment',
      status: 'booked',
      slot: [{ reference: `Slot/${slot.id}` }],
      participant: [{ actor: { reference: 'Patient/pat' }, status: 'accepted' }],
    });
    await syncAppointmentSlots(medplum, booked.id);
    await syncAppointmentSlots(medplum, booked.id); // a repeated event
    const tasks = await medplum.searchResources('Task', { focus: `Appointment/${booked.id}` }, { cache: 'no-cache' });
    expect(tasks.map((t) => t.code?.coding?.[0]?.code ?? t.reasonCode?.text ?? t.description)).toHaveLength(1);
    expect(tasks[0]?.status).toBe('requested');
    expect(JSON.stringify(tasks[0])).toContain('The schedule was deactivated');
  });
});
