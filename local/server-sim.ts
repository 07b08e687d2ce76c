/**
 * A Medplum server's behaviour where the bots depend on it, around the in-memory engine's fetch: what MockClient
 * alone does not do, and what broke on real servers.
 *
 * - **FHIR quota**: points per request as Medplum charges them (read 1, history 10, search 20, write 100; in a
 *   batch each entry is charged, a conditional create 140), per membership and per project, in fixed windows that
 *   start at the first request; a request over the limit answers 429 (in a batch: HTTP 200, and every entry over
 *   the limit answers 429), and every response carries `RateLimit: "fhirInteractions";r=…;t=…`. On 5.0 the project
 *   limit a member sees is 10× that member's own (so a raised bot quota can starve everyone else), on 5.1 it is the
 *   project's total.
 * - **Asynchronous batches** (`Prefer: respond-async`) are refused without the project's `async-batch` feature.
 * - **Transient conflicts**: a share of creates in batches answer 409 (Postgres serialization failures under load)
 *   without being applied.
 * - **Latency**: each request and each batch entry takes simulated time on the clock.
 */
import type { Bundle, BundleEntry, OperationOutcome } from '@medplum/fhirtypes';
import type { Clock } from '../engine/transport/clock';

export type ServerVersion = '5.0' | '5.1';

export interface QuotaSimulation {
  /** Points per minute of a membership without its own quota (Medplum's default 50,000). */
  readonly userQuota: number;
  /** Points per minute per membership, by membership name ('api', 'bot:schedule-slots', …). */
  readonly memberQuota?: Readonly<Record<string, number>>;
  /** The project's total per minute (5.1; on 5.0 each member sees 10× its own). Default 10 × userQuota. */
  readonly projectQuota?: number;
  /** The quota window (default 60,000 ms). */
  readonly windowMs?: number;
}

export interface ServerSimulationOptions {
  readonly version?: ServerVersion;
  readonly quota?: QuotaSimulation;
  /** The project's `async-batch` feature (off by default, as on a new project). */
  readonly asyncBatch?: boolean;
  /** Share (0–1) of creates in batches that answer 409 unapplied, as serialization failures do under load. */
  readonly transientConflicts?: number;
  /** Simulated time per request, and per batch entry (the server's own throughput). */
  readonly latencyMs?: number;
  readonly entryMs?: number;
  /** Deterministic randomness for the conflicts (default Math.random). */
  readonly random?: () => number;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** What the simulated server has seen, for tests and the benchmark. */
export interface ServerStats {
  requests: number;
  throttled: number;
  conflicts: number;
  /** Points used per membership in all windows. */
  readonly points: Record<string, number>;
}

export interface SimulatedServer {
  /** A fetch for one membership, to give to a MedplumClient. */
  fetchFor(member: string, inner: Fetch): Fetch;
  readonly stats: ServerStats;
  readonly options: ServerSimulationOptions;
}

interface Window {
  start: number;
  used: number;
}

export function createSimulatedServer(
  clock: Clock & { busy?(): void; done?(): void },
  options: ServerSimulationOptions
): SimulatedServer {
  const windows = new Map<string, Window>();
  const stats: ServerStats = { requests: 0, throttled: 0, conflicts: 0, points: {} };
  const quota = options.quota;
  const windowMs = quota?.windowMs ?? 60_000;
  const random = options.random ?? Math.random;
  const memberLimit = (member: string): number => quota?.memberQuota?.[member] ?? quota?.userQuota ?? Infinity;
  const projectLimit = (member: string): number =>
    options.version === '5.0' ? 10 * memberLimit(member) : (quota?.projectQuota ?? 10 * (quota?.userQuota ?? Infinity));

  const window = (key: string): Window => {
    const now = clock.now();
    let current = windows.get(key);
    if (!current || now >= current.start + windowMs) {
      current = { start: now, used: 0 };
      windows.set(key, current);
    }
    return current;
  };
  /** Charges points; false (the points still count, as Medplum's limiter counts them) when over a limit. */
  const charge = (member: string, points: number): boolean => {
    if (!quota) {
      return true;
    }
    const mine = window(`member:${member}`);
    const project = window('project');
    const over = mine.used >= memberLimit(member) || project.used >= projectLimit(member);
    if (over) {
      return false; // already blocked: refused without counting
    }
    mine.used += points;
    project.used += points;
    stats.points[member] = (stats.points[member] ?? 0) + points;
    return mine.used <= memberLimit(member) && project.used <= projectLimit(member);
  };
  const header = (member: string): string | undefined => {
    if (!quota) {
      return undefined;
    }
    const mine = window(`member:${member}`);
    const project = window('project');
    const remaining = Math.max(0, Math.min(memberLimit(member) - mine.used, projectLimit(member) - project.used));
    const resetAt = Math.min(mine.start, project.start) + windowMs;
    return `"fhirInteractions";r=${Math.floor(remaining)};t=${Math.ceil(Math.max(0, resetAt - clock.now()) / 1000)}`;
  };
  const resetMs = (member: string): number =>
    Math.max(0, Math.min(window(`member:${member}`).start, window('project').start) + windowMs - clock.now());

  const sleep = async (ms: number): Promise<void> => {
    if (ms > 0) {
      await clock.sleep?.(ms);
    }
  };

  return {
    stats,
    options,
    fetchFor(member, inner) {
      return async (url, init) => {
        stats.requests++;
        await sleep(options.latencyMs ?? 0);
        clock.busy?.();
        try {
          return await handle(member, inner, url, init);
        } finally {
          clock.done?.();
        }
      };
    },
  };

  async function handle(member: string, inner: Fetch, url: string, init: RequestInit): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url, 'http://local/').pathname.replace(/\/$/, '');
    const headers = new Headers(init.headers);
    const isBatch = method === 'POST' && /\/fhir\/R4$/.test(path);
    if (isBatch && headers.get('prefer') === 'respond-async' && !options.asyncBatch) {
      return json(400, outcome('invalid', 'Async Batch feature not available'), header(member));
    }
    if (!isBatch) {
      const cost = requestCost(method, url, headers);
      if (!charge(member, cost)) {
        stats.throttled++;
        return json(429, throttled(resetMs(member), memberLimit(member)), header(member));
      }
      return withHeader(await inner(url, init), header(member));
    }
    const bundle = JSON.parse(String(init.body ?? '{}')) as Bundle;
    const entries = bundle.entry ?? [];
    const answers: (BundleEntry | undefined)[] = [];
    const forward: BundleEntry[] = [];
    const forwardIndex: number[] = [];
    entries.forEach((entry, i) => {
      if (!charge(member, entryCost(entry))) {
        stats.throttled++;
        answers[i] = { response: { status: '429', outcome: throttled(resetMs(member), memberLimit(member)) } };
      } else if (entry.request?.method === 'POST' && random() < (options.transientConflicts ?? 0)) {
        stats.conflicts++;
        answers[i] = {
          response: {
            status: '409',
            outcome: outcome(
              'conflict',
              'could not serialize access due to read/write dependencies among transactions'
            ),
          },
        };
      } else {
        forward.push(entry);
        forwardIndex.push(i);
      }
    });
    await sleep((options.entryMs ?? 0) * forward.length);
    let processed: BundleEntry[] = [];
    if (forward.length > 0) {
      const response = await inner(url, { ...init, body: JSON.stringify({ ...bundle, entry: forward }) });
      processed = ((await response.json()) as Bundle).entry ?? [];
    }
    forwardIndex.forEach((original, k) => {
      answers[original] = processed[k];
    });
    const result: Bundle = {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: entries.map((_, i) => answers[i] ?? {}),
    };
    return json(200, result, header(member));
  }
}

function requestCost(method: string, url: string, headers: Headers): number {
  if (method === 'GET') {
    if (url.includes('/_history')) {
      return 10;
    }
    return url.includes('?') || /\/fhir\/R4\/[A-Za-z]+$/.test(new URL(url, 'http://local/').pathname) ? 20 : 1;
  }
  if (method === 'POST' && headers.get('if-none-exist')) {
    return 120;
  }
  return 100;
}

function entryCost(entry: BundleEntry): number {
  const method = entry.request?.method ?? 'GET';
  if (method === 'GET') {
    return entry.request?.url?.includes('?') ? 20 : 1;
  }
  return method === 'POST' && entry.request?.ifNoneExist ? 140 : 100;
}

function outcome(code: 'invalid' | 'conflict' | 'throttled', text: string, diagnostics?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    ...(code === 'throttled' ? { id: 'too-many-requests' } : code === 'conflict' ? { id: 'conflict' } : {}),
    issue: [{ severity: 'error', code, details: { text }, ...(diagnostics ? { diagnostics } : {}) }],
  };
}

function throttled(msBeforeNext: number, limit: number): OperationOutcome {
  return outcome('throttled', 'Too Many Requests', JSON.stringify({ msBeforeNext, limit }));
}

function json(status: number, body: unknown, rateLimit: string | undefined): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/fhir+json', ...(rateLimit ? { ratelimit: rateLimit } : {}) },
  });
}

/** Adds the RateLimit header (the in-memory engine answers with a Response-like object whose headers are real). */
function withHeader(response: Response, rateLimit: string | undefined): Response {
  if (rateLimit) {
    response.headers.set('ratelimit', rateLimit);
  }
  return response;
}
