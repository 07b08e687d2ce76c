/**
 * The quota scenario: a long schedule being filled under the FHIR quota while a clinic keeps working. Runs on the
 * local runtime's server simulation (simulated time: half an hour of quota-bound work takes a minute or two), or
 * against a real Medplum server (`--server`: MEDPLUM_BASE_URL and client credentials; real time).
 *
 * Measured: the time until the long schedule's next 14 days exist; the time until a small schedule saved a minute
 * later has its slots; the time until a booking made then marks its slot busy; the time until the long schedule has
 * every slot; events lost (a schedule or booking whose slots never matched); and the quota bound, N slots at
 * `QUOTA_COST.conditionalCreateInBatch` points each at the bot's usable quota, against which convergence is judged
 * (target ≤ 1.2×).
 */
import type { Appointment, Schedule, Slot } from '@medplum/fhirtypes';
import { readScheduleRules } from '../core/availability/index';
import { withAvailability, type AvailabilityInput } from '../core/availability/write';
import { planSlots } from '../core/slot-plan';
import { DEFAULT_PACING } from '../engine/transport/pacing';
import { QUOTA_COST } from '../engine/transport/quota-costs';
import { localTarget, serverTarget, type ServerCredentials, type Target } from './quota-runtimes';

const DAY = 86_400_000;

export interface QuotaScenarioOptions {
  /** Weeks of weekday 08:00–18:00 quarter-hours in the long schedule (default 52). */
  readonly weeks?: number;
  /** The bot's FHIR quota, points a minute (default Medplum's 50,000). */
  readonly quota?: number;
  /** Run against a real server instead of the simulation. */
  readonly server?: ServerCredentials;
  /** When the small schedule is saved, ms after the long one (default 80,000: a third into the second window). */
  readonly smallAtMs?: number;
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

/** A schedule the scenario saved, and what the core plans for it. */
interface Saved {
  readonly id: string;
  readonly total: number;
  readonly within14: number;
}

/** The scenario's run: where it runs, its time-out and its log. */
interface Run {
  readonly target: Target;
  readonly timeout: number;
  readonly log: (line: string) => void;
}

const quarterHours = (days: AvailabilityInput['weekly'][number]['days']): AvailabilityInput => ({
  timeZone: 'America/New_York',
  slotMinutes: 15,
  weekly: [{ days, start: '08:00', end: '18:00' }],
});

/** Runs the scenario on the simulation, or on `options.server`. */
export async function runQuotaScenario(options: QuotaScenarioOptions = {}): Promise<QuotaScenarioResult> {
  const quota = options.quota ?? 50_000;
  const target = options.server ? await serverTarget(options.server) : localTarget(quota);
  const run: Run = { target, timeout: options.timeoutMs ?? 3 * 3600_000, log: options.log ?? (() => undefined) };
  try {
    const t0 = target.now();
    const { big, first14 } = await fillLongSchedule(run, options.weeks ?? 52, t0);
    // 80 s: a third of the way into a window, not at its reset (a real server is never aligned to it)
    await target.sleep(Math.max(0, t0 + (options.smallAtMs ?? 80_000) - target.now()));
    const { small, smallMs, bookable, bookingMs } = await meanwhile(run);
    const convergedMs = await converge(run, big, t0);
    const finalBig = await target.count(big.id);
    const finalSmall = await target.count(small.id);
    const lost =
      Number(finalBig.keys < big.total) +
      Number(finalSmall.keys < small.total) +
      Number((await target.slot(bookable)).status !== 'busy');
    const quotaBoundMs = quotaBound(big.total, quota);
    return {
      target: target.name,
      slots: big.total,
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

/**
 * The quota bound, ms: each slot's conditional create in a batch at what the bot may use a minute: its quota, or its
 * share (80%) of the project's total (500,000 by default) when its own quota is raised above that.
 */
export function quotaBound(slots: number, quota: number): number {
  const usable = Math.min(quota, DEFAULT_PACING.projectShare * DEFAULT_PACING.projectQuota);
  return ((slots * QUOTA_COST.conditionalCreateInBatch) / usable) * 60_000;
}

/** Saves the long schedule; waits until its next 14 days exist. */
async function fillLongSchedule(run: Run, weeks: number, t0: number): Promise<{ big: Saved; first14: number }> {
  const { target, timeout, log } = run;
  const big = await save(target, weeks, quarterHours(['mon', 'tue', 'wed', 'thu', 'fri']));
  log(`long schedule Schedule/${big.id}: ${big.total} slots planned, ${big.within14} in the next 14 days`);
  const first14 = await until(
    target,
    timeout,
    async () => (await target.count(big.id, t0 + 14 * DAY)).keys >= big.within14
  );
  log(`next 14 days after ${(first14 / 1000).toFixed(1)} s`);
  return { big, first14 };
}

/** While the long schedule fills: a small schedule saved (until its slots exist), then a booking on it (until busy). */
async function meanwhile(run: Run): Promise<{ small: Saved; smallMs: number; bookable: string; bookingMs: number }> {
  const { target, timeout, log } = run;
  const small = await save(target, 2, quarterHours(['mon', 'wed']));
  const smallMs = await until(target, timeout, async () => (await target.count(small.id)).keys >= small.total);
  log(`small schedule (${small.total} slots) after ${(smallMs / 1000).toFixed(1)} s`);

  const bookable = await firstFree(target, small.id);
  await target.api.createResource<Appointment>({
    resourceType: 'Appointment',
    status: 'booked',
    start: bookable.start,
    end: bookable.end,
    slot: [{ reference: `Slot/${bookable.id}` }],
    participant: [{ actor: { reference: 'Practitioner/bench' }, status: 'accepted' }],
  });
  const bookableId = bookable.id as string;
  const bookingMs = await until(target, timeout, async () => (await target.slot(bookableId)).status === 'busy');
  log(`booking applied after ${(bookingMs / 1000).toFixed(1)} s`);
  return { small, smallMs, bookable: bookableId, bookingMs };
}

/** Time from `t0` until the long schedule has every slot and its sync is complete; Infinity past the time-out. */
async function converge(run: Run, big: Saved, t0: number): Promise<number> {
  const { target, timeout, log } = run;
  const converged = await until(
    target,
    timeout,
    async () => (await target.count(big.id)).keys >= big.total && (await target.syncStatus(big.id)) === 'completed',
    5_000
  );
  const convergedMs = converged === Number.POSITIVE_INFINITY ? converged : target.now() - t0;
  log(`long schedule converged after ${(convergedMs / 60_000).toFixed(1)} min`);
  return convergedMs;
}

async function save(target: Target, weeks: number, availability: AvailabilityInput): Promise<Saved> {
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
  return { id: schedule.id as string, ...planned(schedule, now) };
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
