/**
 * The slot cap is checked before anything is written, by the planner and the limits the bots use: rules that would
 * make more slots than a schedule may have at once are refused with the numbers in words, and nothing is stored.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createClinik, type Clinik } from '../../api';
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
