/**
 * A Schedule's time zone: the SchedulingParameters `timezone`, else its actors' HL7 timezone extension.
 */
import { getExtensionValue, TimezoneExtensionURI } from '@medplum/core';
import type { Extension, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { issue } from '../fhir';
import { isValidTimeZone } from '../time';

/** Resolves the zone: the parameters' `timezone`, else the first actor's HL7 timezone extension. `null` = none. */
export function readTimeZone(
  params: Extension,
  path: string,
  actors: readonly Resource[],
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): string | null {
  const index = params.extension?.findIndex((sub) => sub.url === 'timezone') ?? -1;
  if (index >= 0) {
    return readExplicitZone(params.extension?.[index]?.valueCode, `${path}.extension[${index}].valueCode`, issues);
  }
  return readActorZone(path, actors, issues, warnings);
}

/** The parameters' own `timezone` code, when it names a known IANA zone. */
function readExplicitZone(zone: string | undefined, where: string, issues: OperationOutcomeIssue[]): string | null {
  if (!zone || !isValidTimeZone(zone)) {
    issues.push(
      issue(
        'error',
        'code-invalid',
        where,
        `"${zone ?? ''}" is not a known IANA time zone (for example America/New_York).`
      )
    );
    return null;
  }
  return zone;
}

/** The first actor's HL7 timezone extension; a warning when the actors disagree. */
function readActorZone(
  path: string,
  actors: readonly Resource[],
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): string | null {
  const actorZones = actors
    .map((actor) => getExtensionValue(actor, TimezoneExtensionURI))
    .filter((zone): zone is string => typeof zone === 'string');
  const zone = actorZones[0];
  if (zone === undefined) {
    issues.push(
      issue(
        'error',
        'required',
        path,
        'No time zone: set the SchedulingParameters "timezone", or the timezone extension on the schedule\'s practitioner or location.'
      )
    );
    return null;
  }
  if (!isValidTimeZone(zone)) {
    issues.push(
      issue('error', 'code-invalid', 'Schedule.actor', `The actor's time zone "${zone}" is not a known IANA time zone.`)
    );
    return null;
  }
  if (new Set(actorZones).size > 1) {
    warnings.push(
      issue(
        'warning',
        'business-rule',
        'Schedule.actor',
        `Actors disagree on the time zone; using ${zone}. Set "timezone" explicitly.`
      )
    );
  }
  return zone;
}
