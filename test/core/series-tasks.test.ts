import type { Appointment, Slot } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { occurrenceSettled, seriesRescheduleTask, taskOccurrences } from '../../core/series-tasks';
import { SERIES_SYSTEM, seriesIdentifiers } from '../../core/series';

const slot = (id: string, start: string): Slot & { id: string } => ({
  resourceType: 'Slot',
  id,
  schedule: { reference: 'Schedule/s1' },
  status: 'busy',
  start,
  end: start.replace(':00:00', ':30:00'),
});
const booked = (id: string, slotId: string, n: number): Appointment & { id: string } => ({
  resourceType: 'Appointment',
  id,
  status: 'booked',
  identifier: seriesIdentifiers('ser-1', n),
  slot: [{ reference: `Slot/${slotId}` }],
  participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }],
});

describe('a series reschedule Task', () => {
  const occurrences = [
    { appointment: booked('a2', 's2', 2), slot: slot('s2', '2025-03-10T14:00:00Z') },
    { appointment: booked('a1', 's1', 1), slot: slot('s1', '2025-03-03T14:00:00Z') },
  ];
  const task = seriesRescheduleTask({
    reason: 'schedule-deactivated',
    seriesId: 'ser-1',
    occurrences,
    scheduleId: 's1',
    now: 0,
  });

  test('names its occurrences in time order with the slot each held, and focuses on the first', () => {
    expect(taskOccurrences(task)).toEqual([
      { appointmentId: 'a1', slotId: 's1' },
      { appointmentId: 'a2', slotId: 's2' },
    ]);
    expect(task.focus?.reference).toBe('Appointment/a1');
    expect(task.identifier?.find((i) => i.system === SERIES_SYSTEM)?.value).toBe('ser-1');
    expect(task.description).toBe(
      'The schedule was deactivated: 2 appointments of a series (2025-03-03T14:00:00Z to 2025-03-10T14:00:00Z).'
    );
  });

  test('an occurrence is settled when gone, cancelled or moved off its slot; not while it holds it', () => {
    const held = { appointmentId: 'a1', slotId: 's1' };
    const appointment = booked('a1', 's1', 1);
    expect(occurrenceSettled(held, appointment)).toBe(false);
    expect(occurrenceSettled(held, undefined)).toBe(true);
    expect(occurrenceSettled(held, { ...appointment, status: 'cancelled' })).toBe(true);
    expect(occurrenceSettled(held, { ...appointment, slot: [{ reference: 'Slot/s9' }] })).toBe(true);
  });

  test('other Tasks name no occurrences', () => {
    expect(taskOccurrences({ input: [{ type: { text: 'slot' }, valueReference: { reference: 'Slot/s1' } }] })).toEqual(
      []
    );
  });
});
