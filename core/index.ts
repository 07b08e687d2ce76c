/**
 * The scheduling core: pure domain functions (no client, no clock, no environment), and the seed's API client.
 */
export * from './availability';
export * from './describe';
export * from './fhir';
export * from './impact';
export * from './intervals';
export * from './scheduling-parameters';
export * from './slot-diff';
export * from './slot-plan';
export * from './tasks';
export * from './time';
export * from './terminology';
export { createClinik, ClinikError, ACTOR_TYPES } from './io/clinik';
export type * from './io/clinik';
export { syncScheduleSlots, describeSummary, type SyncSummary, type SyncOptions } from './io/schedule-sync';
export { syncAppointmentSlots } from './io/appointment-sync';
