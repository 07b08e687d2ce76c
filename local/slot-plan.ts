/**
 * How ./slot-time-search.ts answers a Slot search from its compact records: which filters it can test on a record,
 * and the `schedule:Schedule.*` chain it turns into one Schedule query. Anything else is the engine's.
 */
import { Operator } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';

/** What the time-ordered search keeps per Slot. */
export interface SlotRecord {
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

export interface Plan {
  readonly tests: ((record: SlotRecord) => boolean)[];
  /** The chained filters as a Schedule query (`active=true&specialty:text=…`). */
  readonly chain: Record<string, string[]>;
  readonly descending: boolean;
}

/** How to answer a Slot search from the records, or undefined when the engine must. */
export function planOf(request: SearchRequest): Plan | undefined {
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
