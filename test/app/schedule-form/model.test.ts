import type { Practitioner, Schedule } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { buildSchedulingParameters } from '../../../core/availability/write';
import {
  availabilityOf,
  changesSlots,
  draftOf,
  emptyForm,
  horizonEndInstant,
  patchOf,
} from '../../../app/src/schedule-form/model';
import { formOf } from '../../../app/src/schedule-form/read';

const jones: Practitioner = {
  resourceType: 'Practitioner',
  id: 'jones',
  extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: 'America/New_York' }],
};

/** The demo clinic's cardiology schedule, as stored (horizon at UTC midnight, a New York holiday). */
const stored: Schedule = {
  resourceType: 'Schedule',
  id: 's1',
  active: true,
  actor: [{ reference: 'Practitioner/jones' }],
  specialty: [
    { coding: [{ system: 'http://snomed.info/sct', code: '394579002', display: 'Cardiology' }], text: 'Cardiology' },
  ],
  planningHorizon: { start: '2026-11-24T00:00:00.000Z', end: '2027-01-19T00:00:00.000Z' },
  comment: 'Dr. Jones, cardiology clinic',
  extension: [
    buildSchedulingParameters({
      slotMinutes: 45,
      weekly: [{ days: ['tue', 'thu'], start: '08:00', end: '14:00' }],
      closed: [{ description: 'Public holiday', start: '2026-12-03T05:00:00Z', end: '2026-12-04T05:00:00Z' }],
    }),
  ],
};

describe('the form model', () => {
  test('a stored schedule fills the form: horizon days in its zone, the zone from its actor, hours as stored', () => {
    const form = formOf(stored, [jones]);
    expect(form.timeZone).toBe('America/New_York');
    expect(form.stored.inheritedZone).toBe('America/New_York');
    // 00:00Z on 24 Nov is 19:00 on 23 Nov in New York; the horizon ends at 19:00 on 18 Jan.
    expect([form.horizonStart, form.horizonEnd]).toEqual(['2026-11-23', '2027-01-18']);
    expect(form.hours).toEqual([{ days: ['tue', 'thu'], start: '08:00', end: '14:00', allDay: false, nextDay: false }]);
    expect(form.closed[0]).toMatchObject({
      description: 'Public holiday',
      start: '2026-12-03T00:00',
      end: '2026-12-04T00:00',
    });
  });

  test('opening and saving without changes writes nothing', () => {
    const form = formOf(stored, [jones]);
    expect(patchOf(form, form)).toEqual({});
    expect(patchOf(form, { ...form })).toEqual({});
  });

  test('editing only the comment writes only the comment: the horizon keeps its precision (defect: it became days)', () => {
    const form = formOf(stored, [jones]);
    expect(patchOf(form, { ...form, comment: 'Dr. Jones, cardiology' })).toEqual({ comment: 'Dr. Jones, cardiology' });
  });

  test('a new last day ends the horizon at the next local midnight; the untouched start is kept verbatim', () => {
    const form = formOf(stored, [jones]);
    const patch = patchOf(form, { ...form, horizonEnd: '2027-01-25' });
    expect(patch).toEqual({
      planningHorizon: { start: '2026-11-24T00:00:00.000Z', end: '2027-01-26T00:00:00-05:00' },
    });
    expect(changesSlots(patch)).toBe(true);
    expect(horizonEndInstant('2027-03-13', 'America/New_York')).toBe('2027-03-14T00:00:00-05:00');
  });

  test('a slot-length edit rewrites only the duration: the inherited zone and stored closed periods stay as stored', () => {
    const form = formOf(stored, [jones]);
    const patch = patchOf(form, { ...form, slotMinutes: 30 });
    expect(Object.keys(patch)).toEqual(['availability']);
    expect(patch.availability).toEqual({
      slotMinutes: 30,
      weekly: [{ days: ['tue', 'thu'], start: '08:00', end: '14:00' }],
      closed: [{ description: 'Public holiday', start: '2026-12-03T05:00:00Z', end: '2026-12-04T05:00:00Z' }],
    });
  });

  test('changing the zone writes it; a manual schedule writes no rules', () => {
    const form = formOf(stored, [jones]);
    expect(availabilityOf({ ...form, timeZone: 'Europe/London' })?.timeZone).toBe('Europe/London');
    expect(patchOf(form, { ...form, generate: false })).toEqual({ availability: null });
  });

  test('a new schedule writes what was filled in, horizon days as instants in its zone', () => {
    const form = {
      ...emptyForm('Europe/London'),
      actors: ['Practitioner/jones'],
      horizonStart: '2030-06-01',
      horizonEnd: '2030-06-30',
    };
    const patch = patchOf(undefined, form);
    expect(patch.actorIds).toEqual(['Practitioner/jones']);
    expect(patch.planningHorizon).toEqual({ start: '2030-06-01T00:00:00+01:00', end: '2030-07-01T00:00:00+01:00' });
    expect(patch.availability?.timeZone).toBe('Europe/London');
    expect(patch.comment).toBeUndefined();
    expect(draftOf(form).extension?.[0]?.url).toBe('https://medplum.com/fhir/StructureDefinition/SchedulingParameters');
  });

  test('overnight hours read back as "ends next day"', () => {
    const night: Schedule = {
      ...stored,
      extension: [
        buildSchedulingParameters({
          timeZone: 'UTC',
          slotMinutes: 60,
          weekly: [{ days: ['fri'], start: '22:00', end: '06:00' }],
        }),
      ],
    };
    expect(formOf(night).hours[0]).toMatchObject({ start: '22:00', end: '06:00', nextDay: true });
  });
});
