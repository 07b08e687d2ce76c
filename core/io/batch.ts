/**
 * Writes FHIR requests in batch Bundles, within Medplum's limits:
 * - chunks of a few hundred entries (the 1 MB body limit; transactions with conditional entries cap at 8);
 * - every entry's own `response.status` is checked: a batch answers HTTP 200 even when entries fail;
 * - the FHIR quota is read from `rateLimitStatus()` before each chunk: a chunk is shrunk to what the quota allows,
 *   or the writer waits for the reset when the deadline leaves room, else it stops and reports what is left;
 * - entries answered 429 are retried after the reset, under the same deadline.
 * Nothing is assumed written that the server did not confirm.
 */
import { getRateLimitReset, normalizeErrorString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Bundle, BundleEntry, BundleEntryRequest, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Clock } from './clock';

/** One request to send, with a label the caller uses to tally results. */
export interface WriteEntry<L extends string = string> {
  readonly label: L;
  readonly request: BundleEntryRequest;
  readonly resource?: Resource;
  /** Quota points the server charges for it (create 100, conditional create 140 in a batch, delete 100...). */
  readonly cost: number;
}

/** What happened to one entry. */
export type EntryStatus =
  /** Written (201 Created, 200 OK, 204). */
  | 'done'
  /** A precondition or conflict stopped it (412, 409): the store changed meanwhile; the next run re-plans. */
  | 'skipped'
  /** The server refused it for another reason. */
  | 'failed'
  /** Not sent, or answered 429: still to do. */
  | 'pending'
  /** Accepted by the server as part of an asynchronous batch job: not confirmed yet; a later run verifies. */
  | 'submitted';

export interface EntryResult<L extends string = string> {
  readonly entry: WriteEntry<L>;
  readonly status: EntryStatus;
  /** HTTP status of the entry's response, when it has one. */
  readonly httpStatus?: string;
  readonly location?: string;
  readonly message?: string;
}

export interface WriteOptions {
  readonly clock: Clock;
  /** Epoch ms after which no new chunk starts. */
  readonly deadline: number;
  /** Entries per batch Bundle. */
  readonly chunkSize?: number;
  /** Longest single wait for a quota reset. */
  readonly maxWaitMs?: number;
  /**
   * When there are more entries than this, send them as asynchronous batch jobs (`Prefer: respond-async`): the
   * server works through them outside the bot's timeout. Unset: always synchronous.
   */
  readonly asyncOver?: number;
  /** Entries per asynchronous batch job (async bodies may be up to 50 MB; a slot entry is under 1 KB). */
  readonly asyncChunkSize?: number;
}

export interface WriteReport<L extends string = string> {
  readonly results: readonly EntryResult<L>[];
  /** Why writing stopped early, when it did. */
  readonly stoppedBecause?: string;
  /** Batch requests sent. */
  readonly requests: number;
  /** Status URLs of the asynchronous batch jobs started. */
  readonly jobs: readonly string[];
}

export const DEFAULT_CHUNK_SIZE = 500;
export const DEFAULT_ASYNC_CHUNK_SIZE = 2500;

/**
 * Sends the entries in batch Bundles and reports each entry's fate.
 *
 * @example
 * const report = await writeEntries(medplum, entries, { clock: systemClock, deadline: Date.now() + 8000 });
 * report.results.filter((r) => r.status === 'pending'); // left for the next run
 */
export async function writeEntries<L extends string>(
  medplum: MedplumClient,
  entries: readonly WriteEntry<L>[],
  options: WriteOptions
): Promise<WriteReport<L>> {
  const asynchronous = options.asyncOver !== undefined && entries.length > options.asyncOver;
  const chunkSize = asynchronous
    ? (options.asyncChunkSize ?? DEFAULT_ASYNC_CHUNK_SIZE)
    : (options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const results = new Map<number, EntryResult<L>>();
  const jobs: string[] = [];
  let queue = entries.map((entry, index) => ({ entry, index }));
  let requests = 0;
  let stoppedBecause: string | undefined;

  while (queue.length > 0) {
    if (options.clock.now() >= options.deadline) {
      stoppedBecause = 'time budget used up';
      break;
    }
    // An async job is charged when the server runs it, not now: no preflight against the current quota.
    const allowance = asynchronous
      ? Math.min(chunkSize, queue.length)
      : await quotaAllowance(medplum, queue, chunkSize, options);
    if (allowance === 0) {
      stoppedBecause = 'FHIR quota used up until after the time budget';
      break;
    }
    const chunk = queue.slice(0, allowance);
    let response: Bundle | OperationOutcome;
    try {
      requests++;
      const bundle = toBundle(chunk.map((c) => c.entry));
      response = asynchronous
        ? ((await medplum.executeBatch(bundle, { headers: { Prefer: 'respond-async' } })) as Bundle | OperationOutcome)
        : await medplum.executeBatch(bundle);
    } catch (err) {
      stoppedBecause = `batch request failed: ${normalizeErrorString(err)}`;
      break;
    }
    if (response.resourceType === 'OperationOutcome') {
      // 202 Accepted: the job's status URL is in the outcome.
      jobs.push(response.issue?.[0]?.diagnostics ?? 'unknown job');
      for (const item of chunk) {
        results.set(item.index, { entry: item.entry, status: 'submitted', httpStatus: '202' });
      }
      queue = queue.slice(chunk.length);
      continue;
    }
    const retry: typeof queue = [];
    let throttledWait: number | undefined;
    chunk.forEach((item, i) => {
      const result = interpret(item.entry, response.entry?.[i]);
      if (result.status === 'pending') {
        retry.push(item);
        const outcome = response.entry?.[i]?.response?.outcome;
        const reset = outcome ? getRateLimitReset(outcome) : undefined;
        throttledWait = Math.max(throttledWait ?? 0, reset ?? 0);
      } else {
        results.set(item.index, result);
      }
    });
    queue = [...retry, ...queue.slice(chunk.length)];
    if (retry.length > 0) {
      const waitMs = throttledWait || quotaResetMs(medplum) || 1000;
      if (!canWait(options, waitMs)) {
        stoppedBecause = `FHIR quota exhausted (429); ${retry.length} entries answered 429`;
        break;
      }
      await options.clock.sleep?.(waitMs);
    }
  }
  for (const { entry, index } of queue) {
    results.set(index, { entry, status: 'pending' });
  }
  return {
    results: entries.map((_, index) => results.get(index) as EntryResult<L>),
    ...(stoppedBecause ? { stoppedBecause } : {}),
    requests,
    jobs,
  };
}

function toBundle(entries: readonly WriteEntry[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: entries.map((e): BundleEntry => ({ request: e.request, ...(e.resource ? { resource: e.resource } : {}) })),
  };
}

function interpret<L extends string>(entry: WriteEntry<L>, answer: BundleEntry | undefined): EntryResult<L> {
  const httpStatus = answer?.response?.status;
  if (!httpStatus) {
    return { entry, status: 'pending' };
  }
  const code = Number.parseInt(httpStatus, 10);
  const message =
    answer?.response?.outcome?.issue?.[0]?.details?.text ?? answer?.response?.outcome?.issue?.[0]?.diagnostics;
  const base = { entry, httpStatus, ...(answer?.response?.location ? { location: answer.response.location } : {}) };
  if (code >= 200 && code < 300) {
    return { ...base, status: 'done' };
  }
  if (code === 429) {
    return { ...base, status: 'pending' };
  }
  if (code === 412 || code === 409) {
    return { ...base, status: 'skipped', ...(message ? { message } : {}) };
  }
  return { ...base, status: 'failed', message: message ?? `HTTP ${httpStatus}` };
}

/** Milliseconds until the FHIR quota resets, from the last response's RateLimit header. */
function quotaResetMs(medplum: MedplumClient): number | undefined {
  const info = medplum.rateLimitStatus().find((r) => r.name === 'fhirInteractions');
  return info ? Math.max(0, info.secondsUntilReset * 1000) : undefined;
}

/** How many queued entries the quota allows now (waiting for a reset when needed and possible). */
async function quotaAllowance(
  medplum: MedplumClient,
  queue: readonly { entry: WriteEntry }[],
  chunkSize: number,
  options: WriteOptions
): Promise<number> {
  const wanted = Math.min(chunkSize, queue.length);
  const info = medplum.rateLimitStatus().find((r) => r.name === 'fhirInteractions');
  if (!info) {
    return wanted; // no RateLimit header seen yet (or none sent, as on MockClient)
  }
  let affordable = 0;
  let points = info.remainingUnits;
  for (let i = 0; i < wanted; i++) {
    const cost = queue[i]?.entry.cost ?? 100;
    if (points < cost) {
      break;
    }
    points -= cost;
    affordable++;
  }
  if (affordable > 0) {
    return affordable;
  }
  const waitMs = info.secondsUntilReset * 1000;
  if (!canWait(options, waitMs)) {
    return 0;
  }
  await options.clock.sleep?.(waitMs);
  return wanted; // the quota has reset; the next response brings fresh figures
}

/** Whether a wait fits: the clock can sleep, the wait ends before the deadline and is not unreasonably long. */
function canWait(options: WriteOptions, waitMs: number): boolean {
  return (
    options.clock.sleep !== undefined &&
    options.clock.now() + waitMs < options.deadline &&
    waitMs <= (options.maxWaitMs ?? 60_000)
  );
}
