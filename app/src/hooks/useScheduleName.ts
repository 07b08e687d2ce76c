/**
 * A schedule's stable display name as text (its actors and specialty; never the comment), with the actors' names
 * read: for headings, links and the document title.
 */
import type { Schedule } from '@medplum/fhirtypes';
import { scheduleName } from '../format';
import { useActorNames } from './useActorNames';

export function useScheduleName(schedule: Schedule | undefined): string {
  const names = useActorNames(schedule?.actor ?? []);
  if (!schedule) {
    return '';
  }
  return scheduleName(schedule, names.every(Boolean) ? names : undefined);
}
