/**
 * Where the quota scenario runs: the local runtime's server simulation (simulated time), or a real Medplum server.
 */
import { MedplumClient, Operator } from '@medplum/core';
import type { Slot, Task } from '@medplum/fhirtypes';
import { SYNC_TASK_SYSTEM } from '../engine/sync/lease';
import { searchSlots } from '../engine/transport/search';
import { createLocalMedplum, type LocalMedplum } from '../local';

/** What the scenario needs from where it runs. */
export interface Target {
  readonly name: string;
  readonly api: MedplumClient;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Slots of a Schedule starting before `before`, and the number of distinct keys among them. */
  count(scheduleId: string, before?: number): Promise<{ slots: number; keys: number }>;
  slot(id: string): Promise<Slot>;
  syncStatus(scheduleId: string): Promise<Task['status'] | undefined>;
  report(): { botErrors?: number; throttled?: number };
  close(): void;
}

/** A real server's address and a project-admin client's credentials. */
export interface ServerCredentials {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Distinct slot keys (the identifier the bot gives each slot, else the id). */
function distinctKeys(slots: readonly Slot[]): number {
  return new Set(slots.map((s) => s.identifier?.[0]?.value ?? s.id)).size;
}

/** The simulation of Medplum 5.1 with the bots at `quota` points a minute, on a warped clock. */
export function localTarget(quota: number): Target {
  const medplum: LocalMedplum = createLocalMedplum({
    clock: 'warp',
    cron: true,
    // Everyone at Medplum's default quota but the bots, at `quota`; the project's total 10× the default (500,000).
    server: {
      version: '5.1',
      quota: { userQuota: 50_000, memberQuota: { 'bot:schedule-slots': quota, 'bot:appointment-slots': quota } },
      latencyMs: 20,
      entryMs: 10,
    },
    secrets: {
      SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 100 },
      SLOT_BOT_FHIR_QUOTA: { name: 'SLOT_BOT_FHIR_QUOTA', valueInteger: quota },
    },
  });
  const clock = medplum.clinikClock;
  return {
    name: `simulated Medplum 5.1 (quota ${quota.toLocaleString('en-US')}/min, 20 ms a request, 10 ms a batch entry)`,
    api: medplum,
    now: () => clock.now(),
    sleep: async (ms) => clock.sleep?.(ms),
    async count(scheduleId, before) {
      const slots = (
        await medplum.repo.searchResources<Slot>({
          resourceType: 'Slot',
          filters: [{ code: 'schedule', operator: Operator.EQUALS, value: `Schedule/${scheduleId}` }],
          count: 1_000_000,
        })
      ).filter((s) => before === undefined || Date.parse(s.start) < before);
      return { slots: slots.length, keys: distinctKeys(slots) };
    },
    slot: (id) => medplum.repo.readResource<Slot>('Slot', id),
    async syncStatus(scheduleId) {
      const [task] = await medplum.repo.searchResources<Task>({
        resourceType: 'Task',
        filters: [{ code: 'identifier', operator: Operator.EQUALS, value: `${SYNC_TASK_SYSTEM}|${scheduleId}` }],
      });
      return task?.status;
    },
    report: () => ({
      botErrors: medplum.botRuns.filter((r) => r.error).length,
      throttled: medplum.server.stats.throttled,
    }),
    close: () => medplum.stop(),
  };
}

/** A real Medplum server, signed in with client credentials; real time. */
export async function serverTarget(server: ServerCredentials): Promise<Target> {
  const api = new MedplumClient({ baseUrl: server.baseUrl, fetch: globalThis.fetch.bind(globalThis), cacheTime: 0 });
  await api.startClientLogin(server.clientId, server.clientSecret);
  const countOf = async (query: Record<string, string>): Promise<number> =>
    (await api.search('Slot', { ...query, _summary: 'count' }, { cache: 'no-cache' })).total ?? 0;
  return {
    name: `Medplum server ${server.baseUrl}`,
    api,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async count(scheduleId, before) {
      if (before !== undefined) {
        const slots = await countOf({
          schedule: `Schedule/${scheduleId}`,
          start: `lt${new Date(before).toISOString()}`,
        });
        return { slots, keys: slots };
      }
      // Every slot, paged by start, to count distinct keys (duplicates) too.
      const { slots } = await searchSlots(api, { scheduleId, from: 0 });
      return { slots: slots.length, keys: distinctKeys(slots) };
    },
    slot: (id) => api.readResource('Slot', id, { cache: 'no-cache' }),
    async syncStatus(scheduleId) {
      const [task] = await api.searchResources(
        'Task',
        { identifier: `${SYNC_TASK_SYSTEM}|${scheduleId}` },
        { cache: 'no-cache' }
      );
      return task?.status;
    },
    report: () => ({}),
    close: () => undefined,
  };
}
