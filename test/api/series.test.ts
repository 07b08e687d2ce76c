/**
 * Recurring series on the local runtime, booked by a front desk through the booking operation (every occurrence on
 * the booking Bot's path of single bookings): local time kept across a DST change, all or none (nothing written
 * when one occurrence fails, every failing one named with its rule or reason), what fits with the nearest
 * alternatives, and "this and following" cancellation.
 */
import type { WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type ClinikError, SERIES_MISS_SYSTEM, seriesOf } from '../../api';
import { BOOKING_RULE_SYSTEM } from '../../core/rules/breaches';
import { refusal } from './frontdesk-support';
import { expectNothingOrphaned, localTime, MON_THU, NOW, seriesClinic, snapshot } from './series-support';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('bookSeries', () => {
  test('12 occurrences twice a week across the DST change keep 09:00 New York time', async () => {
    const { medplum, desk, slotAt } = await seriesClinic();
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const { data } = await desk.appointments.bookSeries({
      slotId: first.id,
      patientId: 'pat-1',
      rule: { ...MON_THU, count: 12 },
      mode: 'all-or-none',
    });
    expect(data.notBooked).toEqual([]);
    expect(data.booked.map((a) => localTime(a.start))).toEqual(
      Array.from({ length: 12 }, (_, i) => `${i % 2 === 0 ? 'Mon' : 'Thu'} 09:00`)
    );
    // The instants move by the offset change: 14:00 UTC before 9 March, 13:00 UTC after.
    expect(data.booked.map((a) => new Date(a.start ?? '').toISOString().slice(11, 16))).toEqual([
      '14:00',
      '14:00',
      ...Array.from({ length: 10 }, () => '13:00'),
    ]);
    expect(data.booked.map((a) => seriesOf(a))).toEqual(
      data.booked.map((_, i) => ({ seriesId: data.seriesId, index: i + 1 }))
    );
    const { data: listed } = await desk.appointments.series(data.booked[5]?.id as string);
    expect(listed.map((a) => a.id)).toEqual(data.booked.map((a) => a.id));
    await expectNothingOrphaned(medplum);
  });

  test('all or none: one taken occurrence refuses the whole series, names it, and writes nothing', async () => {
    const { medplum, desk, slotAt } = await seriesClinic();
    const taken = await slotAt('2025-03-13T09:00:00-04:00'); // occurrence 4
    await desk.appointments.book({ slotId: taken.id, patientId: 'pat-2' });
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const before = await snapshot(medplum);
    const error = await refusal(
      desk.appointments.bookSeries({
        slotId: first.id,
        patientId: 'pat-1',
        rule: { ...MON_THU, count: 8 },
        mode: 'all-or-none',
      })
    );
    expect(error.status).toBe(409);
    const failing = error.outcome.issue.filter((i) => i.expression?.[0]?.startsWith('occurrences'));
    expect(failing.map((i) => [i.expression?.[0], i.details?.coding?.[0]?.code])).toEqual([
      ['occurrences[3]', 'taken'],
    ]);
    expect(failing[0]?.details?.coding?.[0]?.system).toBe(SERIES_MISS_SYSTEM);
    expect(failing[0]?.details?.text).toMatch(
      /^Occurrence 4, Thu 13 Mar 2025, 09:00 \(UTC−04:00\): Slot\/.* is booked/
    );
    expect(await snapshot(medplum)).toEqual(before);
  });

  test('a slot held by an expired hold counts as free: the booking releases the hold, as a single booking does', async () => {
    const { medplum, desk, slotAt } = await seriesClinic();
    const second = await slotAt('2025-03-06T09:00:00-05:00');
    const { data: hold } = await desk.appointments.hold({ slotId: second.id, patientId: 'pat-2', minutes: 1 });
    vi.setSystemTime(NOW + 5 * 60_000);
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const { data } = await desk.appointments.bookSeries({
      slotId: first.id,
      patientId: 'pat-1',
      rule: { ...MON_THU, count: 4 },
      mode: 'all-or-none',
    });
    expect(data.booked).toHaveLength(4);
    expect((await medplum.readResource('Appointment', hold.id)).status).toBe('cancelled');
    await expectNothingOrphaned(medplum);
  });

  test('all or none names every occurrence a booking rule refuses, counting the series’ own bookings', async () => {
    const { medplum, desk, slotAt } = await seriesClinic({
      rules: { weeklyLimit: 1, maximumAdvanceDays: 14 },
    });
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const before = await snapshot(medplum);
    const error = await refusal(
      desk.appointments.bookSeries({
        slotId: first.id,
        patientId: 'pat-1',
        rule: { ...MON_THU, count: 6 },
        mode: 'all-or-none',
      })
    );
    const rules = error.outcome.issue
      .filter((i) => i.details?.coding?.[0]?.system === BOOKING_RULE_SYSTEM)
      .map((i) => [i.expression?.[0], i.details?.coding?.[0]?.code]);
    // Mon 3, Thu 6, Mon 10, Thu 13, Mon 17, Thu 20 March: each Thursday is the week's second; the 17th is 17 days out.
    expect(rules).toEqual([
      ['occurrences[1]', 'weekly-limit'],
      ['occurrences[3]', 'weekly-limit'],
      ['occurrences[4]', 'maximum-advance'],
      ['occurrences[5]', 'maximum-advance'],
    ]);
    expect(await snapshot(medplum)).toEqual(before);
  });

  test('fit books what fits and lists the rest, each with the nearest free slot', async () => {
    const { medplum, desk, slotAt } = await seriesClinic({
      closed: { start: '2025-03-20T00:00:00-04:00', end: '2025-03-21T00:00:00-04:00' },
    });
    const taken = await slotAt('2025-03-10T09:00:00-04:00'); // occurrence 3
    await desk.appointments.book({ slotId: taken.id, patientId: 'pat-2' });
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const { data } = await desk.appointments.bookSeries({
      slotId: first.id,
      patientId: 'pat-1',
      rule: { ...MON_THU, count: 8 },
      mode: 'fit',
    });
    expect(data.booked.map((a) => seriesOf(a)?.index)).toEqual([1, 2, 4, 5, 7, 8]);
    expect(data.notBooked.map((m) => [m.index, m.code, m.start, localTime(m.alternative?.start)])).toEqual([
      [3, 'taken', '2025-03-10T09:00:00-04:00', 'Mon 09:30'], // the same morning, half an hour later
      [6, 'no-slot', '2025-03-20T09:00:00-04:00', 'Mon 10:30'], // the closed Thursday: the Monday before
    ]);
    expect(data.notBooked[1]?.alternative?.start).toBe('2025-03-17T10:30:00-04:00');
    await expectNothingOrphaned(medplum);
  });

  test('from a start on a schedule, and on any schedule of the practitioner when its own has no slot then', async () => {
    const closed = { start: '2025-03-20T00:00:00-04:00', end: '2025-03-21T00:00:00-04:00' };
    const { medplum, desk, scheduleId } = await seriesClinic({ closed });
    const { data: other } = await desk.schedules.create({
      actorIds: ['Practitioner/dr_jones'],
      specialty: ['Cardiology'],
      planningHorizon: { start: '2025-03-01T00:00:00Z', end: '2025-06-01T00:00:00Z' },
      availability: {
        timeZone: 'America/New_York',
        slotMinutes: 30,
        weekly: [{ days: ['thu'], start: '09:00', end: '10:00' }],
      },
    });
    await medplum.idle();
    const input = {
      start: '2025-03-03T09:00:00-05:00',
      scheduleId,
      patientId: 'pat-1',
      rule: { ...MON_THU, count: 6 },
    };
    const alone = await refusal(desk.appointments.bookSeries({ ...input, mode: 'all-or-none' }));
    expect(alone.outcome.issue.map((i) => i.details?.coding?.[0]?.code).filter(Boolean)).toEqual(['no-slot']);
    const { data } = await desk.appointments.bookSeries({
      ...input,
      mode: 'all-or-none',
      anySchedulesOfPractitioner: true,
    });
    expect(data.booked).toHaveLength(6);
    const sixth = await medplum.readResource('Slot', data.booked[5]?.slot?.[0]?.reference?.split('/')[1] as string);
    expect([sixth.schedule.reference, localTime(sixth.start)]).toEqual([`Schedule/${other.id}`, 'Thu 09:00']);
  });

  test('bad input is refused naming each field, before anything is written', async () => {
    const { desk, scheduleId, slotAt } = await seriesClinic();
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const fields = async (input: unknown): Promise<string[]> =>
      (await refusal(desk.appointments.bookSeries(input as never))).outcome.issue.flatMap((i) => i.expression ?? []);
    expect(await fields({ patientId: 'pat-1', rule: { kind: 'weekly', days: ['mon'], count: 2 } })).toEqual([
      'mode',
      'slotId',
    ]);
    expect(
      await fields({
        slotId: first.id,
        start: first.start,
        patientId: '',
        rule: { kind: 'weekly', days: [] },
        mode: 'fit',
      })
    ).toEqual(['patientId', 'slotId', 'rule.days', 'rule.count']);
    expect(
      await fields({ start: 'soon', scheduleId, patientId: 'pat-1', rule: { ...MON_THU, count: 53 }, mode: 'fit' })
    ).toEqual(['start', 'rule.count']);
    expect(
      await fields({
        slotId: first.id,
        patientId: 'pat-1',
        rule: { kind: 'weekly', days: ['tue'], count: 2 },
        mode: 'fit',
      })
    ).toEqual(['rule.days']); // Mon 3 March is not a Tuesday
    expect(
      await fields({ slotId: first.id, patientId: 'nobody', rule: { ...MON_THU, count: 2 }, mode: 'fit' })
    ).toEqual(['patientId']);
  });
});

describe('cancelSeries', () => {
  test('this and following cancels the occurrence and every later one; one cancels one; the times are free again', async () => {
    const { medplum, desk, slotAt } = await seriesClinic();
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const { data } = await desk.appointments.bookSeries({
      slotId: first.id,
      patientId: 'pat-1',
      rule: { ...MON_THU, count: 6 },
      mode: 'all-or-none',
    });
    const third = data.booked[2] as WithId<Appointment>;
    const { data: cancelled } = await desk.appointments.cancelSeries({
      appointmentId: third.id,
      scope: 'this-and-following',
      reason: 'Course ended early',
    });
    expect(cancelled.map((a) => [seriesOf(a)?.index, a.status])).toEqual([3, 4, 5, 6].map((i) => [i, 'cancelled']));
    await desk.appointments.cancelSeries({ appointmentId: data.booked[0]?.id as string, scope: 'one', reason: 'Ill' });
    const { data: listed } = await desk.appointments.series(third.id);
    expect(listed.map((a) => a.status)).toEqual([
      'cancelled',
      'booked',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    await expectNothingOrphaned(medplum);
    const free = await medplum.searchResources('Slot', { status: 'free', start: 'eq2025-03-10T13:00:00Z' });
    expect(free).toHaveLength(1);
  });

  test('refusals name the field; an appointment outside any series is not one', async () => {
    const { desk, slotAt } = await seriesClinic();
    const slot = await slotAt('2025-03-03T09:00:00-05:00');
    const { data: single } = await desk.appointments.book({ slotId: slot.id, patientId: 'pat-1' });
    const fieldsOf = (e: ClinikError): string[] => e.outcome.issue.flatMap((i) => i.expression ?? []);
    const bad = await refusal(
      desk.appointments.cancelSeries({ appointmentId: single.id, scope: 'all' as never, reason: ' ' })
    );
    expect(fieldsOf(bad)).toEqual(['scope', 'reason']);
    const alone = await refusal(
      desk.appointments.cancelSeries({ appointmentId: single.id, scope: 'one', reason: 'x' })
    );
    expect([alone.status, fieldsOf(alone)]).toEqual([400, ['appointmentId']]);
    expect((await refusal(desk.appointments.series(single.id))).status).toBe(400);
  });
});
