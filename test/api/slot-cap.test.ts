/**
 * The slot cap is checked before anything is written, by the planner and the limits the bots use: rules that would
 * make more slots than a schedule may have at once are refused with the numbers in words, and nothing is stored.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Task } from '@medplum/fhirtypes';
import { createClinik, scheduleSyncStatus, type Clinik } from '../../api';
import { createSchedule } from '../bots/support';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { refusal } from './frontdesk-support';

let medplum: LocalMedplum;
let clinik: Clinik;
const NOW = Date.parse('2025-03-01T00:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  medplum = createLocalMedplum();
  clinik = createClinik(medplum, { now: () => NOW });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const AROUND_THE_CLOCK = {
  timeZone: 'UTC',
  slotMinutes: 5,
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, start: '00:00', end: '23:55' }],
};
const TWO_YEARS = { start: '2025-03-01T00:00:00Z', end: '2027-02-28T00:00:00Z' };

describe('the slot cap, before any write', () => {
  test('two years of 5-minute slots around the clock are refused with the numbers, and nothing is stored', async () => {
    const create = vi.spyOn(medplum, 'createResource');
    const error = await refusal(
      clinik.schedules.create({
        actorIds: ['Practitioner/dr_smith'],
        planningHorizon: TWO_YEARS,
        availability: { ...AROUND_THE_CLOCK, weekly: [...AROUND_THE_CLOCK.weekly] },
      } as Parameters<Clinik['schedules']['create']>[0])
    );
    expect(error.status).toBe(400);
    const cap = error.outcome.issue.find((i) => i.code === 'too-costly');
    expect(cap?.expression).toEqual(['planningHorizon']);
    // 366 days of 287 slots a day (105,042): about 110,000, against the 20,000 a plan may hold.
    expect(cap?.details?.text).toBe(
      'These rules make about 110,000 slots in the next 366 days; the most a schedule can have at once is 20,000. ' +
        'Shorten the planning horizon or lengthen the slots.'
    );
    expect(create).not.toHaveBeenCalled();
    expect(await medplum.searchResources('Schedule', {}, { cache: 'no-cache' })).toHaveLength(0);
  });

  test('an update that would go over the cap is refused too; one under it is accepted', async () => {
    const { data } = await clinik.schedules.create({
      actorIds: ['Practitioner/dr_smith'],
      planningHorizon: { start: '2025-03-01T00:00:00Z', end: '2025-03-31T00:00:00Z' },
      availability: { ...AROUND_THE_CLOCK, weekly: [...AROUND_THE_CLOCK.weekly] },
    } as Parameters<Clinik['schedules']['create']>[0]);
    expect(data.id).toBeDefined();
    const error = await refusal(clinik.schedules.update(data.id, { planningHorizon: TWO_YEARS }));
    expect(error.outcome.issue.some((i) => i.code === 'too-costly')).toBe(true);
    expect((await clinik.schedules.get(data.id)).data.planningHorizon?.end).toBe('2025-03-31T00:00:00Z');
  });
});

describe('a Schedule over the cap written directly with FHIR', () => {
  async function syncTask(scheduleId: string): Promise<Task | undefined> {
    const identifier = `https://schedules.clinik.dev/fhir/slot-sync|${scheduleId}`;
    return (await medplum.searchResources('Task', { identifier }, { cache: 'no-cache' }))[0];
  }

  test('leaves a failed slot-sync Task saying why, is not retried by the per-minute run, and recovers when fixed', async () => {
    const schedule = await createSchedule(
      medplum,
      { ...AROUND_THE_CLOCK, weekly: [...AROUND_THE_CLOCK.weekly] },
      TWO_YEARS
    );
    await medplum.idle();
    const task = await syncTask(schedule.id);
    expect(task?.status).toBe('failed');
    expect(task?.businessStatus?.text).toMatch(/about 110,000 slots.*the most a schedule can have at once is 20,000/);
    expect(await medplum.searchResources('Slot', { schedule: `Schedule/${schedule.id}` })).toHaveLength(0);
    // What the app follows: the refusal names the very Schedule version it is about.
    expect(await scheduleSyncStatus(medplum, schedule.id)).toMatchObject({
      state: 'refused',
      version: schedule.meta?.versionId,
    });

    const runs = medplum.botRuns.length;
    await medplum.runCron();
    const cronRuns = medplum.botRuns.slice(runs);
    expect(cronRuns.map((r) => r.error)).toEqual([undefined]); // the cron ran, and did not fail on it
    expect((await syncTask(schedule.id))?.meta?.versionId).toBe(task?.meta?.versionId); // not retried

    const fixed = await clinik.schedules.update(schedule.id, {
      planningHorizon: { start: '2025-03-01T00:00:00Z', end: '2025-03-02T00:00:00Z' },
    });
    await medplum.idle();
    expect((await syncTask(schedule.id))?.status).toBe('completed');
    expect(fixed.data.meta?.versionId).not.toBe(schedule.meta?.versionId);
    expect(await scheduleSyncStatus(medplum, schedule.id)).toMatchObject({
      state: 'done',
      version: fixed.data.meta?.versionId,
    });
    expect(
      await medplum.searchResources('Slot', { schedule: `Schedule/${fixed.data.id}`, _count: '500' })
    ).toHaveLength(287);
  });
});
