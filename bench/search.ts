/**
 * Scenario 6: the app's schedule search (specialty + active, first page with a total) over many schedules.
 */
import { createClinik } from '../api/index';
import { runtime, START } from './fixtures';

export interface ScheduleSearchResult {
  readonly schedules: number;
  readonly matches: number;
  readonly firstPageMs: number;
}

const SPECIALTIES = ['Cardiology', 'Dermatology', 'Obstetrics', 'Family Medicine', 'Neurology'];

/** Stores `count` schedules (every tenth inactive), then times the first page of Cardiology among the active. */
export async function measureScheduleSearch(count: number): Promise<ScheduleSearchResult> {
  const { medplum } = runtime(false);
  const clinik = createClinik(medplum);
  for (let i = 0; i < count; i += 1000) {
    await medplum.executeBatch({
      resourceType: 'Bundle',
      type: 'batch',
      entry: Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
        request: { method: 'POST' as const, url: 'Schedule' },
        resource: {
          resourceType: 'Schedule' as const,
          active: (i + k) % 10 !== 0,
          actor: [{ reference: `Practitioner/p${i + k}` }],
          specialty: [{ text: SPECIALTIES[(i + k) % SPECIALTIES.length] }],
          planningHorizon: { start: START, end: '2025-12-31T00:00:00Z' },
          comment: `Schedule ${i + k}`,
        },
      })),
    });
  }
  const started = performance.now();
  const page = await clinik.schedules.search({ specialty: 'Cardiology', active: true, count: 20 });
  return {
    schedules: count,
    matches: page.total ?? page.data.length,
    firstPageMs: Math.round(performance.now() - started),
  };
}
