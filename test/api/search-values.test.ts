/**
 * Search values are text: a comma, a backslash, a `$` or a `|` in a name never becomes search syntax ("or",
 * system|code), and `slots.search` checks each of its fields before any request, naming the field.
 */
import { splitSearchOnComma } from '@medplum/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createClinik, type Clinik } from '../../api';
import { searchValue } from '../../core/search-values';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { refusal } from './frontdesk-support';

let medplum: LocalMedplum;
let clinik: Clinik;
const ENT = 'Surgery-Ear, nose and throat surgery'; // SNOMED CT 394604002: a real specialty with a comma

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T00:00:00Z') });
  medplum = createLocalMedplum();
  clinik = createClinik(medplum);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function schedule(specialty: string, actor: string): Promise<string> {
  const { data } = await clinik.schedules.create({ actorIds: [actor], specialty: [specialty] });
  return data.id;
}

async function slot(scheduleId: string, start: string, end: string): Promise<void> {
  await clinik.slots.create({ scheduleId, start, end });
}

describe('search values are text', () => {
  test('property: escaping then splitting on commas gives back the one original value', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '\\', '$', '|', ' ', 'é') }), (text) => {
        expect(splitSearchOnComma(searchValue(text))).toEqual([text]);
      })
    );
  });

  test('schedules.search: a comma is not "or", and a name with a comma is found by that name', async () => {
    const cardiology = await schedule('Cardiology', 'Practitioner/dr_a');
    await schedule('Dermatology', 'Practitioner/dr_b');
    const ent = await schedule(ENT, 'Practitioner/dr_c');
    const both = await clinik.schedules.search({ specialty: 'Cardiology,Dermatology' });
    expect(both.data.map((s) => s.id)).toEqual([]);
    expect((await clinik.schedules.search({ specialty: 'Cardiology' })).data.map((s) => s.id)).toEqual([cardiology]);
    expect((await clinik.schedules.search({ specialty: ENT })).data.map((s) => s.id)).toEqual([ent]);
  });

  test('slots.find: a comma in the specialty finds neither half; the comma specialty finds its own slots', async () => {
    const cardiology = await schedule('Cardiology', 'Practitioner/dr_a');
    const dermatology = await schedule('Dermatology', 'Practitioner/dr_b');
    const ent = await schedule(ENT, 'Practitioner/dr_c');
    for (const id of [cardiology, dermatology, ent]) {
      await slot(id, '2025-03-03T09:00:00Z', '2025-03-03T09:30:00Z');
    }
    const window = { from: '2025-03-02T00:00:00Z', to: '2025-03-10T00:00:00Z' };
    expect((await clinik.slots.find({ specialty: 'Cardiology,Dermatology', ...window })).data).toEqual([]);
    const found = await clinik.slots.find({ specialty: ENT, ...window });
    expect(found.data.map((f) => f.slot.schedule.reference)).toEqual([`Schedule/${ent}`]);
  });
});

describe('slots.search checks its input', () => {
  test('a scheduleId with a comma is refused: it never reaches another schedule', async () => {
    const a = await schedule('Cardiology', 'Practitioner/dr_a');
    const b = await schedule('Dermatology', 'Practitioner/dr_b');
    await slot(b, '2025-03-03T09:00:00Z', '2025-03-03T09:30:00Z');
    const error = await refusal(clinik.slots.search({ scheduleId: `${a},Schedule/${b}` }));
    expect(error.status).toBe(400);
    expect(error.outcome.issue[0]?.expression).toEqual(['scheduleId']);
    expect((await clinik.slots.search({ scheduleId: `Schedule/${b}` })).data).toHaveLength(1);
  });

  test.each([
    ['status', { status: 'free,busy' }],
    ['from', { from: 'yesterday' }],
    ['to', { to: '2025-13-45' }],
    ['to', { from: '2025-03-05T00:00:00Z', to: '2025-03-01T00:00:00Z' }],
  ] as const)('a bad %s is a 400 naming it, before any request', async (field, criteria) => {
    const search = vi.spyOn(medplum, 'search');
    const error = await refusal(clinik.slots.search(criteria as Parameters<Clinik['slots']['search']>[0]));
    expect(error.status).toBe(400);
    expect(error.outcome.issue.map((i) => i.expression?.[0])).toContain(field);
    expect(search).not.toHaveBeenCalled();
  });
});
