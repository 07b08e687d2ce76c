import { describe, expect, test } from 'vitest';
import { readScheduleRules } from '../../../core/availability/index';
import { planSlots } from '../../../core/slot-plan';
import { draftOf, emptyForm, type FormState } from '../../../app/src/schedule-form/model';
import { clinicianWords, validateForm, zeroSlotReason } from '../../../app/src/schedule-form/validate';

const base: FormState = {
  ...emptyForm('America/New_York'),
  actors: ['Practitioner/p'],
  horizonStart: '2030-06-03',
  horizonEnd: '2030-06-30',
};
const row = { days: ['mon' as const], start: '09:00', end: '12:00', allDay: false, nextDay: false };

function plan(form: FormState, now: number) {
  const rules = readScheduleRules(draftOf(form));
  if (!rules.ok) throw new Error(JSON.stringify(rules.outcome));
  const result = planSlots({ rules: rules.value, now });
  if (!result.ok) throw new Error('no plan');
  return result.value;
}

describe('form validation in a clinician’s words', () => {
  test('a valid form has no errors', () => {
    expect(validateForm(base)).toEqual({});
  });

  test('end before start is an error unless "ends next day" is ticked (defect: it silently ran overnight)', () => {
    const hours = [{ ...row, start: '17:00', end: '09:00' }];
    expect(validateForm({ ...base, hours })['hours.0.end']).toMatch(/Ends before it starts.*Ends next day/);
    expect(validateForm({ ...base, hours: [{ ...hours[0]!, nextDay: true }] })).toEqual({});
    expect(validateForm({ ...base, hours: [{ ...row, end: '13:00', nextDay: true }] })['hours.0.end']).toMatch(
      /earlier than the start/
    );
    expect(validateForm({ ...base, hours: [{ ...row, start: '17:00', end: '00:00' }] })).toEqual({}); // until midnight
  });

  test('overlapping windows are errors, across midnight too', () => {
    expect(validateForm({ ...base, hours: [row, { ...row, start: '11:00', end: '14:00' }] })['hours.1.start']).toBe(
      'These hours overlap weekly hours 1 on Monday.'
    );
    expect(validateForm({ ...base, hours: [row, { ...row, start: '12:00', end: '14:00' }] })).toEqual({});
    const night = { ...row, days: ['sun' as const], start: '22:00', end: '02:00', nextDay: true };
    // Sunday 22:00 to Monday 02:00 overlaps Monday 01:00–03:00.
    expect(
      validateForm({ ...base, hours: [night, { ...row, start: '01:00', end: '03:00' }] })['hours.1.start']
    ).toMatch(/Monday/);
  });

  test('a negative buffer is refused, not turned positive (defect)', () => {
    expect(validateForm({ ...base, bufferBefore: -5 }).bufferBefore).toBe('A buffer cannot be negative.');
    expect(validateForm({ ...base, bufferAfter: '' }).bufferAfter).toMatch(/whole number of minutes/);
  });

  test('required fields, time zone, slot length and closed periods', () => {
    const errors = validateForm({
      ...emptyForm('Nowhere/Atlantis'),
      slotMinutes: 0,
      hours: [{ ...row, days: [], start: '' }],
      closed: [{ description: '', start: '2030-06-05T10:00', end: '2030-06-05T09:00' }],
    });
    expect(errors).toMatchObject({
      actors: 'Choose at least one practitioner or room.',
      timeZone: 'Choose a time zone from the list.',
      slotMinutes: 'A slot lasts a whole number of minutes, at least 1.',
      'hours.0.days': 'Choose at least one day.',
      'hours.0.start': 'Enter a start time.',
      'closed.0.end': 'The closure ends before it starts.',
    });
    expect(validateForm({ ...base, horizonEnd: '2030-06-01' }).horizonEnd).toBe(
      'The last day is before the first day.'
    );
  });

  test('no message names FHIR elements or machine time formats', () => {
    const errors = Object.values(
      validateForm({ ...emptyForm('x'), slotMinutes: '', hours: [{ ...row, start: '10:00', end: '09:00' }] })
    );
    for (const message of errors) {
      expect(message).not.toMatch(/availableTime|notAvailableTime|HH:MM|planningHorizon|valueDuration/);
    }
    expect(clinicianWords('"25:00" is not a time of day (HH:MM:SS).')).toBe('"25:00" is not a time of day.');
    expect(clinicianWords('An availableTime needs at least one day of the week.')).toBe(
      'Weekly hours needs at least one day of the week.'
    );
    expect(clinicianWords('A notAvailableTime period ends before it starts.')).toBe(
      'A closed period ends before it starts.'
    );
  });

  test('a plan with no slots says why: a horizon in the past, or a slot longer than its window', () => {
    const now = Date.parse('2031-01-01T00:00:00Z');
    expect(zeroSlotReason(base, plan(base, now), now)).toMatch(/ends in the past/);
    const long = { ...base, slotMinutes: 240, hours: [row] };
    const at = Date.parse('2030-06-01T00:00:00Z');
    expect(zeroSlotReason(long, plan(long, at), at)).toMatch(
      /A 240-minute slot .* does not fit in the hours 09:00–12:00/
    );
    expect(zeroSlotReason(base, plan(base, at), at)).toBeUndefined();
  });
});
