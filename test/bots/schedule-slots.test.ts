import { SchedulingParametersURI, TimezoneExtensionURI } from '@medplum/core';
import type { Schedule, Task } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { handler } from '../../bots/schedule-slots';
import { WITHDRAWN_EXTENSION_URL } from '../../core/fhir';
import { withAvailability, type AvailabilityInput } from '../../core/availability/write';
import { BAD_SCHEDULES } from '../core/bad-schedules';
import { emptyMockClient } from '../medplum-setup';
import {
  bookSlot,
  createSchedule,
  eventFor,
  failKthRequest,
  slotLines,
  slotsOf,
  snapshot,
  watchWrites,
  rescheduleTasks,
} from './support';

// The clock: Saturday 1 March 2025, 00:00 EST. New York is on EST (-05:00) until 9 March.
const NOW = '2025-03-01T00:00:00-05:00';
const HORIZON = { start: '2025-03-03T00:00:00-05:00', end: '2025-03-05T00:00:00-05:00' }; // Mon 3, Tue 4 March
const MON_TUE_9_TO_11: AvailabilityInput = {
  timeZone: 'America/New_York',
  slotMinutes: 60,
  weekly: [{ days: ['mon', 'tue'], start: '09:00', end: '11:00' }],
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

async function run(schedule: Schedule): ReturnType<typeof handler> {
  return handler(medplum, eventFor(schedule));
}

describe('schedule bot', () => {
  test('creates the exact slots of an active schedule, with offsets, keys and copied codes', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON, {
      specialty: [{ text: 'Cardiology' }],
      serviceType: [{ text: 'Consultation' }],
    });
    const result = await run(schedule);
    expect(result.issue[0]?.details?.text).toMatch(/created 4, cancelled 0.*complete/);
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 free', // Mon 09:00 EST
      '2025-03-03T10:00:00-05:00/2025-03-03T11:00:00-05:00 free',
      '2025-03-04T09:00:00-05:00/2025-03-04T10:00:00-05:00 free', // Tue 09:00 EST
      '2025-03-04T10:00:00-05:00/2025-03-04T11:00:00-05:00 free',
    ]);
    const [first] = await slotsOf(medplum, schedule.id);
    expect(first?.identifier?.[0]?.value).toBe(`${schedule.id}/2025-03-03T14:00:00Z/2025-03-03T15:00:00Z`);
    expect(first?.specialty).toEqual([{ text: 'Cardiology' }]);
    expect(first?.serviceType).toEqual([{ text: 'Consultation' }]);
    expect(first?.meta?.tag?.some((t) => t.code === 'generated')).toBe(true);
  });

  test('idempotent: a second run writes nothing and leaves the store identical', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await run(schedule);
    const before = await snapshot(medplum, ['Slot', 'Task']);
    const writes = watchWrites(medplum);
    const result = await run(schedule);
    expect(writes.count()).toBe(0);
    expect(result.issue[0]?.details?.text).toMatch(/created 0, cancelled 0, kept 4/);
    expect(await snapshot(medplum, ['Slot', 'Task'])).toEqual(before);
  });

  test('hours changed: surplus free slots cancelled, new ones created, a booked slot kept with a Task', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await run(schedule);
    const booked = (await slotsOf(medplum, schedule.id)).find((s) => s.start === '2025-03-03T10:00:00-05:00');
    const appointment = await bookSlot(medplum, booked as never);
    const changed = await medplum.updateResource(
      withAvailability(schedule, {
        ...MON_TUE_9_TO_11,
        weekly: [{ days: ['mon', 'tue'], start: '08:00', end: '10:00' }],
      })
    );
    const result = await run(changed);
    expect(result.issue[0]?.details?.text).toMatch(/created 2, cancelled 1, kept 2, conflicts 1, tasks 1/);
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T08:00:00-05:00/2025-03-03T09:00:00-05:00 free', // Mon 08:00 EST (new)
      '2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 free',
      '2025-03-03T10:00:00-05:00/2025-03-03T11:00:00-05:00 busy', // booked: kept, outside the new hours
      '2025-03-04T08:00:00-05:00/2025-03-04T09:00:00-05:00 free', // Tue 08:00 EST (new)
      '2025-03-04T09:00:00-05:00/2025-03-04T10:00:00-05:00 free',
    ]);
    const tasks = await rescheduleTasks(medplum);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.focus?.reference).toBe(`Appointment/${appointment.id}`);
    expect(tasks[0]?.for?.reference).toBe('Patient/pat-1');
    expect(tasks[0]?.reasonCode?.coding?.[0]?.code).toBe('outside-availability');
    // The Appointment is untouched.
    expect(await medplum.readResource('Appointment', appointment.id)).toEqual(appointment);
  });

  test('deactivation (the seed): free slots off the market, booked kept, one Task per appointment; reactivation restores', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await run(schedule);
    const handMade = await medplum.createResource({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${schedule.id}` },
      status: 'free',
      start: '2025-03-04T14:00:00-05:00',
      end: '2025-03-04T14:30:00-05:00',
    });
    const toBook = (await slotsOf(medplum, schedule.id)).find((s) => s.start === '2025-03-03T09:00:00-05:00');
    const appointment = await bookSlot(medplum, toBook as never);

    const inactive = await medplum.updateResource({
      ...schedule,
      active: false,
      comment: 'Dr. Smith on leave — schedule paused',
    });
    const result = await run(inactive);
    expect(result.issue[0]?.details?.text).toMatch(
      /\[inactive\]: created 0, cancelled 3, kept 0, conflicts 1, tasks 1, withdrawn 1/
    );
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 busy',
      '2025-03-04T14:00:00-05:00/2025-03-04T14:30:00-05:00 busy-unavailable',
    ]);
    const withdrawn = await medplum.readResource('Slot', handMade.id as string);
    expect(withdrawn.extension).toEqual([
      { url: WITHDRAWN_EXTENSION_URL, valueString: 'Dr. Smith on leave — schedule paused' },
    ]);
    const [task] = (await rescheduleTasks(medplum)) as Task[];
    expect(task?.focus?.reference).toBe(`Appointment/${appointment.id}`);
    expect(task?.description).toMatch(/deactivated.*Dr. Smith on leave/);

    // Again: no second Task, nothing written.
    const writes = watchWrites(medplum);
    await run(inactive);
    expect(await rescheduleTasks(medplum)).toHaveLength(1);
    // The lease taken and handed back, and one batch whose Task create matched the existing one.
    expect(writes.count()).toBe(3);
    vi.restoreAllMocks();

    const active = await medplum.updateResource({ ...inactive, active: true, comment: 'Back' });
    const back = await run(active);
    expect(back.issue[0]?.details?.text).toMatch(/created 3, .*restored 1/);
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 busy',
      '2025-03-03T10:00:00-05:00/2025-03-03T11:00:00-05:00 free',
      '2025-03-04T09:00:00-05:00/2025-03-04T10:00:00-05:00 free',
      '2025-03-04T10:00:00-05:00/2025-03-04T11:00:00-05:00 free',
      '2025-03-04T14:00:00-05:00/2025-03-04T14:30:00-05:00 free',
    ]);
    const restored = await medplum.readResource('Slot', handMade.id as string);
    expect(restored.extension).toBeUndefined();
    expect(await medplum.readResource('Appointment', appointment.id)).toEqual(appointment);
  });

  test('a slot booked while the bot runs is not deleted: the delete is conditional on the version it read', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await run(schedule);
    const original = medplum.executeBatch.bind(medplum);
    let booked: string | undefined;
    vi.spyOn(medplum, 'executeBatch').mockImplementation(async (bundle) => {
      // Between the bot's read and its batch, the front desk books the first slot it is about to cancel.
      const target = bundle.entry?.find((e) => e.request?.method === 'DELETE')?.request?.url?.replace('Slot/', '');
      if (target && !booked) {
        booked = target;
        await medplum.updateResource({ ...(await medplum.readResource('Slot', target)), status: 'busy' });
      }
      return original(bundle);
    });
    const inactive = await medplum.updateResource({ ...schedule, active: false });
    const result = await run(inactive);
    expect(booked).toBeDefined();
    expect((await medplum.readResource('Slot', booked as string)).status).toBe('busy');
    expect(result.issue[0]?.details?.text).toMatch(/cancelled 3,/);
  });

  test('a free slot an Appointment already references is kept and reported, not cancelled', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await run(schedule);
    const slot = (await slotsOf(medplum, schedule.id)).find((s) => s.start === '2025-03-03T10:00:00-05:00');
    // Booked straight onto the store; the appointment bot has not made the slot busy yet.
    const appointment = await medplum.createResource({
      resourceType: 'Appointment',
      status: 'booked',
      start: slot?.start,
      end: slot?.end,
      slot: [{ reference: `Slot/${slot?.id}` }],
      participant: [{ actor: { reference: 'Patient/pat-9' }, status: 'accepted' }],
    });
    const changed = await medplum.updateResource(
      withAvailability(schedule, {
        ...MON_TUE_9_TO_11,
        weekly: [{ days: ['mon', 'tue'], start: '09:00', end: '10:00' }],
      })
    );
    const result = await run(changed);
    expect(result.issue[0]?.details?.text).toMatch(/cancelled 1, kept 2, conflicts 1, tasks 1/);
    expect((await medplum.readResource('Slot', slot?.id as string)).status).toBe('free');
    const [task] = await rescheduleTasks(medplum);
    expect(task?.focus?.reference).toBe(`Appointment/${appointment.id}`);
  });

  test('a manual schedule gets no generated slots, and says so', async () => {
    const schedule = await createSchedule(medplum, undefined, HORIZON);
    const result = await run(schedule);
    expect(result.issue.some((i) => /manual schedule/.test(i.details?.text ?? ''))).toBe(true);
    expect(await slotsOf(medplum, schedule.id)).toEqual([]);
  });

  test('horizon shrunk: slots beyond it cancelled', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await run(schedule);
    const shorter = await medplum.updateResource({
      ...schedule,
      planningHorizon: { ...HORIZON, end: '2025-03-04T00:00:00-05:00' },
    });
    await run(shorter);
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 free',
      '2025-03-03T10:00:00-05:00/2025-03-03T11:00:00-05:00 free',
    ]);
  });

  test("multi-actor schedule: the zone comes from the location's timezone extension; slots belong to the schedule", async () => {
    const practitioner = await medplum.createResource({ resourceType: 'Practitioner', name: [{ family: 'Patel' }] });
    const room = await medplum.createResource({
      resourceType: 'Location',
      name: 'Ultrasound room 2',
      extension: [{ url: TimezoneExtensionURI, valueCode: 'Asia/Kolkata' }],
    });
    const schedule = await createSchedule(
      medplum,
      { slotMinutes: 30, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
      { start: '2025-03-03T00:00:00+05:30', end: '2025-03-04T00:00:00+05:30' },
      { actor: [{ reference: `Practitioner/${practitioner.id}` }, { reference: `Location/${room.id}` }] }
    );
    await run(schedule);
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T09:00:00+05:30/2025-03-03T09:30:00+05:30 free',
      '2025-03-03T09:30:00+05:30/2025-03-03T10:00:00+05:30 free',
    ]);
  });

  test('out-of-order events: a stale event acts on the current Schedule', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await run(schedule);
    await medplum.updateResource({ ...schedule, active: false });
    await run(schedule); // the stale "active" version arrives late
    expect(await slotsOf(medplum, schedule.id)).toEqual([]);
  });

  test('concurrency: 10 runs in parallel on one Schedule leave no duplicate', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    await Promise.all(Array.from({ length: 10 }, () => run(schedule)));
    // Asserted right after the parallel runs, before any later run could clean up: the lease lets one run write.
    const slots = await slotsOf(medplum, schedule.id);
    expect(slots).toHaveLength(4);
    expect(new Set(slots.map((s) => s.identifier?.[0]?.value)).size).toBe(4);
    const later = await run(schedule);
    expect(later.issue[0]?.details?.text).toMatch(/created 0, cancelled 0, kept 4/);
  });

  test('every bad input: the OperationOutcome is thrown, no Slot is written, and the slot-sync Task says why', async () => {
    expect(BAD_SCHEDULES.length).toBeGreaterThanOrEqual(25);
    for (const bad of BAD_SCHEDULES) {
      const { id: _id, ...body } = bad.schedule;
      const saved = await medplum.createResource(body);
      const writes = watchWrites(medplum);
      const error = await run(saved).then(
        () => undefined,
        (err: unknown) => err as { outcome?: { issue: { expression?: string[]; details?: { text?: string } }[] } }
      );
      expect(
        error?.outcome?.issue.map((i) => i.expression?.[0]),
        bad.name
      ).toEqual(bad.expressions);
      expect(writes.calendar(), bad.name).toBe(0);
      const [task] = await medplum.searchResources('Task', {
        identifier: `https://schedules.clinik.dev/fhir/slot-sync|${saved.id}`,
      });
      const why = error?.outcome?.issue.map((i) => i.details?.text).join(' ');
      expect([task?.status, task?.businessStatus?.text], bad.name).toEqual(['failed', why]);
      vi.restoreAllMocks();
    }
  });

  test('refuses an input that is not a Schedule', async () => {
    await expect(handler(medplum, eventFor({ resourceType: 'Patient', id: 'x' }) as never)).rejects.toThrow(
      'Expected a Schedule'
    );
  });
});

describe('schedule bot: the daily sweep (cron run, no input)', () => {
  test('moves the rolling window forward and syncs every active schedule with rules', async () => {
    const secrets = { SLOT_MATERIALIZE_DAYS: { name: 'SLOT_MATERIALIZE_DAYS', valueInteger: 7 } };
    const weekly: AvailabilityInput = { ...MON_TUE_9_TO_11, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] };
    const long = { start: '2025-03-01T00:00:00-05:00', end: '2026-03-01T00:00:00-05:00' };
    const a = await createSchedule(medplum, weekly, long);
    const b = await createSchedule(medplum, weekly, long);
    const manual = await createSchedule(medplum, undefined, long);
    await handler(medplum, eventFor(a, secrets));
    expect(await slotLines(medplum, a.id)).toEqual(['2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 free']);

    vi.setSystemTime(Date.parse('2025-03-08T03:00:00Z')); // a week later, in the sweep's hour
    // Medplum's cron worker passes the Bot itself as the input.
    const bot = { resourceType: 'Bot', id: 'test-bot', name: 'schedule-slots' } as never;
    const sweep = await handler(medplum, { ...eventFor(a, secrets), input: bot });
    expect(sweep.issue[0]?.details?.text).toMatch(/daily sweep ran/);
    expect(sweep.issue.some((i) => /2 of 2 schedules synced/.test(i.details?.text ?? ''))).toBe(true);
    expect(await slotLines(medplum, a.id)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T10:00:00-05:00 free', // past: left alone
      '2025-03-10T09:00:00-04:00/2025-03-10T10:00:00-04:00 free', // the window moved: next Monday, now on EDT
    ]);
    expect(await slotLines(medplum, b.id)).toEqual(['2025-03-10T09:00:00-04:00/2025-03-10T10:00:00-04:00 free']);
    expect(await slotsOf(medplum, manual.id)).toEqual([]);
  });

  test('a schedule set up the Medplum way (visit types only, no schedule-wide entry) gets its slots and is swept', async () => {
    const secrets = { SLOT_MATERIALIZE_DAYS: { name: 'SLOT_MATERIALIZE_DAYS', valueInteger: 7 } };
    const service = await medplum.createResource({ resourceType: 'HealthcareService', name: 'Follow-up' });
    const entry = {
      url: SchedulingParametersURI,
      extension: [
        { url: 'service', valueReference: { reference: `HealthcareService/${service.id}` } },
        { url: 'timezone', valueCode: 'America/New_York' },
        { url: 'duration', valueDuration: { value: 30, unit: 'min' } },
        {
          url: 'availability',
          extension: [
            {
              url: 'availableTime',
              extension: [
                { url: 'daysOfWeek', valueCode: 'mon' },
                { url: 'availableStartTime', valueTime: '09:00:00' },
                { url: 'availableEndTime', valueTime: '10:00:00' },
              ],
            },
          ],
        },
      ],
    };
    const long = { start: '2025-03-01T00:00:00-05:00', end: '2026-03-01T00:00:00-05:00' };
    const schedule = await medplum.createResource<Schedule>({
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: 'Practitioner/dr-1' }],
      planningHorizon: long,
      extension: [entry],
    });
    await handler(medplum, eventFor(schedule, secrets));
    expect(await slotLines(medplum, schedule.id as string)).toEqual([
      '2025-03-03T09:00:00-05:00/2025-03-03T09:30:00-05:00 free',
      '2025-03-03T09:30:00-05:00/2025-03-03T10:00:00-05:00 free',
    ]);
    vi.setSystemTime(Date.parse('2025-03-08T03:00:00Z'));
    const bot = { resourceType: 'Bot', id: 'test-bot', name: 'schedule-slots' } as never;
    const sweep = await handler(medplum, { ...eventFor(schedule, secrets), input: bot });
    expect(sweep.issue.some((i) => /1 of 1 schedules synced/.test(i.details?.text ?? ''))).toBe(true);
    expect(await slotLines(medplum, schedule.id as string)).toHaveLength(4); // next Monday's two as well
  });
});

describe('schedule bot: faults, quota and time budget', () => {
  test('a failure at any request, before or after it reaches the store: a rerun converges; booked data untouched', async () => {
    // Find how many requests one full run makes on a schedule with a booked slot and a changed hour.
    const setUp = async (): Promise<{ schedule: Schedule; appointmentBefore: unknown; bookedBefore: unknown }> => {
      medplum = emptyMockClient();
      const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
      await run(schedule);
      const booked = (await slotsOf(medplum, schedule.id)).find((s) => s.start === '2025-03-03T10:00:00-05:00');
      const appointment = await bookSlot(medplum, booked as never);
      const changed = await medplum.updateResource(
        withAvailability(schedule, {
          ...MON_TUE_9_TO_11,
          weekly: [{ days: ['mon', 'tue'], start: '08:00', end: '10:00' }],
        })
      );
      return {
        schedule: changed,
        appointmentBefore: await medplum.readResource('Appointment', appointment.id),
        bookedBefore: await medplum.readResource('Slot', booked?.id as string),
      };
    };
    const reference = await setUp();
    const summary = JSON.parse((await run(reference.schedule)).issue[0]?.diagnostics ?? '{}') as { requests: number };
    expect(summary.requests).toBeGreaterThanOrEqual(4); // read, slot search, appointment search, batch
    const expected = await slotLines(medplum, reference.schedule.id as string);
    const expectedTasks = (await rescheduleTasks(medplum)).length;

    for (const when of ['before', 'after'] as const) {
      for (let k = 1; k <= summary.requests; k++) {
        const { schedule, appointmentBefore, bookedBefore } = await setUp();
        failKthRequest(medplum, k, when);
        await run(schedule).catch(() => undefined);
        vi.restoreAllMocks();
        await run(schedule);
        expect(await slotLines(medplum, schedule.id as string), `${when} ${k}`).toEqual(expected);
        expect((await rescheduleTasks(medplum)).length, `${when} ${k}`).toBe(expectedTasks);
        expect(await medplum.readResource('Appointment', (appointmentBefore as { id: string }).id)).toEqual(
          appointmentBefore
        );
        expect(await medplum.readResource('Slot', (bookedBefore as { id: string }).id)).toEqual(bookedBefore);
      }
    }
  });

  test('429 on batch entries: the run stops, reports what is pending, resumes itself, and a rerun completes', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    const original = medplum.executeBatch.bind(medplum);
    vi.spyOn(medplum, 'executeBatch').mockImplementation(async (bundle) => {
      // The quota runs out after two entries: the rest answer 429, as Medplum does inside a batch.
      const head = { ...bundle, entry: bundle.entry?.slice(0, 2) };
      const answered = await original(head);
      const throttled = (bundle.entry ?? []).slice(2).map(() => ({
        response: {
          status: '429',
          outcome: {
            resourceType: 'OperationOutcome' as const,
            issue: [{ severity: 'error' as const, code: 'throttled' as const }],
          },
        },
      }));
      return { ...answered, entry: [...(answered.entry ?? []), ...throttled] };
    });
    const resume = vi.spyOn(medplum, 'executeBot').mockResolvedValue({});
    const result = await handler(
      medplum,
      eventFor(schedule, { SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 1 } })
    );
    expect(result.issue[0]?.severity).toBe('warning');
    expect(result.issue[0]?.details?.text).toMatch(/created 2,.*deferred \(2 pending/);
    expect(resume).toHaveBeenCalledWith(
      'test-bot',
      {
        resourceType: 'Parameters',
        parameter: [
          { name: 'target', valueReference: { reference: `Schedule/${schedule.id}` } },
          { name: 'attempt', valueInteger: 1 },
        ],
      },
      'application/fhir+json',
      { headers: { Prefer: 'respond-async' } }
    );
    vi.restoreAllMocks();
    const resumed = await handler(medplum, eventFor(resume.mock.calls[0]?.[1] as never));
    expect(resumed.issue[0]?.details?.text).toMatch(/created 2, cancelled 0, kept 2.*complete/);
    expect(await slotsOf(medplum, schedule.id)).toHaveLength(4);
  });

  test('waits for the quota reset when the time budget allows, instead of stopping', async () => {
    const schedule = await createSchedule(medplum, MON_TUE_9_TO_11, HORIZON);
    // Points: one create (100) beyond the 500 that even urgent work keeps back for its closing reads.
    let remaining = 650;
    vi.spyOn(medplum, 'rateLimitStatus').mockImplementation(() => [
      {
        name: 'fhirInteractions',
        remainingUnits: remaining,
        secondsUntilReset: remaining > 0 ? 60 : 0.01,
        resetsAfter: 0,
      },
    ]);
    const original = medplum.executeBatch.bind(medplum);
    const sizes: number[] = [];
    vi.spyOn(medplum, 'executeBatch').mockImplementation(async (bundle) => {
      sizes.push(bundle.entry?.length ?? 0);
      remaining = 0;
      const answer = await original(bundle);
      return answer;
    });
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(NOW), shouldAdvanceTime: true });
    const result = await run(schedule);
    expect(sizes).toEqual([1, 3]); // what the quota allowed, then the rest after the reset
    expect(result.issue[0]?.details?.text).toMatch(/created 4.*complete/);
  });
});
