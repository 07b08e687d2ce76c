/**
 * The reschedule worklist's data: the Tasks, and in a few batched reads (`_id=…`) their Appointments, patients,
 * schedules and the schedules' actors, so that each row reads in words. Before loading, tasks whose appointment is
 * fine again are closed with a note (api/'s closeResolvedTasks).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Resource, ResourceType, Schedule, Task } from '@medplum/fhirtypes';
import { closeResolvedTasks } from '../../../api';
import { TASK_TYPE_SYSTEM } from '../../../core/tasks';
import { occurrenceSettled, taskOccurrences } from '../../../core/series-tasks';
import { displayName } from '../actors';
import { formatDate, formatRange, scheduleName } from '../format';
import { scheduleZone } from './zone';

export interface WorklistRow {
  readonly task: WithId<Task>;
  readonly appointment?: WithId<Appointment>;
  readonly schedule?: WithId<Schedule>;
  readonly patient: string;
  /** The appointment's time in words, in its schedule's zone. */
  readonly when: string;
  readonly scheduleName: string;
  readonly reason: string;
  /** The note a closed task carries (why it was closed). */
  readonly note?: string;
  /** A series' task (one for all its affected occurrences): how many are still to move, and the last one's date. */
  readonly series?: { readonly remaining: number; readonly total: number; readonly until?: string };
}

async function byIds<T extends Resource>(
  medplum: MedplumClient,
  type: string,
  ids: Iterable<string>
): Promise<Map<string, WithId<T>>> {
  const list = [...new Set(ids)].filter(Boolean);
  const result = new Map<string, WithId<T>>();
  for (let i = 0; i < list.length; i += 50) {
    const found = await medplum.searchResources(
      type as ResourceType,
      { _id: list.slice(i, i + 50).join(','), _count: '50' },
      { cache: 'no-cache' }
    );
    found.forEach((r) => result.set(`${type}/${r.id}`, r as unknown as WithId<T>));
  }
  return result;
}

/**
 * A series task's occurrences still to move (not cancelled, still on the slot they held): the next one is the row's
 * appointment (its "Reschedule" moves it, or it and the following ones).
 */
function seriesProgress(
  task: Task,
  appointments: ReadonlyMap<string, WithId<Appointment>>
): { next?: WithId<Appointment>; until?: string; counts: { remaining: number; total: number } } | undefined {
  const named = taskOccurrences(task);
  if (named.length === 0) {
    return undefined;
  }
  const open = named
    .map((held) => ({ held, appointment: appointments.get(`Appointment/${held.appointmentId}`) }))
    .filter(({ held, appointment }) => !occurrenceSettled(held, appointment))
    .map(({ appointment }) => appointment as WithId<Appointment>)
    .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
  const last = open[open.length - 1];
  return {
    ...(open[0] ? { next: open[0] } : {}),
    ...(open.length > 1 && last?.start ? { until: last.start } : {}),
    counts: { remaining: open.length, total: named.length },
  };
}

const idOf = (ref: string | undefined, type: string): string =>
  ref?.startsWith(`${type}/`) ? ref.slice(type.length + 1) : '';

/** Loads the worklist; returns the rows and how many tasks were closed automatically. */
export async function loadWorklist(medplum: MedplumClient): Promise<{ rows: WorklistRow[]; autoClosed: number }> {
  const autoClosed = (await closeResolvedTasks(medplum, Date.now())).length;
  const tasks = await medplum.searchResources(
    'Task',
    { code: `${TASK_TYPE_SYSTEM}|reschedule-appointment`, _sort: '-_lastUpdated', _count: '200' },
    { cache: 'no-cache' }
  );
  const appointments = await byIds<Appointment>(medplum, 'Appointment', [
    ...tasks.map((t) => idOf(t.focus?.reference, 'Appointment')),
    ...tasks.flatMap((t) => taskOccurrences(t).map((o) => o.appointmentId)),
  ]);
  const patients = await byIds<Resource>(
    medplum,
    'Patient',
    tasks.map((t) => idOf(t.for?.reference, 'Patient'))
  );
  const schedules = await byIds<Schedule>(
    medplum,
    'Schedule',
    tasks.map((t) => idOf(t.reasonReference?.reference, 'Schedule'))
  );
  const actorRefs = [...schedules.values()].flatMap((s) => (s.actor ?? []).map((a) => a.reference ?? ''));
  const actors = new Map<string, WithId<Resource>>();
  for (const type of new Set(actorRefs.map((r) => r.split('/')[0] ?? ''))) {
    const found = await byIds<Resource>(
      medplum,
      type,
      actorRefs.filter((r) => r.startsWith(`${type}/`)).map((r) => idOf(r, type))
    );
    found.forEach((v, k) => actors.set(k, v));
  }
  const rows = tasks.map((task): WorklistRow => {
    const series = seriesProgress(task, appointments);
    const appointment = series?.next ?? appointments.get(task.focus?.reference ?? '');
    const schedule = schedules.get(task.reasonReference?.reference ?? '');
    const own = (schedule?.actor ?? [])
      .map((a) => actors.get(a.reference ?? ''))
      .filter((a): a is WithId<Resource> => !!a);
    const zone = scheduleZone(schedule, own);
    const start = appointment?.start;
    const end = appointment?.end;
    return {
      task,
      ...(appointment ? { appointment } : {}),
      ...(schedule ? { schedule } : {}),
      patient: displayName(patients.get(task.for?.reference ?? ''), task.for?.reference ?? 'No patient'),
      when: start && end ? formatRange(start, end, zone) : '—',
      scheduleName: schedule
        ? scheduleName(
            schedule,
            (schedule.actor ?? []).map((a) => displayName(actors.get(a.reference ?? ''), a.reference ?? '?'))
          )
        : '—',
      reason: task.reasonCode?.coding?.[0]?.display ?? task.description ?? '',
      ...(task.note?.length ? { note: task.note[task.note.length - 1]?.text } : {}),
      ...(series
        ? { series: { ...series.counts, ...(series.until ? { until: formatDate(series.until, zone) } : {}) } }
        : {}),
    };
  });
  // The soonest appointment first: what a front desk must move before anything else; rows without one last.
  const startOf = (row: WorklistRow): number => Date.parse(row.appointment?.start ?? '') || Number.POSITIVE_INFINITY;
  rows.sort((a, b) => startOf(a) - startOf(b));
  return { rows, autoClosed };
}
