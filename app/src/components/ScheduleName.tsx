/** A schedule's stable display name (its actors and specialty; never the comment), with the actors' names read. */
import type { Schedule } from '@medplum/fhirtypes';
import { useActorNames } from '../actors';
import { scheduleName } from '../format';

/** The name as text, for headings, links and the document title. */
export function useScheduleName(schedule: Schedule | undefined): string {
  const names = useActorNames(schedule?.actor ?? []);
  if (!schedule) {
    return '';
  }
  return scheduleName(schedule, names.every(Boolean) ? names : undefined);
}
