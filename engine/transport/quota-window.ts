/**
 * What the pacer knows of the FHIR quota: the window the last `RateLimit` header described (points left, when it
 * resets), and the token bucket that spreads background writes over the minute.
 */
import type { MedplumClient } from '@medplum/core';
import type { Clock } from './clock';

const RESET_MARGIN_MS = 250;

export interface QuotaWindow {
  /** Reads the client's latest `RateLimit` header (a new window when it changed). */
  observe(): void;
  /** Points left in the current window, as far as we know (undefined: no quota reported, as on MockClient). */
  remaining(): number | undefined;
  /** Milliseconds until the window resets, with a margin (1 s when no header was seen). */
  resetInMs(): number;
}

/**
 * @example
 * const window = quotaWindow(medplum, clock, 50_000);
 * window.remaining(); // undefined until the server reported a quota
 */
export function quotaWindow(medplum: MedplumClient, clock: Clock, freshPoints: number): QuotaWindow {
  // The last RateLimit header seen, and when: after its reset time has passed, the window is fresh.
  let seen: { raw: string; remaining: number; resetAt: number } | undefined;
  const observe = (): void => {
    const info = medplum.rateLimitStatus().find((r) => r.name === 'fhirInteractions');
    if (!info) {
      return;
    }
    const raw = `${info.remainingUnits};${info.secondsUntilReset}`;
    if (raw !== seen?.raw) {
      seen = { raw, remaining: info.remainingUnits, resetAt: clock.now() + info.secondsUntilReset * 1000 };
    }
  };
  return {
    observe,
    remaining() {
      observe();
      if (!seen) {
        return undefined;
      }
      return clock.now() >= seen.resetAt ? freshPoints : seen.remaining;
    },
    resetInMs: () => (seen ? Math.max(0, seen.resetAt - clock.now()) + RESET_MARGIN_MS : 1000),
  };
}

/**
 * Background work as a steady rate: a bucket that refills at one window's background share a minute and holds at
 * most `burstPoints`. An idle bot has a full bucket, so a schedule of that size is written at once. A fill of more
 * than a burst is `sustain`ed from its first write, in every run of it (a deferred run's work is resumed by a new
 * run, with a new pacer): its bucket starts empty, so it spends its share as the window's minute goes by, never at
 * the window's start, and the rest of each window stays free for urgent work that arrives meanwhile (a new small
 * schedule, a deactivation) whatever the moment.
 */
export interface TokenBucket {
  /** Points per ms. */
  readonly rate: number;
  readonly capacity: number;
  tokens: number;
  /** Whether {@link TokenBucket.sustain} was called. */
  readonly sustained: boolean;
  refill(): void;
  /** From now on the work is sustained: no burst left (the tokens start again from 0), the steady rate only. */
  sustain(): void;
}

/**
 * Sustained background work is paced as a steady rate: back-to-back bursts at the start of each of the bot's quota
 * windows would otherwise add up inside one window of the project, which the bot cannot see on Medplum 5.0 (there
 * each member sees the project at 10× its own quota). The burst is sized so that a full bucket plus a minute of the
 * steady rate stays within the bot's share of the project (see {@link burstPoints}).
 */
export function tokenBucket(clock: Clock, pointsPerMinute: number, burstPoints = pointsPerMinute): TokenBucket {
  const rate = pointsPerMinute / 60_000;
  const capacity = Math.max(0, burstPoints);
  let refilledAt = clock.now();
  let sustained = false;
  const bucket: TokenBucket = {
    rate,
    capacity,
    tokens: capacity,
    get sustained() {
      return sustained;
    },
    refill() {
      const now = clock.now();
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - refilledAt) * rate);
      refilledAt = now;
    },
    sustain() {
      bucket.tokens = 0;
      refilledAt = clock.now();
      sustained = true;
    },
  };
  return bucket;
}

/**
 * The burst an idle bot may write at once: one window's background share, unless the project's share would not hold
 * a burst and a minute of the steady rate besides (a small project total): then what it leaves, and at least a
 * sixth of the share.
 *
 * @example
 * burstPoints(35_000, 400_000); // 35,000: the default quotas, about 350 slots at once
 * burstPoints(28_000, 40_000); // 12,000
 */
export function burstPoints(backgroundPerMinute: number, projectSharePerMinute: number): number {
  const room = projectSharePerMinute - backgroundPerMinute;
  return Math.max(backgroundPerMinute / 6, Math.min(backgroundPerMinute, room));
}
