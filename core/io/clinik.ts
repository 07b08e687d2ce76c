/**
 * The API client, split by resource under ./clinik/ (schedules, slots, find, appointments, reschedule, with one
 * validation and error layer). This path stays importable: `import { createClinik } from './core/io/clinik'`.
 */
export * from './clinik/index';
