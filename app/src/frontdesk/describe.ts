/** A found slot as the front desk reads it: local time with the zone, practitioner, location, schedule name. */
import type { Resource } from '@medplum/fhirtypes';
import type { FoundSlot } from '../../../api/index';
import { displayName } from '../actors';
import { localDateTime } from '../../../core/time';
import { formatDate, formatRange, scheduleName } from '../format';
import { scheduleZone } from './zone';

export interface FoundSlotText {
  /** Date and time: 'Mon 3 Mar 2025, 09:00–09:30 EST'. */
  readonly when: string;
  /** The local day, in words ('Mon 3 Mar 2025') and as a date for links ('2025-03-03'). */
  readonly day: string;
  readonly date: string;
  /** The time alone: '09:00–09:30 EST'. */
  readonly time: string;
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

/**
 * A booking confirmed in words that name the patient, the practitioner (else the schedule) and the time.
 *
 * @example
 * describeBooked(found, 'Ada Lovelace'); // 'Ada Lovelace with Dr. Emma Brown, Fri 4 Dec 2026, 08:00–08:15 EST'
 */
export function describeBooked(found: FoundSlot, patient: string): string {
  const text = describeFound(found);
  return `${patient} with ${text.practitioner === '—' ? text.schedule : text.practitioner}, ${text.when}`;
}

export function describeFound(found: FoundSlot): FoundSlotText {
  const zone = scheduleZone(found.schedule, found.actors);
  const actorNames = (found.schedule.actor ?? []).map((ref) => {
    const actor = found.actors.find((a) => `${a.resourceType}/${a.id}` === ref.reference);
    return displayName(actor, ref.display ?? ref.reference ?? '?');
  });
  const when = formatRange(found.slot.start, found.slot.end, zone);
  const day = formatDate(found.slot.start, zone);
  return {
    when,
    day,
    date: localDateTime(found.slot.start, zone).slice(0, 10),
    time: when.startsWith(`${day}, `) ? when.slice(day.length + 2) : when,
    practitioner: names(found.actors, ['Practitioner', 'PractitionerRole']) || '—',
    location: names(found.actors, ['Location', 'HealthcareService']) || '—',
    schedule: scheduleName(found.schedule, actorNames),
    zone,
  };
}
