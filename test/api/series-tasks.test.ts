/**
 * One worklist item per series: a deactivated schedule with a recurring series on it gives one reschedule Task for
 * the series (naming each occurrence), beside one per single booking; the Task stays open until every occurrence
 * it names is moved or cancelled, and closes by itself when the schedule is reactivated.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Task } from '@medplum/fhirtypes';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { closeResolvedTasks } from '../../api';
import { taskOccurrences } from '../../core/series-tasks';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { MON_THU, seriesClinic, type SeriesClinic } from './series-support';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function rescheduleTasks(clinic: SeriesClinic): Promise<WithId<Task>[]> {
  await clinic.medplum.idle();
  return clinic.medplum.searchResources(
    'Task',
    { code: `${TASK_TYPE_SYSTEM}|reschedule-appointment`, _count: '100' },
    { cache: 'no-cache' }
  );
}

/** A 6-occurrence series (Mon/Thu 09:00) for pat-1 and a single booking for pat-2, then the schedule deactivated. */
async function deactivatedWithSeries(): Promise<{ clinic: SeriesClinic; series: WithId<Appointment>[] }> {
  const clinic = await seriesClinic();
  const first = await clinic.slotAt('2025-03-03T09:00:00-05:00');
  const { data } = await clinic.desk.appointments.bookSeries({
    slotId: first.id,
    patientId: 'pat-1',
    rule: { ...MON_THU, count: 6 },
    mode: 'all-or-none',
  });
  const single = await clinic.slotAt('2025-03-06T10:00:00-05:00');
  await clinic.desk.appointments.book({ slotId: single.id, patientId: 'pat-2' });
  await clinic.desk.schedules.update(clinic.scheduleId, { active: false, comment: 'Dr Jones on leave' });
  return { clinic, series: data.booked };
}

describe('deactivating a schedule with a series on it', () => {
  test('gives one Task for the series, naming all 6 occurrences, and one for the single booking', async () => {
    const { clinic, series } = await deactivatedWithSeries();
    const tasks = await rescheduleTasks(clinic);
    expect(tasks).toHaveLength(2);
    const seriesTask = tasks.find((t) => taskOccurrences(t).length > 0);
    expect(taskOccurrences(seriesTask ?? {}).map((o) => o.appointmentId)).toEqual(series.map((a) => a.id));
    expect(seriesTask?.focus?.reference).toBe(`Appointment/${series[0]?.id}`);
    expect(seriesTask?.description).toMatch(/^The schedule was deactivated: 6 appointments of a series/);
    expect(seriesTask?.for?.reference).toBe('Patient/pat-1');
    const single = tasks.find((t) => taskOccurrences(t).length === 0);
    expect(single?.for?.reference).toBe('Patient/pat-2');
    // a second run of the bots makes no second Task
    await clinic.desk.schedules.update(clinic.scheduleId, { comment: 'Dr Jones on leave until May' });
    expect(await rescheduleTasks(clinic)).toHaveLength(2);
  });

  test('stays open until every occurrence is cancelled or moved, then closes', async () => {
    const { clinic, series } = await deactivatedWithSeries();
    const open = (await rescheduleTasks(clinic)).find((t) => taskOccurrences(t).length > 0) as WithId<Task>;
    await clinic.desk.appointments.cancel(series[0]?.id as string, 'Patient asked');
    expect((await clinic.medplum.readResource('Task', open.id)).status).toBe('requested');
    await clinic.desk.appointments.cancelSeries({
      appointmentId: series[1]?.id as string,
      scope: 'this-and-following',
      reason: 'Course moved to another clinic',
    });
    const closed = await clinic.medplum.readResource('Task', open.id);
    expect(closed.status).toBe('completed');
    expect(closed.note?.at(-1)?.text).toMatch(/every appointment of the series/);
  });

  test('closes by itself when the schedule is reactivated and the occurrences fit again', async () => {
    const { clinic } = await deactivatedWithSeries();
    const open = (await rescheduleTasks(clinic)).find((t) => taskOccurrences(t).length > 0) as WithId<Task>;
    expect(await closeResolvedTasks(clinic.medplum, Date.now())).toEqual([]); // still inactive: nothing closes
    await clinic.desk.schedules.update(clinic.scheduleId, { active: true });
    await clinic.medplum.idle();
    // what the worklist runs when it loads (and the per-minute run after a change)
    const closed = await closeResolvedTasks(clinic.medplum, Date.now());
    expect(closed.map((t) => t.id)).toContain(open.id);
    expect(closed).toHaveLength(2); // the single booking's Task too
    expect((await clinic.medplum.readResource('Task', open.id)).status).toBe('completed');
  });
});
