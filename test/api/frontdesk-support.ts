/**
 * Fixtures for the front-desk API tests: the local runtime at a fixed "now", patients, and schedules whose bot has
 * made their slots (weekdays 09:00–12:00 UTC, 30 minutes, 3–7 March 2025).
 */
import type { WithId } from '@medplum/core';
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { ClinikError, createClinik, type Clinik, type ScheduleCreateInput } from '../../api';

export const NOW = Date.parse('2025-03-01T00:00:00Z');

export interface Desk {
  readonly medplum: LocalMedplum;
  readonly clinik: Clinik;
}

/** A fresh local runtime with Date faked to {@link NOW}, and patients pat-1..pat-3. */
export async function desk(options: Parameters<typeof createLocalMedplum>[0] = {}): Promise<Desk> {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  const medplum = createLocalMedplum(options);
  for (const id of ['pat-1', 'pat-2', 'pat-3']) {
    await medplum.updateResource({ resourceType: 'Patient', id, name: [{ given: ['Pat'], family: id }] });
  }
  return { medplum, clinik: createClinik(medplum) };
}

/**
 * A fresh {@link desk} before each test of the file, with real timers and mocks restored after each; the returned
 * desk always reads through to the current test's.
 */
export function deskPerTest(): Desk {
  let current: Desk | undefined;
  beforeEach(async () => {
    current = await desk();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  const now = (): Desk => {
    if (!current) {
      throw new Error('deskPerTest: used outside a test');
    }
    return current;
  };
  return {
    get medplum() {
      return now().medplum;
    },
    get clinik() {
      return now().clinik;
    },
  };
}

/** A schedule with generated slots (the bot has run). */
export async function scheduleWithSlots(
  { medplum, clinik }: Desk,
  input: Partial<ScheduleCreateInput> = {}
): Promise<WithId<Schedule>> {
  const { data } = await clinik.schedules.create({
    actorIds: ['Practitioner/dr_smith'],
    serviceType: ['Consultation'],
    specialty: ['Cardiology'],
    planningHorizon: { start: '2025-03-03T00:00:00Z', end: '2025-03-08T00:00:00Z' },
    availability: {
      timeZone: 'UTC',
      slotMinutes: 30,
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' }],
    },
    ...input,
  });
  await medplum.idle();
  return data;
}

/** The schedule's slots, by start. */
export async function slotsOf(medplum: LocalMedplum, scheduleId: string): Promise<WithId<Slot>[]> {
  return medplum.searchResources('Slot', { schedule: `Schedule/${scheduleId}`, _sort: 'start', _count: '1000' });
}

/** The ClinikError a call was refused with (fails the test when it was not refused). */
export async function refusal(promise: Promise<unknown>): Promise<ClinikError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err
  );
  expect(error).toBeInstanceOf(ClinikError);
  return error as ClinikError;
}
