/**
 * The benchmark's meter: counts requests, calendar writes and FHIR quota points at a MedplumClient's transport, adds
 * an injected latency to each request, and measures a step's traffic, wall time and peak heap growth.
 */
import type { MedplumClient } from '@medplum/core';
import type { Bundle } from '@medplum/fhirtypes';
import { requestCost } from '../engine/transport/quota-costs';

/** Traffic of one measured step. */
export interface Traffic {
  readonly requests: number;
  readonly writes: number;
  /** Medplum FHIR quota points the requests would cost (`requestCost`, engine/transport/quota-costs.ts). */
  readonly quotaPoints: number;
  readonly wallMs: number;
  /** Peak heap growth during the step, MB. */
  readonly peakHeapMb: number;
}

/** Counts requests, writes and quota points at the transport, and adds latency to each request. */
export class Meter {
  requests = 0;
  writes = 0;
  points = 0;
  latencyMs = 0;

  /**
   * Meters `medplum` and the clients of the work it causes elsewhere (`servers`: the booking Bot's client, whose
   * requests a booking operation makes on the caller's behalf). A booking operation is one request of the caller.
   */
  constructor(medplum: MedplumClient, servers: readonly MedplumClient[] = []) {
    for (const client of [medplum, ...servers]) {
      this.wrapFetch(client);
    }
    const execute = medplum.executeBot.bind(medplum);
    medplum.executeBot = (async (...args: Parameters<MedplumClient['executeBot']>) => {
      this.requests++;
      this.points += requestCost('POST', 'Bot/$execute');
      await this.delay();
      return execute(...args);
    }) as MedplumClient['executeBot'];
  }

  private wrapFetch(medplum: MedplumClient): void {
    const holder = medplum as unknown as { fetch: (url: string, init: RequestInit) => Promise<Response> };
    const inner = holder.fetch;
    holder.fetch = async (url, init) => {
      this.count(String(url), init);
      await this.delay();
      return inner(url, init);
    };
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    }
  }

  private count(url: string, init: RequestInit): void {
    this.requests++;
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url, 'http://local/').pathname.replace(/\/$/, '');
    if (method === 'POST' && /\/fhir\/R4$/.test(path)) {
      this.countBatch(JSON.parse(String(init.body ?? '{}')) as Bundle);
      return;
    }
    this.points += requestCost(method, url);
    // The schedule bot's own bookkeeping (its sync lease on the slot-sync Task) is not a write of the calendar.
    if (method !== 'GET' && !/\/Task(\/|$)/.test(path)) {
      this.writes++;
    }
  }

  private countBatch(bundle: Bundle): void {
    for (const entry of bundle.entry ?? []) {
      const method = entry.request?.method ?? 'GET';
      this.points += requestCost(method, entry.request?.url ?? '', {
        ifNoneExist: Boolean(entry.request?.ifNoneExist),
        inBatch: true,
      });
      if (method !== 'GET') {
        this.writes++;
      }
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
