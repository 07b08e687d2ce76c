import { describe, expect, test } from 'vitest';
import { withAvailability, withVisitTypes } from '../../../core/availability/write';
import {
  checkVisitTypeRows,
  NEW_VISIT_TYPE,
  visitTypeRowsOf,
  visitTypesOf,
} from '../../../app/src/schedule-form/visit-types-model';

const HOURS = { timeZone: 'UTC', slotMinutes: 30, weekly: [{ days: ['mon' as const], start: '09:00', end: '12:00' }] };
const base = withAvailability({ resourceType: 'Schedule', actor: [] }, HOURS);

describe('visit types in the form', () => {
  test('rows round-trip: length and buffers; a visit type’s own hours are kept, the schedule’s are not copied', () => {
    const own = [{ days: ['mon' as const], start: '10:00', end: '11:00' }];
    const schedule = withVisitTypes(base, [
      { service: 'HealthcareService/fu', slotMinutes: 15, bufferAfterMinutes: 5 },
      { service: 'HealthcareService/np', slotMinutes: 30, weekly: own },
    ]);
    const rows = visitTypeRowsOf(schedule);
    expect(rows).toEqual([
      { service: 'fu', minutes: '15', before: '', after: '5' },
      { service: 'np', minutes: '30', before: '', after: '', weekly: own },
    ]);
    expect(visitTypesOf(rows)).toEqual([
      { service: 'HealthcareService/fu', slotMinutes: 15, bufferAfterMinutes: 5 },
      { service: 'HealthcareService/np', slotMinutes: 30, weekly: own },
    ]);
    expect(withVisitTypes(schedule, visitTypesOf(rows))).toEqual(schedule);
  });

  test('each bad row is named: no visit type chosen, the same one twice, a length or a buffer out of range', () => {
    expect(
      checkVisitTypeRows([
        NEW_VISIT_TYPE,
        { service: 'fu', minutes: '15', before: '', after: '' },
        { service: 'fu', minutes: '0', before: '-1', after: '500' },
      ])
    ).toEqual({
      'visitTypes.0.service': 'Choose the visit type.',
      'visitTypes.2.service': 'This visit type is already in the list.',
      'visitTypes.2.minutes': 'A visit lasts a whole number of minutes, from 1 to 1440.',
      'visitTypes.2.before': 'A buffer is a whole number of minutes, from 0 to 240.',
      'visitTypes.2.after': 'A buffer is a whole number of minutes, from 0 to 240.',
    });
  });
});
