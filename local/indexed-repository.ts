/**
 * Index-assisted search for Medplum's in-memory repository (MockClient's MemoryRepository).
 *
 * The in-memory engine answers every search by evaluating the criteria against every resource of the type, and deep
 * clones every match before paging. That is fine for a few hundred resources but quadratic for a slot generator:
 * each conditional create (`ifNoneExist: identifier=…`) and each conditional delete is a full scan. This keeps a few
 * equality indexes (./resource-index.ts) up to date on every write, narrows a search to the indexed candidates, and
 * still runs Medplum's own `matchesSearchRequest` on them, so results are the engine's results. Anything it does not
 * cover (includes, chains, other sorts) goes to the engine unchanged. It is also where the local runtime's
 * Subscriptions hang: {@link onRepositoryWrite}.
 */
import { allOk, created, deepClone, multipleMatches, OperationOutcomeError } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { createResourceIndex, type ResourceIndex } from './resource-index';

type Repo = MockClient['repo'];

/** A write the repository committed, as a server's Subscriptions see it. */
export interface RepositoryWrite {
  readonly interaction: 'create' | 'update' | 'delete';
  readonly resource: Resource;
}

type WriteListener = (write: RepositoryWrite) => void;
const LISTENERS = new WeakMap<object, WriteListener[]>();
const QUIET = new WeakMap<object, number>();

/**
 * Runs `work` with the write listeners silenced: for putting saved data back (a restore is not a change, and must
 * not run the bots again).
 */
export async function withoutWriteListeners<T>(medplum: MockClient, work: () => Promise<T>): Promise<T> {
  withIndexedSearch(medplum);
  QUIET.set(medplum.repo, (QUIET.get(medplum.repo) ?? 0) + 1);
  try {
    return await work();
  } finally {
    QUIET.set(medplum.repo, (QUIET.get(medplum.repo) ?? 1) - 1);
  }
}

/**
 * Calls `listener` after every write the repository commits, whichever client made it (the API's, a bot's, a batch
 * entry): the hook the local runtime's Subscriptions hang on, as Medplum's do on the server.
 */
export function onRepositoryWrite(medplum: MockClient, listener: WriteListener): void {
  withIndexedSearch(medplum);
  LISTENERS.get(medplum.repo)?.push(listener);
}

/**
 * Adds the indexes to a MockClient's repository (idempotent). Returns the client.
 *
 * @example
 * const medplum = withIndexedSearch(new MockClient({ seedDefaultData: false }));
 */
export function withIndexedSearch<T extends MockClient>(medplum: T): T {
  const repo = medplum.repo;
  if (LISTENERS.has(repo)) {
    return medplum;
  }
  const listeners: WriteListener[] = [];
  LISTENERS.set(repo, listeners);
  const emit = (interaction: RepositoryWrite['interaction'], resource: Resource): void => {
    if ((QUIET.get(repo) ?? 0) > 0) {
      return;
    }
    for (const listener of listeners) {
      listener({ interaction, resource: deepClone(resource) });
    }
  };
  const index = createResourceIndex();
  indexWrites(repo, index, emit);
  indexConditionalCreates(repo, index);
  const search = repo.search.bind(repo);
  repo.search = (async <R extends Resource>(request: SearchRequest<R>): Promise<Bundle<R & { id: string }>> =>
    index.search(request) ?? search(request)) as Repo['search'];
  return medplum;
}

/** Keeps the index up to date on every write, and tells the write listeners (deletes with the old resource). */
function indexWrites(
  repo: Repo,
  index: ResourceIndex,
  emit: (interaction: RepositoryWrite['interaction'], resource: Resource) => void
): void {
  const original = {
    createResource: repo.createResource.bind(repo),
    updateResource: repo.updateResource.bind(repo),
    deleteResource: repo.deleteResource.bind(repo),
    expungeResources: repo.expungeResources.bind(repo),
    clear: repo.clear.bind(repo),
  };
  repo.createResource = (async (resource: Resource, options?: never, update?: boolean) => {
    const saved = await original.createResource(resource, options, update);
    index.index(deepClone(saved));
    emit('create', saved);
    return saved;
  }) as Repo['createResource'];
  repo.updateResource = (async (resource: Resource, options?: never) => {
    const saved = await original.updateResource(resource, options);
    index.index(deepClone(saved));
    emit('update', saved);
    return saved;
  }) as Repo['updateResource'];
  repo.deleteResource = async (type, id, options) => {
    const old = index.stored(type, id);
    await original.deleteResource(type, id, options);
    index.unindex(type, id);
    emit('delete', old ?? ({ resourceType: type, id } as Resource));
  };
  repo.expungeResources = async (type, ids) => {
    await original.expungeResources(type, ids);
    ids.forEach((id) => index.unindex(type, id));
  };
  repo.clear = () => {
    original.clear();
    index.clear();
  };
}

/**
 * The engine's conditional create scans every resource of the type; this answers its search from the indexes
 * instead. Conditional creates are serializable on Medplum: one at a time here, so that two never both create.
 */
function indexConditionalCreates(repo: Repo, index: ResourceIndex): void {
  const original = repo.conditionalCreate.bind(repo);
  let conditional: Promise<unknown> = Promise.resolve();
  const conditionalCreate = async (
    resource: Resource,
    search: SearchRequest,
    options?: never
  ): Promise<{ resource: Resource; outcome: typeof allOk }> => {
    if (!index.covers(search)) {
      const result = await original(resource, search as never, options);
      index.index(deepClone(result.resource));
      return result;
    }
    const matches = await repo.search({ ...search, count: 2, sortRules: undefined });
    const found = matches.entry ?? [];
    if (found.length > 1) {
      throw new OperationOutcomeError(multipleMatches);
    }
    if (found[0]?.resource) {
      return { resource: found[0].resource, outcome: allOk };
    }
    return { resource: await repo.createResource(resource, options), outcome: created };
  };
  repo.conditionalCreate = ((resource: Resource, search: SearchRequest, options?: never) => {
    const result = conditional.then(() => conditionalCreate(resource, search, options));
    conditional = result.catch(() => undefined);
    return result;
  }) as Repo['conditionalCreate'];
}
