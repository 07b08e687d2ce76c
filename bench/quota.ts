/**
 * The quota scenario: a long schedule being filled under the FHIR quota while a clinic keeps working. Runs on the
 * local runtime's server simulation (simulated time: half an hour of quota-bound work takes a minute or two), or
 * against a real Medplum server (`--server`: MEDPLUM_BASE_URL and client credentials; real time).
 *
 * Measured: the time until the long schedule's next 14 days exist; the time until a small schedule saved a minute
 * later has its slots; the time until a booking made then marks its slot busy; the time until the long schedule has
 * every slot; events lost (a schedule or booking whose slots never matched); and the quota bound, N × 140 points
 * at the bot's quota, against which convergence is judged (target ≤ 1.2×).
 */
import { MedplumClient, Operator } from '@medplum/core';
import type { Appointment, Schedule, Slot, Task } from '@medplum/fhirtypes';
import { createLocalMedplum, type LocalMedplum } from '../local';
import { readScheduleRules } from '../core/availability/index';
import { DEFAULT_PACING } from '../engine/transport/pacing';
import { searchSlots } from '../engine/transport/search';
import { SYNC_TASK_SYSTEM } from '../engine/sync/lease';
import { withAvailability, type AvailabilityInput } from '../core/availability/write';
import { planSlots } from '../core/slot-plan';

const DAY = 86_400_000;

export interface QuotaScenarioOptions {
  /** Weeks of weekday 08:00–18:00 quarter-hours in the long schedule (default 52). */
  readonly weeks?: number;
  /** The bot's FHIR quota, points a minute (default Medplum's 50,000). */
  readonly quota?: number;
  /** Run against a real server instead of the simulation. */
  readonly server?: { readonly baseUrl: string; readonly clientId: string; readonly clientSecret: string };
  /** Give up after this long (simulated or real), ms (default 3 hours). */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface QuotaScenarioResult {
  readonly target: string;
  readonly slots: number;
  readonly quota: number;
  readonly first14DaysMs: number;
  readonly smallScheduleMs: number;
  readonly bookingMs: number;
  readonly convergedMs: number;
  readonly quotaBoundMs: number;
  readonly ratio: number;
  readonly eventsLost: number;
  readonly duplicates: number;
  readonly botErrors?: number;
  readonly throttled?: number;
}

/** What the scenario needs from where it runs. */
interface Target {
  readonly name: string;
  readonly api: MedplumClient;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Slots of a Schedule starting before `before`, and the number of distinct keys among them. */
  count(scheduleId: string, before?: number): Promise<{ slots: number; keys: number }>;
  slot(id: string): Promise<Slot>;
  syncStatus(scheduleId: string): Promise<Task['status'] | undefined>;
  report(): { botErrors?: number; throttled?: number };
  close(): void;
}

const quarterHours = (days: AvailabilityInput['weekly'][number]['days']): AvailabilityInput => ({
  timeZone: 'America/New_York',
  slotMinutes: 15,
  weekly: [{ days, start: '08:00', end: '18:00' }],
});

export async function runQuotaScenario(options: QuotaScenarioOptions = {}): Promise<QuotaScenarioResult> {
  const quota = options.quota ?? 50_000;
  const log = options.log ?? (() => undefined);
  const target = options.server ? await serverTarget(options.server) : localTarget(quota);
  const timeout = options.timeoutMs ?? 3 * 3600_000;
  try {
    const t0 = target.now();
    const big = await save(target, options.weeks ?? 52, quarterHours(['mon', 'tue', 'wed', 'thu', 'fri']));
    const bigPlan = planned(big.schedule, t0);
    log(`long schedule Schedule/${big.id}: ${bigPlan.total} slots planned, ${bigPlan.within14} in the next 14 days`);
    const first14 = await until(
      target,
      timeout,
      async () => (await target.count(big.id, t0 + 14 * DAY)).keys >= bigPlan.within14
    );
    log(`next 14 days after ${(first14 / 1000).toFixed(1)} s`);

    await target.sleep(Math.max(0, t0 + 60_000 - target.now()));
    const t1 = target.now();
    const small = await save(target, 2, quarterHours(['mon', 'wed']));
    const smallPlan = planned(small.schedule, t1);
    const smallMs = await until(target, timeout, async () => (await target.count(small.id)).keys >= smallPlan.total);
    log(`small schedule (${smallPlan.total} slots) after ${(smallMs / 1000).toFixed(1)} s`);

    const bookable = await firstFree(target, small.id);
    await target.api.createResource<Appointment>({
      resourceType: 'Appointment',
      status: 'booked',
      start: bookable.start,
      end: bookable.end,
      slot: [{ reference: `Slot/${bookable.id}` }],
      participant: [{ actor: { reference: 'Practitioner/bench' }, status: 'accepted' }],
    });
    const bookingMs = await until(
      target,
      timeout,
      async () => (await target.slot(bookable.id as string)).status === 'busy'
    );
    log(`booking applied after ${(bookingMs / 1000).toFixed(1)} s`);

    const converged = await until(
      target,
      timeout,
      async () =>
        (await target.count(big.id)).keys >= bigPlan.total && (await target.syncStatus(big.id)) === 'completed',
      5_000
    );
    const convergedMs = converged === Number.POSITIVE_INFINITY ? converged : target.now() - t0;
    log(`long schedule converged after ${(convergedMs / 60_000).toFixed(1)} min`);
    const finalBig = await target.count(big.id);
    const finalSmall = await target.count(small.id);
    const lost =
      Number(finalBig.keys < bigPlan.total) +
      Number(finalSmall.keys < smallPlan.total) +
      Number((await target.slot(bookable.id as string)).status !== 'busy');
    // The bound: 140 points a slot at what the bot may use a minute: its quota, or its share (80%) of the project's
    // total (500,000 by default) when its own quota is raised above that.
    const usable = Math.min(quota, DEFAULT_PACING.projectShare * DEFAULT_PACING.projectQuota);
    const quotaBoundMs = ((bigPlan.total * 140) / usable) * 60_000;
    return {
      target: target.name,
      slots: bigPlan.total,
      quota,
      first14DaysMs: first14,
      smallScheduleMs: smallMs,
      bookingMs,
      convergedMs,
      quotaBoundMs: Math.round(quotaBoundMs),
      ratio: Math.round((convergedMs / quotaBoundMs) * 100) / 100,
      eventsLost: lost,
      duplicates: finalBig.slots - finalBig.keys + finalSmall.slots - finalSmall.keys,
      ...target.report(),
    };
  } finally {
    target.close();
  }
}

async function save(
  target: Target,
  weeks: number,
  availability: AvailabilityInput
): Promise<{ id: string; schedule: Schedule }> {
  const now = target.now();
  const schedule = await target.api.createResource(
    withAvailability(
      {
        resourceType: 'Schedule',
        active: true,
        actor: [{ reference: 'Practitioner/bench', display: 'Benchmark' }],
        planningHorizon: { start: new Date(now).toISOString(), end: new Date(now + weeks * 7 * DAY).toISOString() },
      },
      availability
    )
  );
  return { id: schedule.id as string, schedule };
}

/** What the core plans for a Schedule from `now` (the same plan the bot makes). */
function planned(schedule: Schedule, now: number): { total: number; within14: number } {
  const rules = readScheduleRules(schedule);
  if (!rules.ok) {
    throw new Error('benchmark schedule is invalid');
  }
  const plan = planSlots({ rules: rules.value, now, blocks: [] });
  if (!plan.ok) {
    throw new Error('benchmark schedule cannot be planned');
  }
  return { total: plan.value.slots.length, within14: plan.value.slots.filter((s) => s.start < now + 14 * DAY).length };
}

async function firstFree(target: Target, scheduleId: string): Promise<Slot> {
  const [slot] = await target.api.searchResources(
    'Slot',
    { schedule: `Schedule/${scheduleId}`, status: 'free', _sort: 'start', _count: '1' },
    { cache: 'no-cache' }
  );
  if (!slot) {
    throw new Error('no free slot to book');
  }
  return slot;
}

/** Time until `check` holds, polling every `everyMs`; Infinity past `timeout`. */
async function until(target: Target, timeout: number, check: () => Promise<boolean>, everyMs = 1_000): Promise<number> {
  const start = target.now();
  while (target.now() - start <= timeout) {
    if (await check()) {
      return target.now() - start;
    }
    await target.sleep(everyMs);
  }
  return Number.POSITIVE_INFINITY;
}

function localTarget(quota: number): Target {
  const medplum: LocalMedplum = createLocalMedplum({
    clock: 'warp',
    cron: true,
    // Everyone at Medplum's default quota but the bots, at `quota`; the project's total 10× the default (500,000).
    server: {
      version: '5.1',
      quota: { userQuota: 50_000, memberQuota: { 'bot:schedule-slots': quota, 'bot:appointment-slots': quota } },
      latencyMs: 20,
      entryMs: 10,
    },
    secrets: {
      SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 100 },
      SLOT_BOT_FHIR_QUOTA: { name: 'SLOT_BOT_FHIR_QUOTA', valueInteger: quota },
    },
  });
  const clock = medplum.clinikClock;
  return {
    name: `simulated Medplum 5.1 (quota ${quota.toLocaleString('en-US')}/min, 20 ms a request, 10 ms a batch entry)`,
    api: medplum,
    now: () => clock.now(),
    sleep: async (ms) => clock.sleep?.(ms),
    async count(scheduleId, before) {
      const slots = (
        await medplum.repo.searchResources<Slot>({
          resourceType: 'Slot',
          filters: [{ code: 'schedule', operator: Operator.EQUALS, value: `Schedule/${scheduleId}` }],
          count: 1_000_000,
        })
      ).filter((s) => before === undefined || Date.parse(s.start) < before);
      return { slots: slots.length, keys: new Set(slots.map((s) => s.identifier?.[0]?.value ?? s.id)).size };
    },
    slot: (id) => medplum.repo.readResource<Slot>('Slot', id),
    async syncStatus(scheduleId) {
      const [task] = await medplum.repo.searchResources<Task>({
        resourceType: 'Task',
        filters: [{ code: 'identifier', operator: Operator.EQUALS, value: `${SYNC_TASK_SYSTEM}|${scheduleId}` }],
      });
      return task?.status;
    },
    report: () => ({
      botErrors: medplum.botRuns.filter((r) => r.error).length,
      throttled: medplum.server.stats.throttled,
    }),
    close: () => medplum.stop(),
  };
}

async function serverTarget(server: NonNullable<QuotaScenarioOptions['server']>): Promise<Target> {
  const api = new MedplumClient({ baseUrl: server.baseUrl, fetch: globalThis.fetch.bind(globalThis), cacheTime: 0 });
  await api.startClientLogin(server.clientId, server.clientSecret);
  const countOf = async (query: Record<string, string>): Promise<number> =>
    (await api.search('Slot', { ...query, _summary: 'count' }, { cache: 'no-cache' })).total ?? 0;
  return {
    name: `Medplum server ${server.baseUrl}`,
    api,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async count(scheduleId, before) {
      if (before !== undefined) {
        const slots = await countOf({
          schedule: `Schedule/${scheduleId}`,
          start: `lt${new Date(before).toISOString()}`,
        });
        return { slots, keys: slots };
      }
      // Every slot, paged by start, to count distinct keys (duplicates) too.
      const { slots } = await searchSlots(api, { scheduleId, from: 0 });
      return { slots: slots.length, keys: new Set(slots.map((s) => s.identifier?.[0]?.value ?? s.id)).size };
    },
    slot: (id) => api.readResource('Slot', id, { cache: 'no-cache' }),
    async syncStatus(scheduleId) {
      const [task] = await api.searchResources(
        'Task',
        { identifier: `${SYNC_TASK_SYSTEM}|${scheduleId}` },
        { cache: 'no-cache' }
      );
      return task?.status;
    },
    report: () => ({}),
    close: () => undefined,
  };
}

/** The quota scenario's targets. */
export function quotaTargets(q: QuotaScenarioResult): { name: string; value: string; met: boolean }[] {
  return [
    { name: 'next 14 days within 10 s', value: `${Math.round(q.first14DaysMs)} ms`, met: q.first14DaysMs <= 10_000 },
    {
      name: "a new small schedule's slots within 10 s while the long one fills",
      value: `${Math.round(q.smallScheduleMs)} ms`,
      met: q.smallScheduleMs <= 10_000,
    },
    {
      name: 'events lost 0, duplicates 0',
      value: `${q.eventsLost}, ${q.duplicates}`,
      met: q.eventsLost === 0 && q.duplicates === 0,
    },
    { name: 'converges within 1.2 × the quota bound', value: `${q.ratio}×`, met: q.ratio <= 1.2 },
  ];
}
