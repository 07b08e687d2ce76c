/**
 * The failures seen on real Medplum servers (5.0.10, 5.1.29), each reproduced on the local runtime's server
 * simulation: Subscription rules, the async-batch feature, the FHIR quota and its 429s, a raised quota starving the
 * project, concurrent runs with transient 409s, lost events, and nearest-first filling. Time is simulated (waits are
 * skipped), so half an hour of quota-bound filling runs in seconds. Quotas are scaled down 10× where a full-size
 * schedule would only cost CPU time: the pacing is the same.
 */
import { parseSearchRequest } from '@medplum/core';
import { EVENT_GRACE_MS } from '../../engine/cron/checks';
import type { Appointment, Schedule, Slot, Task } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import type { AvailabilityInput } from '../../core/availability/write';
import { createClinik } from '../../api/index';
import { SYNC_TASK_SYSTEM } from '../../engine/sync/lease';
import { holdExpiry } from '../../engine/appointments/holds';
import { readScheduleRules } from '../../core/availability/index';
import { planSlots } from '../../core/slot-plan';
import {
  DAY,
  distinctKeys,
  runtime,
  saveSchedule,
  secrets,
  stored,
  timeUntil,
  WEEKDAYS_8_TO_18_15MIN,
} from './sim-support';

describe('on a simulated Medplum server', () => {
  test('5.0 (first interaction extension only): updates reach the bot, so a deactivation takes the slots off', async () => {
    const m = runtime({ server: { version: '5.0' } });
    const schedule = await saveSchedule(m, 7);
    await m.idle();
    expect((await stored(m, schedule.id as string)).length).toBeGreaterThan(0);
    await m.updateResource({ ...schedule, active: false, comment: 'Dr. Smith on leave' });
    await m.idle();
    expect((await stored(m, schedule.id as string)).filter((s) => s.status === 'free')).toEqual([]);
  });

  test('5.1 without the async-batch feature: a schedule of 640 slots gets every one, with no async request', async () => {
    const m = runtime({ server: { version: '5.1', asyncBatch: false, quota: { userQuota: 50_000 } } });
    const schedule = await saveSchedule(m, 28);
    const planned = 20 * 40 - 0; // 4 weeks of weekdays, 40 quarter-hours each (less today's past ones)
    const took = await timeUntil(
      m,
      async () => distinctKeys(await stored(m, schedule.id as string)) >= planned - 40,
      10 * 60_000
    );
    await m.idle();
    const slots = await stored(m, schedule.id as string);
    expect(took).toBeLessThan(3 * 60_000);
    expect(slots.length).toBe(distinctKeys(slots)); // no duplicate
    expect(m.server.stats.throttled).toBe(0); // paced: the bot never ran into a 429
    expect(m.botRuns.filter((r) => r.error)).toEqual([]);
  }, 60_000);

  test('a half-year being filled: its next 14 days in seconds, a new small schedule in seconds, and no event lost', async () => {
    // Scaled 4× down from a year of quarter-hours at the default quota: hourly slots (the next 14 days then cost 80%
    // of a minute's quota, as 400 quarter-hours do of 50,000) against 12,500 points a minute.
    const hourly: AvailabilityInput = { ...WEEKDAYS_8_TO_18_15MIN, slotMinutes: 60 };
    const m = runtime({ server: { quota: { userQuota: 12_500 } }, secrets: secrets({ SLOT_BOT_FHIR_QUOTA: 12_500 }) });
    const start = m.clinikClock.now();
    const big = await saveSchedule(m, 182, hourly);
    const first14 = await timeUntil(
      m,
      async () => (await stored(m, big.id as string, start + 14 * DAY)).length >= 9 * 10,
      120_000
    );
    expect(first14).toBeLessThanOrEqual(10_000);

    // The half-year is filling in the background. A small schedule of 40 slots, 45% of a window's points (as 160
    // quarter-hours are of 50,000), is saved at three moments of three windows (a server is never aligned to them),
    // including the ones after a run of the fill resumed the work a deferred run left: each within 10 s.
    const fourDays = {
      ...hourly,
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu'] as const, start: '09:00', end: '14:00' }],
    };
    for (const at of [105_000, 175_000, 245_000]) {
      await m.clinikClock.sleep?.(Math.max(0, start + at - m.clinikClock.now()));
      const small = await saveSchedule(m, 14, fourDays as AvailabilityInput);
      const smallTook = await timeUntil(m, async () => (await stored(m, small.id as string)).length >= 40, 120_000);
      expect({ at, smallTook }).toEqual({ at, smallTook: expect.any(Number) as number });
      expect(smallTook, `saved ${at / 1000} s after the half-year`).toBeLessThanOrEqual(10_000);
    }

    // Everything converges: every planned slot, no duplicate, within 1.2 × the quota bound (140 points a slot).
    const total = async (): Promise<number> => distinctKeys(await stored(m, big.id as string));
    const converged = await timeUntil(
      m,
      async () => {
        const task = (
          await m.repo.searchResources<Task>(parseSearchRequest(`Task?identifier=${SYNC_TASK_SYSTEM}|${big.id}`))
        )[0];
        return task?.status === 'completed';
      },
      4 * 3600_000
    );
    const slots = await total();
    // The bound of all the slots written meanwhile: the half-year's and the three small schedules' (3 × 40).
    const boundMs = (((slots + 3 * 40) * 140) / 12_500) * 60_000;
    expect(converged).toBeLessThan(Number.POSITIVE_INFINITY);
    expect(m.clinikClock.now() - start).toBeLessThanOrEqual(1.2 * boundMs);
    const all = await stored(m, big.id as string);
    expect(all.length).toBe(slots);
    expect(m.botRuns.filter((r) => r.error)).toEqual([]);
  }, 120_000);

  test('a raised bot quota never locks the project out: the bots keep to their share of the project total', async () => {
    // 5.0: each member sees a project limit of 10× its own quota, so a bot at 100,000 would see 1,000,000 while the
    // people in the project see 50,000. The bot is told the project's real total and keeps to 80% of it.
    const m = runtime({
      server: { version: '5.0', quota: { userQuota: 5_000, memberQuota: { 'bot:schedule-slots': 100_000 } } },
      secrets: secrets({ SLOT_BOT_FHIR_QUOTA: 100_000, SLOT_PROJECT_FHIR_QUOTA: 50_000 }),
    });
    const schedule = await saveSchedule(m, 120);
    let refused = 0;
    for (let i = 0; i < 30; i++) {
      await m.clinikClock.sleep?.(10_000);
      await m.searchResources('Patient', { _count: '1' }).catch(() => refused++);
    }
    await m.idle();
    expect(refused).toBe(0);
    const slots = await stored(m, schedule.id as string);
    expect(slots.length).toBe(distinctKeys(slots));
  }, 120_000);

  test('concurrent runs under transient 409s: never "complete" while a planned slot is missing', async () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const m = runtime({ server: { transientConflicts: 0.2, random } });
    const a = await saveSchedule(m, 14);
    await m.clinikClock.sleep?.(200);
    const b = await saveSchedule(m, 14);
    await m.updateResource({ ...a, comment: 'edited while its first run is going' });
    await m.idle();
    await m.runCron();
    expect(m.server.stats.conflicts).toBeGreaterThan(0);
    expect(m.botRuns.filter((r) => r.error)).toEqual([]);
    for (const schedule of [a, b]) {
      // The sync Task says complete; then every slot the rules plan from now on exists, once, and nothing else.
      const task = (
        await m.repo.searchResources<Task>(parseSearchRequest(`Task?identifier=${SYNC_TASK_SYSTEM}|${schedule.id}`))
      )[0];
      expect(task?.status).toBe('completed');
      const current = await m.repo.readResource<Schedule>('Schedule', schedule.id as string);
      const rules = readScheduleRules(current);
      expect(rules.ok).toBe(true);
      const now = m.clinikClock.now();
      const plan = rules.ok ? planSlots({ rules: rules.value, now }) : undefined;
      const planned = new Set(plan?.ok ? plan.value.slots.map((p) => p.key) : []);
      expect(planned.size).toBeGreaterThan(0);
      const slots = await stored(m, schedule.id as string);
      expect(slots.length).toBe(distinctKeys(slots));
      const future = new Set(
        slots.filter((x) => Date.parse(x.start) >= now && x.status === 'free').map((x) => x.identifier?.[0]?.value)
      );
      expect([...planned].filter((key) => !future.has(key))).toEqual([]); // none missing
      expect([...future].filter((key) => !planned.has(key as string))).toEqual([]); // none extra
    }
  }, 60_000);

  test('an event that never reached the bot is caught by the per-minute run', async () => {
    const m = runtime({ subscriptions: false });
    const schedule = await saveSchedule(m, 7);
    const took = await timeUntil(m, async () => (await stored(m, schedule.id as string)).length > 0, 5 * 60_000);
    // The first per-minute run at least EVENT_GRACE_MS after the change (the grace leaves it to its own event's run).
    expect(took).toBeLessThanOrEqual(60_000 + EVENT_GRACE_MS + 1_000);
  });

  test('a booking while a year is filling is applied in seconds (the appointment bot has its own quota)', async () => {
    const hourly: AvailabilityInput = { ...WEEKDAYS_8_TO_18_15MIN, slotMinutes: 60 };
    const m = runtime({ server: { quota: { userQuota: 5_000 } }, secrets: secrets({ SLOT_BOT_FHIR_QUOTA: 5_000 }) });
    const big = await saveSchedule(m, 182, hourly);
    await m.clinikClock.sleep?.(30_000);
    const [slot] = await stored(m, big.id as string);
    const appointment = await m.createResource<Appointment>({
      resourceType: 'Appointment',
      status: 'booked',
      start: slot?.start,
      end: slot?.end,
      slot: [{ reference: `Slot/${slot?.id}` }],
      participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }],
    });
    const took = await timeUntil(
      m,
      async () => (await m.repo.readResource<Slot>('Slot', slot?.id as string)).status === 'busy',
      60_000
    );
    expect(took).toBeLessThanOrEqual(5_000);
    const booking = await m.repo.readResource<Appointment>('Appointment', appointment.id as string);
    expect(booking.status).toBe('booked'); // the bot took the slot for it and left the booking as it was
    expect(booking.slot?.[0]?.reference).toBe(`Slot/${slot?.id}`);
  }, 60_000);

  test('an expired hold is released by the first per-minute run after its expiry, within a minute of it', async () => {
    const m = runtime({});
    const schedule = await saveSchedule(m, 7);
    await m.idle();
    const patient = await m.createResource({ resourceType: 'Patient', name: [{ given: ['Ada'], family: 'Lovelace' }] });
    const [slot] = (await stored(m, schedule.id as string))
      .filter((s) => s.status === 'free' && Date.parse(s.start) > m.clinikClock.now() + 3_600_000)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const clinik = createClinik(m, { now: () => m.clinikClock.now() });
    const { data: hold } = await clinik.appointments.hold({
      slotId: slot?.id as string,
      patientId: patient.id as string,
      minutes: 1,
    });
    await m.idle();
    expect((await m.repo.readResource<Slot>('Slot', slot?.id as string)).status).toBe('busy-tentative');
    const expiry = holdExpiry(hold) as number;
    const firstRun = Math.ceil(expiry / 60_000) * 60_000; // the cron runs at the start of each minute
    expect(firstRun - expiry).toBeLessThanOrEqual(60_000);
    const waited = await timeUntil(
      m,
      async () => (await m.repo.readResource<Slot>('Slot', slot?.id as string)).status === 'free',
      5 * 60_000
    );
    expect(waited).toBeLessThan(Number.POSITIVE_INFINITY);
    const freedAt = m.clinikClock.now();
    expect(freedAt).toBeGreaterThanOrEqual(expiry); // never released early
    // Released by the run at `firstRun`: polled every second, and a run takes seconds at most, not another minute.
    expect(freedAt).toBeLessThan(firstRun + 5_000);
    expect((await m.repo.readResource<Appointment>('Appointment', hold.id)).status).toBe('cancelled');
  });
});
