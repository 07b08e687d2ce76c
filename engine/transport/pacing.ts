/**
 * Pacing: how the bots and the API share Medplum's FHIR quota and survive its refusals. One module, used by every
 * request the bots make:
 * - **Retries**: a request answered 429 waits for the quota reset, a 5xx or a network failure backs off, both only
 *   within the run's time budget; past it, a {@link DeferredError} says the work is left for a later run.
 * - **Headroom**: the quota is a fixed window per membership (every run of one bot shares it). Background work
 *   (filling a long horizon) leaves a reserve for interactive work (a booking, a new schedule's first weeks), and
 *   the bot never uses more than a share of the project's total quota, so clinicians are never refused.
 * - **Nearest first** is the callers' order of writes; the pacer says how many of them the quota allows now.
 *
 * Medplum reports the quota in a `RateLimit: "fhirInteractions";r=<remaining>;t=<seconds to reset>` header (the
 * lower of the membership's and the project's remaining points), read with `rateLimitStatus()`.
 */
import { getRateLimitReset, normalizeErrorString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Clock } from './clock';
import { DeferredError, errorOutcome, errorStatus, isTransient } from './errors';
import { burstPoints, quotaWindow, tokenBucket, type QuotaWindow, type TokenBucket } from './quota-window';

export { DeferredError, errorStatus, isDeferred, isTransient } from './errors';

export type Priority = 'urgent' | 'background';

/** The quota facts and policy the pacer works with (project secrets; see `botSettings`). */
export interface PacingSettings {
  /** The bot membership's FHIR quota, points per minute (Medplum's default 50,000; `--fhir-quota` raises it). */
  readonly botQuota: number;
  /** The project's total FHIR quota per minute (Medplum: `totalFhirQuota`, else 10 × the default user quota). */
  readonly projectQuota: number;
  /** The most of the project's total quota the bot may use in a minute (0–1). */
  readonly projectShare: number;
  /** The most of the bot's usable quota background work may use in a minute (0–1). */
  readonly backgroundShare: number;
  /** The reserve background work leaves is capped at this many points (enough for ~100 interactive writes). */
  readonly reserveMaxPoints: number;
}

export const DEFAULT_PACING: PacingSettings = {
  botQuota: 50_000,
  projectQuota: 500_000,
  projectShare: 0.8,
  backgroundShare: 0.7,
  reserveMaxPoints: 15_000,
};

/** The points per minute a bot may use at each priority. */
export function quotaCaps(settings: PacingSettings): { urgent: number; background: number } {
  const usable = Math.min(settings.botQuota, settings.projectShare * settings.projectQuota);
  const reserve = Math.min((1 - settings.backgroundShare) * usable, settings.reserveMaxPoints);
  return { urgent: Math.floor(usable), background: Math.floor(usable - reserve) };
}

export interface Pacer {
  readonly clock: Clock;
  /** Epoch ms after which no new request starts. */
  readonly deadline: number;
  /** Milliseconds left before the deadline. */
  left(): number;
  /**
   * Runs one request, retrying 429 (after the reset) and 5xx/network failures (backing off) within the deadline.
   * `idempotent: false` retries only 429 (refused before any work); other failures then throw at once.
   * Throws a {@link DeferredError} when the deadline does not leave room for the wait.
   */
  call<T>(what: string, request: () => Promise<T>, options?: { idempotent?: boolean }): Promise<T>;
  /**
   * How many of the next writes (their point costs, in order) the quota allows now at this priority; waits for the
   * reset when none fits and the wait fits the deadline. 0: nothing can be sent in this run.
   */
  allowance(priority: Priority, costs: readonly number[]): Promise<number>;
  /** Waits for the quota reset (after entries answered 429) when that fits the deadline; false otherwise. */
  waitForReset(hintMs?: number): Promise<boolean>;
  /** Why the last `allowance` returned 0, for reports. */
  readonly blockedBecause?: string;
}

const FLOOR_POINTS = 500; // kept back even from urgent work: the reads that finish a run
const CHUNK_MS = 10_000; // the most of the steady rate a background chunk waits for
const MAX_BACKOFF_MS = 8_000;
const STEADY = 'background writes are paced to a steady share of the FHIR quota';

/** One pacer's state, shared by its steps. */
interface PacerState {
  readonly clock: Clock;
  readonly deadline: number;
  readonly settings: PacingSettings;
  readonly caps: { urgent: number; background: number };
  readonly window: QuotaWindow;
  readonly bucket: TokenBucket;
  blockedBecause?: string;
}

/** Whether a wait of `waitMs` fits before the deadline (never without a way to sleep). */
function fits(state: PacerState, waitMs: number): boolean {
  return state.clock.sleep !== undefined && state.clock.now() + waitMs < state.deadline;
}

async function sleep(state: PacerState, ms: number): Promise<void> {
  await state.clock.sleep?.(ms);
}

/**
 * A pacer over one client, for one run.
 *
 * @example
 * const pacer = createPacer(medplum, systemClock, Date.now() + 45_000, DEFAULT_PACING);
 * const schedule = await pacer.call('read Schedule', () => medplum.readResource('Schedule', id));
 */
export function createPacer(
  medplum: MedplumClient,
  clock: Clock,
  deadline: number,
  settings: PacingSettings = DEFAULT_PACING
): Pacer {
  const caps = quotaCaps(settings);
  const state: PacerState = {
    clock,
    deadline,
    settings,
    caps,
    window: quotaWindow(medplum, clock, Math.min(settings.botQuota, settings.projectQuota)),
    bucket: tokenBucket(
      clock,
      caps.background,
      burstPoints(caps.background, settings.projectShare * settings.projectQuota)
    ),
  };
  return {
    clock,
    deadline,
    get blockedBecause() {
      return state.blockedBecause;
    },
    left: () => deadline - clock.now(),
    call(what, request, options) {
      return callWithRetries(state, what, request, options?.idempotent ?? true);
    },
    allowance(priority, costs) {
      return allowance(state, priority, costs);
    },
    async waitForReset(hintMs) {
      state.window.observe();
      const waitMs = Math.max(hintMs ?? 0, state.window.resetInMs());
      if (!fits(state, waitMs)) {
        return false;
      }
      await sleep(state, waitMs);
      return true;
    },
  };
}

async function callWithRetries<T>(
  state: PacerState,
  what: string,
  request: () => Promise<T>,
  idempotent: boolean
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await request();
      state.window.observe();
      return result;
    } catch (err) {
      state.window.observe();
      const waitMs = retryWait(state, what, err, idempotent, attempt);
      await sleep(state, waitMs);
    }
  }
}

/** How long to wait before trying a failed request again; throws when it must not be retried in this run. */
function retryWait(state: PacerState, what: string, err: unknown, idempotent: boolean, attempt: number): number {
  if (errorStatus(err) === 429) {
    const outcome = errorOutcome(err);
    const hinted = outcome ? getRateLimitReset(outcome) : undefined;
    const waitMs = Math.max(hinted ?? 0, state.window.resetInMs());
    if (fits(state, waitMs)) {
      return waitMs;
    }
    const resets = `it resets in ${Math.ceil(waitMs / 1000)} s`;
    throw new DeferredError(`${what}: FHIR quota used up; ${resets}`, 'quota', { cause: err });
  }
  if (!isTransient(err)) {
    throw err;
  }
  const text = normalizeErrorString(err);
  if (!idempotent) {
    throw new DeferredError(`${what}: ${text} (the next run re-reads and continues)`, 'uncertain', { cause: err });
  }
  const waitMs = Math.min(500 * 2 ** attempt, MAX_BACKOFF_MS);
  if (attempt < 6 && fits(state, waitMs)) {
    return waitMs;
  }
  throw new DeferredError(`${what}: server unavailable (${text})`, 'unavailable', { cause: err });
}

/** How many of `costs`, in order, a budget of points pays for. */
function affordable(budget: number, costs: readonly number[]): number {
  let left = budget;
  let n = 0;
  for (const cost of costs) {
    if (left < cost) {
      break;
    }
    left -= cost;
    n++;
  }
  return n;
}

const sum = (costs: readonly number[]): number => costs.reduce((a, b) => a + b, 0);

async function allowance(state: PacerState, priority: Priority, costs: readonly number[]): Promise<number> {
  state.blockedBecause = undefined;
  const points = state.window.remaining();
  if (points === undefined) {
    return costs.length;
  }
  const { settings } = state;
  // What this window has used, from the header's remaining points: those are the lower of the bot's and the
  // project's (5.1), so they count down from the lower quota. Above the project's quota they can only be the
  // bot's own (5.0, where a member sees the project at 10× its own quota): then they count down from the bot's.
  const visible = Math.min(settings.botQuota, settings.projectQuota);
  const usedFrom = (r: number): number => (r > settings.projectQuota ? settings.botQuota - r : visible - r);
  const budgetFrom = (r: number): number => state.caps[priority] - usedFrom(r) - FLOOR_POINTS;
  if (priority === 'background' && !state.bucket.sustained && sum(costs) > state.bucket.capacity) {
    // More than a burst to write: a fill, sustained from its first write. Each run of it (a new run resumes what a
    // deferred one left, with a new pacer) starts at the steady rate, never with a burst at a window's start.
    state.bucket.sustain();
  }
  if (priority === 'background' && !(await waitForTokens(state, costs))) {
    return 0;
  }
  const now = paced(state, priority, costs, affordable(budgetFrom(points), costs));
  if (now > 0) {
    return now;
  }
  const waitMs = state.window.resetInMs();
  const fresh = affordable(budgetFrom(visible), costs);
  if (fresh === 0) {
    state.blockedBecause = `the ${priority} share of the FHIR quota is smaller than one write`;
    return 0;
  }
  if (!fits(state, waitMs)) {
    const resets = `resets in ${Math.ceil(waitMs / 1000)} s`;
    state.blockedBecause =
      priority === 'background'
        ? `background share of the FHIR quota used for this minute (${resets})`
        : `FHIR quota used up for this minute (${resets})`;
    return 0;
  }
  await sleep(state, waitMs);
  if (sum(costs) > state.bucket.capacity) {
    // More than one burst still to write after a reset: a sustained fill, whose tokens start again from 0 (none
    // saved up during the wait), so that it does not burst at the new window's start either. Less than a burst
    // comes at the reset.
    state.bucket.sustain();
    if (priority === 'background' && !(await waitForTokens(state, costs))) {
      return 0;
    }
  }
  state.bucket.refill();
  const after = paced(state, priority, costs, fresh);
  if (after === 0) {
    state.blockedBecause = STEADY;
  }
  return after;
}

/** Waits for the tokens of a reasonable chunk of background writes (never more than the bucket holds). */
async function waitForTokens(state: PacerState, costs: readonly number[]): Promise<boolean> {
  const { bucket } = state;
  bucket.refill();
  // A chunk: up to 50 writes, never more than the bucket holds nor ten seconds of its steady rate.
  const wanted = Math.min(bucket.capacity, sum(costs.slice(0, 50)), bucket.rate * CHUNK_MS);
  if (bucket.tokens >= wanted) {
    return true;
  }
  const waitMs = Math.ceil((wanted - bucket.tokens) / bucket.rate);
  if (!fits(state, waitMs)) {
    state.blockedBecause = STEADY;
    return false;
  }
  await sleep(state, waitMs);
  bucket.refill();
  return true;
}

/** Of the `n` writes the quota allows, those the background bucket pays for now (taking its tokens). */
function paced(state: PacerState, priority: Priority, costs: readonly number[], n: number): number {
  if (priority !== 'background') {
    return n;
  }
  const count = Math.min(n, affordable(state.bucket.tokens, costs));
  state.bucket.tokens -= sum(costs.slice(0, count));
  return count;
}
