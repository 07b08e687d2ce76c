/**
 * Visit types on the local runtime: a schedule offering follow-ups (15 min) and new-patient visits (30 min), given as
 * Medplum's service-scoped SchedulingParameters. Each visit type gets its own slots; `slots.find` offers one visit
 * type's; booking one makes the overlapping time unavailable to the other at once, and a cancellation gives it back.
 */
import { serviceTypeIncludesService, type WithId } from '@medplum/core';
import type { HealthcareService, Schedule, Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { visitTypeOf } from '../../core/fhir';
import { type Desk, desk, refusal, scheduleWithSlots, slotsOf } from './frontdesk-support';

const MONDAY = { from: '2025-03-03T00:00:00Z', to: '2025-03-04T00:00:00Z' };
let d: Desk;
let schedule: WithId<Schedule>;
let followUp: WithId<HealthcareService>;
let newPatient: WithId<HealthcareService>;

beforeEach(async () => {
  d = await desk();
  const service = (id: string, name: string): Promise<WithId<HealthcareService>> =>
    d.medplum.updateResource({
      resourceType: 'HealthcareService',
      id,
      name,
      type: [{ coding: [{ system: 'http://example.org/visit', code: id }], text: name }],
    }) as Promise<WithId<HealthcareService>>;
  followUp = await service('follow-up', 'Follow-up');
  newPatient = await service('new-patient', 'New patient');
  schedule = await scheduleWithSlots(d, {
    planningHorizon: { start: '2025-03-03T00:00:00Z', end: '2025-03-04T00:00:00Z' },
    availability: { timeZone: 'UTC', slotMinutes: 60, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
    visitTypes: [
      { service: 'HealthcareService/follow-up', slotMinutes: 15 },
      { service: 'HealthcareService/new-patient', slotMinutes: 30 },
    ],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

const labels = (slots: readonly Slot[]): string[] =>
  slots
    .filter((s) => s.status === 'free')
    .map((s) => `${visitTypeOf(s)?.display ?? 'any'} ${s.start.slice(11, 16)}-${s.end.slice(11, 16)}`)
    .sort();

async function offered(serviceId: string): Promise<string[]> {
  const page = await d.clinik.slots.find({ ...MONDAY, healthcareServiceId: serviceId });
  return page.data.map((f) => `${f.slot.start.slice(11, 16)}-${f.slot.end.slice(11, 16)}`);
}

describe('visit types', () => {
  test('each visit type gets its own slots, named by Medplum’s service reference; the schedule lists the services', async () => {
    expect(labels(await slotsOf(d.medplum, schedule.id))).toEqual([
      'Follow-up 09:00-09:15',
      'Follow-up 09:15-09:30',
      'Follow-up 09:30-09:45',
      'Follow-up 09:45-10:00',
      'New patient 09:00-09:30',
      'New patient 09:30-10:00',
    ]);
    const stored = await d.medplum.readResource('Schedule', schedule.id);
    expect(serviceTypeIncludesService(stored.serviceType, followUp)).toBe(true);
    expect(serviceTypeIncludesService(stored.serviceType, newPatient)).toBe(true);
    expect(await offered('new-patient')).toEqual(['09:00-09:30', '09:30-10:00']);
  });

  test('booking a new-patient visit takes that time from the follow-ups at once; cancelling it gives it back', async () => {
    const slot = (await d.clinik.slots.find({ ...MONDAY, healthcareServiceId: 'new-patient' })).data[0]?.slot;
    const { data: booked } = await d.clinik.appointments.book({ slotId: slot?.id as string, patientId: 'pat-1' });
    expect(visitTypeOf(booked)?.reference).toBe('HealthcareService/new-patient');
    expect(await offered('follow-up')).toEqual(['09:30-09:45', '09:45-10:00']);
    expect(labels(await slotsOf(d.medplum, schedule.id))).not.toContain('Follow-up 09:00-09:15');
    await d.clinik.appointments.cancel(booked.id, 'Patient called');
    await d.medplum.idle();
    expect(await offered('follow-up')).toEqual(['09:00-09:15', '09:15-09:30', '09:30-09:45', '09:45-10:00']);
    expect(await offered('new-patient')).toEqual(['09:00-09:30', '09:30-10:00']);
  });

  test('two visit types booked at the same time at once: exactly one wins', async () => {
    const first = async (id: string): Promise<string> =>
      (await d.clinik.slots.find({ ...MONDAY, healthcareServiceId: id })).data[0]?.slot.id as string;
    const [a, b] = [await first('follow-up'), await first('new-patient')];
    const results = await Promise.allSettled([
      d.clinik.appointments.book({ slotId: a, patientId: 'pat-1' }),
      d.clinik.appointments.book({ slotId: b, patientId: 'pat-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const live = await d.medplum.searchResources('Appointment', { status: 'booked' });
    expect(live).toHaveLength(1);
  });

  test.each([
    [[{ service: 'HealthcareService/nope', slotMinutes: 15 }], 'visitTypes[0].service', /was not found/],
    [[{ service: 'Practitioner/x', slotMinutes: 15 }], 'visitTypes[0].service', /HealthcareService reference/],
    [[{ service: 'HealthcareService/follow-up', slotMinutes: 0 }], 'visitTypes[0].slotMinutes', /from 1/],
    [
      [{ service: 'HealthcareService/follow-up', slotMinutes: 15, bufferAfterMinutes: -5 }],
      'visitTypes[0].bufferAfterMinutes',
      /from 0/,
    ],
  ])('a bad visit type is refused, naming the field: %j', async (visitTypes, field, message) => {
    const error = await refusal(d.clinik.schedules.update(schedule.id, { visitTypes }));
    const issue = error.outcome.issue.find((i) => i.expression?.[0] === field);
    expect(issue?.details?.text).toMatch(message);
  });

  test('a visit type that does not exist is refused by find (404, naming the field)', async () => {
    const error = await refusal(d.clinik.slots.find({ ...MONDAY, healthcareServiceId: 'nope' }));
    expect(error.status).toBe(404);
  });
});
