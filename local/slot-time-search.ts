/**
 * Time-ordered Slot search for the local runtime, beside the equality indexes of ./indexed-repository.
 *
 * Finding free slots across every schedule (`clinik.slots.find`) asks for
 * `Slot?status=free&start=ge…&start=lt…&schedule:Schedule.active=true&_sort=start&_count=20&_include=Slot:schedule`:
 * the in-memory engine answers that by evaluating the chain for every Slot of the store and deep cloning every match
 * before paging (seconds for 200 schedules × 30 days). This keeps a compact record per Slot (start and end instants,
 * status, schedule), resolves a `schedule:Schedule.*` chain with one Schedule search, selects the page by start, and
 * reads only that page's Slots (and its includes) from the store. Searches it does not cover go to the engine.
 * test/local/slot-time-search.test.ts checks that it answers exactly as the engine does.
 */
import { Operator, parseSearchRequest } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import type { Bundle, BundleEntry, Resource, Slot } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';

type Repo = MockClient['repo'];

interface SlotRecord {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly status: string;
  readonly schedule: string;
}

const CHAIN = 'schedule:Schedule.';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const RANGE_OPERATORS = new Set<string>([
  Operator.GREATER_THAN,
  Operator.GREATER_THAN_OR_EQUALS,
  Operator.LESS_THAN,
  Operator.LESS_THAN_OR_EQUALS,
  Operator.STARTS_AFTER,
  Operator.ENDS_BEFORE,
]);

/**
 * Adds the time-ordered Slot search to a MockClient's repository (idempotent). Returns the client.
 *
 * @example
 * const medplum = withSlotTimeSearch(withIndexedSearch(new MockClient({ seedDefaultData: false })));
 */
export function withSlotTimeSearch<T extends MockClient>(medplum: T): T {
  const repo = medplum.repo as Repo & { __slotTime?: boolean };
  if (repo.__slotTime) {
    return medplum;
  }
  repo.__slotTime = true;
  const records = new Map<string, SlotRecord>();
  const remember = (resource: Resource | undefined): void => {
    if (resource?.resourceType === 'Slot' && resource.id) {
      records.set(resource.id, {
        id: resource.id,
        start: Date.parse(resource.start),
        end: Date.parse(resource.end),
        status: resource.status,
        schedule: resource.schedule?.reference ?? '',
      });
    }
  };
  const original = {
    createResource: repo.createResource.bind(repo),
    updateResource: repo.updateResource.bind(repo),
    deleteResource: repo.deleteResource.bind(repo),
    expungeResources: repo.expungeResources.bind(repo),
    conditionalCreate: repo.conditionalCreate.bind(repo),
    clear: repo.clear.bind(repo),
    search: repo.search.bind(repo),
  };
  repo.createResource = (async (...args: Parameters<Repo['createResource']>) => {
    const saved = await original.createResource(...args);
    remember(saved);
    return saved;
  }) as Repo['createResource'];
  repo.updateResource = (async (...args: Parameters<Repo['updateResource']>) => {
    const saved = await original.updateResource(...args);
    remember(saved);
    return saved;
  }) as Repo['updateResource'];
  repo.conditionalCreate = (async (...args: Parameters<Repo['conditionalCreate']>) => {
    const result = await original.conditionalCreate(...args);
    remember(result.resource);
    return result;
  }) as Repo['conditionalCreate'];
  repo.deleteResource = async (type, id, options) => {
    await original.deleteResource(type, id, options);
    if (type === 'Slot') {
      records.delete(id);
    }
  };
  repo.expungeResources = async (type, ids) => {
    await original.expungeResources(type, ids);
    if (type === 'Slot') {
      ids.forEach((id) => records.delete(id));
    }
  };
  repo.clear = () => {
    original.clear();
    records.clear();
  };
  repo.search = (async <R extends Resource>(request: SearchRequest<R>): Promise<Bundle<R & { id: string }>> => {
    const plan = planOf(request);
    if (!plan) {
      return original.search(request);
    }
    let schedules: Set<string> | undefined;
    if (Object.keys(plan.chain).length > 0) {
      const found = await original.search({
        ...parseSearchRequest('Schedule', plan.chain),
        count: Number.MAX_SAFE_INTEGER,
      });
      schedules = new Set((found.entry ?? []).map((e) => `Schedule/${e.resource?.id}`));
    }
    const matches: SlotRecord[] = [];
    for (const record of records.values()) {
      if ((!schedules || schedules.has(record.schedule)) && plan.tests.every((test) => test(record))) {
        matches.push(record);
      }
    }
    const offset = request.offset ?? 0;
    const wanted = request.count === undefined ? matches.length : offset + request.count;
    const ordered = firstByStart(matches, wanted, plan.descending).slice(offset);
    const entries: BundleEntry[] = await readInOrder(
      original.search,
      'Slot',
      ordered.map((r) => r.id)
    );
    if (request.include?.length) {
      entries.push(...(await includes(original.search, request, entries)));
    }
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(entries.length ? { entry: entries as BundleEntry<R & { id: string }>[] } : {}),
      total: matches.length,
    };
  }) as Repo['search'];
  return medplum;
}

/** Search prefixes of the comparison operators a chained filter may carry. */
const PREFIXES: Partial<Record<string, string>> = {
  [Operator.NOT_EQUALS]: 'ne',
  [Operator.GREATER_THAN]: 'gt',
  [Operator.GREATER_THAN_OR_EQUALS]: 'ge',
  [Operator.LESS_THAN]: 'lt',
  [Operator.LESS_THAN_OR_EQUALS]: 'le',
  [Operator.STARTS_AFTER]: 'sa',
  [Operator.ENDS_BEFORE]: 'eb',
};

interface Plan {
  readonly tests: ((record: SlotRecord) => boolean)[];
  /** The chained filters as a Schedule query (`active=true&specialty:text=…`). */
  readonly chain: Record<string, string[]>;
  readonly descending: boolean;
}

/** How to answer a Slot search from the records, or undefined when the engine must. */
function planOf(request: SearchRequest): Plan | undefined {
  if (request.resourceType !== 'Slot' || (request.sortRules?.length ?? 0) > 1 || request.revInclude) {
    return undefined;
  }
  const sort = request.sortRules?.[0];
  if (sort && sort.code !== 'start') {
    return undefined;
  }
  if (request.include?.some((i) => !isSupportedInclude(i))) {
    return undefined;
  }
  const filters = request.filters ?? [];
  if (!filters.some((f) => f.code.startsWith(CHAIN)) || filters.some((f) => f.code === 'schedule')) {
    return undefined; // plain schedule-scoped searches are the equality indexes' work
  }
  const tests: Plan['tests'] = [];
  const chain: Record<string, string[]> = {};
  for (const filter of filters) {
    if (filter.code.startsWith(CHAIN) && !filter.code.slice(CHAIN.length).includes('.')) {
      const code = filter.code.slice(CHAIN.length);
      const prefix = filter.operator === Operator.EQUALS ? '' : PREFIXES[filter.operator];
      if (prefix === undefined) {
        return undefined;
      }
      chain[code] = [...(chain[code] ?? []), `${prefix}${filter.value}`];
    } else if (filter.code === 'status' && filter.operator === Operator.EQUALS) {
      const values = new Set(filter.value.split(','));
      tests.push((r) => values.has(r.status));
    } else if ((filter.code === 'start' || filter.code === 'end') && RANGE_OPERATORS.has(filter.operator)) {
      if (!INSTANT.test(filter.value)) {
        return undefined;
      }
      const value = Date.parse(filter.value);
      const field = filter.code;
      tests.push(rangeTest(field, filter.operator, value));
    } else {
      return undefined;
    }
  }
  return { tests, chain, descending: sort?.descending === true };
}

function rangeTest(field: 'start' | 'end', operator: Operator, value: number): (r: SlotRecord) => boolean {
  switch (operator) {
    case Operator.GREATER_THAN:
    case Operator.STARTS_AFTER:
      return (r) => r[field] > value;
    case Operator.GREATER_THAN_OR_EQUALS:
      return (r) => r[field] >= value;
    case Operator.LESS_THAN:
    case Operator.ENDS_BEFORE:
      return (r) => r[field] < value;
    default:
      return (r) => r[field] <= value;
  }
}

function isSupportedInclude(include: { resourceType: string; searchParam: string }): boolean {
  return (
    (include.resourceType === 'Slot' && include.searchParam === 'schedule') ||
    (include.resourceType === 'Schedule' && include.searchParam === 'actor')
  );
}

/** The first `n` records by start (then id), without sorting every match. */
function firstByStart(records: readonly SlotRecord[], n: number, descending: boolean): SlotRecord[] {
  const before = (a: SlotRecord, b: SlotRecord): boolean => {
    const diff = descending ? b.start - a.start : a.start - b.start;
    return diff < 0 || (diff === 0 && a.id < b.id);
  };
  if (n >= records.length) {
    return [...records].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  const best: SlotRecord[] = [];
  for (const record of records) {
    if (best.length === n && !before(record, best[n - 1] as SlotRecord)) {
      continue;
    }
    let i = best.length;
    while (i > 0 && before(record, best[i - 1] as SlotRecord)) {
      i--;
    }
    best.splice(i, 0, record);
    if (best.length > n) {
      best.pop();
    }
  }
  return best;
}

async function readInOrder(search: Repo['search'], type: string, ids: readonly string[]): Promise<BundleEntry[]> {
  if (ids.length === 0) {
    return [];
  }
  const found = await search({
    resourceType: type,
    filters: [{ code: '_id', operator: Operator.EQUALS, value: ids.join(',') }],
    count: ids.length,
  } as SearchRequest);
  const byId = new Map((found.entry ?? []).map((e) => [e.resource?.id, e.resource]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is Resource & { id: string } => r !== undefined)
    .map((resource) => ({ resource, search: { mode: 'match' as const } }));
}

/** `_include=Slot:schedule` and `_include:iterate=Schedule:actor`, each resource once. */
async function includes(
  search: Repo['search'],
  request: SearchRequest,
  matches: BundleEntry[]
): Promise<BundleEntry[]> {
  const wants = (type: string, param: string): boolean =>
    request.include?.some((i) => i.resourceType === type && i.searchParam === param) === true;
  const result: BundleEntry[] = [];
  const scheduleIds = new Set<string>();
  if (wants('Slot', 'schedule')) {
    for (const entry of matches) {
      const ref = (entry.resource as Slot).schedule?.reference;
      if (ref?.startsWith('Schedule/')) {
        scheduleIds.add(ref.slice(9));
      }
    }
  }
  const schedules = await readInOrder(search, 'Schedule', [...scheduleIds]);
  result.push(...schedules.map((e) => ({ ...e, search: { mode: 'include' as const } })));
  if (wants('Schedule', 'actor')) {
    const byType = new Map<string, Set<string>>();
    for (const entry of schedules) {
      for (const actor of (entry.resource as { actor?: { reference?: string }[] }).actor ?? []) {
        const [type, id] = actor.reference?.split('/') ?? [];
        if (type && id) {
          byType.set(type, (byType.get(type) ?? new Set()).add(id));
        }
      }
    }
    for (const [type, ids] of byType) {
      const actors = await readInOrder(search, type, [...ids]);
      result.push(...actors.map((e) => ({ ...e, search: { mode: 'include' as const } })));
    }
  }
  return result;
}
