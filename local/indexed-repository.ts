/**
 * Index-assisted search for Medplum's in-memory repository (MockClient's MemoryRepository).
 *
 * The in-memory engine answers every search by evaluating the criteria against every resource of the type, and deep
 * clones every match before paging. That is fine for a few hundred resources but quadratic for a slot generator:
 * each conditional create (`ifNoneExist: identifier=…`) and each conditional delete is a full scan. This keeps a few
 * equality indexes (Slot.schedule, Slot/Task.identifier, Appointment.slot, `_id`) up to date on every write, narrows a
 * search to the indexed candidates, and still runs Medplum's own `matchesSearchRequest` on them, so results are the
 * engine's results. Anything it does not cover (includes, chains, other sorts) goes to the engine unchanged.
 */
import {
  allOk,
  created,
  deepClone,
  matchesSearchRequest,
  multipleMatches,
  Operator,
  OperationOutcomeError,
} from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';

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

/** Which fields are indexed, per resource type: search parameter code → values of a resource. */
const INDEXED: Record<string, Record<string, (r: Resource) => string[]>> = {
  Slot: {
    schedule: (r) => (r.resourceType === 'Slot' && r.schedule.reference ? [r.schedule.reference] : []),
    identifier: (r) => identifierTokens(r),
  },
  Task: { identifier: (r) => identifierTokens(r) },
  Appointment: {
    slot: (r) => (r.resourceType === 'Appointment' ? (r.slot ?? []).map((s) => s.reference ?? '').filter(Boolean) : []),
  },
};

function identifierTokens(resource: Resource): string[] {
  const identifiers = (resource as { identifier?: { system?: string; value?: string }[] }).identifier ?? [];
  return identifiers.flatMap((i) => (i.value ? [i.value, `${i.system ?? ''}|${i.value}`] : []));
}

/**
 * Adds the indexes to a MockClient's repository (idempotent). Returns the client.
 *
 * @example
 * const medplum = withIndexedSearch(new MockClient({ seedDefaultData: false }));
 */
export function withIndexedSearch<T extends MockClient>(medplum: T): T {
  const repo = medplum.repo as Repo & { __indexed?: boolean };
  if (repo.__indexed) {
    return medplum;
  }
  repo.__indexed = true;
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
  // Conditional creates are serializable on Medplum: one at a time here, so that two never both create.
  let conditional: Promise<unknown> = Promise.resolve();
  // type → id → resource (the stored copy, never handed out), and type → code → value → ids
  const byId = new Map<string, Map<string, Resource>>();
  const byValue = new Map<string, Map<string, Map<string, Set<string>>>>();

  const unindex = (type: string, id: string): void => {
    const old = byId.get(type)?.get(id);
    if (!old) {
      return;
    }
    byId.get(type)?.delete(id);
    for (const [code, values] of Object.entries(INDEXED[type] ?? {})) {
      for (const value of values(old)) {
        byValue.get(type)?.get(code)?.get(value)?.delete(id);
      }
    }
  };
  const index = (resource: Resource): void => {
    const { resourceType: type, id } = resource;
    if (!id) {
      return;
    }
    unindex(type, id);
    let ids = byId.get(type);
    if (!ids) {
      ids = new Map();
      byId.set(type, ids);
    }
    ids.set(id, resource);
    for (const [code, values] of Object.entries(INDEXED[type] ?? {})) {
      let codes = byValue.get(type);
      if (!codes) {
        codes = new Map();
        byValue.set(type, codes);
      }
      let map = codes.get(code);
      if (!map) {
        map = new Map();
        codes.set(code, map);
      }
      for (const value of values(resource)) {
        let set = map.get(value);
        if (!set) {
          set = new Set();
          map.set(value, set);
        }
        set.add(id);
      }
    }
  };

  const original = {
    createResource: repo.createResource.bind(repo),
    updateResource: repo.updateResource.bind(repo),
    deleteResource: repo.deleteResource.bind(repo),
    expungeResources: repo.expungeResources.bind(repo),
    clear: repo.clear.bind(repo),
    conditionalCreate: repo.conditionalCreate.bind(repo),
    search: repo.search.bind(repo),
  };
  repo.createResource = (async (resource: Resource, options?: never, update?: boolean) => {
    const saved = await original.createResource(resource, options, update);
    index(deepClone(saved));
    emit('create', saved);
    return saved;
  }) as Repo['createResource'];
  repo.updateResource = (async (resource: Resource, options?: never) => {
    const saved = await original.updateResource(resource, options);
    index(deepClone(saved));
    emit('update', saved);
    return saved;
  }) as Repo['updateResource'];
  // The engine's conditional create scans every resource of the type; answer its search from the indexes instead.
  const conditionalCreate = async (
    resource: Resource,
    search: SearchRequest,
    options?: never
  ): Promise<{ resource: Resource; outcome: typeof allOk }> => {
    if (!candidateIds(search, byId, byValue)) {
      const result = await original.conditionalCreate(resource, search as never, options);
      index(deepClone(result.resource));
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
  repo.deleteResource = async (type, id, options) => {
    const old = byId.get(type)?.get(id);
    await original.deleteResource(type, id, options);
    unindex(type, id);
    emit('delete', old ?? ({ resourceType: type, id } as Resource));
  };
  repo.expungeResources = async (type, ids) => {
    await original.expungeResources(type, ids);
    ids.forEach((id) => unindex(type, id));
  };
  repo.clear = () => {
    original.clear();
    byId.clear();
    byValue.clear();
  };
  repo.search = (async <R extends Resource>(request: SearchRequest<R>): Promise<Bundle<R & { id: string }>> => {
    const candidates = candidateIds(request, byId, byValue);
    if (!candidates) {
      return original.search(request);
    }
    const pool = byId.get(request.resourceType);
    const matches = [...candidates]
      .map((id) => pool?.get(id))
      .filter((r): r is Resource => r !== undefined && matchesSearchRequest(r, request));
    const sortRule = request.sortRules?.[0];
    if (sortRule) {
      const key = (r: Resource): string => (r as { start?: string }).start ?? '';
      matches.sort((a, b) => {
        const diff = Date.parse(key(a)) - Date.parse(key(b)) || (a.id ?? '').localeCompare(b.id ?? '');
        return sortRule.descending ? -diff : diff;
      });
    }
    const offset = request.offset ?? 0;
    const pageOf = matches.slice(offset, request.count === undefined ? undefined : offset + request.count);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(pageOf.length
        ? {
            entry: pageOf.map((r) => ({
              search: { mode: 'match' as const },
              resource: deepClone(r) as R & { id: string },
            })),
          }
        : {}),
      total: matches.length,
    };
  }) as Repo['search'];
  return medplum;
}

/** The candidate ids an indexed equality filter allows, or undefined when the engine must answer. */
function candidateIds(
  request: SearchRequest,
  byId: Map<string, Map<string, Resource>>,
  byValue: Map<string, Map<string, Map<string, Set<string>>>>
): Set<string> | undefined {
  if (request.include || request.revInclude || (request.sortRules?.length ?? 0) > 1) {
    return undefined;
  }
  const sort = request.sortRules?.[0];
  if (sort && !(request.resourceType === 'Slot' && sort.code === 'start')) {
    return undefined;
  }
  const indexed = INDEXED[request.resourceType] ?? {};
  for (const filter of request.filters ?? []) {
    if (filter.operator !== Operator.EQUALS) {
      continue;
    }
    const values = filter.value.split(',');
    if (filter.code === '_id') {
      return new Set(values.filter((id) => byId.get(request.resourceType)?.has(id)));
    }
    if (indexed[filter.code]) {
      const map = byValue.get(request.resourceType)?.get(filter.code);
      return new Set(values.flatMap((v) => [...(map?.get(v) ?? [])]));
    }
  }
  return undefined;
}
