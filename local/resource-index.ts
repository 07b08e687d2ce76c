/**
 * Equality indexes over the in-memory repository's resources (Slot.schedule, Slot/Task.identifier, Appointment.slot,
 * `_id`), kept by ./indexed-repository.ts on every write. A search an index covers is narrowed to its candidates and
 * still judged by Medplum's own `matchesSearchRequest`, so results are the engine's results.
 */
import { deepClone, matchesSearchRequest, Operator } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';

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

export interface ResourceIndex {
  /** Indexes a stored copy (never handed out), replacing the resource's previous version. */
  index(resource: Resource): void;
  unindex(type: string, id: string): void;
  clear(): void;
  /** The stored copy of a resource, if indexed. */
  stored(type: string, id: string): Resource | undefined;
  /** Whether an indexed equality filter covers the search. */
  covers(request: SearchRequest): boolean;
  /** The search's answer from the indexes, or undefined when the engine must answer. */
  search<R extends Resource>(request: SearchRequest<R>): Bundle<R & { id: string }> | undefined;
}

/**
 * @example
 * const index = createResourceIndex();
 * index.index(slot);
 * index.search(parseSearchRequest('Slot?schedule=Schedule/a'));
 */
export function createResourceIndex(): ResourceIndex {
  // type → id → resource, and type → code → value → ids
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
  return {
    unindex,
    index(resource) {
      const { resourceType: type, id } = resource;
      if (!id) {
        return;
      }
      unindex(type, id);
      getOrCreate(byId, type, () => new Map()).set(id, resource);
      for (const [code, values] of Object.entries(INDEXED[type] ?? {})) {
        const map = getOrCreate(
          getOrCreate(byValue, type, () => new Map()),
          code,
          () => new Map()
        );
        for (const value of values(resource)) {
          getOrCreate(map, value, () => new Set()).add(id);
        }
      }
    },
    clear() {
      byId.clear();
      byValue.clear();
    },
    stored: (type, id) => byId.get(type)?.get(id),
    covers: (request) => candidateIds(request, byId, byValue) !== undefined,
    search(request) {
      const candidates = candidateIds(request, byId, byValue);
      if (!candidates) {
        return undefined;
      }
      const pool = byId.get(request.resourceType);
      const matches = [...candidates]
        .map((id) => pool?.get(id))
        .filter((r): r is Resource => r !== undefined && matchesSearchRequest(r, request));
      return page(matches, request);
    },
  };
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** Sorts the matches (by start, the one sort covered), pages them, and clones the page. */
function page<R extends Resource>(matches: Resource[], request: SearchRequest<R>): Bundle<R & { id: string }> {
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
