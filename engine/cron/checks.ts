/**
 * What the per-minute cron run looks for: Schedules with work left or changed without being synced, and
 * Appointments changed since the last run (and those whose Slots do not show their status); and the bounded parallelism it works through them with.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Resource, Slot, Task } from '@medplum/fhirtypes';
import { holdsSlots, slotStatusFor } from '../../core/appointment-status';
import { isBookedSlot } from '../../core/fhir';
import { referenceId } from '../../core/references';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { formatUtc } from '../../core/time';
import type { Pacer } from '../transport/pacing';
import {
  isLeased,
  refusedVersion,
  SYNC_TASK_CODE,
  SYNC_TASK_SYSTEM,
  syncedVersion,
  type SyncTask,
} from '../sync/lease';

const PAGE = 200;
/**
 * A Schedule changed this recently is left to the run its own event started (which may not have made its slot-sync
 * Task yet): the per-minute run taking it over would hold its lease with what is left of the minute's budget and
 * make the new slots wait for the next minute. The next run's look-back (a minute) still finds it if its event was
 * lost.
 */
export const EVENT_GRACE_MS = 30_000;

/** Schedules with work left (`requested` or an expired lease) and Schedules changed since `since` but not synced. */
export async function dueSchedules(
  medplum: MedplumClient,
  pacer: Pacer,
  since: number,
  now: number
): Promise<{ ids: Set<string>; resumed: number; changed: number }> {
  const ids = new Set<string>();
  const open = await pacer.call('search slot-sync Tasks', () =>
    medplum.searchResources(
      'Task',
      { code: `${TASK_TYPE_SYSTEM}|${SYNC_TASK_CODE}`, status: 'requested,in-progress', _count: String(PAGE) },
      { cache: 'no-cache' }
    )
  );
  for (const task of open) {
    const scheduleId = scheduleOf(task);
    if (scheduleId && !isLeased(task, now)) {
      ids.add(scheduleId);
    }
  }
  const resumed = ids.size;
  const changed = await pacer.call('search changed Schedules', () =>
    medplum.searchResources(
      'Schedule',
      { _lastUpdated: `ge${formatUtc(since)}`, _count: String(PAGE), _sort: '_lastUpdated' },
      { cache: 'no-cache' }
    )
  );
  if (changed.length > 0) {
    const tasks = await pacer.call('search their slot-sync Tasks', () =>
      medplum.searchResources(
        'Task',
        { identifier: changed.map((s) => `${SYNC_TASK_SYSTEM}|${s.id}`).join(','), _count: String(PAGE) },
        { cache: 'no-cache' }
      )
    );
    const byId = new Map(tasks.map((t) => [scheduleOf(t), t as SyncTask]));
    for (const schedule of changed) {
      if (Date.parse(schedule.meta?.lastUpdated ?? '') > now - EVENT_GRACE_MS) {
        continue; // its own event's run is on it
      }
      const task = byId.get(schedule.id);
      const version = schedule.meta?.versionId;
      // A Schedule whose rules were refused at this version waits for a change (the Task says why).
      if (!task || (syncedVersion(task) !== version && refusedVersion(task) !== version && !isLeased(task, now))) {
        ids.add(schedule.id);
      }
    }
  }
  return { ids, resumed, changed: ids.size - resumed };
}

/**
 * Appointments changed since `since` (`changed`), and those of them whose Slots do not show their status (`stale`:
 * the appointment bot's run was lost).
 */
export async function staleAppointments(
  medplum: MedplumClient,
  pacer: Pacer,
  since: number
): Promise<{ stale: string[]; changed: WithId<Appointment>[] }> {
  const bundle = await pacer.call('search changed Appointments', () =>
    medplum.search(
      'Appointment',
      { _lastUpdated: `ge${formatUtc(since)}`, _include: 'Appointment:slot', _count: String(PAGE) },
      { cache: 'no-cache' }
    )
  );
  const slots = new Map<string, Slot>();
  const appointments: WithId<Appointment>[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource as Resource | undefined;
    if (resource?.resourceType === 'Slot') {
      slots.set(`Slot/${resource.id}`, resource);
    } else if (resource?.resourceType === 'Appointment' && resource.id) {
      appointments.push(resource as WithId<Appointment>);
    }
  }
  const stale = appointments
    .filter((appointment) => {
      const held = (appointment.slot ?? []).map((ref) => slots.get(ref.reference ?? ''));
      if (holdsSlots(appointment.status)) {
        const wanted = slotStatusFor(appointment.status);
        return held.some((slot) => !slot || slot.status !== wanted);
      }
      // Releasing statuses: a Slot still booked may be held by another appointment; the sync decides.
      return held.some((slot) => slot !== undefined && isBookedSlot(slot));
    })
    .map((appointment) => appointment.id);
  return { stale, changed: appointments };
}

function scheduleOf(task: Task): string | undefined {
  return referenceId(task.focus, 'Schedule');
}

/** Runs `work` for each item, at most `limit` at a time; errors go to `onError`, never stop the others. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  onError: (item: T, err: unknown) => void
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (err) {
        onError(item, err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
