/**
 * Closed periods (holidays, leave): SchedulingParameters `notAvailableTime` entries, read as instants.
 */
import type { Extension, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir';
import { parseInstant } from '../time';
import type { ClosedPeriod } from './types';

/**
 * Reads one `notAvailableTime` (its `during` period and optional `description`) at `where`. `undefined`, with an
 * issue, when the period is missing, open-ended, without offsets or backwards.
 *
 * @example
 * // during 2025-01-02T00:00:00Z to 2025-01-03T00:00:00Z, description 'Holiday':
 * readClosed(notAvailableTime, where, issues); // { description: 'Holiday', start: 1735776000000, end: 1735862400000 }
 */
export function readClosed(item: Extension, where: string, issues: OperationOutcomeIssue[]): ClosedPeriod | undefined {
  const parts = item.extension ?? [];
  const descriptionPart = parts.find((part) => part.url === 'description');
  const duringIndex = parts.findIndex((part) => part.url === 'during');
  const during = parts[duringIndex]?.valuePeriod;
  if (!during) {
    issues.push(issue('error', 'required', where, 'A notAvailableTime needs a "during" period.'));
    return undefined;
  }
  const duringWhere = `${where}.extension[${duringIndex}].valuePeriod`;
  const start = parseInstant(during.start);
  const end = parseInstant(during.end);
  if (start === undefined || end === undefined) {
    issues.push(
      issue('error', 'invalid', duringWhere, 'A notAvailableTime period needs a start and an end, each with an offset.')
    );
    return undefined;
  }
  if (end <= start) {
    issues.push(issue('error', 'invalid', `${duringWhere}.end`, 'A notAvailableTime period ends before it starts.'));
    return undefined;
  }
  const description = descriptionPart?.valueString;
  return { ...(description ? { description } : {}), start, end };
}
