/**
 * What the bots last said about a Schedule's Slots, from its slot-sync Task: whether they are being made, done, or
 * refused (invalid rules, or more slots than a schedule may have), in words people can act on.
 */
import type { MedplumClient } from '@medplum/core';
import { refusedVersion, SYNC_TASK_SYSTEM, syncedVersion } from '../engine/sync/lease';

export interface ScheduleSyncStatus {
  /** `refused`: the bots will not make this version's slots until the Schedule is changed. */
  readonly state: 'working' | 'done' | 'refused';
  /** The bots' last word on it (for `refused`: why, and what to change). */
  readonly note?: string;
  /** The Schedule version it is about: the one whose slots were made (`done`) or whose rules were refused. */
  readonly version?: string;
}

/**
 * The Schedule's sync status, or undefined before any bot run has looked at it.
 *
 * @example
 * const status = await scheduleSyncStatus(medplum, 'sch-1'); // { state: 'refused', note: 'These rules make…', version: '3' }
 */
export async function scheduleSyncStatus(
  medplum: MedplumClient,
  scheduleId: string
): Promise<ScheduleSyncStatus | undefined> {
  const [task] = await medplum.searchResources(
    'Task',
    { identifier: `${SYNC_TASK_SYSTEM}|${scheduleId}`, _count: '1' },
    { cache: 'no-cache' }
  );
  if (!task) {
    return undefined;
  }
  const note = task.businessStatus?.text;
  const state = task.status === 'failed' ? 'refused' : task.status === 'completed' ? 'done' : 'working';
  const version = state === 'refused' ? refusedVersion(task) : state === 'done' ? syncedVersion(task) : undefined;
  return { state, ...(note ? { note } : {}), ...(version ? { version } : {}) };
}
