/**
 * What the benchmark's scenarios share: the benchmark year, the weekday hours, a metered local runtime, and the
 * schedule bot's event and summary.
 */
import type { Schedule } from '@medplum/fhirtypes';
import type { handler as scheduleSlots } from '../bots/schedule-slots';
import type { AvailabilityInput } from '../core/availability/write';
import { createLocalMedplum, type LocalMedplum } from '../local';
import { Meter } from './meter';

export const ZONE = 'America/New_York';
/** The first day of the benchmark's schedules: a Monday. */
export const START = '2025-01-06T00:00:00-05:00';
/** "Now" while the benchmark runs: the bots plan from the start of the benchmark year. */
export const NOW = Date.parse('2025-01-01T00:00:00-05:00');
export const DAY_MS = 86_400_000;

/** Weekdays 08:00–18:00, 15-minute slots, New York. */
export function weekdayHours(): AvailabilityInput {
  return {
    timeZone: ZONE,
    slotMinutes: 15,
    weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
  };
}

/** A local runtime with a meter on its transport; without Subscriptions, the benchmark runs the bot itself. */
export function runtime(subscriptions = true): { medplum: LocalMedplum; meter: Meter } {
  const medplum = createLocalMedplum({ subscriptions });
  const booking = medplum.botClients.booking;
  return { medplum, meter: new Meter(medplum, booking ? [booking] : []) };
}

/** The schedule bot's event for `schedule`, with an hour's sync budget (the benchmark measures one whole run). */
export function botEvent(schedule: Schedule): Parameters<typeof scheduleSlots>[1] {
  return {
    bot: { reference: 'Bot/schedule-slots' },
    contentType: 'application/fhir+json',
    input: schedule,
    secrets: { SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 3600 } },
  };
}

/** The counts a schedule bot run reports (its outcome's diagnostics). */
export function summaryOf(result: { issue: { diagnostics?: string }[] }): Record<string, number> {
  return JSON.parse(result.issue[0]?.diagnostics ?? '{}') as Record<string, number>;
}
