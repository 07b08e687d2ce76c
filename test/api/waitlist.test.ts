/**
 * The waitlist on the local runtime: entries checked field by field; a cancelled time held for the right entry
 * (most urgent, then longest waiting) within the simulated minute and put on the worklist; an offer that lapses passed
 * on to the next entry; accept books it, decline frees it; concurrent runs and cancellations never give one patient
 * two slots or one slot two patients.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, ServiceRequest, Slot, Task } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createClinik } from '../../api';
import { offerWaitlist, WAITLIST_SETTINGS } from '../../api/waitlist/offers';
import { desk, refusal, scheduleWithSlots, slotsOf, type Desk } from './frontdesk-support';

let d: Desk;
let slots: WithId<Slot>[];
beforeEach(async () => {
  d = await desk();
  await d.medplum.updateResource({ resourceType: 'Patient', id: 'pat-4', name: [{ given: ['Pat'], family: 'pat-4' }] });
  const schedule = await scheduleWithSlots(d);
  slots = await slotsOf(d.medplum, schedule.id);
});
afterEach(() => vi.useRealTimers());

/** An entry that waits for exactly this slot's time (so no other free slot fits it). */
function waitFor(patientId: string, slot: Slot, priority?: 'urgent' | 'routine') {
  return d.clinik.waitlist.add({
    patientId,
    practitionerId: 'Practitioner/dr_smith',
    from: slot.start,
    to: slot.end,
    ...(priority ? { priority } : {}),
  });
}

async function holdsOf(patient: string): Promise<Appointment[]> {
  const all = await d.medplum.searchResources('Appointment', { patient: `Patient/${patient}`, _count: '100' });
  return all.filter((a) => a.status === 'pending');
}

async function offerTasks(): Promise<Task[]> {
  const tasks = await d.medplum.searchResources('Task', { _count: '100' }, { cache: 'no-cache' });
  return tasks.filter((t) => t.code?.coding?.some((c) => c.code === 'waitlist-offer'));
}

const entry = (id: string): Promise<ServiceRequest> => d.medplum.readResource('ServiceRequest', id);

describe('waitlist.add checks every field', () => {
  test('bad fields are refused together, each named, and nothing is written', async () => {
    const create = vi.spyOn(d.medplum, 'createResource');
    const error = await refusal(
      d.clinik.waitlist.add({
        patientId: 'a b',
        practitionerId: 'Practitioner',
        from: '2025-03-05T10:00:00Z',
        to: '2025-03-04T10:00:00Z',
        days: ['mon', 'someday' as never],
        hours: { start: '12:00', end: '09:00' },
        priority: 'soon' as never,
      })
    );
    expect(error.status).toBe(400);
    expect(error.outcome.issue.map((i) => i.expression?.[0])).toEqual([
      'patientId',
      'practitionerId',
      'to',
      'days[1]',
      'hours',
      'priority',
    ]);
    expect(create).not.toHaveBeenCalled();
  });
});

describe('a cancelled time goes to the waitlist', () => {
  test('held for the most urgent entry within the minute, on the worklist; lapsing passes it to the next; accept books it', async () => {
    const x = slots[2] as WithId<Slot>;
    const { data: booking } = await d.clinik.appointments.book({ slotId: x.id, patientId: 'pat-1' });
    const { data: routine } = await waitFor('pat-2', x); // waiting longest
    vi.setSystemTime(Date.now() + 60_000);
    const { data: urgent } = await waitFor('pat-3', x, 'urgent');
    await d.medplum.runCron();
    expect(await offerTasks()).toHaveLength(0); // nothing is free yet

    await d.clinik.appointments.cancel(booking.id, 'Patient called');
    await d.medplum.idle();
    await d.medplum.runCron(); // the next minute
    const [hold] = await holdsOf('pat-3');
    expect(hold?.slot?.[0]?.reference).toBe(`Slot/${x.id}`);
    expect(hold?.basedOn?.[0]?.reference).toBe(`ServiceRequest/${urgent.id}`);
    expect((await d.medplum.readResource('Slot', x.id)).status).toBe('busy-tentative');
    expect(await holdsOf('pat-2')).toHaveLength(0);
    const [task] = await offerTasks();
    expect(task?.description).toMatch(/^Offer Mon 3 Mar 2025, 10:00 \(UTC\+00:00\) to Pat pat-3, held until /);
    expect(task?.status).toBe('requested');

    // Unanswered past its expiry: the hold is released, and the time goes to the next entry.
    vi.setSystemTime(Date.now() + WAITLIST_SETTINGS.offerMinutes * 60_000 + 1000);
    await d.medplum.runCron();
    await d.medplum.idle();
    await d.medplum.runCron();
    const [next] = await holdsOf('pat-2');
    expect(next?.slot?.[0]?.reference).toBe(`Slot/${x.id}`);
    expect(await holdsOf('pat-3')).toHaveLength(0);
    const tasks = await offerTasks();
    expect(tasks.map((t) => t.status).sort()).toEqual(['cancelled', 'requested']);
    expect((await entry(urgent.id)).status).toBe('active'); // still waiting, for another time

    const { data: booked } = await d.clinik.waitlist.accept(routine.id);
    expect([booked.status, booked.slot?.[0]?.reference]).toEqual(['booked', `Slot/${x.id}`]);
    expect((await entry(routine.id)).status).toBe('completed');
    expect((await d.medplum.readResource('Slot', x.id)).status).toBe('busy');
    expect((await offerTasks()).map((t) => t.status).sort()).toEqual(['cancelled', 'completed']);
  });

  test('declining frees the time for the next entry and never offers it to the same patient again', async () => {
    const x = slots[4] as WithId<Slot>;
    const { data: booking } = await d.clinik.appointments.book({ slotId: x.id, patientId: 'pat-1' });
    const { data: first } = await waitFor('pat-2', x);
    vi.setSystemTime(Date.now() + 60_000);
    await waitFor('pat-3', x);
    await d.clinik.appointments.cancel(booking.id, 'Patient called');
    await d.medplum.runCron();
    expect(await holdsOf('pat-2')).toHaveLength(1);
    const declined = await d.clinik.waitlist.decline(first.id, 'Cannot come that day');
    expect(declined.data.status).toBe('active');
    expect((await d.medplum.readResource('Slot', x.id)).status).toBe('free');
    await d.medplum.runCron();
    expect(await holdsOf('pat-2')).toHaveLength(0);
    expect(await holdsOf('pat-3')).toHaveLength(1);
    expect((await refusal(d.clinik.waitlist.accept(first.id))).status).toBe(409); // no offer left to accept
  });
});

describe('the offer length', () => {
  test("is the project's WAITLIST_OFFER_MINUTES: a 30-minute offer lapses after 30 minutes, not 4 hours", async () => {
    const secrets = { WAITLIST_OFFER_MINUTES: { name: 'WAITLIST_OFFER_MINUTES', valueInteger: 30 } };
    d = await desk({ secrets });
    const schedule = await scheduleWithSlots(d);
    const x = (await slotsOf(d.medplum, schedule.id))[2] as WithId<Slot>;
    const { data: booking } = await d.clinik.appointments.book({ slotId: x.id, patientId: 'pat-1' });
    await waitFor('pat-2', x);
    await d.clinik.appointments.cancel(booking.id, 'Patient called');
    await d.medplum.idle();
    await d.medplum.runCron();
    const [hold] = await holdsOf('pat-2');
    const expires = hold?.extension?.find((e) => e.url.endsWith('hold-expires'))?.valueInstant;
    expect(Date.parse(expires ?? '') - Date.now()).toBe(30 * 60_000);
    const [task] = await offerTasks();
    expect(task?.description).toMatch(/held until Sat 1 Mar 2025, 00:30 /);
    vi.setSystemTime(Date.now() + 29 * 60_000);
    await d.medplum.runCron();
    expect(await holdsOf('pat-2')).toHaveLength(1); // still held at 29 minutes
    vi.setSystemTime(Date.now() + 2 * 60_000);
    await d.medplum.runCron();
    await d.medplum.idle();
    expect(await holdsOf('pat-2')).toHaveLength(0); // lapsed after 30 minutes
    expect((await d.medplum.readResource('Slot', x.id)).status).toBe('free');
  });
});

describe("the run's budget", () => {
  test('entries already holding an offer do not use up the run: the next waiting entry gets its time', async () => {
    const saved = WAITLIST_SETTINGS.entriesPerRun;
    WAITLIST_SETTINGS.entriesPerRun = 1;
    try {
      const [x, y] = [slots[10], slots[11]] as [WithId<Slot>, WithId<Slot>];
      const a = await d.clinik.appointments.book({ slotId: x.id, patientId: 'pat-1' });
      await waitFor('pat-3', x, 'urgent');
      await d.clinik.appointments.cancel(a.data.id, 'Called');
      await d.medplum.runCron();
      expect(await holdsOf('pat-3')).toHaveLength(1); // the urgent entry holds its offer
      const b = await d.clinik.appointments.book({ slotId: y.id, patientId: 'pat-1' });
      await waitFor('pat-2', y);
      await d.clinik.appointments.cancel(b.data.id, 'Called');
      await d.medplum.runCron();
      expect((await holdsOf('pat-2'))[0]?.slot?.[0]?.reference).toBe(`Slot/${y.id}`);
    } finally {
      WAITLIST_SETTINGS.entriesPerRun = saved;
    }
  });
});

describe('races', () => {
  test('an entry changed between the claim and the offer: the hold goes back at once, nothing is left held', async () => {
    const x = slots[12] as WithId<Slot>;
    const { data: booking } = await d.clinik.appointments.book({ slotId: x.id, patientId: 'pat-1' });
    await waitFor('pat-2', x);
    await d.clinik.appointments.cancel(booking.id, 'Called');
    const update = d.medplum.updateResource.bind(d.medplum);
    let entryWrites = 0;
    const spy = vi.spyOn(d.medplum, 'updateResource').mockImplementation((async (resource: never, options?: never) => {
      if ((resource as { resourceType: string }).resourceType === 'ServiceRequest' && ++entryWrites === 2) {
        throw new Error('Precondition Failed'); // someone changed the entry after the run claimed it
      }
      return update(resource, options);
    }) as never);
    // The run itself, as the cron runs it, over this client (whose writes the spy sees).
    const direct = createClinik(d.medplum, { booking: 'direct' });
    const summary = await offerWaitlist(d.medplum, direct, Date.now(), { unrestricted: false });
    spy.mockRestore();
    expect(entryWrites).toBe(2);
    expect(summary.offered).toEqual([]);
    expect(await holdsOf('pat-2')).toHaveLength(0);
    expect((await d.medplum.readResource('Slot', x.id)).status).toBe('free');
  });

  test('two cancellations at once, two runs at once: one patient gets one slot', async () => {
    const [x, y] = [slots[6], slots[7]] as [WithId<Slot>, WithId<Slot>];
    const a = await d.clinik.appointments.book({ slotId: x.id, patientId: 'pat-1' });
    const b = await d.clinik.appointments.book({ slotId: y.id, patientId: 'pat-3' });
    const { data: waiting } = await d.clinik.waitlist.add({ patientId: 'pat-2', from: x.start, to: y.end });
    await Promise.all([
      d.clinik.appointments.cancel(a.data.id, 'Called'),
      d.clinik.appointments.cancel(b.data.id, 'Called'),
    ]);
    await Promise.all([d.medplum.runCron(), d.medplum.runCron()]);
    const holds = await holdsOf('pat-2');
    expect(holds).toHaveLength(1);
    expect(holds[0]?.basedOn?.[0]?.reference).toBe(`ServiceRequest/${waiting.id}`);
  });

  test('one freed slot, two matching entries, two runs at once: the slot is offered to one patient', async () => {
    const x = slots[8] as WithId<Slot>;
    const { data: booking } = await d.clinik.appointments.book({ slotId: x.id, patientId: 'pat-1' });
    await waitFor('pat-2', x);
    await waitFor('pat-4', x);
    await d.clinik.appointments.cancel(booking.id, 'Called');
    await Promise.all([d.medplum.runCron(), d.medplum.runCron()]);
    const holds = [...(await holdsOf('pat-2')), ...(await holdsOf('pat-4'))];
    expect(holds).toHaveLength(1);
    expect(holds[0]?.slot?.[0]?.reference).toBe(`Slot/${x.id}`);
  });
});
