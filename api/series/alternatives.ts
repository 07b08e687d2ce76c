/**
 * The nearest alternative for an occurrence that could not be booked (or moved): the free slot of the series' schedules, of
 * its visit type and length, closest in time to the wanted start (within 7 days either side, never in the past)
 * that passes the same checks as a booking (./check.ts).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { days, formatUtc, zonedInstant } from '../../core/time';
import type { CallContext } from '../rules/enforce';
import { type Candidate, refusalOf, searchCandidates } from './check';
import { fitsShape, type SlotShape } from './resolve';
import type { SeriesMiss } from './types';

/** How far either side of the wanted start an alternative may be. */
export const ALTERNATIVE_WINDOW_DAYS = 7;
/** The nearest candidates checked (each check reads the actors' busy time and the rules). */
const CHECKED = 6;
/** Free slots read either side of the wanted start. */
const READ = 10;

/** Where an alternative is looked for (the series' schedules, the preferred first), for whom, and their zone. */
export interface AlternativeScope {
  readonly schedules: readonly WithId<Schedule>[];
  readonly patientId: string;
  readonly zone: string;
}

/**
 * Each occurrence not booked (or not moved) with the nearest alternative to its wanted time, none offered twice
 * nor any slot in `exclude` (taken by this very call).
 *
 * @example
 * const notBooked = await withAlternatives(medplum, { schedules, patientId, zone }, shape, misses, context);
 */
export async function withAlternatives(
  medplum: MedplumClient,
  scope: AlternativeScope,
  shape: SlotShape,
  misses: readonly SeriesMiss[],
  context: CallContext,
  exclude: ReadonlySet<string> = new Set()
): Promise<SeriesMiss[]> {
  const offered = new Set(exclude);
  const result: SeriesMiss[] = [];
  for (const miss of misses) {
    const wanted = Date.parse(miss.start ?? zonedInstant(miss.local, scope.zone) ?? '');
    const alternative = await nearestAlternative(medplum, scope, shape, wanted, context, offered);
    if (alternative) {
      offered.add(alternative.id);
    }
    result.push({ ...miss, ...(alternative ? { alternative } : {}) });
  }
  return result;
}

/**
 * The nearest bookable free slot to `wanted`, leaving out the slots in `exclude` (already offered to another
 * occurrence); undefined when there is none within the window.
 *
 * @example
 * const slot = await nearestAlternative(medplum, { schedules, patientId }, shape, Date.parse('2025-03-10T09:00:00Z'), context, new Set());
 */
export async function nearestAlternative(
  medplum: MedplumClient,
  request: Omit<AlternativeScope, 'zone'>,
  shape: SlotShape,
  wanted: number,
  context: CallContext,
  exclude: ReadonlySet<string>
): Promise<WithId<Slot> | undefined> {
  const lower = Math.max(context.now, wanted - days(ALTERNATIVE_WINDOW_DAYS));
  const upper = wanted + days(ALTERNATIVE_WINDOW_DAYS);
  const around = async (from: number, to: number, sort: string): Promise<Candidate[]> =>
    from < to
      ? searchCandidates(
          medplum,
          request.schedules,
          [
            ['status', 'free'],
            ['start', `ge${formatUtc(from)}`],
            ['start', `lt${formatUtc(to)}`],
            ['_sort', sort],
          ],
          READ
        )
      : [];
  const found = [
    ...(await around(Math.max(lower, wanted), upper, 'start')),
    ...(await around(lower, wanted, '-start')),
  ];
  const distance = (c: Candidate): number => Math.abs(c.interval.start - wanted);
  const nearest = found
    .filter((c) => fitsShape(c.slot, shape) && !exclude.has(c.slot.id))
    .sort((a, b) => distance(a) - distance(b) || a.interval.start - b.interval.start)
    .slice(0, CHECKED);
  for (const candidate of nearest) {
    if (!(await refusalOf(medplum, candidate, request.patientId, context, []))) {
      return candidate.slot;
    }
  }
  return undefined;
}
