/**
 * The simulated Medplum server as the bot tests use it: a warp-clock runtime with the cron, schedules saved through
 * the API's membership, and the store read directly (no quota) to see what the bots wrote and when.
 */
import { parseSearchRequest } from '@medplum/core';
import type { BotEvent } from '@medplum/core';
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { Temporal } from 'temporal-polyfill';
import { afterEach } from 'vitest';
import { withAvailability, type AvailabilityInput } from '../../core/availability/write';
import { createLocalMedplum, type LocalMedplum, type LocalMedplumOptions } from '../../local';

export const WEEKDAYS_8_TO_18_15MIN: AvailabilityInput = {
  timeZone: 'America/New_York',
  slotMinutes: 15,
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
};
export const DAY = 86_400_000;

let medplum: LocalMedplum | undefined;
afterEach(() => medplum?.stop());

export function secrets(values: Record<string, number>): BotEvent['secrets'] {
  return Object.fromEntries(Object.entries(values).map(([name, valueInteger]) => [name, { name, valueInteger }]));
}

export function runtime(options: LocalMedplumOptions): LocalMedplum {
  medplum = createLocalMedplum({
    clock: 'warp',
    cron: true,
    ...options,
    secrets: { ...secrets({ SLOT_SYNC_BUDGET_SECONDS: 100 }), ...options.secrets },
  });
  return medplum;
}

/**
 * A Schedule saved through the API client (the 'api' membership). With `startInDays`, its horizon starts at the
 * first local midnight (in the availability's zone) at least that many days after the runtime's now, so that how
 * many slots it holds does not depend on the time of day the suite runs.
 */
export async function saveSchedule(
  m: LocalMedplum,
  days: number,
  availability = WEEKDAYS_8_TO_18_15MIN,
  startInDays = 0
): Promise<Schedule> {
  const now =
    startInDays > 0
      ? nextLocalMidnight(m.clinikClock.now() + startInDays * DAY, availability.timeZone ?? 'UTC')
      : m.clinikClock.now();
  return m.createResource(
    withAvailability(
      {
        resourceType: 'Schedule',
        active: true,
        actor: [{ reference: 'Practitioner/dr-1' }],
        planningHorizon: { start: new Date(now).toISOString(), end: new Date(now + days * DAY).toISOString() },
      },
      availability
    )
  );
}

function nextLocalMidnight(epochMs: number, timeZone: string): number {
  const here = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  const midnight = here.startOfDay();
  return (
    Temporal.Instant.compare(midnight.toInstant(), here.toInstant()) === 0
      ? midnight
      : midnight.add({ days: 1 }).startOfDay()
  ).epochMilliseconds;
}

/** The store's Slots of a Schedule, read from the engine directly (no quota). */
export async function stored(m: LocalMedplum, scheduleId: string, before = Number.POSITIVE_INFINITY): Promise<Slot[]> {
  const all = await m.repo.searchResources<Slot>(
    parseSearchRequest(`Slot?schedule=Schedule/${scheduleId}&_count=100000`)
  );
  return all.filter((s) => Date.parse(s.start) < before);
}

/** Simulated milliseconds until `check` holds (polling each simulated second), or Infinity after `maxMs`. */
export async function timeUntil(m: LocalMedplum, check: () => Promise<boolean>, maxMs: number): Promise<number> {
  const start = m.clinikClock.now();
  while (m.clinikClock.now() - start <= maxMs) {
    if (await check()) {
      return m.clinikClock.now() - start;
    }
    await m.clinikClock.sleep?.(1000);
  }
  return Number.POSITIVE_INFINITY;
}

/** The number of slots a plan over `days` from now would have (weekdays, 40 a day), by counting the bot's result. */
export function distinctKeys(slots: readonly Slot[]): number {
  return new Set(slots.map((s) => s.identifier?.[0]?.value)).size;
}
