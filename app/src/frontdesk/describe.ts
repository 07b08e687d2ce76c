/** A found slot as the front desk reads it: local time with the zone, practitioner, location, schedule name. */
import type { Resource } from '@medplum/fhirtypes';
import type { FoundSlot } from '../../../api/index';
import { displayName } from '../actors';
import { formatRange, scheduleName } from '../format';
import { scheduleZone } from './zone';

export interface FoundSlotText {
  readonly when: string;
  readonly practitioner: string;
  readonly location: string;
  readonly schedule: string;
  readonly zone: string;
}

function names(actors: readonly Resource[], types: readonly string[]): string {
  return actors
    .filter((a) => types.includes(a.resourceType))
    .map((a) => displayName(a, `${a.resourceType}/${a.id}`))
    .join(', ');
}

export function describeFound(found: FoundSlot): FoundSlotText {
  const zone = scheduleZone(found.schedule, found.actors);
  const actorNames = (found.schedule.actor ?? []).map((ref) => {
    const actor = found.actors.find((a) => `${a.resourceType}/${a.id}` === ref.reference);
    return displayName(actor, ref.display ?? ref.reference ?? '?');
  });
  return {
    when: formatRange(found.slot.start, found.slot.end, zone),
    practitioner: names(found.actors, ['Practitioner', 'PractitionerRole']) || '—',
    location: names(found.actors, ['Location', 'HealthcareService']) || '—',
    schedule: scheduleName(found.schedule, actorNames),
    zone,
  };
}
