import type { Bundle, Resource, Slot } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { describe, expect, test } from 'vitest';
import { withIndexedSearch } from '../../local/indexed-repository';
import { emptyMockClient } from '../medplum-setup';

/** Applies the same operations to an indexed and a plain in-memory store; every search must agree. */
async function both(fn: (medplum: MockClient) => Promise<void>): Promise<[MockClient, MockClient]> {
  const indexed = withIndexedSearch(emptyMockClient());
  const plain = emptyMockClient();
  await fn(indexed);
  await fn(plain);
  return [indexed, plain];
}

const slot = (id: string, schedule: string, start: string, key?: string): Slot => ({
  resourceType: 'Slot',
  id,
  schedule: { reference: `Schedule/${schedule}` },
  status: 'free',
  start,
  end: start.replace(':00:00Z', ':30:00Z'),
  ...(key ? { identifier: [{ system: 'https://k', value: key }] } : {}),
});

const QUERIES = [
  'Slot?schedule=Schedule/a',
  'Slot?schedule=Schedule/a&_sort=start',
  'Slot?schedule=Schedule/a,Schedule/b&_sort=start&_count=3',
  'Slot?schedule=Schedule/a&start=ge2025-03-03T10:00:00Z&_sort=start',
  'Slot?schedule=Schedule/a&status=busy',
  'Slot?identifier=https://k|k2',
  'Slot?identifier=k3',
  'Slot?_id=s1&status=free',
  'Slot?_id=s2&status=free',
  'Appointment?slot=Slot/s4',
  'Slot?status=free&_sort=-start',
];

async function ids(medplum: MockClient, query: string): Promise<string[]> {
  const [type, params] = query.split('?') as [string, string];
  const bundle = (await medplum.search(type as 'Slot', params, { cache: 'no-cache' })) as Bundle<Resource>;
  // Server-assigned ids differ between the two stores: compare what identifies the content.
  return (bundle.entry ?? []).map((e) => {
    const r = e.resource as Resource & { start?: string; status?: string; identifier?: { value?: string }[] };
    return /^s\d$/.test(r.id ?? '')
      ? (r.id as string)
      : `${r.resourceType} ${r.start ?? ''} ${r.status ?? ''} ${r.identifier?.[0]?.value ?? ''}`;
  });
}

describe('index-assisted search agrees with the in-memory engine', () => {
  test('after creates, updates, patches, deletes, conditional creates and conditional deletes', async () => {
    const [indexed, plain] = await both(async (medplum) => {
      await medplum.executeBatch({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          ...['s1', 's2', 's3', 's4', 's5'].map((id, i) => ({
            request: { method: 'PUT' as const, url: `Slot/${id}` },
            resource: slot(id, i < 3 ? 'a' : 'b', `2025-03-03T${String(9 + i).padStart(2, '0')}:00:00Z`, `k${i + 1}`),
          })),
          {
            request: { method: 'POST' as const, url: 'Slot', ifNoneExist: 'identifier=https://k|k2' },
            resource: slot('ignored', 'a', '2025-03-03T10:00:00Z', 'k2'),
          },
          {
            request: { method: 'POST' as const, url: 'Slot', ifNoneExist: 'identifier=https://k|k9' },
            resource: { ...slot('x', 'a', '2025-03-04T09:00:00Z', 'k9'), id: undefined } as unknown as Slot,
          },
        ],
      });
      await medplum.updateResource({ ...(await medplum.readResource('Slot', 's2')), status: 'busy' });
      await medplum.patchResource('Slot', 's3', [
        { op: 'replace', path: '/schedule', value: { reference: 'Schedule/b' } },
      ]);
      await medplum.createResource({
        resourceType: 'Appointment',
        status: 'booked',
        participant: [],
        slot: [{ reference: 'Slot/s4' }],
      });
      await medplum.executeBatch({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'DELETE', url: 'Slot?_id=s1&status=free' } },
          { request: { method: 'DELETE', url: 'Slot?_id=s2&status=free' } },
        ],
      });
      await medplum.deleteResource('Slot', 's5');
    });
    for (const query of QUERIES) {
      expect(await ids(indexed, query), query).toEqual(await ids(plain, query));
    }
    expect(await ids(indexed, 'Slot?_id=s2&status=free')).toEqual([]); // booked: the conditional delete left it
    expect(await ids(indexed, 'Slot?schedule=Schedule/b&_sort=start')).toEqual(['s3', 's4']);
  });
});
