/**
 * Loading a Schedule's actors, for the `timezone` fallback of its rules.
 */
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { takesZoneFromActors } from '../../core/availability/index';
import { send, type Io } from '../transport/conditional-write';
import { isDeferred, isTransient } from '../transport/pacing';

/**
 * The Schedule's actors when its rules take their zone from them, else none (no request). An actor that cannot be
 * read (gone, forbidden) is skipped: it gives no zone, and the rules then say that none was found. A refusal worth
 * retrying (429, 5xx, network) is thrown, never taken for a missing zone.
 *
 * @example
 * const rules = readScheduleRules(schedule, { actors: await actorsForZone({ medplum }, schedule) });
 */
export async function actorsForZone(io: Io, schedule: Schedule): Promise<Resource[]> {
  if (!takesZoneFromActors(schedule)) {
    return [];
  }
  const actors: Resource[] = [];
  for (const actor of schedule.actor ?? []) {
    try {
      actors.push(await send(io, 'read actor', () => io.medplum.readReference(actor)));
    } catch (err) {
      if (isDeferred(err) || isTransient(err)) {
        throw err;
      }
      // skipped: see above
    }
  }
  return actors;
}
