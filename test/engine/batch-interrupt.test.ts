/**
 * The writer asks whether a newer change arrived (the schedule edited, a slot written by others) before a background
 * chunk waits for the quota, not only after: a change is acted on without waiting for tokens first.
 */
import type { MedplumClient } from '@medplum/core';
import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { writeEntries, type WriteEntry } from '../../engine/sync/batch';
import type { Clock } from '../../engine/transport/clock';
import { createPacer } from '../../engine/transport/pacing';

/** A clock whose sleeps only move its time. */
function fakeClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms), advance: (ms: number) => void (now += ms) } as Clock;
}

/**
 * A server whose quota is past the background share (14,000 of 50,000 points left, 30 s to the reset) and whose
 * every batch takes `batchMs` of the clock and answers 201 for each entry.
 */
function server(clock: Clock, batchMs: number): { medplum: MedplumClient; batches: number[] } {
  const batches: number[] = [];
  const medplum = {
    rateLimitStatus: () => [{ name: 'fhirInteractions', remainingUnits: 14_000, secondsUntilReset: 30 }],
    executeBatch: async (bundle: Bundle): Promise<Bundle> => {
      (clock as unknown as { advance: (ms: number) => void }).advance(batchMs);
      batches.push(bundle.entry?.length ?? 0);
      return {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: bundle.entry?.map(() => ({ response: { status: '201' } })),
      };
    },
  } as unknown as MedplumClient;
  return { medplum, batches };
}

const entry = (priority: 'urgent' | 'background'): WriteEntry => ({
  label: 'create',
  request: { method: 'POST', url: 'Slot' },
  resource: { resourceType: 'Slot', schedule: {}, status: 'free', start: '', end: '' },
  cost: 100,
  priority,
});

describe('the writer and a newer change', () => {
  test('after a long urgent batch, a change is seen before the background chunk waits for the reset', async () => {
    const clock = fakeClock();
    const { medplum, batches } = server(clock, 6_000); // the urgent batch takes 6 s: the next chunk may ask
    const pacer = createPacer(medplum, clock, 300_000);
    let asked = 0;
    const report = await writeEntries(
      medplum,
      pacer,
      [entry('urgent'), ...Array.from({ length: 50 }, () => entry('background'))],
      {
        interrupt: async () => {
          asked++;
          return true;
        },
      }
    );
    expect(report.interrupted).toBe(true);
    expect(batches).toEqual([1]); // the urgent entry only
    expect(asked).toBe(1);
    // Not the 30 s the background chunk would have waited for the reset before asking.
    expect(clock.now()).toBe(6_000);
  });

  test('without a change the background chunk waits for the reset and is written', async () => {
    const clock = fakeClock();
    const { medplum, batches } = server(clock, 6_000);
    const pacer = createPacer(medplum, clock, 300_000);
    const report = await writeEntries(
      medplum,
      pacer,
      [entry('urgent'), ...Array.from({ length: 5 }, () => entry('background'))],
      {
        interrupt: async () => false,
      }
    );
    expect(report.interrupted).toBeUndefined();
    expect(report.results.every((r) => r.status === 'done')).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(6);
    expect(clock.now()).toBeGreaterThanOrEqual(30_000);
  });
});
