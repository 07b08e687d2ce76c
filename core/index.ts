/**
 * The scheduling core: pure domain functions (no client, no clock, no environment), and the seed's API client.
 */
export * from './availability';
export * from './fhir';
export * from './intervals';
export * from './scheduling-parameters';
export * from './slot-diff';
export * from './slot-plan';
export * from './tasks';
export * from './time';
