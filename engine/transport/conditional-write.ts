/**
 * Conditional writes: the one way the engine and the API write a Slot, an Appointment or a Task that someone else
 * (the other bot, the API, Medplum's `$book`, a concurrent run) may be writing at the same moment.
 * - Every update and delete carries `If-Match` with the version it was decided on.
 * - A lost race (412, or a 409) re-reads the resource. When it already is as wanted ("someone already did it"), that
 *   is success; otherwise the change decides again on the newest version, so it must carry the write's own
 *   precondition (never free a slot that another booking took meanwhile, say).
 * - A read answers undefined for a resource that is gone (404/410).
 * Requests go through the run's pacer when there is one (the bots); the API's interactive calls have none.
 *
 * @example
 * // Free a slot unless it is already free: a concurrent bot run that freed it first is not an error.
 * await updateConverging({ medplum }, slot, (s) => (s.status === 'free' ? undefined : { ...s, status: 'free' }));
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { ExtractResource, Resource, ResourceType } from '@medplum/fhirtypes';
import { isNotFoundError, isPreconditionError } from './errors';
import type { Pacer } from './pacing';

/** Who sends: a client, and the run's pacer when the requests are a bot's. */
export interface Io {
  readonly medplum: MedplumClient;
  readonly pacer?: Pacer;
  /**
   * Resources this call has just read or written, by `Type/id` (see {@link knownResources}): a read of one is
   * answered from here, not the server. Writes keep it current; a lost race (412) or a delete drops the entry, so
   * the next read goes to the server. Absent: every read goes to the server.
   */
  readonly known?: Map<string, Resource>;
}

/**
 * A map for {@link Io.known}, seeded with what a caller has just read: used where one call reads, writes and reads
 * again the same few resources within a few milliseconds (every write is still conditional on the version read).
 */
export function knownResources(...resources: (Resource | undefined)[]): Map<string, Resource> {
  const known = new Map<string, Resource>();
  rememberAll(known, ...resources);
  return known;
}

/** Adds what a caller has just read to a {@link knownResources} map (none: nothing to do). */
export function rememberAll(known: Map<string, Resource> | undefined, ...resources: (Resource | undefined)[]): void {
  resources.forEach((r) => remember(known, r));
}

function remember(known: Map<string, Resource> | undefined, resource: Resource | undefined): void {
  if (known && resource?.id) {
    known.set(`${resource.resourceType}/${resource.id}`, resource);
  }
}

function forget(known: Map<string, Resource> | undefined, type: string, id: string | undefined): void {
  known?.delete(`${type}/${id}`);
}

/** Sends one request, through the pacer when there is one. */
export function send<T>(io: Io, what: string, request: () => Promise<T>): Promise<T> {
  return io.pacer ? io.pacer.call(what, request) : request();
}

/** The `If-Match` value for a version (a resource as read, or its versionId): `W/"3"`; none without a version. */
export function ifMatchValue(basis: Resource | string | undefined): string | undefined {
  const version = typeof basis === 'string' ? basis : basis?.meta?.versionId;
  return version ? `W/"${version}"` : undefined;
}

/** The request options of a write conditional on a version (see {@link ifMatchValue}). */
export function ifMatch(basis: Resource | string | undefined): { headers: Record<string, string> } | undefined {
  const value = ifMatchValue(basis);
  return value ? { headers: { 'If-Match': value } } : undefined;
}

/** A fresh read (no cache) of a resource, or undefined when it does not exist (404/410) or no id is given. */
export async function readOrUndefined<K extends ResourceType>(
  io: Io,
  type: K,
  id: string | undefined
): Promise<WithId<ExtractResource<K>> | undefined> {
  if (!id) {
    return undefined;
  }
  const hit = io.known?.get(`${type}/${id}`);
  if (hit) {
    return hit as WithId<ExtractResource<K>>;
  }
  return send(io, `read ${type}`, async () => {
    try {
      const read = (await io.medplum.readResource(type, id, { cache: 'no-cache' })) as WithId<ExtractResource<K>>;
      remember(io.known, read);
      return read;
    } catch (err) {
      if (isNotFoundError(err)) {
        return undefined;
      }
      throw err;
    }
  });
}

/** An update conditional on `basis` (the version the caller decided on); a lost race throws. */
export async function updateIfMatch<T extends Resource>(
  io: Io,
  resource: T,
  basis: Resource | string | undefined
): Promise<WithId<T>> {
  try {
    const written = (await send(io, `update ${resource.resourceType}`, () =>
      io.medplum.updateResource(resource, ifMatch(basis))
    )) as WithId<T>;
    remember(io.known, written);
    return written;
  } catch (err) {
    forget(io.known, resource.resourceType, resource.id);
    throw err;
  }
}

/** A conditional create (`If-None-Exist`): a resource another writer created first is returned instead. */
export async function createIfNoneExist<T extends Resource>(io: Io, resource: T, query: string): Promise<WithId<T>> {
  const created = (await send(io, `create ${resource.resourceType}`, () =>
    io.medplum.createResourceIfNoneExist(resource, query)
  )) as WithId<T>;
  remember(io.known, created);
  return created;
}

/** What to write given the resource as it now is; undefined when the wanted state already holds (or must not). */
export type Change<T extends Resource> = (latest: WithId<T>) => T | undefined | Promise<T | undefined>;

/** How a converging write ended. */
export type Converged<T extends Resource> =
  /** This call wrote it. */
  | { readonly outcome: 'written'; readonly resource: WithId<T> }
  /** Nothing to write: it already was as wanted (or someone else's change must stand). */
  | { readonly outcome: 'unchanged'; readonly resource: WithId<T> }
  /** The resource is gone. */
  | { readonly outcome: 'gone'; readonly error: unknown }
  /** Still losing the race after the last attempt: left as it is. */
  | { readonly outcome: 'conflict'; readonly resource: WithId<T>; readonly error: unknown };

/**
 * Applies `change` with If-Match, deciding again on the newest version after each lost race, at most `attempts`
 * writes. The first decision is made on `current` itself (callers may compare by identity).
 */
export async function writeConverging<T extends Resource>(
  io: Io,
  current: WithId<T>,
  change: Change<T>,
  attempts = 2
): Promise<Converged<T>> {
  let latest = current;
  let error: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const wanted = await change(latest);
    if (!wanted) {
      return { outcome: 'unchanged', resource: latest };
    }
    try {
      return { outcome: 'written', resource: await updateIfMatch(io, wanted, latest) };
    } catch (err) {
      if (!isPreconditionError(err)) {
        throw err;
      }
      error = err;
    }
    const reread = await readOrUndefined(io, current.resourceType, current.id);
    if (!reread) {
      return { outcome: 'gone', error };
    }
    latest = reread as WithId<T>;
  }
  return { outcome: 'conflict', resource: latest, error };
}

/**
 * {@link writeConverging} with one retry, for callers that want the resource as it now is: a resource gone, or a
 * second lost race, throws (the 412 or 404 the server answered).
 */
export async function updateConverging<T extends Resource>(
  io: Io,
  current: WithId<T>,
  change: Change<T>
): Promise<WithId<T>> {
  const result = await writeConverging(io, current, change);
  if (result.outcome === 'gone' || result.outcome === 'conflict') {
    throw result.error;
  }
  return result.resource;
}

export type DeleteOutcome = 'deleted' | 'gone' | 'kept' | 'conflict';

/**
 * Deletes with If-Match; a resource already gone counts as deleted ('gone'). After a lost race the newest version
 * is deleted only while `stillWanted` says so ('kept' otherwise), at most `attempts` times ('conflict' after that).
 */
export async function deleteConverging<T extends Resource>(
  io: Io,
  resource: WithId<T>,
  options: { readonly attempts?: number; readonly stillWanted?: (latest: WithId<T>) => boolean } = {}
): Promise<{ readonly outcome: DeleteOutcome; readonly error?: unknown }> {
  let current = resource;
  let error: unknown;
  for (let attempt = 0; attempt < (options.attempts ?? 1); attempt++) {
    forget(io.known, resource.resourceType, resource.id);
    try {
      const basis = current;
      await send(io, `delete ${resource.resourceType}`, () =>
        io.medplum.deleteResource(resource.resourceType, resource.id, ifMatch(basis))
      );
      return { outcome: 'deleted' };
    } catch (err) {
      if (isNotFoundError(err)) {
        return { outcome: 'gone' };
      }
      if (!isPreconditionError(err)) {
        throw err;
      }
      error = err;
    }
    const latest = await readOrUndefined(io, resource.resourceType, resource.id);
    if (!latest) {
      return { outcome: 'gone' };
    }
    if (options.stillWanted && !options.stillWanted(latest as WithId<T>)) {
      return { outcome: 'kept' };
    }
    current = latest as WithId<T>;
  }
  return { outcome: 'conflict', error };
}

/** Deletes a resource with If-Match once; already gone counts as deleted. One changed meanwhile throws the 412. */
export async function deleteOrThrow<T extends Resource>(io: Io, resource: WithId<T>): Promise<void> {
  const result = await deleteConverging(io, resource);
  if (result.outcome === 'conflict') {
    throw result.error;
  }
}
