/**
 * Schedule search for the list page: the URL's filters go to the Schedules API; the one-box text search (`q`)
 * finds schedules by practitioner or location name, specialty, service type or category, partially and in any case
 * ("cardio" finds Cardiology and Pediatric cardiology). Names are matched by the server (`name:contains` on
 * Practitioner and Location); codes and texts are matched here over the schedules the other filters select (up to
 * 1,000, the server's page limit; beyond that the page says so).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { CodeableConcept, Schedule } from '@medplum/fhirtypes';
import type { Clinik, Page, ScheduleSearchInput } from '../../api/index';

export const TEXT_SEARCH_LIMIT = 1000;
/** Schedules per page of the list. */
export const PAGE_SIZE = 20;

/** Reads the list's filters from the URL. */
export function filtersFrom(params: URLSearchParams): ScheduleSearchInput & { page: number } {
  const text = (name: string): string | undefined => params.get(name)?.trim() || undefined;
  const status = params.get('status') ?? 'active';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  return {
    ...(text('specialty') ? { specialty: text('specialty') } : {}),
    ...(text('serviceType') ? { serviceType: text('serviceType') } : {}),
    ...(text('serviceCategory') ? { serviceCategory: text('serviceCategory') } : {}),
    ...(text('actor') ? { actorId: text('actor') } : {}),
    ...(text('date') ? { date: text('date') } : {}),
    ...(status === 'all' ? {} : { active: status === 'active' }),
    sort: params.get('sort') ?? '-_lastUpdated',
    count: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    page,
  };
}

function conceptTexts(concepts: readonly CodeableConcept[] | undefined): string[] {
  return (concepts ?? []).flatMap((c) => [c.text ?? '', ...(c.coding ?? []).map((code) => code.display ?? '')]);
}

/** Whether a schedule matches the text: an actor among the named ones, or a code's text containing it. */
export function matchesText(schedule: Schedule, text: string, namedActors: ReadonlySet<string>): boolean {
  const wanted = text.trim().toLowerCase();
  if (!wanted) {
    return true;
  }
  if (schedule.actor.some((a) => namedActors.has(a.reference ?? '') || a.display?.toLowerCase().includes(wanted))) {
    return true;
  }
  return [
    ...conceptTexts(schedule.specialty),
    ...conceptTexts(schedule.serviceType),
    ...conceptTexts(schedule.serviceCategory),
  ].some((t) => t.toLowerCase().includes(wanted));
}

/** Practitioners and locations whose name contains the text, as `Type/id`. */
export async function actorsNamed(medplum: MedplumClient, text: string): Promise<Set<string>> {
  const [practitioners, locations] = await Promise.all([
    medplum.searchResources('Practitioner', { 'name:contains': text, _count: '1000' }),
    medplum.searchResources('Location', { 'name:contains': text, _count: '1000' }),
  ]);
  return new Set([...practitioners, ...locations].map((r) => `${r.resourceType}/${r.id}`));
}

/** A page of the list: `truncated` when the text search did not see every schedule. */
export type SchedulePage = Page<WithId<Schedule>> & { truncated?: boolean };

/** One page of schedules matching the criteria and the text, with `truncated` when over the limit. */
export async function searchSchedules(
  clinik: Clinik,
  medplum: MedplumClient,
  criteria: ScheduleSearchInput,
  text: string | undefined
): Promise<SchedulePage> {
  if (!text?.trim()) {
    return clinik.schedules.search(criteria);
  }
  const { count = 20, offset = 0, ...rest } = criteria;
  const [all, named] = await Promise.all([
    clinik.schedules.search({ ...rest, count: TEXT_SEARCH_LIMIT, offset: 0 }),
    actorsNamed(medplum, text.trim()),
  ]);
  const matches = all.data.filter((s) => matchesText(s, text, named));
  return {
    data: matches.slice(offset, offset + count),
    total: matches.length,
    ...(offset + count < matches.length ? { nextOffset: offset + count } : {}),
    ...(all.nextOffset !== undefined ? { truncated: true } : {}),
  };
}
