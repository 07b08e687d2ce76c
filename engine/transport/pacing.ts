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
import { getRateLimitReset, getStatus, normalizeErrorString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Clock } from './clock';
import { errorOutcome } from './errors';

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

/** Work that could not be done in this run (quota, server unavailable, time budget): a later run does it. */
export class DeferredError extends Error {
  readonly deferred = true;
  /**
   * `quota`: refused before any work; `unavailable`: the server did not answer (retries used up); `uncertain`: a
   * request that is not safe to resend failed, so some of it may have been applied.
   */
  readonly kind: 'quota' | 'unavailable' | 'uncertain';
  constructor(message: string, kind: DeferredError['kind'], options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeferredError';
    this.kind = kind;
  }
}

/** Whether an error means "deferred" (structural: bundled bots may see another copy of this class). */
export function isDeferred(err: unknown): err is DeferredError {
  return (err as { deferred?: unknown } | undefined)?.deferred === true;
}

/** The HTTP status an error stands for, when it carries one (OperationOutcome or a Medplum response error). */
export function errorStatus(err: unknown): number | undefined {
  const outcome = errorOutcome(err);
  if (outcome) {
    return getStatus(outcome);
  }
  const status = (err as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Whether an error is a refusal worth retrying: 429, 5xx, or no response at all (network). */
export function isTransient(err: unknown): boolean {
  const status = errorStatus(err);
  if (status !== undefined) {
    return status === 429 || status >= 500;
  }
  const text = normalizeErrorString(err);
  return /fetch failed|failed to fetch|network|ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up/i.test(text);
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
const RESET_MARGIN_MS = 250;
const MAX_BACKOFF_MS = 8_000;

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
  // Background work is also paced as a steady rate (a token bucket holding at most 10 s of it): bursts at the start
  // of the bot's quota window would otherwise add up with the previous window's inside one window of the project,
  // which the bot cannot see on Medplum 5.0 (there each member sees the project at 10× its own quota).
  const rate = caps.background / 60_000; // points per ms
  const capacity = caps.background / 6;
  let tokens = capacity;
  let refilledAt = clock.now();
  const refill = (): void => {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * rate);
    refilledAt = now;
  };
  // The last RateLimit header seen, and when: after its reset time has passed, the window is fresh.
  let seen: { raw: string; at: number; remaining: number; resetAt: number } | undefined;
  let blockedBecause: string | undefined;

  const observe = (): void => {
    const info = medplum.rateLimitStatus().find((r) => r.name === 'fhirInteractions');
    if (!info) {
      return;
    }
    const raw = `${info.remainingUnits};${info.secondsUntilReset}`;
    if (raw !== seen?.raw) {
      const at = clock.now();
      seen = { raw, at, remaining: info.remainingUnits, resetAt: at + info.secondsUntilReset * 1000 };
    }
  };
  /** Points left in the current window, as far as we know (undefined: no quota reported, as on MockClient). */
  const remaining = (): number | undefined => {
    observe();
    if (!seen) {
      return undefined;
    }
    return clock.now() >= seen.resetAt ? Math.min(settings.botQuota, settings.projectQuota) : seen.remaining;
  };
  const resetInMs = (): number => (seen ? Math.max(0, seen.resetAt - clock.now()) + RESET_MARGIN_MS : 1000);
  const fits = (waitMs: number): boolean => clock.sleep !== undefined && clock.now() + waitMs < deadline;
  const sleep = async (ms: number): Promise<void> => {
    await clock.sleep?.(ms);
  };

  const pacer: Pacer = {
    clock,
    deadline,
    get blockedBecause() {
      return blockedBecause;
    },
    left: () => deadline - clock.now(),
    async call(what, request, options) {
      const idempotent = options?.idempotent ?? true;
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await request();
          observe();
          return result;
        } catch (err) {
          observe();
          const status = errorStatus(err);
          if (status === 429) {
            const outcome = errorOutcome(err);
            const hinted = outcome ? getRateLimitReset(outcome) : undefined;
            const waitMs = Math.max(hinted ?? 0, resetInMs());
            if (fits(waitMs)) {
              await sleep(waitMs);
              continue;
            }
            throw new DeferredError(
              `${what}: FHIR quota used up; it resets in ${Math.ceil(waitMs / 1000)} s`,
              'quota',
              { cause: err }
            );
          }
          if (!isTransient(err)) {
            throw err;
          }
          if (!idempotent) {
            throw new DeferredError(
              `${what}: ${normalizeErrorString(err)} (the next run re-reads and continues)`,
              'uncertain',
              { cause: err }
            );
          }
          const waitMs = Math.min(500 * 2 ** attempt, MAX_BACKOFF_MS);
          if (attempt < 6 && fits(waitMs)) {
            await sleep(waitMs);
            continue;
          }
          throw new DeferredError(`${what}: server unavailable (${normalizeErrorString(err)})`, 'unavailable', {
            cause: err,
          });
        }
      }
    },
    async allowance(priority, costs) {
      blockedBecause = undefined;
      const points = remaining();
      if (points === undefined) {
        return costs.length;
      }
      // What this window has used, from the header's remaining points: those are the lower of the bot's and the
      // project's (5.1), so they count down from the lower quota. Above the project's quota they can only be the
      // bot's own (5.0, where a member sees the project at 10× its own quota): then they count down from the bot's.
      const visible = Math.min(settings.botQuota, settings.projectQuota);
      const usedFrom = (r: number): number => (r > settings.projectQuota ? settings.botQuota - r : visible - r);
      const budgetFrom = (r: number): number => caps[priority] - usedFrom(r) - FLOOR_POINTS;
      const affordable = (budget: number): number => {
        let n = 0;
        for (const cost of costs) {
          if (budget < cost) {
            break;
          }
          budget -= cost;
          n++;
        }
        return n;
      };
      if (priority === 'background') {
        refill();
        // Wait for the tokens of a reasonable chunk (never more than the bucket holds).
        const wanted = Math.min(
          capacity,
          costs.slice(0, 50).reduce((a, b) => a + b, 0)
        );
        if (tokens < wanted) {
          const waitMs = Math.ceil((wanted - tokens) / rate);
          if (!fits(waitMs)) {
            blockedBecause = 'background writes are paced to a steady share of the FHIR quota';
            return 0;
          }
          await sleep(waitMs);
          refill();
        }
      }
      const paced = (n: number): number => {
        if (priority !== 'background') {
          return n;
        }
        const count = Math.min(n, affordable(tokens));
        tokens -= costs.slice(0, count).reduce((a, b) => a + b, 0);
        return count;
      };
      const now = paced(affordable(budgetFrom(points)));
      if (now > 0) {
        return now;
      }
      const waitMs = resetInMs();
      const fresh = affordable(budgetFrom(visible));
      if (fresh === 0) {
        blockedBecause = `the ${priority} share of the FHIR quota is smaller than one write`;
        return 0;
      }
      if (!fits(waitMs)) {
        blockedBecause =
          priority === 'background'
            ? `background share of the FHIR quota used for this minute (resets in ${Math.ceil(waitMs / 1000)} s)`
            : `FHIR quota used up for this minute (resets in ${Math.ceil(waitMs / 1000)} s)`;
        return 0;
      }
      await sleep(waitMs);
      refill();
      const after = paced(fresh);
      if (after === 0) {
        blockedBecause = 'background writes are paced to a steady share of the FHIR quota';
      }
      return after;
    },
    async waitForReset(hintMs) {
      observe();
      const waitMs = Math.max(hintMs ?? 0, resetInMs());
      if (!fits(waitMs)) {
        return false;
      }
      await sleep(waitMs);
      return true;
    },
  };
  return pacer;
}
