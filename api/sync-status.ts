/**
 * What the bots last said about a Schedule's Slots, from its slot-sync Task: whether they are being made, done, or
 * refused (invalid rules, or more slots than a schedule may have), in words people can act on.
 */
import type { MedplumClient } from '@medplum/core';
import { SYNC_TASK_SYSTEM } from '../engine/sync/lease';

export interface ScheduleSyncStatus {
  /** `refused`: the bots will not make this version's slots until the Schedule is changed. */
  readonly state: 'working' | 'done' | 'refused';
  /** The bots' last word on it (for `refused`: why, and what to change). */
  readonly note?: string;
}

/**
 * The Schedule's sync status, or undefined before any bot run has looked at it.
 *
 * @example
 * const status = await scheduleSyncStatus(medplum, 'sch-1'); // { state: 'refused', note: 'These rules make about …' }
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
  return { state, ...(note ? { note } : {}) };
}
