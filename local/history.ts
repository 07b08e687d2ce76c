/**
 * Resource history as Medplum answers it: newest version first, `_count` and `_offset` honoured. The in-memory
 * engine lists a resource's versions by reversing its stored list in place, so that each read flips the order of the
 * next one, and ignores the page size: code that reads "the version before this one" could pass here and fail on a
 * server.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { deepClone } from '@medplum/core';

type Repo = MockClient['repo'];
type Versions = Map<string, Map<string, Resource[]>>;

/** Makes the client's repository answer history reads as Medplum does (idempotent). Returns the client. */
export function withServerHistory<T extends MockClient>(medplum: T): T {
  const repo = medplum.repo;
  const internals = repo as unknown as { history?: Versions; serverHistory?: true };
  const history = internals.history;
  if (internals.serverHistory || !history) {
    return medplum;
  }
  const read = repo.readResource.bind(repo);
  repo.readHistory = (async (type: string, id: string, options?: { offset?: number; limit?: number }) => {
    await read(type as never, id); // a resource that does not exist is a 404, as before
    const newestFirst = [...(history.get(type)?.get(id) ?? [])].reverse();
    const offset = options?.offset ?? 0;
    const page = newestFirst.slice(offset, options?.limit === undefined ? undefined : offset + options.limit);
    const bundle: Bundle = { resourceType: 'Bundle', type: 'history' };
    return page.length > 0 ? { ...bundle, entry: page.map((r) => ({ resource: deepClone(r) })) } : bundle;
  }) as Repo['readHistory'];
  internals.serverHistory = true;
  return medplum;
}
