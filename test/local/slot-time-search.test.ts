/**
 * The local runtime's time-ordered Slot search answers exactly as Medplum's in-memory engine does.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { MockClient } from '@medplum/mock';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withSlotTimeSearch } from '../../local/slot-time-search';
import { indexDefinitions } from '../medplum-setup';

function ids(bundle: Bundle): string[] {
  return (bundle.entry ?? []).map((e) => `${e.search?.mode ?? ''}:${e.resource?.resourceType}/${e.resource?.id}`);
}

describe('withSlotTimeSearch', () => {
  test('same page, order, includes and total as the engine, for random stores and queries', async () => {
    indexDefinitions();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            schedule: fc.integer({ min: 0, max: 3 }),
            hour: fc.integer({ min: 0, max: 30 }),
            status: fc.constantFrom('free', 'busy', 'busy-tentative', 'busy-unavailable'),
          }),
          { maxLength: 40 }
        ),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom('free', 'busy,busy-tentative'),
        async (slots, fromHour, count, offset, status) => {
          const plain = new MockClient({ seedDefaultData: false });
          const fast = withSlotTimeSearch(new MockClient({ seedDefaultData: false }));
          for (const client of [plain, fast]) {
            for (let s = 0; s < 4; s++) {
              await client.updateResource({
                resourceType: 'Schedule',
                id: `s${s}`,
                active: s !== 3,
                actor: [{ reference: `Practitioner/p${s % 2}` }],
                specialty: [{ text: s === 1 ? 'Dermatology' : 'Cardiology' }],
              });
            }
            await client.updateResource({ resourceType: 'Practitioner', id: 'p0' });
            await client.updateResource({ resourceType: 'Practitioner', id: 'p1' });
            for (const [i, slot] of slots.entries()) {
              const start = Date.parse('2025-03-03T00:00:00Z') + slot.hour * 3_600_000;
              await client.updateResource({
                resourceType: 'Slot',
                id: `slot${i}`,
                schedule: { reference: `Schedule/s${slot.schedule}` },
                status: slot.status as 'free',
                start: new Date(start).toISOString(),
                end: new Date(start + 1_800_000).toISOString(),
              });
            }
          }
          await fast.deleteResource('Slot', 'slot0').catch(() => undefined);
          await plain.deleteResource('Slot', 'slot0').catch(() => undefined);
          const from = new Date(Date.parse('2025-03-03T00:00:00Z') + fromHour * 3_600_000).toISOString();
          const queries = [
            `schedule:Schedule.active=true&status=${status}&start=ge${from}&_sort=start&_count=${count}&_offset=${offset}&_include=Slot:schedule&_include:iterate=Schedule:actor&_total=accurate`,
            `schedule:Schedule.actor=Practitioner/p1&status=${status}&end=gt${from}&_count=100`,
            `schedule:Schedule.specialty:text=Cardiology&status=free&_sort=-start&_count=${count}`,
          ];
          for (const query of queries) {
            const expected = await plain.search('Slot', query, { cache: 'no-cache' });
            const actual = await fast.search('Slot', query, { cache: 'no-cache' });
            const sortedIfUnsorted = (list: string[]): string[] => (query.includes('_sort') ? list : [...list].sort());
            expect(sortedIfUnsorted(ids(actual))).toEqual(sortedIfUnsorted(ids(expected)));
            expect(actual.total).toEqual(expected.total);
          }
        }
      ),
      { numRuns: 40 }
    );
  });
});
