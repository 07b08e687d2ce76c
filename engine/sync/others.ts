/**
 * Slots someone else made or changed on a schedule while a run was writing from its plan: a slot made by hand, the
 * Slot of a native `$book`, a direct FHIR write. The plan did not see them, so a slot the run created may now stand
 * on the same time as one of them (offered twice, as measured on Medplum 5.1.29: a hand-made slot restored after a
 * native `$cancel` while a year's fill wrote its next days). A run that finds any plans again: the new diff takes
 * the generated duplicate away, as the time is now blocked.
 *
 * @example
 * if (await othersWrote(medplum, pacer, work)) { ... read and plan again ... }
 */
import type { MedplumClient } from '@medplum/core';
import { GENERATED_TAG } from '../../core/fhir';
import { formatUtc } from '../../core/time';
import type { Pacer } from '../transport/pacing';
import { MAX_PAGE } from '../transport/search';
import type { ScheduleWork } from './work';

/** Looks back this far before the plan's read: the server's clock and the bot's may differ a little. */
const CLOCK_MARGIN_MS = 2_000;

/**
 * Whether a Slot of the schedule that this run did not write (not generated, not one it withdrew or restored) was
 * written after the plan was read. One search, asking for one more match than the run's own such writes.
 */
export async function othersWrote(medplum: MedplumClient, pacer: Pacer, work: ScheduleWork): Promise<boolean> {
  const own = new Set(
    work.entries.filter((e) => e.label === 'withdraw' || e.label === 'restore').map((e) => e.resource?.id)
  );
  const params = new URLSearchParams([
    ['schedule', `Schedule/${work.schedule.id}`],
    ['_lastUpdated', `gt${formatUtc(work.readAt - CLOCK_MARGIN_MS)}`],
    ['_tag:not', `${GENERATED_TAG.system}|${GENERATED_TAG.code}`],
    ['_count', String(Math.min(own.size + 1, MAX_PAGE))],
  ]);
  const found = await pacer.call('search Slots written by others', () =>
    medplum.searchResources('Slot', params, { cache: 'no-cache' })
  );
  return found.some((slot) => !own.has(slot.id));
}
