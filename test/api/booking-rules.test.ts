/**
 * The booking rules a clinic sets on a schedule (notice, advance, daily and weekly limits across an actor's
 * schedules, the change cut-off) are enforced on the booking path: a breach is a 409 naming the rule, and only a
 * scheduling supervisor may book past it, with a reason, leaving a Provenance on the Appointment.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Provenance } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ClinikError } from '../../api';
import { createClinik, type Clinik } from '../../api';
import { LATE_CANCELLATION_TAG, OVERRIDDEN_TAG, SUPERVISORS_IDENTIFIER } from '../../api/rules/override';
import { type BookingRules, readBookingRules } from '../../core/rules/booking-rules';
import { BOOKING_RULE_SYSTEM } from '../../core/rules/breaches';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { STAFF_ACCESS_POLICY } from '../../medplum/policies';
import { refusal } from './frontdesk-support';

const NOW = Date.parse('2025-03-01T00:00:00Z'); // a Saturday
let medplum: LocalMedplum;
let clinik: Clinik;
let isAdmin: { mockReturnValue(value: boolean): unknown };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  medplum = createLocalMedplum();
  // The clinic's project admin, bound by no AccessPolicy, calls the API directly; a front desk gets the staff policy.
  isAdmin = vi.spyOn(medplum, 'isProjectAdmin').mockReturnValue(true);
  clinik = createClinik(medplum, { now: () => NOW });
  for (let i = 0; i < 12; i++) {
    await medplum.updateResource({ resourceType: 'Patient', id: `pat-${i}` });
  }
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A manual schedule of Dr Jones with the rules and hand-made 30-minute slots at the given UTC instants. */
async function scheduleWith(rules: BookingRules, starts: string[], actor = 'Practitioner/dr_jones'): Promise<string[]> {
  const { data: schedule } = await clinik.schedules.create({ actorIds: [actor], bookingRules: rules });
  const ids: string[] = [];
  for (const start of starts) {
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    ids.push((await clinik.slots.create({ scheduleId: schedule.id, start, end })).data.id);
  }
  return ids;
}

/** From here on the signed-in user is a front desk: the staff AccessPolicy, no admin. */
function becomeDesk(): Clinik {
  medplum.server.setPolicy('api', STAFF_ACCESS_POLICY);
  isAdmin.mockReturnValue(false);
  return createClinik(medplum);
}

/** Makes the signed-in user a scheduling supervisor (a member of the Group the deploy command makes). */
async function makeSupervisor(): Promise<string> {
  const me = `Practitioner/${medplum.getProfile()?.id}`;
  await medplum.createResource({
    resourceType: 'Group',
    type: 'practitioner',
    actual: true,
    identifier: [{ ...SUPERVISORS_IDENTIFIER }],
    member: [{ entity: { reference: me } }],
  });
  return me;
}

function ruleOf(error: ClinikError): string | undefined {
  return error.outcome.issue[0]?.details?.coding?.find((c) => c.system === BOOKING_RULE_SYSTEM)?.code;
}

describe('notice and advance', () => {
  test('a booking inside the minimum notice or beyond the advance is refused, naming the rule', async () => {
    const [soon, later, far] = await scheduleWith({ minimumNoticeMinutes: 120, maximumAdvanceDays: 7 }, [
      '2025-03-01T01:00:00Z',
      '2025-03-01T03:00:00Z',
      '2025-03-09T09:00:00Z',
    ]);
    const early = await refusal(clinik.appointments.book({ slotId: soon as string, patientId: 'pat-0' }));
    expect([early.status, ruleOf(early)]).toEqual([409, 'minimum-notice']);
    expect(early.message).toContain('at least 2 hours from now');
    const tooFar = await refusal(clinik.appointments.book({ slotId: far as string, patientId: 'pat-0' }));
    expect([tooFar.status, ruleOf(tooFar)]).toEqual([409, 'maximum-advance']);
    const { data } = await clinik.appointments.book({ slotId: later as string, patientId: 'pat-0' });
    expect(data.status).toBe('booked');
    const slots = await medplum.searchResources('Slot', { status: 'free' }, { cache: 'no-cache' });
    expect(slots.map((s) => s.id).sort()).toEqual([soon, far].sort()); // refused bookings took nothing
  });
});

describe('daily and weekly limits', () => {
  test('count the actor across all of its schedules, per local day, and a cancellation frees a place', async () => {
    const [a9, a10] = await scheduleWith({ dailyLimit: 2 }, ['2025-03-03T09:00:00Z', '2025-03-03T10:00:00Z']);
    const [b11, tue] = await scheduleWith({ dailyLimit: 2 }, ['2025-03-03T11:00:00Z', '2025-03-04T11:00:00Z']);
    await clinik.appointments.book({ slotId: a9 as string, patientId: 'pat-0' });
    const { data: second } = await clinik.appointments.book({ slotId: b11 as string, patientId: 'pat-1' });
    const full = await refusal(clinik.appointments.book({ slotId: a10 as string, patientId: 'pat-2' }));
    expect([full.status, ruleOf(full)]).toEqual([409, 'daily-limit']);
    expect(full.message).toContain('has 2 of 2 appointments on Mon 3 Mar');
    await clinik.appointments.book({ slotId: tue as string, patientId: 'pat-2' }); // another day
    await clinik.appointments.cancel(second.id, 'Patient called');
    await clinik.appointments.book({ slotId: a10 as string, patientId: 'pat-2' });
  });

  test('a weekly limit counts Monday to Sunday in the schedule zone', async () => {
    const starts = ['2025-03-03T09:00:00Z', '2025-03-05T09:00:00Z', '2025-03-09T09:00:00Z', '2025-03-10T09:00:00Z'];
    const [mon, wed, sun, nextMon] = await scheduleWith({ weeklyLimit: 2 }, starts);
    await clinik.appointments.book({ slotId: mon as string, patientId: 'pat-0' });
    await clinik.appointments.book({ slotId: wed as string, patientId: 'pat-1' });
    const full = await refusal(clinik.appointments.book({ slotId: sun as string, patientId: 'pat-2' }));
    expect(ruleOf(full)).toBe('weekly-limit');
    await clinik.appointments.book({ slotId: nextMon as string, patientId: 'pat-2' });
  });

  test('concurrent bookings of the last place in a day: exactly one wins', async () => {
    const starts = Array.from({ length: 8 }, (_, i) => `2025-03-03T${String(9 + i).padStart(2, '0')}:00:00Z`);
    const ids = await scheduleWith({ dailyLimit: 1 }, starts);
    const results = await Promise.allSettled(
      ids.map((slotId, i) => clinik.appointments.book({ slotId, patientId: `pat-${i}` }))
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(ruleOf(r.reason as ClinikError)).toBe('daily-limit');
    }
    const live = await medplum.searchResources('Appointment', { status: 'booked' }, { cache: 'no-cache' });
    expect(live).toHaveLength(1);
  });
});

describe('slots.find', () => {
  test('offers only times a booking could take, and says why the others were left out', async () => {
    const starts = ['2025-03-01T01:00:00Z', '2025-03-03T09:00:00Z', '2025-03-03T10:00:00Z', '2025-03-04T09:00:00Z'];
    const [soon, mon9, mon10, tue9] = await scheduleWith({ minimumNoticeMinutes: 120, dailyLimit: 1 }, starts);
    await medplum.updateResource({
      resourceType: 'Practitioner',
      id: 'dr_jones',
      name: [{ given: ['Alice'], family: 'Jones' }],
    });
    await clinik.appointments.book({ slotId: mon9 as string, patientId: 'pat-0' });
    const page = await clinik.slots.find({ from: '2025-03-01T00:00:00Z', to: '2025-03-08T00:00:00Z' });
    expect(page.data.map((f) => f.slot.id)).toEqual([tue9]);
    expect(page.data.map((f) => f.slot.id)).not.toContain(soon);
    expect(page.data.map((f) => f.slot.id)).not.toContain(mon10);
    expect(page.leftOut?.map((b) => b.text)).toEqual([
      'Minimum notice: bookings must start at least 2 hours from now.',
      'Daily limit: Alice Jones has 1 of 1 appointments on Mon 3 Mar.',
    ]);
  });
});

describe('overrides', () => {
  test('need a reason, and leave a Provenance and a tag on the Appointment', async () => {
    const [soon] = await scheduleWith({ minimumNoticeMinutes: 240 }, ['2025-03-01T01:00:00Z']);
    const me = await makeSupervisor();
    const noReason = await refusal(
      clinik.appointments.book({ slotId: soon as string, patientId: 'pat-0', override: { reason: ' ' } })
    );
    expect([noReason.status, noReason.outcome.issue[0]?.expression]).toEqual([400, ['override.reason']]);
    const { data } = await clinik.appointments.book({
      slotId: soon as string,
      patientId: 'pat-0',
      override: { reason: 'Urgent: chest pain follow-up' },
    });
    expect(data.meta?.tag).toContainEqual(expect.objectContaining({ code: OVERRIDDEN_TAG.code }));
    const [trace] = await provenanceOf(data);
    expect(trace?.reason?.[0]?.text).toBe('Urgent: chest pain follow-up');
    expect(trace?.reason?.[0]?.coding?.map((c) => c.code)).toEqual(['minimum-notice']);
    expect(Date.parse(trace?.recorded ?? '')).toBe(NOW);
    expect(trace?.agent[0]?.who?.reference).toBe(me);
  });

  test('through the booking operation only a member of the supervisors Group may override', async () => {
    const [first, second] = await scheduleWith({ dailyLimit: 1 }, ['2025-03-03T09:00:00Z', '2025-03-03T10:00:00Z']);
    await clinik.appointments.book({ slotId: first as string, patientId: 'pat-0' });
    const desk = becomeDesk();
    const input = { slotId: second as string, patientId: 'pat-1', override: { reason: 'Doctor agreed' } };
    const denied = await refusal(desk.appointments.book(input));
    expect([denied.status, ruleOf(denied)]).toEqual([403, 'daily-limit']);
    expect(denied.message).toContain('Only a scheduling supervisor may override Daily limit');
    medplum.server.setPolicy('api', undefined); // a project admin adds the user to the Group
    const me = await makeSupervisor();
    medplum.server.setPolicy('api', STAFF_ACCESS_POLICY);
    const { data } = await desk.appointments.book(input);
    const [trace] = await provenanceOf(data);
    expect(trace?.agent[0]?.who?.reference).toBe(me);
  });
});

describe('the change cut-off', () => {
  test('a late cancellation or move needs an override, and a late cancellation is tagged as such', async () => {
    const [nine, ten] = await scheduleWith({ changeCutoffMinutes: 24 * 60 }, [
      '2025-03-01T09:00:00Z',
      '2025-03-01T10:00:00Z',
    ]);
    const { data: booked } = await clinik.appointments.book({ slotId: nine as string, patientId: 'pat-0' });
    await makeSupervisor();
    const late = await refusal(clinik.appointments.cancel(booked.id, 'Feeling better'));
    expect([late.status, ruleOf(late)]).toEqual([409, 'change-cutoff']);
    const move = await refusal(clinik.appointments.reschedule(booked.id, ten as string));
    expect(ruleOf(move)).toBe('change-cutoff');
    expect((await medplum.readResource('Appointment', booked.id)).status).toBe('booked');
    const { data: cancelled } = await clinik.appointments.cancel(booked.id, 'Feeling better', {
      override: { reason: 'Called at 8:00' },
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.meta?.tag?.map((t) => t.code)).toEqual(
      expect.arrayContaining([LATE_CANCELLATION_TAG.code, OVERRIDDEN_TAG.code])
    );
    expect((await provenanceOf(cancelled))[0]?.reason?.[0]?.coding?.[0]?.code).toBe('change-cutoff');
  });
});

describe('who may change the rules', () => {
  test('a front desk cannot, directly or through the API; a supervisor can, through the API', async () => {
    const { data: schedule } = await clinik.schedules.create({
      actorIds: ['Practitioner/dr_jones'],
      bookingRules: { dailyLimit: 2 },
    });
    const desk = becomeDesk();
    const stored = await medplum.readResource('Schedule', schedule.id);
    const direct = await medplum.updateResource({ ...stored, extension: undefined }).then(
      () => 'written',
      (err: unknown) => String(err)
    );
    expect(direct).toMatch(/forbidden/i);
    const viaApi = await refusal(desk.schedules.update(schedule.id, { bookingRules: {} }));
    expect([viaApi.status, viaApi.outcome.issue[0]?.expression]).toEqual([403, ['bookingRules']]);
    await desk.schedules.update(schedule.id, { comment: 'Room 4' }); // the rest of the schedule stays theirs
    medplum.server.setPolicy('api', undefined); // a project admin adds the user to the Group
    await makeSupervisor();
    medplum.server.setPolicy('api', STAFF_ACCESS_POLICY);
    const { data } = await desk.schedules.update(schedule.id, { bookingRules: { dailyLimit: 5 } });
    expect(readBookingRules(data)).toEqual({ dailyLimit: 5 });
    expect(data.comment).toBe('Room 4');
  });
});

test('rules given to schedules.create are checked, naming the field', async () => {
  const error = await refusal(
    clinik.schedules.create({ actorIds: ['Practitioner/dr_jones'], bookingRules: { dailyLimit: 0 } })
  );
  expect([error.status, error.outcome.issue[0]?.expression]).toEqual([400, ['bookingRules.dailyLimit']]);
});

async function provenanceOf(appointment: WithId<Appointment>): Promise<Provenance[]> {
  return medplum.searchResources('Provenance', { target: `Appointment/${appointment.id}` }, { cache: 'no-cache' });
}
