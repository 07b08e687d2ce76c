/**
 * The time zone a schedule's times are shown in: its availability rules' zone (else its actors' `timezone`
 * extension), read by the same core function the bots use; the browser's zone only when the schedule has none.
 */
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { readScheduleRules } from '../../../core/availability/index';

const TIMEZONE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/timezone';

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone of a schedule, given its actors when they are loaded. */
export function scheduleZone(schedule: Schedule | undefined, actors: readonly Resource[] = []): string {
  if (schedule) {
    const rules = readScheduleRules({ ...schedule, id: schedule.id ?? 'x' }, { actors: [...actors] });
    if (rules.ok && rules.value.availability) {
      return rules.value.availability.timeZone;
    }
  }
  for (const actor of actors) {
    const zone = (actor as { extension?: { url: string; valueCode?: string }[] }).extension?.find(
      (e) => e.url === TIMEZONE_EXTENSION
    )?.valueCode;
    if (zone) {
      return zone;
    }
  }
  return browserZone();
}
