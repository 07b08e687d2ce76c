/**
 * Reads every match of a search without offset paging (Medplum stops offset paging at 10,000): pages of at most
 * 1,000 sorted by a date parameter, each page starting where the previous one ended.
 */
import type { MedplumClient } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { formatUtc } from '../../core/time';

/** Search `_count` ceiling on Medplum. */
export const MAX_PAGE = 1000;

export interface SlotQuery {
  readonly scheduleId: string;
  /** Slots starting at or after this instant (epoch ms). */
  readonly from: number;
  /** Slots starting before this instant, when given. */
  readonly to?: number;
  readonly pageSize?: number;
}

export interface SlotSearchResult {
  readonly slots: Slot[];
  /** Search requests made. */
  readonly requests: number;
}

/**
 * All Slots of a Schedule starting in `[from, to)`, paged by `start` (never by offset).
 *
 * @example
 * const { slots } = await searchSlots(medplum, { scheduleId: 'abc', from: Date.now() });
 */
export async function searchSlots(medplum: MedplumClient, query: SlotQuery): Promise<SlotSearchResult> {
  const pageSize = Math.min(query.pageSize ?? MAX_PAGE, MAX_PAGE);
  const byId = new Map<string, Slot>();
  let lowerBound = `ge${formatUtc(query.from)}`;
  let requests = 0;
  for (;;) {
    const params = new URLSearchParams([
      ['schedule', `Schedule/${query.scheduleId}`],
      ['start', lowerBound],
      ...(query.to !== undefined ? [['start', `lt${formatUtc(query.to)}`]] : []),
      ['_sort', 'start'],
      ['_count', String(pageSize)],
    ]);
    requests++;
    const page = await medplum.searchResources('Slot', params, { cache: 'no-cache' });
    let added = 0;
    for (const slot of page) {
      if (!byId.has(slot.id)) {
        byId.set(slot.id, slot);
        added++;
      }
    }
    const last = page[page.length - 1];
    if (page.length < pageSize || !last?.start) {
      break;
    }
    if (added === 0) {
      // A whole page of slots starting at one instant: step past it with `gt` (over 1,000 slots at one instant
      // of one schedule is not a real calendar; those beyond the page are reported by the caller's counts).
      lowerBound = `gt${last.start}`;
    } else {
      lowerBound = `ge${last.start}`;
    }
  }
  return { slots: [...byId.values()], requests };
}
