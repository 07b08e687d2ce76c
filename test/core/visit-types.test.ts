import { SchedulingParametersURI } from '@medplum/core';
import type { Extension, HealthcareService, Schedule } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readScheduleRules } from '../../core/availability/index';
import { withAvailability, withVisitTypes, type VisitTypeInput } from '../../core/availability/write';
import { planSlots, type SlotPlan } from '../../core/slot-plan';
import { formatInstant, type Interval } from '../../core/time';
import { scheduleWith } from './support';

const FOLLOW_UP: HealthcareService = {
  resourceType: 'HealthcareService',
  id: 'follow-up',
  name: 'Follow-up',
  type: [{ coding: [{ system: 'http://example.org/visit', code: 'follow-up' }], text: 'Follow-up' }],
  extension: [
    { url: SchedulingParametersURI, extension: [{ url: 'duration', valueDuration: { value: 15, unit: 'min' } }] },
  ],
};
const NEW_PATIENT: HealthcareService = {
  resourceType: 'HealthcareService',
  id: 'new-patient',
  name: 'New patient',
  availableTime: [{ daysOfWeek: ['mon'], availableStartTime: '10:00:00', availableEndTime: '11:00:00' }],
};
const SERVICES = [FOLLOW_UP, NEW_PATIENT];
const HOURS = {
  timeZone: 'Europe/London',
  slotMinutes: 60,
  weekly: [{ days: ['mon' as const], start: '09:00', end: '12:00' }],
};
/** Monday 2 March 2026, London (GMT). */
const MONDAY = { start: '2026-03-02T00:00:00Z', end: '2026-03-03T00:00:00Z' };

function scheduleOf(types: readonly VisitTypeInput[], wide = true): Schedule {
  return withVisitTypes(scheduleWith(wide ? HOURS : undefined, MONDAY), types);
}

/** A schedule configured the Medplum way: entries with a service and a duration, no hours of their own. */
function medplumStyle(types: readonly { service: string; minutes?: number }[]): Schedule {
  const schedule = scheduleWith(HOURS, MONDAY);
  const entries = types.map(({ service, minutes }) => ({
    url: SchedulingParametersURI,
    extension: [
      { url: 'service', valueReference: { reference: service } },
      ...(minutes ? [{ url: 'duration', valueDuration: { value: minutes, unit: 'min' } }] : []),
    ],
  }));
  return { ...schedule, extension: [...(schedule.extension ?? []), ...entries] };
}

function plan(schedule: Schedule, blocks: Interval[] = [], services = SERVICES): SlotPlan {
  const rules = readScheduleRules(schedule, { services });
  if (!rules.ok) {
    throw new Error(JSON.stringify(rules.outcome.issue));
  }
  const planned = planSlots({ rules: rules.value, now: Date.parse(MONDAY.start), blocks });
  if (!planned.ok) {
    throw new Error(JSON.stringify(planned.outcome.issue));
  }
  return planned.value;
}

const label = (p: SlotPlan): string[] =>
  p.slots.map((s) => `${s.visit?.name ?? 'any'} ${formatInstant(s.start, 'UTC').slice(11, 16)}`);

describe('visit types', () => {
  test('each visit type is layered: the service’s duration, the entry’s over it, hours from the entry, the service or the schedule', () => {
    const schedule = medplumStyle([
      { service: 'HealthcareService/follow-up', minutes: 30 },
      { service: 'HealthcareService/new-patient', minutes: 30 },
    ]);
    const rules = readScheduleRules(schedule, { services: SERVICES });
    expect(rules.ok).toBe(true);
    const types = rules.ok ? (rules.value.visitTypes ?? []) : [];
    expect(types.map((t) => [t.name, t.availability.durationMinutes, t.availability.timeZone])).toEqual([
      ['Follow-up', 30, 'Europe/London'],
      ['New patient', 30, 'Europe/London'],
    ]);
    // Follow-up has no hours of its own: the schedule's 09:00–12:00; New patient: the service's 10:00–11:00.
    expect(types.map((t) => t.availability.windows.map((w) => [w.startMinute, w.endMinute]))).toEqual([
      [[540, 720]],
      [[600, 660]],
    ]);
  });

  test('a visit type without a duration of its own takes the service’s', () => {
    const schedule = withVisitTypes(scheduleWith(HOURS, MONDAY), []);
    const entry = {
      url: SchedulingParametersURI,
      extension: [{ url: 'service', valueReference: { reference: 'HealthcareService/follow-up' } }],
    };
    const rules = readScheduleRules(
      { ...schedule, extension: [...(schedule.extension ?? []), entry] },
      { services: SERVICES }
    );
    expect(rules.ok && rules.value.visitTypes?.[0]?.availability.durationMinutes).toBe(15);
  });

  test('each visit type gets its own grid and keys; the schedule-wide entry only lends its hours', () => {
    const schedule = medplumStyle([
      { service: 'HealthcareService/follow-up', minutes: 30 },
      { service: 'HealthcareService/new-patient', minutes: 60 },
    ]);
    // By start, then the shorter first.
    expect(label(plan(schedule))).toEqual([
      'Follow-up 09:00',
      'Follow-up 09:30',
      'Follow-up 10:00',
      'New patient 10:00',
      'Follow-up 10:30',
      'Follow-up 11:00',
      'Follow-up 11:30',
    ]);
    const keys = plan(schedule).slots.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.find((k) => k.endsWith('/HealthcareService/new-patient'))).toBeDefined();
  });

  test('a booked time blocks every visit type that overlaps it', () => {
    const schedule = medplumStyle([
      { service: 'HealthcareService/follow-up', minutes: 30 },
      { service: 'HealthcareService/new-patient', minutes: 60 },
    ]);
    const booked = { start: Date.parse('2026-03-02T10:00:00Z'), end: Date.parse('2026-03-02T10:30:00Z') };
    expect(label(plan(schedule, [booked]))).toEqual([
      'Follow-up 09:00',
      'Follow-up 09:30',
      'Follow-up 10:30',
      'Follow-up 11:00',
      'Follow-up 11:30',
    ]);
  });

  test('a schedule with visit types only is generated, not manual', () => {
    const schedule = scheduleOf([{ service: 'HealthcareService/new-patient', slotMinutes: 20 }], false);
    const withZone = {
      ...schedule,
      extension: schedule.extension?.map((e) => ({
        ...e,
        extension: [...(e.extension ?? []), { url: 'timezone', valueCode: 'Europe/London' }],
      })),
    };
    const p = plan(withZone);
    expect(p.mode).toBe('generate');
    expect(label(p)).toEqual(['New patient 10:00', 'New patient 10:20', 'New patient 10:40']);
  });

  test.each([
    ['a service that was not found', [{ service: 'HealthcareService/gone', slotMinutes: 30 }], /was not found/, 1],
    ['a reference to something else', [{ service: 'Practitioner/x', slotMinutes: 30 }], /not a HealthcareService/, 1],
    [
      'the same service twice',
      [
        { service: 'HealthcareService/new-patient', slotMinutes: 30 },
        { service: 'HealthcareService/new-patient', slotMinutes: 60 },
      ],
      /has two entries/,
      2,
    ],
  ])('refused, naming the entry: %s', (_name, types, message, entry) => {
    const rules = readScheduleRules(scheduleOf(types), { services: SERVICES });
    expect(rules.ok).toBe(false);
    const errors = rules.ok ? [] : rules.outcome.issue.filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.details?.text).join(' ')).toMatch(message);
    expect(errors[0]?.expression?.[0]).toMatch(new RegExp(`^Schedule\\.extension\\[${entry}\\]`));
  });

  test('a visit type with no hours anywhere is refused, naming it', () => {
    const schedule = scheduleOf([{ service: 'HealthcareService/follow-up', slotMinutes: 30 }], false);
    const rules = readScheduleRules(schedule, { services: SERVICES });
    expect(rules.ok ? '' : rules.outcome.issue.map((i) => i.details?.text).join(' ')).toMatch(/Follow-up has no hours/);
  });

  test('the schedule’s hours and zone are written into a visit type without its own, and follow the schedule’s changes', () => {
    const schedule = scheduleOf([
      { service: 'HealthcareService/follow-up', slotMinutes: 30 },
      {
        service: 'HealthcareService/new-patient',
        slotMinutes: 30,
        weekly: [{ days: ['mon'], start: '10:00', end: '11:00' }],
      },
    ]);
    const hoursOf = (s: Schedule): unknown[] =>
      (s.extension ?? [])
        .filter((e) => e.extension?.some((sub) => sub.url === 'service'))
        .map((e) => e.extension?.filter((sub) => sub.url === 'availability' || sub.url === 'timezone'));
    const [followUp, newPatient] = hoursOf(schedule) as Extension[][];
    expect(followUp?.map((sub) => sub.url)).toEqual(['timezone', 'availability']);
    expect(JSON.stringify(followUp)).toContain('09:00:00');
    expect(JSON.stringify(newPatient)).toContain('10:00:00');
    const later = withAvailability(schedule, { ...HOURS, weekly: [{ days: ['mon'], start: '13:00', end: '15:00' }] });
    const [followUpLater, newPatientLater] = hoursOf(later) as Extension[][];
    expect(JSON.stringify(followUpLater)).toContain('13:00:00');
    expect(newPatientLater).toEqual(newPatient);
  });

  test('without the services, visit types are not read and the schedule-wide hours still are', () => {
    const schedule = scheduleOf([{ service: 'HealthcareService/follow-up', slotMinutes: 30 }]);
    const rules = readScheduleRules(schedule);
    expect(rules.ok && rules.value.visitTypes).toBeUndefined();
    expect(rules.ok && rules.value.availability?.durationMinutes).toBe(60);
  });

  test('property: whatever is booked, no planned slot of any visit type overlaps it, and a type’s slots never overlap each other', () => {
    const minute = 60_000;
    const dayStart = Date.parse('2026-03-02T08:00:00Z');
    const blockArb = fc
      .record({ at: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 8 }) })
      .map(({ at, length }) => ({ start: dayStart + at * 5 * minute, end: dayStart + (at + length) * 5 * minute }));
    fc.assert(
      fc.property(
        fc.array(blockArb, { maxLength: 4 }),
        fc.constantFrom(10, 15, 20, 30, 45),
        fc.constantFrom(30, 40, 60),
        fc.constantFrom(0, 5, 10),
        (blocks, first, second, buffer) => {
          const schedule = scheduleOf([
            { service: 'HealthcareService/follow-up', slotMinutes: first, bufferAfterMinutes: buffer },
            { service: 'HealthcareService/new-patient', slotMinutes: second, bufferBeforeMinutes: buffer },
          ]);
          const p = plan(schedule, blocks);
          for (const slot of p.slots) {
            expect(blocks.some((b) => slot.start < b.end && b.start < slot.end)).toBe(false);
          }
          for (const service of new Set(p.slots.map((s) => s.visit?.service))) {
            const slots = p.slots.filter((s) => s.visit?.service === service);
            slots.forEach((s, i) => expect(i === 0 || (slots[i - 1] as Interval).end <= s.start).toBe(true));
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
