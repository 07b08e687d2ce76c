/**
 * The scheduling core: pure domain functions (no client, no clock, no environment). The API client is `api/`, the
 * bots' engine `engine/`.
 */
export * from './availability/index';
export * from './availability/write';
export * from './describe';
export * from './fhir';
export * from './impact';
export * from './intervals';
export * from './recurrence';
export * from './slot-diff';
export * from './slot-plan';
export * from './tasks';
export * from './time';
export * from './terminology';
