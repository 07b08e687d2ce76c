/**
 * Moving a recurring series on the local runtime, by a front desk through the booking operation (every move on the
 * booking Bot's path of single reschedules): "this and following" keeps the new local time across a DST change, all
 * or none changes nothing when one occurrence cannot move, fit moves the rest and offers the nearest free time, "one"
 * moves one, bad input is refused naming the field, and the booking operation gives a front desk what the direct
 * path gives a project admin.
 */
import type { WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type Clinik,
  type ClinikError,
  createClinik,
  SERIES_MISS_SYSTEM,
  type SeriesRescheduling,
  seriesOf,
} from '../../api';
import { refusal } from './frontdesk-support';
import { expectNothingOrphaned, localTime, seriesClinic, type SeriesClinic, snapshot } from './series-support';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Dr Jones open Mon, Tue and Thu 09:00–11:00; a weekly series of 6 on Mondays at 09:00 from 3 March (EST). */
async function mondaySeries(): Promise<SeriesClinic & { series: WithId<Appointment>[] }> {
  const clinic = await seriesClinic({ days: ['mon', 'tue', 'thu'] });
  const first = await clinic.slotAt('2025-03-03T09:00:00-05:00');
  const { data } = await clinic.desk.appointments.bookSeries({
    slotId: first.id,
    patientId: 'pat-1',
    rule: { kind: 'weekly', days: ['mon'], count: 6 },
    mode: 'all-or-none',
  });
  await clinic.medplum.idle();
  return { ...clinic, series: data.booked };
}

const utcTime = (a: Appointment): string => new Date(a.start ?? '').toISOString().slice(11, 16);
const slotOf = (a: Appointment): string => a.slot?.[0]?.reference ?? '';

describe('rescheduleSeries, this and following', () => {
  test('6 Mondays 09:00 → Tuesdays 10:00 across the DST change keep 10:00 New York time; the same Appointments move', async () => {
    const { medplum, desk, slotAt, series } = await mondaySeries();
    const tuesday = await slotAt('2025-03-04T10:00:00-05:00');
    const { data } = await desk.appointments.rescheduleSeries({
      appointmentId: series[0]?.id as string,
      newSlotId: tuesday.id,
      scope: 'this-and-following',
    });
    expect(data.notMoved).toEqual([]);
    expect(data.moved.map((a) => localTime(a.start))).toEqual(Array.from({ length: 6 }, () => 'Tue 10:00'));
    // The instants move by the offset change: 15:00 UTC before 9 March, 14:00 UTC after.
    expect(data.moved.map(utcTime)).toEqual(['15:00', '14:00', '14:00', '14:00', '14:00', '14:00']);
    expect(data.moved.map((a) => [a.id, seriesOf(a)])).toEqual(series.map((a) => [a.id, seriesOf(a)]));
    expect(data.seriesId).toBe(seriesOf(series[0] as Appointment)?.seriesId);
    expect(data.moved[0]?.slot?.[0]?.reference).toBe(`Slot/${tuesday.id}`);
    for (const old of series) {
      expect((await medplum.readResource('Slot', slotOf(old).split('/')[1] as string)).status).toBe('free');
    }
    await expectNothingOrphaned(medplum);
  });

  test('all or none: one target booked by another patient refuses the move, names it, and changes nothing', async () => {
    const { medplum, desk, slotAt, series } = await mondaySeries();
    const blocked = await slotAt('2025-03-18T10:00:00-04:00'); // occurrence 3's target
    await desk.appointments.book({ slotId: blocked.id, patientId: 'pat-2' });
    const tuesday = await slotAt('2025-03-04T10:00:00-05:00');
    await medplum.idle();
    const before = await snapshot(medplum);
    const error = await refusal(
      desk.appointments.rescheduleSeries({
        appointmentId: series[0]?.id as string,
        newSlotId: tuesday.id,
        scope: 'this-and-following',
        mode: 'all-or-none',
      })
    );
    expect(error.status).toBe(409);
    const failing = error.outcome.issue.filter((i) => i.expression?.[0]?.startsWith('occurrences'));
    expect(failing.map((i) => [i.expression?.[0], i.details?.coding?.[0]?.code])).toEqual([
      ['occurrences[2]', 'taken'],
    ]);
    expect(failing[0]?.details?.coding?.[0]?.system).toBe(SERIES_MISS_SYSTEM);
    expect(failing[0]?.details?.text).toMatch(
      /^Occurrence 3, Tue 18 Mar 2025, 10:00 \(UTC−04:00\): Slot\/.* is booked/
    );
    expect(await snapshot(medplum)).toEqual(before); // every Slot, Appointment, lease and Provenance unchanged
    const { data: listed } = await desk.appointments.series(series[0]?.id as string);
    expect(listed.map((a) => [a.start, slotOf(a)])).toEqual(series.map((a) => [a.start, slotOf(a)]));
  });

  test('fit: the rest move, and the occurrence that cannot comes back with why and the nearest free time', async () => {
    const { medplum, desk, slotAt, series } = await mondaySeries();
    const blocked = await slotAt('2025-03-18T10:00:00-04:00'); // occurrence 3's target
    await desk.appointments.book({ slotId: blocked.id, patientId: 'pat-2' });
    const tuesday = await slotAt('2025-03-11T10:00:00-04:00'); // from occurrence 2 on
    const { data } = await desk.appointments.rescheduleSeries({
      appointmentId: series[1]?.id as string,
      newSlotId: tuesday.id,
      scope: 'this-and-following',
      mode: 'fit',
    });
    expect(data.moved.map((a) => [seriesOf(a)?.index, localTime(a.start)])).toEqual(
      [2, 4, 5, 6].map((i) => [i, 'Tue 10:00'])
    );
    expect(data.notMoved.map((m) => [m.index, m.code, m.local, m.start, localTime(m.alternative?.start)])).toEqual([
      [3, 'taken', '2025-03-18T10:00:00', '2025-03-18T10:00:00-04:00', 'Tue 09:30'],
    ]);
    expect(data.notMoved[0]?.alternative?.start).toBe('2025-03-18T09:30:00-04:00');
    const { data: listed } = await desk.appointments.series(series[0]?.id as string);
    // Occurrence 1 is before the chosen one, occurrence 3 could not move: both stay on Monday 09:00.
    expect(listed.map((a) => localTime(a.start))).toEqual([
      'Mon 09:00',
      'Tue 10:00',
      'Mon 09:00',
      'Tue 10:00',
      'Tue 10:00',
      'Tue 10:00',
    ]);
    await expectNothingOrphaned(medplum);
  });

  test('a shift of exactly one week: each occurrence takes the slot the next one leaves (the last moves first)', async () => {
    const { medplum, desk, slotAt, series } = await mondaySeries();
    const nextMonday = await slotAt('2025-03-10T09:00:00-04:00'); // occurrence 2's slot now
    const { data } = await desk.appointments.rescheduleSeries({
      appointmentId: series[0]?.id as string,
      newSlotId: nextMonday.id,
      scope: 'this-and-following',
    });
    expect(data.moved.map((a) => a.start)).toEqual([
      ...series.slice(1).map((a) => a.start),
      '2025-04-14T09:00:00-04:00',
    ]);
    expect(data.moved.map((a) => slotOf(a))).toEqual([...series.slice(1).map(slotOf), expect.any(String)]);
    await expectNothingOrphaned(medplum);
  });
});

describe('rescheduleSeries, one occurrence', () => {
  test('moves only that occurrence, as a single reschedule does', async () => {
    const { medplum, desk, slotAt, series } = await mondaySeries();
    const tuesday = await slotAt('2025-03-11T10:00:00-04:00');
    const { data } = await desk.appointments.rescheduleSeries({
      appointmentId: series[1]?.id as string,
      newSlotId: tuesday.id,
      scope: 'one',
    });
    expect(data.moved.map((a) => [a.id, a.start])).toEqual([[series[1]?.id, '2025-03-11T10:00:00-04:00']]);
    expect(data.notMoved).toEqual([]);
    const { data: listed } = await desk.appointments.series(series[0]?.id as string);
    expect(listed.map((a) => localTime(a.start))).toEqual(['Mon 09:00', 'Tue 10:00', ...Array(4).fill('Mon 09:00')]);
    await expectNothingOrphaned(medplum);
  });
});

describe('rescheduleSeries, bad input', () => {
  test('is refused with a 400 naming each field, before anything is written', async () => {
    const { medplum, desk, slotAt, series } = await mondaySeries();
    const fieldsOf = (e: ClinikError): string[] => e.outcome.issue.flatMap((i) => i.expression ?? []);
    const before = await snapshot(medplum);
    const bad = await refusal(
      desk.appointments.rescheduleSeries({
        appointmentId: '',
        newSlotId: 'not an id!',
        scope: 'all' as never,
        mode: 'some' as never,
      })
    );
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ['appointmentId', 'newSlotId', 'scope', 'mode']]);
    const appointmentId = series[0]?.id as string;
    const own = await refusal(
      desk.appointments.rescheduleSeries({
        appointmentId,
        newSlotId: slotOf(series[0] as Appointment).split('/')[1] as string,
        scope: 'this-and-following',
      })
    );
    expect([own.status, fieldsOf(own)]).toEqual([400, ['newSlotId']]);
    const missing = await refusal(
      desk.appointments.rescheduleSeries({ appointmentId, newSlotId: 'no-such-slot', scope: 'this-and-following' })
    );
    expect([missing.status, fieldsOf(missing)]).toEqual([404, ['newSlotId']]);
    const noReason = await refusal(
      desk.appointments.rescheduleSeries({ appointmentId, newSlotId: 'x', scope: 'one', override: { reason: ' ' } })
    );
    expect([noReason.status, fieldsOf(noReason)]).toEqual([400, ['override.reason']]);
    expect(await snapshot(medplum)).toEqual(before);
    const single = await slotAt('2025-03-06T09:00:00-05:00');
    const { data: alone } = await desk.appointments.book({ slotId: single.id, patientId: 'pat-2' });
    const notSeries = await refusal(
      desk.appointments.rescheduleSeries({ appointmentId: alone.id, newSlotId: single.id, scope: 'one' })
    );
    expect([notSeries.status, fieldsOf(notSeries)]).toEqual([400, ['appointmentId']]);
  });
});

describe('rescheduleSeries through the booking operation', () => {
  /** The fit move of the series from occurrence 1 to Tuesday 10:00 with occurrence 3's target taken, in words. */
  async function fitMove(as: (c: SeriesClinic) => Clinik): Promise<unknown[]> {
    const c = await mondaySeries();
    await c.desk.appointments.book({ slotId: (await c.slotAt('2025-03-18T10:00:00-04:00')).id, patientId: 'pat-2' });
    const tuesday = await c.slotAt('2025-03-04T10:00:00-05:00');
    const input = {
      appointmentId: c.series[0]?.id as string,
      newSlotId: tuesday.id,
      scope: 'this-and-following',
    } as const;
    const { data } = await as(c).appointments.rescheduleSeries({ ...input, mode: 'fit' });
    await expectNothingOrphaned(c.medplum);
    return summary(data);
  }
  const summary = (data: SeriesRescheduling): unknown[] => [
    data.moved.map((a) => [seriesOf(a)?.index, localTime(a.start), utcTime(a)]),
    data.notMoved.map((m) => [m.index, m.code, m.local, localTime(m.alternative?.start)]),
  ];

  test('a front desk (staff policy, server mode) gets what a project admin gets on the direct path', async () => {
    const actions: unknown[] = [];
    const server = await fitMove((c) => {
      const execute = c.medplum.executeBot.bind(c.medplum);
      vi.spyOn(c.medplum, 'executeBot').mockImplementation((id, body, ...rest) => {
        actions.push((body as { action?: string }).action);
        return execute(id, body, ...rest);
      });
      return createClinik(c.medplum, { booking: 'server' });
    });
    expect(actions).toEqual(['series.reschedule']); // one run of the operation
    const direct = await fitMove((c) => {
      c.medplum.server.setPolicy('api', undefined);
      vi.spyOn(c.medplum, 'isProjectAdmin').mockReturnValue(true);
      return createClinik(c.medplum, { booking: 'direct' });
    });
    expect(server).toEqual(direct);
    expect(server).toEqual([
      [1, 2, 4, 5, 6].map((i) => [i, 'Tue 10:00', i === 1 ? '15:00' : '14:00']),
      [[3, 'taken', '2025-03-18T10:00:00', 'Tue 09:30']],
    ]);
  });
});
