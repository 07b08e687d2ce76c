/**
 * Availability: reading (`read.ts` and the modules it uses) and writing (`write.ts`) Medplum's SchedulingParameters
 * extension. This barrel exports the reader's side, as it always has; the writer is imported from `./write`.
 */
export * from './types';
export * from './limits';
export { isScheduleWideParameters, serviceIds, takesZoneFromActors } from './parameters';
export { readScheduleRules } from './read';
