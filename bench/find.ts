/**
 * Benchmark of `clinik.slots.find`: the first page of free slots, nearest first, across many schedules
 * (default 200 schedules × 30 days of weekday 08:00–18:00 15-minute slots, 5% booked) in local mode.
 * Target: under 300 ms. Run alone with `node --import tsx bench/find.ts [schedules] [days]`;
 * `npm run bench` runs it after the other scenarios.
 */
import { createLocalMedplum, type LocalMedplum } from '../local';
import { createClinik } from '../api/index';
import { syncScheduleSlots } from '../engine/sync/schedule-sync';
import { withAvailability } from '../core/availability/write';
import { formatUtc } from '../core/time';
import { weekdayHours } from './fixtures';

export interface FindBenchResult {
  readonly schedules: number;
  readonly days: number;
  readonly slots: number;
  readonly firstPageMs: number;
  /** The same query again (a front desk paging back and forth). */
  readonly warmMs: number;
  /** First page filtered by specialty and by actor. */
  readonly specialtyMs: number;
  readonly actorMs: number;
  readonly met: boolean;
}

const START = Date.parse('2025-03-03T05:00:00Z');
const TARGET_MS = 300;

/** Seeds the store, then times the first page of `slots.find`. */
export async function runFindBench(options: { schedules?: number; days?: number } = {}): Promise<FindBenchResult> {
  const schedules = options.schedules ?? 200;
  const days = options.days ?? 30;
  const realNow = Date.now;
  Date.now = () => START;
  try {
    const medplum = createLocalMedplum({ subscriptions: false });
    const clinik = createClinik(medplum, { now: () => START });
    const slots = await seedStore(medplum, schedules, days);
    const window = { from: formatUtc(START), to: formatUtc(START + days * 86_400_000), count: 20 };
    const time = async (criteria: Parameters<typeof clinik.slots.find>[0]): Promise<number> => {
      const started = performance.now();
      const page = await clinik.slots.find(criteria);
      if (page.data.length === 0) {
        throw new Error('slots.find returned nothing');
      }
      return Math.round(performance.now() - started);
    };
    const firstPageMs = await time(window);
    const warmMs = await time(window);
    const specialtyMs = await time({ ...window, specialty: 'Cardiology' });
    const actorMs = await time({ ...window, actorId: `Location/room${Math.min(7, schedules - 1)}` });
    return {
      schedules,
      days,
      slots,
      firstPageMs,
      warmMs,
      specialtyMs,
      actorMs,
      met: Math.max(firstPageMs, specialtyMs, actorMs) < TARGET_MS,
    };
  } finally {
    Date.now = realNow;
  }
}

/** Saves `schedules` schedules of `days` days and syncs their slots; books 5% of the earliest. Returns the slots made. */
async function seedStore(medplum: LocalMedplum, schedules: number, days: number): Promise<number> {
  const specialties = ['Cardiology', 'Dermatology', 'Neurology', 'Family Medicine'];
  let slots = 0;
  for (let i = 0; i < schedules; i++) {
    const schedule = await medplum.createResource(
      withAvailability(
        {
          resourceType: 'Schedule',
          active: i % 20 !== 19,
          actor: [{ reference: `Practitioner/p${i}` }, { reference: `Location/room${i % 50}` }],
          specialty: [{ text: specialties[i % specialties.length] }],
          planningHorizon: { start: formatUtc(START), end: formatUtc(START + days * 86_400_000) },
        },
        weekdayHours()
      )
    );
    slots += (await syncScheduleSlots(medplum, schedule.id, { budgetMs: 1e9 })).summary.created;
  }
  // 5% of the earliest slots busy, so that the overlap check has work to do.
  const early = await medplum.searchResources('Slot', { status: 'free', _count: '1000', _sort: 'start' });
  for (const slot of early.filter((_, k) => k % 20 === 0)) {
    await medplum.updateResource({ ...slot, status: 'busy' });
  }
  return slots;
}

/** One line for the report. */
export function renderFind(r: FindBenchResult): string {
  return (
    `7. slots.find over ${r.schedules} schedules × ${r.days} days (${r.slots} slots) in local mode: first page ${r.firstPageMs} ms ` +
    `(again ${r.warmMs} ms; by specialty ${r.specialtyMs} ms; by location ${r.actorMs} ms); target < ${TARGET_MS} ms: ${r.met ? 'met' : 'MISS'}`
  );
}

if (/bench[\\/]find\.ts$/.test(process.argv[1] ?? '')) {
  const [schedules, days] = process.argv.slice(2).map(Number);
  console.log(renderFind(await runFindBench({ schedules: schedules || undefined, days: days || undefined })));
}
