/**
 * Scenarios 1–5 at one injected latency: the seed's one-request-per-slot loop (see README) and the schedule bot on
 * the same slots, a no-change rerun, a small edit, a deactivation with bookings, and many schedules at once.
 */
import type { Schedule } from '@medplum/fhirtypes';
import { createClinik } from '../api/index';
import { handler as scheduleSlots } from '../bots/schedule-slots';
import { readScheduleRules } from '../core/availability/index';
import { withAvailability } from '../core/availability/write';
import { planSlots, type PlannedSlot } from '../core/slot-plan';
import { formatInstant } from '../core/time';
import { searchSlots } from '../engine/transport/search';
import type { LocalMedplum } from '../local';
import { botEvent, DAY_MS, NOW, runtime, START, summaryOf, weekdayHours, ZONE } from './fixtures';
import type { Meter, Traffic } from './meter';

export interface LatencyRun {
  readonly latencyMs: number;
  readonly slots: number;
  readonly seedLoop: Traffic;
  readonly botFirstRun: Traffic;
  readonly speedup: number;
  readonly noChangeRerun: Traffic;
  readonly smallEdit: Traffic & { readonly daySlots: number };
  readonly deactivation: Traffic & { readonly booked: number; readonly tasks: number };
  readonly manySchedules: {
    readonly schedules: number;
    readonly totalMs: number;
    readonly slowestRunMs: number;
    readonly slots: number;
  };
}

/** The sizes the scenarios run at. */
export interface ScenarioSizes {
  readonly schedules: number;
  readonly manyDays: number;
  readonly bookedShare: number;
}

type SavedSchedule = Schedule & { id: string };

interface Bench {
  readonly medplum: LocalMedplum;
  readonly meter: Meter;
  readonly latencyMs: number;
  readonly log: (line: string) => void;
}

const WEEKDAY = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'short' });
const weekdayOf = (epochMs: number): string => WEEKDAY.format(epochMs).toLowerCase();

/** Runs scenarios 1–5 at `latencyMs` per request. */
export async function runAtLatency(
  latencyMs: number,
  horizon: { start: string; end: string },
  sizes: ScenarioSizes,
  log: (line: string) => void
): Promise<LatencyRun> {
  const { seedLoop, planned } = await runSeedLoop(latencyMs, horizon, log);
  const bench: Bench = { ...runtime(false), latencyMs, log };
  const schedule = await saveBotSchedule(bench.medplum, horizon);
  bench.meter.latencyMs = latencyMs;
  log('  1. bot first run');
  const botFirstRun = await bench.meter.measure(async () => {
    await scheduleSlots(bench.medplum, botEvent(schedule));
  });
  log('  2. no-change rerun');
  const noChangeRerun = await bench.meter.measure(async () => {
    await scheduleSlots(bench.medplum, botEvent(schedule));
  });
  const smallEdit = await runSmallEdit(bench, schedule, planned);
  const deactivation = await runDeactivation(bench, schedule, sizes.bookedShare);
  const manySchedules = await runManySchedules(latencyMs, sizes, log);
  return {
    latencyMs,
    slots: planned.length,
    seedLoop,
    botFirstRun,
    speedup: Math.round((seedLoop.wallMs / Math.max(1, botFirstRun.wallMs)) * 10) / 10,
    noChangeRerun,
    smallEdit,
    deactivation,
    manySchedules,
  };
}

/** 1a. The seed's loop: one awaited slots.create per slot, for the same slots the bot makes. */
async function runSeedLoop(
  latencyMs: number,
  horizon: { start: string; end: string },
  log: (line: string) => void
): Promise<{ seedLoop: Traffic; planned: readonly PlannedSlot[] }> {
  const seed = runtime();
  const seedClinik = createClinik(seed.medplum);
  const { data: manual } = await seedClinik.schedules.create({
    actorIds: ['Practitioner/bench'],
    planningHorizon: horizon,
  });
  await seed.medplum.idle();
  const rules = readScheduleRules(withAvailability(manual, weekdayHours()));
  const plan = rules.ok ? planSlots({ rules: rules.value, now: NOW }) : undefined;
  if (!plan?.ok) {
    throw new Error('benchmark schedule does not plan');
  }
  const times = plan.value.slots.map((s) => ({ start: formatInstant(s.start, ZONE), end: formatInstant(s.end, ZONE) }));
  seed.meter.latencyMs = latencyMs;
  log(`  1. seed loop: ${times.length} × slots.create`);
  const seedLoop = await seed.meter.measure(async () => {
    for (const t of times) {
      await seedClinik.slots.create({ scheduleId: manual.id, status: 'free', start: t.start, end: t.end });
    }
  });
  return { seedLoop, planned: plan.value.slots };
}

/** 1b. The schedule bot's Schedule (Subscriptions off: the bot is called directly and measured alone). */
async function saveBotSchedule(medplum: LocalMedplum, horizon: { start: string; end: string }): Promise<SavedSchedule> {
  return (await medplum.createResource(
    withAvailability(
      {
        resourceType: 'Schedule',
        active: true,
        actor: [{ reference: 'Practitioner/bench' }],
        planningHorizon: horizon,
      },
      weekdayHours()
    )
  )) as SavedSchedule;
}

/** 3. Wednesday's hours become 09:00–17:00. */
async function runSmallEdit(
  bench: Bench,
  schedule: SavedSchedule,
  planned: readonly PlannedSlot[]
): Promise<LatencyRun['smallEdit']> {
  bench.meter.latencyMs = 0;
  const edited = (await bench.medplum.updateResource(
    withAvailability(schedule, {
      ...weekdayHours(),
      weekly: [
        { days: ['mon', 'tue', 'thu', 'fri'], start: '08:00', end: '18:00' },
        { days: ['wed'], start: '09:00', end: '17:00' },
      ],
    })
  )) as SavedSchedule;
  const daySlots = planned.filter((s) => weekdayOf(s.start) === 'wed').length;
  bench.meter.latencyMs = bench.latencyMs;
  bench.log('  3. small edit (Wednesday 09:00–17:00)');
  const traffic = await bench.meter.measure(async () => {
    await scheduleSlots(bench.medplum, botEvent(edited));
  });
  return { ...traffic, daySlots };
}

/** 4. Deactivation with a share of the slots booked. */
async function runDeactivation(
  bench: Bench,
  schedule: SavedSchedule,
  bookedShare: number
): Promise<LatencyRun['deactivation']> {
  const { medplum, meter } = bench;
  meter.latencyMs = 0;
  const booked = await bookShare(medplum, schedule.id, bookedShare);
  const current = await medplum.readResource('Schedule', schedule.id);
  const inactive = await medplum.updateResource({ ...current, active: false, comment: 'Benchmark: on leave' });
  meter.latencyMs = bench.latencyMs;
  bench.log(`  4. deactivation with ${booked} booked`);
  let tasks = 0;
  const traffic = await meter.measure(async () => {
    tasks = summaryOf(await scheduleSlots(medplum, botEvent(inactive))).tasks ?? 0;
  });
  return { ...traffic, booked, tasks };
}

/** Books every `1/share`-th slot of the schedule (slot busy, an Appointment on it); returns how many. */
async function bookShare(medplum: LocalMedplum, scheduleId: string, share: number): Promise<number> {
  const { slots } = await searchSlots(medplum, { scheduleId, from: NOW });
  const step = Math.max(1, Math.round(1 / share));
  const toBook = slots.filter((_, i) => i % step === 0);
  await medplum.executeBatch({
    resourceType: 'Bundle',
    type: 'batch',
    entry: toBook.flatMap((slot) => [
      { request: { method: 'PUT' as const, url: `Slot/${slot.id}` }, resource: { ...slot, status: 'busy' as const } },
      {
        request: { method: 'POST' as const, url: 'Appointment' },
        resource: {
          resourceType: 'Appointment' as const,
          status: 'booked' as const,
          start: slot.start,
          end: slot.end,
          slot: [{ reference: `Slot/${slot.id}` }],
          participant: [{ actor: { reference: 'Patient/bench' }, status: 'accepted' as const }],
        },
      },
    ]),
  });
  return toBook.length;
}

/** 5. Many schedules created at once, each run by the Subscription dispatch. */
async function runManySchedules(
  latencyMs: number,
  sizes: ScenarioSizes,
  log: (line: string) => void
): Promise<LatencyRun['manySchedules']> {
  log(`  5. ${sizes.schedules} schedules of ${sizes.manyDays} days`);
  const many = runtime();
  many.meter.latencyMs = latencyMs;
  const manyClinik = createClinik(many.medplum);
  const planningHorizon = { start: START, end: formatInstant(Date.parse(START) + sizes.manyDays * DAY_MS, ZONE) };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: sizes.schedules }, (_, i) =>
      manyClinik.schedules.create({
        actorIds: [`Practitioner/p${i}`],
        planningHorizon,
        availability: weekdayHours(),
      })
    )
  );
  await many.medplum.idle();
  const totalMs = Math.round(performance.now() - started);
  const runs = many.medplum.botRuns.filter((r) => r.botId === 'schedule-slots');
  const slots = runs.reduce(
    (sum, r) => sum + (summaryOf(r.result as { issue: { diagnostics?: string }[] }).created ?? 0),
    0
  );
  return {
    schedules: sizes.schedules,
    totalMs,
    slowestRunMs: Math.round(Math.max(...runs.map((r) => r.durationMs ?? 0))),
    slots,
  };
}
