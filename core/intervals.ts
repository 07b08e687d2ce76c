/**
 * Set operations on half-open instant intervals `[start, end)`. Pure; inputs are never mutated.
 */
import type { Interval } from './time';

/**
 * Sorts and unions intervals; touching intervals (`a.end === b.start`) merge.
 *
 * @example
 * mergeIntervals([{ start: 5, end: 9 }, { start: 0, end: 5 }]); // [{ start: 0, end: 9 }]
 */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    } else {
      merged.push({ start: next.start, end: next.end });
    }
  }
  return merged;
}

/**
 * Removes every instant covered by `holes` from `intervals`; returns sorted, merged intervals.
 *
 * @example
 * subtractIntervals([{ start: 0, end: 10 }], [{ start: 3, end: 5 }]); // [{0,3}, {5,10}]
 */
export function subtractIntervals(intervals: readonly Interval[], holes: readonly Interval[]): Interval[] {
  const cuts = mergeIntervals(holes);
  const result: Interval[] = [];
  for (const interval of mergeIntervals(intervals)) {
    let cursor = interval.start;
    for (const cut of cuts) {
      if (cut.end <= cursor) {
        continue;
      }
      if (cut.start >= interval.end) {
        break;
      }
      if (cut.start > cursor) {
        result.push({ start: cursor, end: cut.start });
      }
      cursor = Math.max(cursor, cut.end);
      if (cursor >= interval.end) {
        break;
      }
    }
    if (cursor < interval.end) {
      result.push({ start: cursor, end: interval.end });
    }
  }
  return result;
}

/**
 * Whether `inner` lies wholly inside one of the sorted, merged `intervals` (binary search).
 *
 * @example
 * coveredBy({ start: 2, end: 4 }, [{ start: 0, end: 5 }]); // true
 */
export function coveredBy(inner: Interval, intervals: readonly Interval[]): boolean {
  const candidate = intervals[lastStartingAtOrBefore(intervals, inner.start)];
  return candidate !== undefined && candidate.start <= inner.start && inner.end <= candidate.end;
}

/**
 * Whether `probe` shares an instant with any of the sorted, merged `intervals` (binary search).
 *
 * @example
 * intersectsAny({ start: 4, end: 6 }, [{ start: 5, end: 9 }]); // true
 */
export function intersectsAny(probe: Interval, intervals: readonly Interval[]): boolean {
  const i = lastStartingAtOrBefore(intervals, probe.start);
  const here = intervals[i];
  const next = intervals[i + 1];
  return (here !== undefined && here.end > probe.start) || (next !== undefined && next.start < probe.end);
}

/** Index of the last interval whose start is ≤ `at`, or -1. */
function lastStartingAtOrBefore(intervals: readonly Interval[], at: number): number {
  let lo = 0;
  let hi = intervals.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((intervals[mid] as Interval).start <= at) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
