/**
 * Local mode's data kept across reloads: every write to the in-memory FHIR store is copied, in the background and in
 * batches, to IndexedDB; at start-up the saved resources are put back with their ids (so saved links such as
 * /schedules/:id keep working) without firing the Subscriptions (the bots already ran when they were written).
 *
 * @example
 * const medplum = createLocalMedplum();
 * const store = indexedDbStore();
 * const restored = await restoreResources(medplum, store);
 * const saving = persistChanges(medplum, store);
 * if (restored === 0) await loadDemoData(medplum, Date.now());
 */
import type { Resource } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { withoutWriteListeners } from '../../../local/indexed-repository';

/** Where the resources are kept. */
export interface ResourceStore {
  loadAll(): Promise<Resource[]>;
  /** Writes and deletes (`Type/id`) in one transaction. */
  write(puts: readonly Resource[], deletes: readonly string[]): Promise<void>;
  clear(): Promise<void>;
}

const STORE = 'resources';
const keyOf = (r: { resourceType: string; id?: string }): string => `${r.resourceType}/${r.id}`;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** A ResourceStore in an IndexedDB database (one object store, keyed `Type/id`). */
export function indexedDbStore(
  name = 'medplum-schedules-local',
  idb: IDBFactory = globalThis.indexedDB
): ResourceStore {
  let opened: Promise<IDBDatabase> | undefined;
  const db = (): Promise<IDBDatabase> => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!idb) {
        reject(new Error('This browser has no IndexedDB: local data cannot be kept across reloads.'));
        return;
      }
      const open = idb.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    });
    return opened;
  };
  return {
    async loadAll() {
      const tx = (await db()).transaction(STORE, 'readonly');
      return (await request(tx.objectStore(STORE).getAll())) as Resource[];
    },
    async write(puts, deletes) {
      if (puts.length === 0 && deletes.length === 0) {
        return;
      }
      const tx = (await db()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      deletes.forEach((key) => store.delete(key));
      puts.forEach((resource) => store.put(resource, keyOf(resource)));
      await done(tx);
    },
    async clear() {
      const tx = (await db()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).clear();
      await done(tx);
    },
  };
}

type Repo = MockClient['repo'];

/** What the in-memory engine writes for itself at start-up: never saved. */
const ENGINE_TYPES = new Set(['StructureDefinition', 'SearchParameter']);

/**
 * Puts saved resources back into the store, ids kept, without any Subscription firing. Returns how many.
 */
export async function restoreResources(medplum: MockClient, store: ResourceStore): Promise<number> {
  // The engine writes its own definitions on its first request: let it, before putting anything back.
  await medplum.search('Schedule', { _count: '0' });
  const resources = (await store.loadAll()).filter((r) => !ENGINE_TYPES.has(r.resourceType));
  await withoutWriteListeners(medplum, async () => {
    for (const resource of resources) {
      await medplum.repo.updateResource(resource);
    }
  });
  return resources.length;
}

export interface Persistence {
  /** Resolves when every write so far is in the store. */
  flush(): Promise<void>;
  /** Stops copying writes (before a reset). */
  stop(): void;
}

/**
 * Copies every later write of the in-memory store (creates, updates, deletes, including the bots' batch writes) to
 * the store, batched every `delayMs`.
 */
export function persistChanges(medplum: MockClient, store: ResourceStore, delayMs = 50): Persistence {
  const repo = medplum.repo as Repo & {
    createResource: Repo['createResource'];
    deleteResource: Repo['deleteResource'];
  };
  const pending = new Map<string, Resource | null>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  const schedule = (): void => {
    timer ??= setTimeout(() => void flushNow(), delayMs);
  };
  const flushNow = (): Promise<void> => {
    timer = undefined;
    const batch = [...pending.entries()];
    pending.clear();
    const puts = batch.map(([, r]) => r).filter((r): r is Resource => r !== null);
    const deletes = batch.filter(([, r]) => r === null).map(([k]) => k);
    writing = writing
      .then(() => store.write(puts, deletes))
      .catch((err: unknown) => {
        console.warn('Local data could not be saved in this browser:', err);
      });
    return writing;
  };
  const create = repo.createResource.bind(repo);
  const remove = repo.deleteResource.bind(repo);
  repo.createResource = (async (...args: Parameters<Repo['createResource']>) => {
    const saved = await create(...args);
    if (!stopped && !ENGINE_TYPES.has(saved.resourceType)) {
      pending.set(keyOf(saved), saved);
      schedule();
    }
    return saved;
  }) as Repo['createResource'];
  repo.deleteResource = (async (...args: Parameters<Repo['deleteResource']>) => {
    await remove(...args);
    if (!stopped) {
      pending.set(`${args[0]}/${args[1]}`, null);
      schedule();
    }
  }) as Repo['deleteResource'];
  return {
    flush: () => (pending.size > 0 ? flushNow() : writing),
    stop: () => {
      stopped = true;
      if (timer) {
        clearTimeout(timer);
      }
      pending.clear();
    },
  };
}
