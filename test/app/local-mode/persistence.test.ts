import { IDBFactory } from 'fake-indexeddb';
import type { Schedule } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { createClinik } from '../../../api/index';
import { createLocalMedplum } from '../../../local';
import { loadDemoData } from '../../../local/demo-data';
import { indexedDbStore, persistChanges, restoreResources } from '../../../app/src/local-mode/persistence';

describe('local mode keeps its data across reloads (IndexedDB)', () => {
  test('every write is saved; a new page restores it with the same ids and fires no bot', async () => {
    const idb = new IDBFactory();
    const first = createLocalMedplum();
    const saving = persistChanges(first, indexedDbStore('test', idb), 5);
    const log = console.log;
    console.log = () => undefined;
    try {
      await loadDemoData(first, Date.now());
    } finally {
      console.log = log;
    }
    const [jones] = await first.searchResources('Schedule', { 'specialty:text': 'Cardiology' });
    await createClinik(first).schedules.update(jones?.id as string, { comment: 'Changed before the reload' });
    await first.idle();
    await saving.flush();
    const slotsBefore = await first.search('Slot', { _count: '0', _total: 'accurate' });

    // The reload: a fresh store, filled from IndexedDB.
    const second = createLocalMedplum();
    const restored = await restoreResources(second, indexedDbStore('test', idb));
    expect(restored).toBeGreaterThan(100);
    await second.idle();
    expect(second.botRuns).toHaveLength(0); // the bots ran when the data was written, not again
    const again = await second.readResource('Schedule', jones?.id as string);
    expect(again.comment).toBe('Changed before the reload');
    expect((await second.search('Slot', { _count: '0', _total: 'accurate' })).total).toBe(slotsBefore.total);
    // Searches work on the restored data (indexes rebuilt), and deletes are saved too.
    expect(
      await second.searchResources('Slot', { schedule: `Schedule/${jones?.id}`, status: 'busy' })
    ).not.toHaveLength(0);
  });

  test('deletes are saved, a stopped persistence writes nothing more, and clear empties the store', async () => {
    const idb = new IDBFactory();
    const store = indexedDbStore('test2', idb);
    const medplum = createLocalMedplum({ subscriptions: false });
    const saving = persistChanges(medplum, store, 5);
    const a = await medplum.createResource<Schedule>({
      resourceType: 'Schedule',
      actor: [{ reference: 'Location/x' }],
    });
    const b = await medplum.createResource<Schedule>({
      resourceType: 'Schedule',
      actor: [{ reference: 'Location/y' }],
    });
    await medplum.deleteResource('Schedule', a.id as string);
    await saving.flush();
    expect((await store.loadAll()).map((r) => r.id)).toEqual([b.id]);
    saving.stop();
    await medplum.createResource<Schedule>({ resourceType: 'Schedule', actor: [{ reference: 'Location/z' }] });
    await saving.flush();
    expect(await store.loadAll()).toHaveLength(1);
    await store.clear();
    expect(await store.loadAll()).toHaveLength(0);
  });
});
