import type { MedplumClient } from '@medplum/core';
import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { benchTargets } from '../../bench/bench';
import { Meter } from '../../bench/meter';
import { quotaBound, quotaTargets, type QuotaScenarioResult } from '../../bench/quota';
import { renderQuota } from '../../bench/render';
import type { LatencyRun } from '../../bench/scenarios';
import { QUOTA_COST } from '../../engine/transport/quota-costs';

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

function metered(): { meter: Meter; fetch: Fetch } {
  const client = { fetch: (async () => new Response('{}')) as Fetch, executeBot: async () => ({ ok: true }) };
  const meter = new Meter(client as unknown as MedplumClient);
  return { meter, fetch: client.fetch };
}

describe('Meter', () => {
  test('a booking operation is one request of the caller, its own requests counted on the server client', async () => {
    const caller = { fetch: (async () => new Response('{}')) as Fetch, executeBot: async () => ({ ok: true }) };
    const server = { fetch: (async () => new Response('{}')) as Fetch, executeBot: async () => ({}) };
    const meter = new Meter(caller as unknown as MedplumClient, [server as unknown as MedplumClient]);
    const traffic = await meter.measure(async () => {
      await (caller as unknown as MedplumClient).executeBot('booking', { action: 'book' });
      await server.fetch('http://local/fhir/R4/Slot/1', { method: 'PUT', body: '{}' });
    });
    expect(traffic).toMatchObject({ requests: 2, writes: 1 });
  });

  test('charges requests by the quota cost table; the sync lease on a Task is not a calendar write', async () => {
    const { meter, fetch } = metered();
    const traffic = await meter.measure(async () => {
      await fetch('http://local/fhir/R4/Slot?schedule=Schedule/1', { method: 'GET' });
      await fetch('http://local/fhir/R4/Slot/1', { method: 'GET' });
      await fetch('http://local/fhir/R4/Slot', { method: 'POST', body: '{}' });
      await fetch('http://local/fhir/R4/Task/t1', { method: 'PUT', body: '{}' });
    });
    expect(traffic).toMatchObject({
      requests: 4,
      writes: 1,
      quotaPoints: QUOTA_COST.search + QUOTA_COST.read + 2 * QUOTA_COST.write,
    });
  });

  test('charges each batch entry: conditional create in a batch, conditional delete, write, search, read', async () => {
    const { meter, fetch } = metered();
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'POST', url: 'Slot', ifNoneExist: 'identifier=x|1' } },
        { request: { method: 'DELETE', url: 'Slot?identifier=x|2' } },
        { request: { method: 'PUT', url: 'Slot/3' } },
        { request: { method: 'GET', url: 'Slot?schedule=Schedule/1' } },
        { request: { method: 'GET', url: 'Slot/4' } },
      ],
    };
    const traffic = await meter.measure(async () => {
      await fetch('http://local/fhir/R4/', { method: 'POST', body: JSON.stringify(bundle) });
    });
    expect(traffic).toMatchObject({
      requests: 1,
      writes: 3,
      quotaPoints:
        QUOTA_COST.conditionalCreateInBatch +
        QUOTA_COST.conditionalDelete +
        QUOTA_COST.write +
        QUOTA_COST.search +
        QUOTA_COST.read,
    });
  });
});

describe('targets and the quota bound', () => {
  const traffic = { requests: 5, writes: 0, quotaPoints: 0, wallMs: 10, peakHeapMb: 0 };
  const run = (latencyMs: number, speedup: number, editWrites: number): LatencyRun => ({
    latencyMs,
    slots: 1000,
    seedLoop: traffic,
    botFirstRun: traffic,
    speedup,
    noChangeRerun: traffic,
    smallEdit: { ...traffic, writes: editWrites, daySlots: 200 },
    deactivation: { ...traffic, booked: 0, tasks: 0 },
    manySchedules: { schedules: 1, totalMs: 1, slowestRunMs: 1, slots: 1 },
  });

  test('benchTargets judges the speedup at 20 ms and the write counts on every run', () => {
    const targets = benchTargets([run(0, 1, 10), run(20, 60, 500)]);
    expect(targets.map((t) => t.met)).toEqual([true, true, true, false]);
    expect(targets[0]?.name).toContain('= 8');
  });

  test('quotaBound: a conditional create in a batch per slot at the usable quota (the bot’s, capped by its project share)', () => {
    expect(quotaBound(1000, 50_000)).toBe(((1000 * QUOTA_COST.conditionalCreateInBatch) / 50_000) * 60_000);
    expect(quotaBound(1000, 10_000_000)).toBe(quotaBound(1000, 400_000));
  });

  test('renderQuota states the per-slot cost from the table and every target', () => {
    const result: QuotaScenarioResult = {
      target: 'simulated',
      slots: 10,
      quota: 50_000,
      first14DaysMs: 1000,
      smallScheduleMs: 2000,
      bookingMs: 1000,
      convergedMs: Number.POSITIVE_INFINITY,
      quotaBoundMs: 60_000,
      ratio: Number.POSITIVE_INFINITY,
      eventsLost: 0,
      duplicates: 0,
    };
    const text = renderQuota(result);
    expect(text).toContain(`${QUOTA_COST.conditionalCreateInBatch} points a slot`);
    expect(text).toContain('whole long schedule after          never');
    for (const t of quotaTargets(result)) {
      expect(text).toContain(`${t.met ? 'met ' : 'MISS'}  ${t.name}: ${t.value}`);
    }
  });
});
