/**
 * Writes FHIR requests in batch Bundles, paced by the FHIR quota:
 * - entries go in the caller's order (nearest first), in chunks of the same priority, each chunk no larger than
 *   the quota allows now ({@link Pacer.allowance}: urgent work may use the bot's whole share, background work
 *   leaves a reserve);
 * - every entry's own `response.status` is checked: a batch answers HTTP 200 even when entries fail. Entries
 *   answered 429 or 5xx are sent again after the reset or a back-off; 409/412 mean the store changed meanwhile:
 *   reported as `conflict`, never as done, so the caller re-reads;
 * - a batch request that fails as a whole is never resent blindly (its entries may have been applied): the writer
 *   stops with `uncertain` and the caller re-reads and re-diffs.
 * Nothing is assumed written that the server did not confirm. Always synchronous: asynchronous batch jobs need a
 * project feature, write their result as a Binary on the bot's behalf, and run at the quota's pace without
 * headroom, starving every other run of the bot.
 */
import { normalizeErrorString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Bundle, BundleEntry, BundleEntryRequest, Resource } from '@medplum/fhirtypes';
import { isDeferred, type Pacer, type Priority } from '../transport/pacing';

/** One request to send, with a label the caller uses to tally results. */
export interface WriteEntry<L extends string = string> {
  readonly label: L;
  readonly request: BundleEntryRequest;
  readonly resource?: Resource;
  /** Quota points the server charges for it (create, update, delete 100; conditional create 140 in a batch). */
  readonly cost: number;
  readonly priority: Priority;
}

/** What happened to one entry. */
export type EntryStatus =
  /** Written (201 Created, 200 OK, 204). */
  | 'done'
  /** 409 or 412: the store changed meanwhile (or a conditional create found a match): the caller re-reads. */
  | 'conflict'
  /** The server refused it for another reason. */
  | 'failed'
  /** Not sent yet (quota, time budget, or an earlier batch whose outcome is unknown): a later pass or run does it. */
  | 'pending';

export interface EntryResult<L extends string = string> {
  readonly entry: WriteEntry<L>;
  readonly status: EntryStatus;
  /** HTTP status of the entry's response, when it has one. */
  readonly httpStatus?: string;
  readonly location?: string;
  readonly message?: string;
}

export interface WriteReport<L extends string = string> {
  readonly results: readonly EntryResult<L>[];
  /** Why writing stopped early, when it did. */
  readonly stoppedBecause?: string;
  /** A batch failed as a whole: some entries may have been applied; re-read before writing again. */
  readonly uncertain: boolean;
  /** Writing stopped because `interrupt` said a newer change arrived. */
  readonly interrupted?: boolean;
  /** Batch requests sent. */
  readonly requests: number;
}

export interface WriteOptions {
  readonly chunkSize?: number;
  /**
   * Asked before a background chunk, at most every 5 s of writing: true stops writing (a newer change arrived; the
   * caller re-plans). Back-to-back chunks skip it; it is asked before waiting for the quota, and again after a wait.
   */
  readonly interrupt?: () => Promise<boolean>;
}

export const DEFAULT_CHUNK_SIZE = 500;
const MAX_ENTRY_RETRIES = 3;
const INTERRUPT_EVERY_MS = 5_000;

/**
 * Sends the entries in batch Bundles and reports each entry's fate.
 *
 * @example
 * const report = await writeEntries(medplum, pacer, entries);
 * report.results.filter((r) => r.status === 'pending'); // left for the next pass or run
 */
export async function writeEntries<L extends string>(
  medplum: MedplumClient,
  pacer: Pacer,
  entries: readonly WriteEntry<L>[],
  options: WriteOptions = {}
): Promise<WriteReport<L>> {
  const w: Writing<L> = {
    medplum,
    pacer,
    options,
    results: new Map(),
    retries: new Map(),
    queue: entries.map((entry, index) => ({ entry, index })),
    requests: 0,
    uncertain: false,
    interrupted: false,
    askedAt: pacer.clock.now(),
  };
  while (w.queue.length > 0 && (await writeOneChunk(w))) {
    // each pass sends one chunk, or says why writing stops
  }
  for (const { entry, index } of w.queue) {
    w.results.set(index, { entry, status: 'pending' });
  }
  return {
    results: entries.map((_, index) => w.results.get(index) as EntryResult<L>),
    ...(w.stoppedBecause ? { stoppedBecause: w.stoppedBecause } : {}),
    uncertain: w.uncertain,
    ...(w.interrupted ? { interrupted: w.interrupted } : {}),
    requests: w.requests,
  };
}

type Queued<L extends string> = { readonly entry: WriteEntry<L>; readonly index: number };

/** The state of one `writeEntries` call. */
interface Writing<L extends string> {
  readonly medplum: MedplumClient;
  readonly pacer: Pacer;
  readonly options: WriteOptions;
  readonly results: Map<number, EntryResult<L>>;
  readonly retries: Map<number, number>;
  queue: Queued<L>[];
  requests: number;
  stoppedBecause?: string;
  uncertain: boolean;
  interrupted: boolean;
  askedAt: number;
}

/** Sends the next chunk the quota allows and settles its entries; false when writing stops (with the reason). */
async function writeOneChunk<L extends string>(w: Writing<L>): Promise<boolean> {
  const { pacer, options } = w;
  if (pacer.left() <= 0) {
    w.stoppedBecause = 'time budget used up';
    return false;
  }
  const priority = w.queue[0]?.entry.priority ?? 'urgent';
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const same = takeWhile(w.queue.slice(0, chunkSize), (item) => item.entry.priority === priority);
  // Asked before waiting for the quota too: a change that arrived meanwhile is seen without waiting for tokens.
  if (priority === 'background' && (await interrupted(w))) {
    return false;
  }
  const allowed = await pacer.allowance(
    priority,
    same.map((item) => item.entry.cost)
  );
  if (allowed === 0) {
    w.stoppedBecause = pacer.blockedBecause ?? 'FHIR quota used up';
    return false;
  }
  if (priority === 'background' && (await interrupted(w))) {
    return false;
  }
  const chunk = same.slice(0, allowed);
  let response: Bundle;
  try {
    w.requests++;
    // Not idempotent as a whole (plain creates): only a refusal before any work (429) is retried here.
    const bundle = toBundle(chunk.map((c) => c.entry));
    response = await pacer.call('batch', () => w.medplum.executeBatch(bundle), { idempotent: false });
  } catch (err) {
    w.stoppedBecause = isDeferred(err) ? err.message : `batch request failed: ${normalizeErrorString(err)}`;
    // A refusal before any work (quota) leaves nothing half-done; any other failure may have applied entries.
    w.uncertain = !isDeferred(err) || err.kind !== 'quota';
    return false;
  }
  const { again, throttled } = settle(w, chunk, response);
  w.queue = [...again, ...w.queue.slice(chunk.length)];
  if (again.length > 0 && throttled && !(await pacer.waitForReset())) {
    w.stoppedBecause = `FHIR quota used up; ${again.length} entries answered 429`;
    return false;
  }
  return true;
}

/** Asks `interrupt`, at most every 5 s of writing: true (and the reason recorded) when a newer change arrived. */
async function interrupted<L extends string>(w: Writing<L>): Promise<boolean> {
  const now = w.pacer.clock.now();
  if (!w.options.interrupt || now - w.askedAt < INTERRUPT_EVERY_MS) {
    return false;
  }
  w.askedAt = now;
  if (!(await w.options.interrupt())) {
    return false;
  }
  w.stoppedBecause = 'a newer change to the schedule arrived';
  w.interrupted = true;
  return true;
}

/** Records each entry's result; entries worth sending again (429, 5xx; a few times each) are returned. */
function settle<L extends string>(
  w: Writing<L>,
  chunk: readonly Queued<L>[],
  response: Bundle
): { again: Queued<L>[]; throttled: boolean } {
  const again: Queued<L>[] = [];
  let throttled = false;
  chunk.forEach((item, i) => {
    const result = interpret(item.entry, response.entry?.[i]);
    const tries = w.retries.get(item.index) ?? 0;
    if (result.status === 'pending' && tries < MAX_ENTRY_RETRIES) {
      w.retries.set(item.index, tries + 1);
      throttled ||= result.httpStatus?.startsWith('429') === true;
      again.push(item);
    } else {
      w.results.set(item.index, result.status === 'pending' ? { ...result, status: 'failed' } : result);
    }
  });
  return { again, throttled };
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (!keep(item)) {
      break;
    }
    out.push(item);
  }
  return out;
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
  if (code === 429 || code >= 500) {
    // Refused or failed on its own (each batch entry has its own transaction): safe to send again.
    return { ...base, status: 'pending', ...(message ? { message } : {}) };
  }
  if (code === 412 || code === 409) {
    return { ...base, status: 'conflict', ...(message ? { message } : {}) };
  }
  return { ...base, status: 'failed', message: message ?? `HTTP ${httpStatus}` };
}
