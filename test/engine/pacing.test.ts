import type { MedplumClient } from '@medplum/core';
import { OperationOutcomeError, tooManyRequests } from '@medplum/core';
import { describe, expect, test } from 'vitest';
import type { Clock } from '../../engine/transport/clock';
import { createPacer, DEFAULT_PACING, isDeferred, quotaCaps, type PacingSettings } from '../../engine/transport/pacing';

/** A clock whose sleeps only move its time. */
function fakeClock(start = 0): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** A client whose last RateLimit header says `remaining` points and `seconds` to the reset. */
function client(header: { remaining: number; seconds: number } | undefined): MedplumClient {
  return {
    rateLimitStatus: () =>
      header ? [{ name: 'fhirInteractions', remainingUnits: header.remaining, secondsUntilReset: header.seconds }] : [],
  } as unknown as MedplumClient;
}

const costs = (n: number, each = 100): number[] => Array.from({ length: n }, () => each);

describe('pacing', () => {
  test('caps: urgent work may use the bot quota (or 80% of the project), background leaves a capped reserve', () => {
    expect(quotaCaps(DEFAULT_PACING)).toEqual({ urgent: 50_000, background: 35_000 });
    const raised: PacingSettings = { ...DEFAULT_PACING, botQuota: 1_000_000 };
    expect(quotaCaps(raised)).toEqual({ urgent: 400_000, background: 385_000 });
  });

  test('without a quota header (no quota reported) everything is allowed', async () => {
    const pacer = createPacer(client(undefined), fakeClock(), 100_000);
    expect(await pacer.allowance('urgent', costs(700))).toBe(700);
  });

  test('urgent work uses what is left; background work keeps the reserve and waits for the reset when it fits', async () => {
    const clock = fakeClock();
    // 20,000 points left of 50,000: urgent may take 19,500 (a 500 floor stays for the run's last reads), and
    // background 4,500 more (it may use 35,000 a window; 30,000 are used).
    // (background work of one burst or less: 100 writes, 10,000 points)
    const pacer = createPacer(client({ remaining: 20_000, seconds: 30 }), clock, 100_000);
    expect(await pacer.allowance('urgent', costs(400))).toBe(195);
    expect(await pacer.allowance('background', costs(100))).toBe(45);
    expect(clock.now()).toBe(0);
    // 14,000 left: 36,000 used, past the background share: it waits for the reset (30 s), then goes on.
    const later = createPacer(client({ remaining: 14_000, seconds: 30 }), clock, 100_000);
    expect(await later.allowance('urgent', costs(400))).toBe(135);
    expect(await later.allowance('background', costs(100))).toBeGreaterThan(0);
    expect(clock.now()).toBeGreaterThanOrEqual(30_000);
  });

  test('a fill of more than a burst keeps to the steady rate from its first write, in every run of it', async () => {
    // An idle window: a burst (up to 35,000 points) goes at once; 400 writes (40,000) are a fill, paced from the start.
    expect(
      await createPacer(client({ remaining: 50_000, seconds: 60 }), fakeClock(), 100_000).allowance(
        'background',
        costs(300)
      )
    ).toBe(300);
    const clock = fakeClock();
    const fill = createPacer(client({ remaining: 50_000, seconds: 60 }), clock, 100_000);
    const first = await fill.allowance('background', costs(400));
    // a chunk of 50 writes (5,000 points) after waiting for it at the steady rate (35,000 a minute): 8.6 s, no burst
    expect(first).toBe(50);
    expect(clock.now()).toBeGreaterThanOrEqual(8_500);
    expect(clock.now()).toBeLessThanOrEqual(8_700);
    // A new run resuming the fill (a new pacer) starts at the steady rate too: no burst at a window's start.
    const resumed = createPacer(client({ remaining: 50_000, seconds: 60 }), clock, clock.now() + 100_000);
    const before = clock.now();
    expect(await resumed.allowance('background', costs(400))).toBe(50);
    expect(clock.now() - before).toBeGreaterThanOrEqual(8_500);
  });

  test('a wait that does not fit the deadline stops with a reason instead', async () => {
    const pacer = createPacer(client({ remaining: 1_000, seconds: 50 }), fakeClock(), 10_000);
    expect(await pacer.allowance('background', costs(10))).toBe(0);
    expect(pacer.blockedBecause).toMatch(/background writes are paced|background share/);
  });

  test('on 5.1 a raised bot quota is read against the project total; on 5.0 against its own', async () => {
    const settings: PacingSettings = { ...DEFAULT_PACING, botQuota: 1_000_000 };
    // 5.1: the header shows the project's remaining (500,000 fresh): urgent may use 80% of it.
    const p51 = createPacer(client({ remaining: 500_000, seconds: 60 }), fakeClock(), 100_000, settings);
    expect(await p51.allowance('urgent', costs(5_000))).toBe(3_995);
    // 5.0: the header shows the bot's own remaining (1,000,000 fresh): still no more than 80% of the project.
    const p50 = createPacer(client({ remaining: 1_000_000, seconds: 60 }), fakeClock(), 100_000, settings);
    expect(await p50.allowance('urgent', costs(5_000))).toBe(3_995);
    // 5.0, 400,000 used by the bot: nothing more this window.
    const spent = createPacer(client({ remaining: 600_000, seconds: 1 }), fakeClock(), 500, settings);
    expect(await spent.allowance('urgent', costs(10))).toBe(0);
  });

  test('a 429 waits for the reset within the budget; beyond it the work is deferred, not failed', async () => {
    const clock = fakeClock();
    const pacer = createPacer(client({ remaining: 0, seconds: 2 }), clock, 60_000);
    let calls = 0;
    const throttled = (): never => {
      throw new OperationOutcomeError(tooManyRequests);
    };
    expect(
      await pacer.call('read', async () => {
        calls++;
        return calls < 3 ? throttled() : 'ok';
      })
    ).toBe('ok');
    expect(calls).toBe(3);
    const short = createPacer(client({ remaining: 0, seconds: 30 }), fakeClock(), 5_000);
    const error = await short.call('read', async () => throttled()).catch((err: unknown) => err);
    expect(isDeferred(error)).toBe(true);
    expect((error as { kind: string }).kind).toBe('quota');
  });

  test('a 5xx is retried when the request is idempotent; a non-idempotent one is deferred as uncertain', async () => {
    const serverError = new OperationOutcomeError({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'exception', details: { text: 'Internal server error' } }],
    });
    const pacer = createPacer(client(undefined), fakeClock(), 60_000);
    let calls = 0;
    expect(
      await pacer.call('search', async () => {
        calls++;
        if (calls < 2) {
          throw serverError;
        }
        return 'ok';
      })
    ).toBe('ok');
    const error = await pacer
      .call(
        'batch',
        async () => {
          throw serverError;
        },
        { idempotent: false }
      )
      .catch((err: unknown) => err);
    expect(isDeferred(error)).toBe(true);
    expect((error as { kind: string }).kind).toBe('uncertain');
    // Not a refusal at all (a 400): thrown as it is.
    const bad = new OperationOutcomeError({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', details: { text: 'Bad' } }],
    });
    await expect(
      pacer.call('read', async () => {
        throw bad;
      })
    ).rejects.toBe(bad);
  });
});
