/**
 * Time-ordered Slot search for the local runtime, beside the equality indexes of ./indexed-repository.ts.
 *
 * Finding free slots across every schedule (`clinik.slots.find`) asks for
 * `Slot?status=free&start=ge…&start=lt…&schedule:Schedule.active=true&_sort=start&_count=20&_include=Slot:schedule`:
 * the in-memory engine answers that by evaluating the chain for every Slot of the store and deep cloning every match
 * before paging (seconds for 200 schedules × 30 days). This keeps a compact record per Slot (start and end instants,
 * status, schedule), resolves a `schedule:Schedule.*` chain with one Schedule search, selects the page by start, and
 * reads only that page's Slots (and its includes) from the store. Searches it does not cover go to the engine.
 * test/local/slot-time-search.test.ts checks that it answers exactly as the engine does.
 */
import { parseSearchRequest } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { firstByStart, includes, readInOrder } from './slot-page';
import { planOf, type Plan, type SlotRecord } from './slot-plan';

type Repo = MockClient['repo'];

const EXTENDED = new WeakSet<object>();

/**
 * Adds the time-ordered Slot search to a MockClient's repository (idempotent). Returns the client.
 *
 * @example
 * const medplum = withSlotTimeSearch(withIndexedSearch(new MockClient({ seedDefaultData: false })));
 */
export function withSlotTimeSearch<T extends MockClient>(medplum: T): T {
  const repo = medplum.repo;
  if (EXTENDED.has(repo)) {
    return medplum;
  }
  EXTENDED.add(repo);
  const records = new Map<string, SlotRecord>();
  keepRecords(repo, records);
  const search = repo.search.bind(repo);
  repo.search = (async <R extends Resource>(request: SearchRequest<R>): Promise<Bundle<R & { id: string }>> => {
    const plan = planOf(request);
    return plan ? searchByTime(search, records, request, plan) : search(request);
  }) as Repo['search'];
  return medplum;
}

/** Keeps a compact record of every stored Slot up to date on every write. */
function keepRecords(repo: Repo, records: Map<string, SlotRecord>): void {
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
}

/** Answers a planned Slot search: the chain as one Schedule search, the page by start, then only its Slots read. */
async function searchByTime<R extends Resource>(
  search: Repo['search'],
  records: ReadonlyMap<string, SlotRecord>,
  request: SearchRequest<R>,
  plan: Plan
): Promise<Bundle<R & { id: string }>> {
  let schedules: Set<string> | undefined;
  if (Object.keys(plan.chain).length > 0) {
    const found = await search({ ...parseSearchRequest('Schedule', plan.chain), count: Number.MAX_SAFE_INTEGER });
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
    search,
    'Slot',
    ordered.map((r) => r.id)
  );
  if (request.include?.length) {
    entries.push(...(await includes(search, request, entries)));
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(entries.length ? { entry: entries as BundleEntry<R & { id: string }>[] } : {}),
    total: matches.length,
  };
}
