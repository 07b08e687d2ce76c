import type { Schedule } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { refusal } from './frontdesk-support';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { ClinikError, createClinik, type Clinik } from '../../api';

let medplum: LocalMedplum;
let clinik: Clinik;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-01T00:00:00Z') });
  medplum = createLocalMedplum();
  clinik = createClinik(medplum);
  // Booking checks the patient exists.
  await medplum.updateResource({ resourceType: 'Patient', id: 'pat-1' });
  await medplum.updateResource({ resourceType: 'Patient', id: 'pat-2' });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const base = { actorIds: ['Practitioner/dr_smith'] };

describe('schedules.create', () => {
  test('maps known names to standard codes and keeps the text; codings are checked', async () => {
    const { data } = await clinik.schedules.create({
      ...base,
      serviceCategory: ['general practice'],
      serviceType: ['Cardiology', 'Walk-in review'],
      specialty: [{ code: '394579002' }, 'Obstetrics & Gynecology'],
    });
    expect(data.active).toBe(true);
    expect(data.serviceCategory?.[0]?.coding?.[0]).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/service-category',
      code: '17',
      display: 'General Practice',
    });
    expect(data.serviceCategory?.[0]?.text).toBe('general practice');
    expect(data.serviceType?.[0]?.coding?.[0]?.code).toBe('165');
    expect(data.serviceType?.[1]).toEqual({ text: 'Walk-in review' });
    expect(data.specialty?.map((s) => s.coding?.[0]?.code)).toEqual(['394579002', '394585009']);
  });

  test('writes availability as Medplum SchedulingParameters', async () => {
    const { data } = await clinik.schedules.create({
      ...base,
      planningHorizon: { start: '2025-03-03T00:00:00Z', end: '2025-03-04T00:00:00Z' },
      availability: { timeZone: 'UTC', slotMinutes: 20, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
    });
    expect(data.extension?.[0]?.url).toBe('https://medplum.com/fhir/StructureDefinition/SchedulingParameters');
    await medplum.idle();
    const slots = await clinik.slots.search({ scheduleId: data.id });
    expect(slots.data.map((s) => s.start)).toEqual([
      '2025-03-03T09:00:00+00:00',
      '2025-03-03T09:20:00+00:00',
      '2025-03-03T09:40:00+00:00',
    ]);
  });

  const BAD: [string, Parameters<Clinik['schedules']['create']>[0], string[]][] = [
    ['no actor', { actorIds: [] }, ['actorIds']],
    ['unknown actor type', { actorIds: ['Observation/o1'] }, ['actorIds[0]']],
    ['malformed reference', { actorIds: ['dr_smith'] }, ['actorIds[0]']],
    ['reference with a path', { actorIds: ['Practitioner/a/b'] }, ['actorIds[0]']],
    [
      'horizon end before start',
      { ...base, planningHorizon: { start: '2025-06-30T00:00:00Z', end: '2025-03-01T00:00:00Z' } },
      ['Schedule.planningHorizon.end'],
    ],
    ['malformed horizon', { ...base, planningHorizon: { start: 'soon' } }, ['Schedule.planningHorizon.start']],
    [
      'unknown code system',
      { ...base, specialty: [{ system: 'http://example.org/x', code: '1' }] },
      ['specialty[0].system'],
    ],
    ['unknown code', { ...base, serviceCategory: [{ code: '999' }] }, ['serviceCategory[0].code']],
    ['empty name', { ...base, serviceType: ['  '] }, ['serviceType[0]']],
    [
      'availability without a zone anywhere',
      { ...base, availability: { slotMinutes: 30, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] } },
      ['Schedule.extension[0]'],
    ],
    [
      'availability with a zero slot length',
      {
        ...base,
        availability: { timeZone: 'UTC', slotMinutes: 0, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
      },
      ['Schedule.extension[0].extension[1].valueDuration'],
    ],
  ];
  test.each(BAD)('refuses %s before writing', async (_name, input, expressions) => {
    const creates = vi.spyOn(medplum, 'createResource');
    const error = await refusal(clinik.schedules.create(input));
    expect(error.status).toBe(400);
    expect(error.outcome.issue.map((i) => i.expression?.[0])).toEqual(expressions);
    expect(creates).not.toHaveBeenCalled();
  });
});

describe('schedules.update', () => {
  test('partial update keeps the rest; optimistic concurrency refuses a stale version', async () => {
    const { data: created } = await clinik.schedules.create({ ...base, specialty: ['Cardiology'], comment: 'Q2' });
    const { data: paused } = await clinik.schedules.update(created.id, { active: false, comment: 'On leave' });
    expect(paused.active).toBe(false);
    expect(paused.comment).toBe('On leave');
    expect(paused.specialty).toEqual(created.specialty);
    const error = await refusal(
      clinik.schedules.update(created.id, { comment: 'stale edit' }, { version: created.meta?.versionId })
    );
    expect(error.status).toBe(412);
    expect(error.message).toMatch(/changed by someone else/);
    expect((await clinik.schedules.get(created.id)).data.comment).toBe('On leave');
  });

  test('two editors racing: one wins, the other is told', async () => {
    const { data: created } = await clinik.schedules.create(base);
    const version = created.meta?.versionId;
    const results = await Promise.allSettled([
      clinik.schedules.update(created.id, { comment: 'A' }, { version }),
      clinik.schedules.update(created.id, { comment: 'B' }, { version }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)
    ).toEqual([412]);
  });

  test('unknown schedule: 404', async () => {
    expect((await refusal(clinik.schedules.update('nope', { active: false }))).status).toBe(404);
  });
});

describe('schedules.search', () => {
  async function seed(): Promise<Schedule[]> {
    const out: Schedule[] = [];
    for (const [specialty, active, actor] of [
      ['Cardiology', true, 'Practitioner/a'],
      ['Cardiology', false, 'Practitioner/b'],
      ['Dermatology', true, 'Location/r1'],
      ['Cardiology', true, 'Location/r1'],
    ] as const) {
      out.push(
        (
          await clinik.schedules.create({
            actorIds: [actor],
            active,
            specialty: [specialty],
            planningHorizon: { start: '2025-04-01T00:00:00Z', end: '2025-04-30T23:59:59Z' },
          })
        ).data
      );
    }
    return out;
  }

  test('by specialty name or coding, active, actor and a date inside the horizon', async () => {
    const [a, , c, d] = await seed();
    const ids = async (criteria: Parameters<Clinik['schedules']['search']>[0]): Promise<string[]> =>
      (await clinik.schedules.search(criteria)).data.map((s) => s.id).sort();
    expect(await ids({ specialty: 'Cardiology', active: true })).toEqual([a?.id, d?.id].sort());
    expect(await ids({ specialty: { code: '394579002' }, active: true })).toEqual([a?.id, d?.id].sort());
    expect(await ids({ actorId: 'Location/r1' })).toEqual([c?.id, d?.id].sort());
    expect(await ids({ date: '2025-04-15', specialty: 'Dermatology' })).toEqual([c?.id]);
    expect(await ids({ date: '2025-05-15' })).toEqual([]);
  });

  test('pages with a total', async () => {
    await seed();
    const first = await clinik.schedules.search({ count: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.total).toBe(4);
    expect(first.nextOffset).toBe(3);
    const second = await clinik.schedules.search({ count: 3, offset: first.nextOffset });
    expect(second.data).toHaveLength(1);
    expect(second.nextOffset).toBeUndefined();
  });

  test('bad criteria are refused', async () => {
    expect((await refusal(clinik.schedules.search({ count: 5000 }))).outcome.issue[0]?.expression).toEqual(['count']);
    expect((await refusal(clinik.schedules.search({ date: 'tomorrow' }))).outcome.issue[0]?.expression).toEqual([
      'date',
    ]);
    expect((await refusal(clinik.schedules.search({ actorId: 'Observation/1' }))).outcome.issue[0]?.expression).toEqual(
      ['actorId']
    );
  });
});

describe('slots and appointments', () => {
  async function freeSlot(): Promise<string> {
    const { data: schedule } = await clinik.schedules.create(base);
    const { data: slot } = await clinik.slots.create({
      scheduleId: schedule.id,
      start: '2025-04-01T09:00:00Z',
      end: '2025-04-01T09:30:00Z',
    });
    expect(slot.status).toBe('free');
    return slot.id;
  }

  test('slots.create refuses bad times, status and schedule', async () => {
    const { data: schedule } = await clinik.schedules.create(base);
    const bad = await refusal(
      clinik.slots.create({
        scheduleId: schedule.id,
        status: 'open' as never,
        start: '2025-04-01T10:00:00Z',
        end: '2025-04-01T09:00:00Z',
      })
    );
    expect(bad.outcome.issue.map((i) => i.expression?.[0])).toEqual(['end', 'status']);
    expect(
      (
        await refusal(
          clinik.slots.create({ scheduleId: 'missing', start: '2025-04-01T09:00:00Z', end: '2025-04-01T10:00:00Z' })
        )
      ).status
    ).toBe(404);
    expect(
      (
        await refusal(
          clinik.slots.create({ scheduleId: schedule.id, start: '2025-04-01T09:00:00', end: '2025-04-01T10:00:00Z' })
        )
      ).outcome.issue[0]?.expression
    ).toEqual(['start']);
  });

  test('book makes the slot busy; two concurrent bookings: exactly one wins', async () => {
    const slotId = await freeSlot();
    const results = await Promise.allSettled([
      clinik.appointments.book({ slotId, patientId: 'pat-1' }),
      clinik.appointments.book({ slotId, patientId: 'pat-2' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ClinikError);
    expect(lost[0]?.reason.status).toBe(409);
    expect((await medplum.readResource('Slot', slotId)).status).toBe('busy');
    expect(await medplum.searchResources('Appointment', {})).toHaveLength(1);
  });

  test('cancel frees the slot; a booked slot cannot be freed by hand', async () => {
    const slotId = await freeSlot();
    const { data: appointment } = await clinik.appointments.book({ slotId, patientId: 'pat-1' });
    const refused = await refusal(clinik.slots.update(slotId, { status: 'free' }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(/cancel the appointment instead/);
    expect((await refusal(clinik.appointments.cancel(appointment.id, ' '))).outcome.issue[0]?.expression).toEqual([
      'reason',
    ]);
    const { data: cancelled } = await clinik.appointments.cancel(appointment.id, 'Patient request');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelationReason?.text).toBe('Patient request');
    await medplum.idle();
    expect((await medplum.readResource('Slot', slotId)).status).toBe('free');
  });

  test('server errors come through with their outcome', async () => {
    vi.spyOn(medplum, 'createResource').mockRejectedValue(
      Object.assign(new Error('Forbidden'), {
        outcome: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'forbidden', details: { text: 'Forbidden' } }],
        },
      })
    );
    const error = await refusal(clinik.schedules.create(base));
    expect(error.status).toBe(403);
    expect(error.message).toBe('Forbidden');
  });
});
