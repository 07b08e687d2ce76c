/**
 * A Medplum server's behaviour where the bots depend on it, around the in-memory engine's fetch: what MockClient
 * alone does not do, and what broke on real servers.
 *
 * - **FHIR quota**: points per request as Medplum charges them (engine/transport/quota-costs.ts; in a batch each
 *   entry is charged), per membership and per project (./quota-meter.ts); a request over the limit answers 429 (in a
 *   batch: HTTP 200, and every entry over the limit answers 429), and every response carries
 *   `RateLimit: "fhirInteractions";r=…;t=…`.
 * - **Asynchronous batches** (`Prefer: respond-async`) are refused without the project's `async-batch` feature.
 * - **Transient conflicts**: a share of creates in batches answer 409 (Postgres serialization failures under load)
 *   without being applied.
 * - **Latency**: each request and each batch entry takes simulated time on the clock.
 * - **AccessPolicies** per membership (./access-policy.ts): a request or batch entry the policy does not allow
 *   answers 403, as Medplum does for a front-desk user who writes a Slot directly.
 */
import type { AccessPolicy, Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Clock } from '../engine/transport/clock';
import { policyRefusal, writeConstraintRefusal } from './access-policy';
import { requestCost } from '../engine/transport/quota-costs';
import { createQuotaMeter, type QuotaMeter, type QuotaSimulation, type ServerVersion } from './quota-meter';

export type { QuotaSimulation, ServerVersion } from './quota-meter';

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
  /** AccessPolicies by membership (`api`, `bot:<name>`): a request the policy does not allow answers 403. */
  readonly policies?: Readonly<Record<string, AccessPolicy>>;
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
  /** Gives a membership an AccessPolicy (undefined: every request allowed), as a project admin would. */
  setPolicy(member: string, policy: AccessPolicy | undefined): void;
  readonly stats: ServerStats;
  readonly options: ServerSimulationOptions;
}

/** A simulated server, as the request handlers see it. */
interface Server {
  readonly options: ServerSimulationOptions;
  readonly stats: ServerStats;
  readonly meter: QuotaMeter;
  readonly random: () => number;
  readonly policies: Map<string, AccessPolicy>;
  sleep(ms: number): Promise<void>;
  /** Sleeps inside a request's work: the request is marked waiting, not working, meanwhile (see warp-clock.ts). */
  sleepInside(ms: number): Promise<void>;
}

/**
 * @example
 * const server = createSimulatedServer(clock, { version: '5.1', quota: { userQuota: 50_000 } });
 * const fetch = server.fetchFor('api', (url, init) => medplum.client.mockFetch(url, init));
 */
export function createSimulatedServer(
  clock: Clock & { busy?(): void; done?(): void },
  options: ServerSimulationOptions
): SimulatedServer {
  const stats: ServerStats = { requests: 0, throttled: 0, conflicts: 0, points: {} };
  const server: Server = {
    options,
    stats,
    meter: createQuotaMeter(clock, options.quota, options.version, stats.points),
    random: options.random ?? Math.random,
    policies: new Map(Object.entries(options.policies ?? {})),
    async sleep(ms) {
      if (ms > 0) {
        await clock.sleep?.(ms);
      }
    },
    async sleepInside(ms) {
      if (ms > 0) {
        clock.done?.();
        try {
          await clock.sleep?.(ms);
        } finally {
          clock.busy?.();
        }
      }
    },
  };
  return {
    stats,
    options,
    setPolicy(member, policy) {
      if (policy) {
        server.policies.set(member, policy);
      } else {
        server.policies.delete(member);
      }
    },
    fetchFor(member, inner) {
      return async (url, init) => {
        stats.requests++;
        await server.sleep(options.latencyMs ?? 0);
        clock.busy?.();
        try {
          return await handle(server, member, inner, url, init);
        } finally {
          clock.done?.();
        }
      };
    },
  };
}

async function handle(server: Server, member: string, inner: Fetch, url: string, init: RequestInit): Promise<Response> {
  const { meter, stats } = server;
  const method = (init.method ?? 'GET').toUpperCase();
  const path = new URL(url, 'http://local/').pathname.replace(/\/$/, '');
  const headers = new Headers(init.headers);
  const isBatch = method === 'POST' && /\/fhir\/R4$/.test(path);
  if (isBatch && headers.get('prefer') === 'respond-async' && !server.options.asyncBatch) {
    return json(400, outcome('invalid', 'Async Batch feature not available'), meter.header(member));
  }
  if (isBatch) {
    return json(200, await handleBatch(server, member, inner, url, init), meter.header(member));
  }
  const forbidden =
    refusedByPolicy(server, member, method, url) ?? (await refusedWrite(server, member, inner, method, url, init));
  if (forbidden) {
    return json(403, forbidden, meter.header(member));
  }
  const cost = requestCost(method, url, { ifNoneExist: Boolean(headers.get('if-none-exist')) });
  if (!meter.charge(member, cost)) {
    stats.throttled++;
    return json(429, throttled(meter.resetMs(member), meter.memberLimit(member)), meter.header(member));
  }
  return withHeader(await inner(url, init), meter.header(member));
}

/** A batch: each entry charged; entries over the quota answer 429, a share of creates 409; the rest go to the engine. */
async function handleBatch(
  server: Server,
  member: string,
  inner: Fetch,
  url: string,
  init: RequestInit
): Promise<Bundle> {
  const bundle = JSON.parse(String(init.body ?? '{}')) as Bundle;
  const entries = bundle.entry ?? [];
  const answers: (BundleEntry | undefined)[] = [];
  const forward: BundleEntry[] = [];
  const forwardIndex: number[] = [];
  entries.forEach((entry, i) => {
    const refusal = refuseEntry(server, member, entry);
    if (refusal) {
      answers[i] = refusal;
    } else {
      forward.push(entry);
      forwardIndex.push(i);
    }
  });
  await server.sleepInside((server.options.entryMs ?? 0) * forward.length);
  let processed: BundleEntry[] = [];
  if (forward.length > 0) {
    const response = await inner(url, { ...init, body: JSON.stringify({ ...bundle, entry: forward }) });
    processed = ((await response.json()) as Bundle).entry ?? [];
  }
  forwardIndex.forEach((original, k) => {
    answers[original] = processed[k];
  });
  return { resourceType: 'Bundle', type: 'batch-response', entry: entries.map((_, i) => answers[i] ?? {}) };
}

/** The answer to a batch entry the server refuses (over the quota, or a transient conflict), or undefined. */
function refuseEntry(server: Server, member: string, entry: BundleEntry): BundleEntry | undefined {
  const { meter, stats } = server;
  const forbidden = refusedByPolicy(server, member, entry.request?.method ?? 'GET', entry.request?.url ?? '');
  if (forbidden) {
    return { response: { status: '403', outcome: forbidden } };
  }
  if (!meter.charge(member, entryCost(entry))) {
    stats.throttled++;
    return { response: { status: '429', outcome: throttled(meter.resetMs(member), meter.memberLimit(member)) } };
  }
  if (entry.request?.method === 'POST' && server.random() < (server.options.transientConflicts ?? 0)) {
    stats.conflicts++;
    const text = 'could not serialize access due to read/write dependencies among transactions';
    return { response: { status: '409', outcome: outcome('conflict', text) } };
  }
  return undefined;
}

/** A create or update the membership's policy constrains (`writeConstraint`), checked against the stored version. */
async function refusedWrite(
  server: Server,
  member: string,
  inner: Fetch,
  method: string,
  url: string,
  init: RequestInit
): Promise<OperationOutcome | undefined> {
  const policy = server.policies.get(member);
  if (!policy || (method !== 'PUT' && method !== 'POST') || typeof init.body !== 'string') {
    return undefined;
  }
  const current = JSON.parse(init.body) as Resource;
  const constrained = policy.resource?.some((r) => r.resourceType === current.resourceType && r.writeConstraint);
  if (!constrained) {
    return undefined;
  }
  const stored = method === 'PUT' ? await inner(url, { method: 'GET' }) : undefined;
  const previous = stored?.ok ? ((await stored.json()) as Resource) : undefined;
  return writeConstraintRefusal(policy, previous, current);
}

function refusedByPolicy(server: Server, member: string, method: string, url: string): OperationOutcome | undefined {
  const policy = server.policies.get(member);
  return policy ? policyRefusal(policy, method, url) : undefined;
}

/** What one batch entry costs (engine/transport/quota-costs.ts, the table the bots pace by). */
function entryCost(entry: BundleEntry): number {
  const request = entry.request;
  return requestCost(request?.method ?? 'GET', request?.url ?? '', {
    ifNoneExist: Boolean(request?.ifNoneExist),
    inBatch: true,
  });
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
