/**
 * The seed's Schedules API (README) (`clinik.schedules.create/update/search`, `clinik.slots.create`, …) as a typed
 * client over a MedplumClient, plus the front desk's calls (`slots.find`, `appointments.hold/book/cancel/reschedule`).
 * Every call of the seed's Schedules API works verbatim:
 *
 * @example
 * const clinik = createClinik(medplum);
 * const { data: schedule } = await clinik.schedules.create({
 *   actorIds: ['Practitioner/dr_jones'],
 *   specialty: ['Cardiology'],
 *   planningHorizon: { start: '2025-04-01T00:00:00Z', end: '2025-04-30T23:59:59Z' },
 * });
 * const { data: found } = await clinik.slots.find({ specialty: 'Cardiology', from, to });
 * await clinik.appointments.book({ slotId: found[0].slot.id, patientId: 'pat-1' });
 *
 * Bad input is refused with a {@link ClinikError} carrying an OperationOutcome, before anything is written; server
 * errors are passed through as ClinikErrors with the server's outcome.
 */
export { ClinikError } from './errors';
export { ACTOR_TYPES } from './validation';
export type * from './types';
export type * from './series/types';
export { createClinik, type ClinikOptions } from './clinik';

// What the app needs beside the API's calls: the slot counts of a schedule (paged search), the worklist's open
// statuses and the closing of reschedule Tasks whose booking fits again, and what the bots said of a schedule.
// The app imports nothing of the engine.
export { searchSlots, type SlotQuery, type SlotSearchResult } from '../engine/transport/search';
export { OPEN_TASK_STATUSES, closeResolvedTasks } from '../engine/cron/tasks-close';
export { scheduleSyncStatus, type ScheduleSyncStatus } from './sync-status';

// The booking rules, group slots and overrides, for the app's words and its override form.
export { BOOKING_RULES_URL, readBookingRules, type BookingRules } from '../core/rules/booking-rules';
export { BOOKING_RULE_SYSTEM, describeRules, RULE_NAMES, type BookingRule } from '../core/rules/breaches';
export { capacityOf, describeFill } from '../core/capacity';
export { visitTypeOf } from '../core/fhir';

// Recurring series: how an Appointment names its series (a shared identifier), for lists and the calendar.
export { SERIES_MISS_SYSTEM, SERIES_OCCURRENCE_SYSTEM, SERIES_SYSTEM, seriesOf } from '../core/series';
export { isSupervisor, LATE_CANCELLATION_TAG, OVERRIDDEN_TAG, overridesOf } from './rules/override';

// The waitlist's offers are holds: their expiry, for the app's words.
export { HOLD_EXPIRES_EXTENSION_URL } from '../engine/appointments/holds';
