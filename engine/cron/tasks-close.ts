/**
 * Closing reschedule Tasks: when their appointment was moved, and when it is fine again (the schedule was
 * reactivated, or its hours changed back, and the booked slot is still valid).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Schedule, Slot, Task } from '@medplum/fhirtypes';
import { readScheduleRules } from '../../core/availability/index';
import { coveredBy } from '../../core/intervals';
import { slotInterval } from '../../core/slot-diff';
import { openIntervals } from '../../core/slot-plan';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import { occurrenceSettled, taskOccurrences } from '../../core/series-tasks';
import { SERIES_SYSTEM, seriesOf } from '../../core/series';
import { days, formatUtc } from '../../core/time';
import { referenceId } from '../../core/references';
import { actorsForZone } from '../sync/actors';
import { servicesOf } from '../sync/services';
import { readOrUndefined, send, updateConverging, type Io } from '../transport/conditional-write';
import type { Pacer } from '../transport/pacing';
import { MAX_PAGE } from '../transport/search';

/** Task statuses of a worklist item still to do. */
export const OPEN_TASK_STATUSES = ['requested', 'received', 'accepted', 'ready', 'in-progress'] as const;

/** Open reschedule Tasks, of one Appointment when given. */
function searchOpenTasks(io: Io, appointmentId?: string): Promise<WithId<Task>[]> {
  const params = new URLSearchParams([
    ...(appointmentId ? [['focus', `Appointment/${appointmentId}`]] : []),
    ['code', `${TASK_TYPE_SYSTEM}|reschedule-appointment`],
    ['status', OPEN_TASK_STATUSES.join(',')],
    ...(appointmentId ? [] : [['_count', String(MAX_PAGE)]]),
  ]);
  return send(io, 'search reschedule Tasks', () => io.medplum.searchResources('Task', params, { cache: 'no-cache' }));
}

/**
 * Completes every open reschedule Task of an Appointment, with a note (idempotent: a Task already closed is left).
 *
 * @example
 * await completeRescheduleTasks({ medplum }, 'appt-1', 'Rescheduled to Mon 3 Mar 09:00.', Date.now());
 */
export async function completeRescheduleTasks(
  io: Io,
  appointmentId: string,
  note: string,
  now: number
): Promise<WithId<Task>[]> {
  // A series' Task focuses on its first occurrence but names them all: it closes when they are all settled.
  const open = (await searchOpenTasks(io, appointmentId)).filter((t) => taskOccurrences(t).length === 0);
  const closed: WithId<Task>[] = [];
  for (const task of open) {
    closed.push(await completeTask(io, task, note, now));
  }
  return closed;
}

/** Completes an open Task with a note (idempotent: a Task closed meanwhile is left as it is). */
export function completeTask(io: Io, task: WithId<Task>, note: string, now: number): Promise<WithId<Task>> {
  return updateConverging(io, task, (latest): Task | undefined =>
    (OPEN_TASK_STATUSES as readonly string[]).includes(latest.status)
      ? {
          ...latest,
          status: 'completed',
          lastModified: formatUtc(now),
          note: [...(latest.note ?? []), { text: note, time: formatUtc(now) }],
        }
      : undefined
  );
}

/**
 * Whether a booked Appointment's slot fits its schedule again: the schedule is active, the slot inside the planning
 * horizon and (for a schedule with availability rules) inside its open hours.
 */
export async function bookingFitsAgain(io: Io, appointment: Appointment): Promise<boolean> {
  if (!['booked', 'pending', 'arrived', 'checked-in'].includes(appointment.status)) {
    return false;
  }
  const slot: Slot | undefined = await readOrUndefined(io, 'Slot', referenceId(appointment.slot?.[0], 'Slot'));
  const interval = slot ? slotInterval(slot) : undefined;
  const schedule = slot ? await readOrUndefined(io, 'Schedule', referenceId(slot.schedule, 'Schedule')) : undefined;
  if (!slot || !interval || !schedule || schedule.active === false || slot.status === 'free') {
    return false;
  }
  const rules = readScheduleRules(schedule, {
    actors: await actorsForZone(io, schedule),
    services: await servicesOf(io, schedule),
  });
  if (!rules.ok) {
    return false;
  }
  const { horizon, availability, visitTypes } = rules.value;
  if (
    (horizon.start !== undefined && interval.start < horizon.start) ||
    (horizon.end !== undefined && interval.end > horizon.end)
  ) {
    return false;
  }
  const grids = [...(availability ? [availability] : []), ...(visitTypes ?? []).map((v) => v.availability)];
  const around = { start: interval.start - days(1), end: interval.end + days(1) };
  return grids.length === 0 || grids.some((grid) => coveredBy(interval, openIntervals(grid, around)));
}

/**
 * Closes the open reschedule Tasks whose Appointment fits its schedule again (or was cancelled), with a note saying
 * why. The worklist runs it when it loads; the schedule bot's cron run runs it with its pacer.
 *
 * @example
 * const closed = await closeResolvedTasks(medplum, Date.now());
 */
export async function closeResolvedTasks(medplum: MedplumClient, now: number, pacer?: Pacer): Promise<WithId<Task>[]> {
  const io: Io = { medplum, pacer };
  const all = await searchOpenTasks(io);
  const open = all.filter((t) => taskOccurrences(t).length === 0);
  // Batched reads (`_id=…`): the appointments, and the schedules named by the tasks. Only a task whose schedule is
  // active again is checked slot by slot.
  const appointments = await readMany<Appointment>(
    io,
    'Appointment',
    open.map((t) => t.focus?.reference ?? '')
  );
  const schedules = await readMany<Schedule>(
    io,
    'Schedule',
    open.map((t) => t.reasonReference?.reference ?? '')
  );
  const closed: WithId<Task>[] = [];
  const seen = new Set<string>();
  for (const task of open) {
    const ref = task.focus?.reference ?? '';
    const appointment = appointments.get(ref);
    if (!appointment || seen.has(ref)) {
      continue;
    }
    seen.add(ref);
    const scheduleActive = schedules.get(task.reasonReference?.reference ?? '')?.active !== false;
    const fixable = open.some(
      (t) =>
        t.focus?.reference === ref &&
        t.reasonCode?.coding?.some((c) => c.code === 'schedule-deactivated' || c.code === 'outside-availability')
    );
    let note: string | undefined;
    if (appointment.status === 'cancelled') {
      note = 'Closed automatically: the appointment was cancelled.';
    } else if (fixable && scheduleActive && (await bookingFitsAgain(io, appointment))) {
      note =
        'Closed automatically: the appointment fits its schedule again (the schedule is active and the slot is valid).';
    }
    if (note) {
      closed.push(...(await completeRescheduleTasks(io, appointment.id, note, now)));
    }
  }
  closed.push(...(await closeSettledSeriesTasks(io, all, now)));
  return closed;
}

/**
 * Completes the open series Tasks among `tasks` whose every occurrence is settled: moved off the Slot it held,
 * cancelled, or (its schedule active again) fitting its schedule again.
 */
async function closeSettledSeriesTasks(io: Io, tasks: readonly WithId<Task>[], now: number): Promise<WithId<Task>[]> {
  const series = tasks.filter((t) => taskOccurrences(t).length > 0);
  const refs = series.flatMap((t) => taskOccurrences(t).map((o) => `Appointment/${o.appointmentId}`));
  const appointments = await readMany<Appointment>(io, 'Appointment', refs);
  const schedules = await readMany<Schedule>(
    io,
    'Schedule',
    series.map((t) => t.reasonReference?.reference ?? '')
  );
  const closed: WithId<Task>[] = [];
  for (const task of series) {
    const active = schedules.get(task.reasonReference?.reference ?? '')?.active !== false;
    let settled = true;
    for (const held of taskOccurrences(task)) {
      const appointment = appointments.get(`Appointment/${held.appointmentId}`);
      if (
        !occurrenceSettled(held, appointment) &&
        !(active && appointment && (await bookingFitsAgain(io, appointment)))
      ) {
        settled = false;
        break;
      }
    }
    if (settled) {
      const note = 'Closed: every appointment of the series was moved, cancelled or fits its schedule again.';
      closed.push(await completeTask(io, task, note, now));
    }
  }
  return closed;
}

/**
 * After an occurrence of a series was moved or cancelled: its series' open Tasks close if that was the last one.
 *
 * @example
 * await settleSeriesTasks({ medplum }, movedAppointment, Date.now());
 */
export async function settleSeriesTasks(io: Io, appointment: Appointment, now: number): Promise<WithId<Task>[]> {
  const seriesId = seriesOf(appointment)?.seriesId;
  if (!seriesId) {
    return [];
  }
  const params = new URLSearchParams([
    ['identifier', `${SERIES_SYSTEM}|${seriesId}`],
    ['code', `${TASK_TYPE_SYSTEM}|reschedule-appointment`],
    ['status', OPEN_TASK_STATUSES.join(',')],
  ]);
  const open = await send(io, 'search series Tasks', () =>
    io.medplum.searchResources('Task', params, { cache: 'no-cache' })
  );
  return closeSettledSeriesTasks(io, open, now);
}

/** Resources by `Type/id` reference, read in searches of 50 ids. */
async function readMany<T extends Appointment | Schedule>(
  io: Io,
  type: T['resourceType'],
  refs: readonly string[]
): Promise<Map<string, WithId<T>>> {
  const ids = [...new Set(refs.map((r) => referenceId(r, type)).filter((id): id is string => id !== undefined))];
  const result = new Map<string, WithId<T>>();
  for (let i = 0; i < ids.length; i += 50) {
    const batch = { _id: ids.slice(i, i + 50).join(','), _count: '50' };
    const found = await send(io, `search ${type}s`, () =>
      io.medplum.searchResources(type, batch, { cache: 'no-cache' })
    );
    for (const resource of found as unknown as WithId<T>[]) {
      result.set(`${type}/${resource.id}`, resource);
    }
  }
  return result;
}
