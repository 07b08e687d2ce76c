/**
 * The benchmark: slot generation at scale on the local runtime, with an injected per-request latency standing in for
 * a network, side by side with the seed's one-request-per-slot loop. `npm run bench` prints a table and writes JSON;
 * `test/bench/bench.test.ts` runs it at a tiny size so that it cannot rot.
 */
import type { MedplumClient } from '@medplum/core';
import type { Bundle, Schedule } from '@medplum/fhirtypes';
import { cpus, totalmem } from 'node:os';
import { createLocalMedplum, type LocalMedplum } from '../local';
import { handler as scheduleSlots } from '../bots/schedule-slots';
import { readScheduleRules } from '../core/availability/index';
import { createClinik } from '../api/index';
import { withAvailability, type AvailabilityInput } from '../core/availability/write';
import { searchSlots } from '../engine/transport/search';
import { planSlots } from '../core/slot-plan';
import { formatInstant } from '../core/time';

const WEEKDAY = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short' });
const weekdayOf = (epochMs: number): string => WEEKDAY.format(epochMs).toLowerCase();

export interface BenchOptions {
  /** Latencies to run at, milliseconds per request (default [20, 0]). */
  readonly latencies?: readonly number[];
  /** Weeks of weekday 08:00–18:00 15-minute slots for scenarios 1–4 (default 52: about 10,400 slots). */
  readonly weeks?: number;
  /** Schedules of scenario 5 (default 200), each with `manyDays` days of slots (default 30). */
  readonly schedules?: number;
  readonly manyDays?: number;
  /** Share of slots booked before the deactivation of scenario 4 (default 0.05). */
  readonly bookedShare?: number;
  /** Schedules in the store for the search measurement (default 10,000). */
  readonly searchSchedules?: number;
  readonly log?: (line: string) => void;
}

/** Traffic of one measured step. */
export interface Traffic {
  readonly requests: number;
  readonly writes: number;
  /** Medplum FHIR quota points the requests would cost (read 1, search 20, write 100, conditional create 140). */
  readonly quotaPoints: number;
  readonly wallMs: number;
  /** Peak heap growth during the step, MB. */
  readonly peakHeapMb: number;
}

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

export interface BenchResult {
  readonly date: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGb: number;
    readonly node: string;
  };
  readonly options: Required<Omit<BenchOptions, 'log'>>;
  readonly runs: readonly LatencyRun[];
  readonly targets: readonly { readonly name: string; readonly value: string; readonly met: boolean }[];
  /** The app's schedule search over many schedules in local mode (latency 0). */
  readonly scheduleSearch: { readonly schedules: number; readonly matches: number; readonly firstPageMs: number };
  readonly quota: {
    readonly points: number;
    readonly minutesAtDefaultQuota: number;
    readonly syncRunsAtDefaultQuota: number;
    readonly asyncJobs: number;
  };
}

const START = '2025-01-06T00:00:00-05:00'; // a Monday
const NOW = Date.parse('2025-01-01T00:00:00-05:00');
const DEFAULT_QUOTA = 50_000;

function weekdayHours(): AvailabilityInput {
  return {
    timeZone: 'America/New_York',
    slotMinutes: 15,
    weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
  };
}

/** Counts requests, writes and quota points at the transport, and adds latency to each request. */
class Meter {
  requests = 0;
  writes = 0;
  points = 0;
  latencyMs = 0;

  constructor(medplum: MedplumClient) {
    const holder = medplum as unknown as { fetch: (url: string, init: RequestInit) => Promise<Response> };
    const inner = holder.fetch;
    holder.fetch = async (url, init) => {
      this.count(String(url), init);
      if (this.latencyMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      }
      return inner(url, init);
    };
  }

  private count(url: string, init: RequestInit): void {
    this.requests++;
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url, 'http://local/').pathname.replace(/\/$/, '');
    if (method === 'POST' && /\/fhir\/R4$/.test(path)) {
      const bundle = JSON.parse(String(init.body ?? '{}')) as Bundle;
      for (const entry of bundle.entry ?? []) {
        const m = entry.request?.method ?? 'GET';
        if (m === 'GET') {
          this.points += entry.request?.url?.includes('?') ? 20 : 1;
        } else {
          this.writes++;
          this.points +=
            m === 'POST' && entry.request?.ifNoneExist
              ? 140
              : m === 'DELETE' && entry.request?.url?.includes('?')
                ? 120
                : 100;
        }
      }
      return;
    }
    if (method === 'GET') {
      this.points += url.includes('?') ? 20 : 1;
      return;
    }
    this.points += 100;
    // The schedule bot's own bookkeeping (its sync lease on the slot-sync Task) is not a write of the calendar.
    if (!/\/Task(\/|$)/.test(path)) {
      this.writes++;
    }
  }

  async measure(step: () => Promise<void>): Promise<Traffic> {
    const before = { requests: this.requests, writes: this.writes, points: this.points };
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 20);
    const started = performance.now();
    try {
      await step();
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return {
      requests: this.requests - before.requests,
      writes: this.writes - before.writes,
      quotaPoints: this.points - before.points,
      wallMs: Math.round(performance.now() - started),
      peakHeapMb: Math.round(((peak - baseline) / 1e6) * 10) / 10,
    };
  }
}

/** A local runtime with a meter on its transport; without Subscriptions, the benchmark runs the bot itself. */
function runtime(subscriptions = true): { medplum: LocalMedplum; meter: Meter } {
  const medplum = createLocalMedplum({ subscriptions });
  return { medplum, meter: new Meter(medplum) };
}

function botEvent(schedule: Schedule): Parameters<typeof scheduleSlots>[1] {
  return {
    bot: { reference: 'Bot/schedule-slots' },
    contentType: 'application/fhir+json',
    input: schedule,
    secrets: { SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 3600 } },
  };
}

function summaryOf(result: { issue: { diagnostics?: string }[] }): Record<string, number> {
  return JSON.parse(result.issue[0]?.diagnostics ?? '{}') as Record<string, number>;
}

/** Runs every scenario at every latency. */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const opts = {
    latencies: options.latencies ?? [20, 0],
    weeks: options.weeks ?? 52,
    schedules: options.schedules ?? 200,
    manyDays: options.manyDays ?? 30,
    bookedShare: options.bookedShare ?? 0.05,
    searchSchedules: options.searchSchedules ?? 10_000,
  };
  const log = options.log ?? (() => undefined);
  const realNow = Date.now;
  const offset = NOW - realNow();
  Date.now = () => realNow() + offset; // the bots plan from "now": the start of the benchmark year
  try {
    const horizon = {
      start: START,
      end: formatInstant(Date.parse(START) + opts.weeks * 7 * 86_400_000, 'America/New_York'),
    };
    const runs: LatencyRun[] = [];
    for (const latencyMs of opts.latencies) {
      log(`latency ${latencyMs} ms`);
      runs.push(await runAtLatency(latencyMs, horizon, opts, log));
    }
    log(`6. schedule search over ${opts.searchSchedules} schedules`);
    const scheduleSearch = await measureScheduleSearch(opts.searchSchedules);
    const first = runs[0] as LatencyRun;
    const n = first.slots;
    const requestTarget = Math.ceil(n / 500) + Math.ceil(n / 1000) + 5;
    const at20 = runs.find((r) => r.latencyMs === 20) ?? first;
    const asyncJobs = Math.ceil(n / 2500);
    return {
      date: new Date(realNow()).toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options: opts,
      runs,
      scheduleSearch,
      targets: [
        {
          name: `scenario 1 bot requests ≤ ceil(N/500)+ceil(N/1000)+5 = ${requestTarget}`,
          value: String(first.botFirstRun.requests),
          met: first.botFirstRun.requests <= requestTarget,
        },
        {
          name: `bot ≥ 50× faster than the seed loop at ${at20.latencyMs} ms`,
          value: `${at20.speedup}×`,
          met: at20.speedup >= 50,
        },
        {
          name: 'scenario 2 (no-change rerun) writes 0',
          value: String(first.noChangeRerun.writes),
          met: runs.every((r) => r.noChangeRerun.writes === 0),
        },
        {
          name: `scenario 3 writes ≤ 2 × that weekday's slots (${2 * first.smallEdit.daySlots})`,
          value: String(first.smallEdit.writes),
          met: runs.every((r) => r.smallEdit.writes <= 2 * r.smallEdit.daySlots),
        },
      ],
      quota: {
        points: first.botFirstRun.quotaPoints,
        minutesAtDefaultQuota: Math.ceil(first.botFirstRun.quotaPoints / DEFAULT_QUOTA),
        syncRunsAtDefaultQuota: Math.ceil(first.botFirstRun.quotaPoints / DEFAULT_QUOTA),
        asyncJobs,
      },
    };
  } finally {
    Date.now = realNow;
  }
}

async function runAtLatency(
  latencyMs: number,
  horizon: { start: string; end: string },
  opts: { weeks: number; schedules: number; manyDays: number; bookedShare: number },
  log: (line: string) => void
): Promise<LatencyRun> {
  // 1a. The seed's loop: one awaited slots.create per slot, for the same slots the bot makes.
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
  const times = plan.value.slots.map((s) => ({
    start: formatInstant(s.start, 'America/New_York'),
    end: formatInstant(s.end, 'America/New_York'),
  }));
  seed.meter.latencyMs = latencyMs;
  log(`  1. seed loop: ${times.length} × slots.create`);
  const seedLoop = await seed.meter.measure(async () => {
    for (const t of times) {
      await seedClinik.slots.create({ scheduleId: manual.id, status: 'free', start: t.start, end: t.end });
    }
  });

  // 1b. The schedule bot on the same slots (Subscriptions off: the bot is called directly and measured alone).
  const { medplum, meter } = runtime(false);
  const schedule = (await medplum.createResource(
    withAvailability(
      {
        resourceType: 'Schedule',
        active: true,
        actor: [{ reference: 'Practitioner/bench' }],
        planningHorizon: horizon,
      },
      weekdayHours()
    )
  )) as Schedule & { id: string };
  meter.latencyMs = latencyMs;
  log('  1. bot first run');
  const botFirstRun = await meter.measure(async () => {
    await scheduleSlots(medplum, botEvent(schedule));
  });

  // 2. No change.
  log('  2. no-change rerun');
  const noChangeRerun = await meter.measure(async () => {
    await scheduleSlots(medplum, botEvent(schedule));
  });

  // 3. Wednesday's hours become 09:00–17:00.
  meter.latencyMs = 0;
  const edited = (await medplum.updateResource(
    withAvailability(schedule, {
      ...weekdayHours(),
      weekly: [
        { days: ['mon', 'tue', 'thu', 'fri'], start: '08:00', end: '18:00' },
        { days: ['wed'], start: '09:00', end: '17:00' },
      ],
    })
  )) as Schedule & { id: string };
  const daySlots = plan.value.slots.filter((s) => weekdayOf(s.start) === 'wed').length;
  meter.latencyMs = latencyMs;
  log('  3. small edit (Wednesday 09:00–17:00)');
  const smallEditTraffic = await meter.measure(async () => {
    await scheduleSlots(medplum, botEvent(edited));
  });

  // 4. Deactivation with a share of the slots booked.
  meter.latencyMs = 0;
  const { slots } = await searchSlots(medplum, { scheduleId: schedule.id, from: NOW });
  const step = Math.max(1, Math.round(1 / opts.bookedShare));
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
  const current = await medplum.readResource('Schedule', schedule.id);
  const inactive = await medplum.updateResource({ ...current, active: false, comment: 'Benchmark: on leave' });
  meter.latencyMs = latencyMs;
  log(`  4. deactivation with ${toBook.length} booked`);
  let tasks = 0;
  const deactivationTraffic = await meter.measure(async () => {
    tasks = summaryOf(await scheduleSlots(medplum, botEvent(inactive))).tasks ?? 0;
  });

  // 5. Many schedules created at once, each run by the Subscription dispatch.
  log(`  5. ${opts.schedules} schedules of ${opts.manyDays} days`);
  const many = runtime();
  many.meter.latencyMs = latencyMs;
  const manyClinik = createClinik(many.medplum);
  const manyHorizon = {
    start: START,
    end: formatInstant(Date.parse(START) + opts.manyDays * 86_400_000, 'America/New_York'),
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.schedules }, (_, i) =>
      manyClinik.schedules.create({
        actorIds: [`Practitioner/p${i}`],
        planningHorizon: manyHorizon,
        availability: weekdayHours(),
      })
    )
  );
  await many.medplum.idle();
  const totalMs = Math.round(performance.now() - started);
  const runsOf = many.medplum.botRuns.filter((r) => r.botId === 'schedule-slots');
  const manySlots = runsOf.reduce(
    (sum, r) => sum + (summaryOf(r.result as { issue: { diagnostics?: string }[] }).created ?? 0),
    0
  );

  return {
    latencyMs,
    slots: times.length,
    seedLoop,
    botFirstRun,
    speedup: Math.round((seedLoop.wallMs / Math.max(1, botFirstRun.wallMs)) * 10) / 10,
    noChangeRerun,
    smallEdit: { ...smallEditTraffic, daySlots },
    deactivation: { ...deactivationTraffic, booked: toBook.length, tasks },
    manySchedules: {
      schedules: opts.schedules,
      totalMs,
      slowestRunMs: Math.round(Math.max(...runsOf.map((r) => r.durationMs ?? 0))),
      slots: manySlots,
    },
  };
}

/** The schedule search the app runs (specialty + active, first page with a total) over many schedules. */
async function measureScheduleSearch(count: number): Promise<BenchResult['scheduleSearch']> {
  const { medplum } = runtime(false);
  const specialties = ['Cardiology', 'Dermatology', 'Obstetrics', 'Family Medicine', 'Neurology'];
  const clinik = createClinik(medplum);
  for (let i = 0; i < count; i += 1000) {
    await medplum.executeBatch({
      resourceType: 'Bundle',
      type: 'batch',
      entry: Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
        request: { method: 'POST' as const, url: 'Schedule' },
        resource: {
          resourceType: 'Schedule' as const,
          active: (i + k) % 10 !== 0,
          actor: [{ reference: `Practitioner/p${i + k}` }],
          specialty: [{ text: specialties[(i + k) % specialties.length] }],
          planningHorizon: { start: START, end: '2025-12-31T00:00:00Z' },
          comment: `Schedule ${i + k}`,
        },
      })),
    });
  }
  const started = performance.now();
  const page = await clinik.schedules.search({ specialty: 'Cardiology', active: true, count: 20 });
  return {
    schedules: count,
    matches: page.total ?? page.data.length,
    firstPageMs: Math.round(performance.now() - started),
  };
}
