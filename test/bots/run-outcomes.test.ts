/**
 * Medplum records a bot run in its AuditEvent as a success only when the returned OperationOutcome is OK by
 * `isOk` (id ok, created, not-modified or accepted). A run that did its work, or that continues later, must read as
 * a success there; only a failed run as a failure.
 */
import { isOk } from '@medplum/core';
import type { Appointment, Schedule } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { handler as appointmentBot } from '../../bots/appointment-slots';
import { handler as scheduleBot } from '../../bots/schedule-slots';
import { issue } from '../../core/fhir';
import { RUN_KIND_SYSTEM, summaryOutcome } from '../../engine/report';
import { emptyMockClient } from '../medplum-setup';
import { bookSlot, createSchedule, eventFor, slotsOf } from './support';

const NOW = '2025-03-01T00:00:00-05:00';
const HORIZON = { start: '2025-03-03T00:00:00-05:00', end: '2025-03-05T00:00:00-05:00' };
const RULES = {
  timeZone: 'America/New_York',
  slotMinutes: 60,
  weekly: [{ days: ['mon', 'tue'] as const, start: '09:00', end: '11:00' }],
};

let medplum: MockClient;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(NOW) });
  medplum = emptyMockClient();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('run outcomes as Medplum records them', () => {
  test('a complete schedule run is OK, and says what it did', async () => {
    const schedule = await createSchedule(medplum, { ...RULES, weekly: [...RULES.weekly] }, HORIZON);
    const result = await scheduleBot(medplum, eventFor<Schedule>(schedule));
    expect(result.id).toBe('ok');
    expect(isOk(result)).toBe(true);
    expect(result.issue[0]?.details?.text).toMatch(/created 4.*complete/);
    expect(result.issue[0]?.details?.coding?.[0]).toEqual({ system: RUN_KIND_SYSTEM, code: 'slot-sync-summary' });
  });

  test('an appointment run that did its work is OK', async () => {
    const schedule = await createSchedule(medplum, { ...RULES, weekly: [...RULES.weekly] }, HORIZON);
    await scheduleBot(medplum, eventFor<Schedule>(schedule));
    const [slot] = await slotsOf(medplum, schedule.id);
    const appointment = await bookSlot(medplum, slot as NonNullable<typeof slot>);
    const result = await appointmentBot(medplum, eventFor<Appointment>(appointment));
    expect(isOk(result)).toBe(true);
  });

  test('a deferred run is a success that says it continues; an error makes a failure', () => {
    const deferred = summaryOutcome('slot-sync-summary', issue('warning', 'incomplete', undefined, 'deferred'), {}, []);
    expect(deferred.id).toBe('accepted');
    expect(isOk(deferred)).toBe(true);
    const failed = summaryOutcome('slot-sync-summary', issue('warning', 'incomplete', undefined, 'deferred'), {}, [
      issue('error', 'exception', undefined, 'write failed'),
    ]);
    expect(isOk(failed)).toBe(false);
    const done = summaryOutcome('slot-cron', issue('information', 'informational', undefined, 'done'), {}, []);
    expect(isOk(done)).toBe(true);
  });
});
