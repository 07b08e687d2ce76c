/**
 * Paging for ./slot-time-search.ts: the first records of a page by start, the page's Slots read from the store in that
 * order, and their includes (`_include=Slot:schedule`, `_include:iterate=Schedule:actor`).
 */
import { Operator } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import type { BundleEntry, Resource, Slot } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import type { SlotRecord } from './slot-plan';

type Search = MockClient['repo']['search'];

/** The first `n` records by start (then id), without sorting every match. */
export function firstByStart(records: readonly SlotRecord[], n: number, descending: boolean): SlotRecord[] {
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

export async function readInOrder(search: Search, type: string, ids: readonly string[]): Promise<BundleEntry[]> {
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
export async function includes(search: Search, request: SearchRequest, matches: BundleEntry[]): Promise<BundleEntry[]> {
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
