/**
 * The duration parameters of SchedulingParameters (slot duration, buffers, alignment), read as whole minutes.
 */
import { schedulingDurationToMinutes } from '@medplum/core';
import type { Extension, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir';
import type { Availability } from './types';

/** The duration fields of `Availability`, in its order. */
export type DurationFields = Pick<
  Availability,
  | 'durationMinutes'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'alignmentIntervalMinutes'
  | 'alignmentOffsetMinutes'
>;

/** A sub-extension and its FHIRPath-style expression. */
interface Found {
  readonly ext: Extension;
  readonly where: string;
}

/**
 * Reads `duration` (required), `bufferBefore`, `bufferAfter`, `alignmentInterval` and `alignmentOffset` from the
 * sub-extensions of the SchedulingParameters at `path`. Every problem is pushed to `issues`; `undefined` when any
 * value could not be read.
 */
export function readDurations(
  subs: readonly Extension[],
  path: string,
  issues: OperationOutcomeIssue[]
): DurationFields | undefined {
  const find = (url: string): Found | undefined => {
    const i = subs.findIndex((sub) => sub.url === url);
    const ext = subs[i];
    return ext ? { ext, where: `${path}.extension[${i}]` } : undefined;
  };
  const duration = find('duration');
  let durationMinutes = 0;
  if (!duration) {
    issues.push(issue('error', 'required', path, 'Slot duration is missing: add a "duration" (for example 30 min).'));
  } else {
    durationMinutes = readMinutes(duration.ext, duration.where, 'Slot duration', issues, { positive: true }) ?? 0;
  }
  const bufferBefore = find('bufferBefore');
  const bufferAfter = find('bufferAfter');
  const bufferBeforeMinutes = bufferBefore
    ? readMinutes(bufferBefore.ext, bufferBefore.where, 'Buffer before', issues)
    : 0;
  const bufferAfterMinutes = bufferAfter ? readMinutes(bufferAfter.ext, bufferAfter.where, 'Buffer after', issues) : 0;
  const alignment = readAlignment(find('alignmentInterval'), find('alignmentOffset'), issues);
  if (bufferBeforeMinutes === undefined || bufferAfterMinutes === undefined || alignment === undefined) {
    return undefined;
  }
  return { durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, ...alignment };
}

/** The alignment grid: an interval, and an offset that needs the interval and must be shorter than it. */
function readAlignment(
  interval: Found | undefined,
  offset: Found | undefined,
  issues: OperationOutcomeIssue[]
): Pick<DurationFields, 'alignmentIntervalMinutes' | 'alignmentOffsetMinutes'> | undefined {
  const intervalMinutes = interval
    ? readMinutes(interval.ext, interval.where, 'Alignment interval', issues, { positive: true })
    : undefined;
  const offsetMinutes = offset ? readMinutes(offset.ext, offset.where, 'Alignment offset', issues) : 0;
  if (offset && !interval) {
    issues.push(issue('error', 'required', offset.where, 'An alignment offset needs an alignment interval.'));
  } else if (
    intervalMinutes !== undefined &&
    offsetMinutes !== undefined &&
    offsetMinutes >= intervalMinutes &&
    offset
  ) {
    issues.push(
      issue(
        'error',
        'invalid',
        `${offset.where}.valueDuration`,
        'The alignment offset must be shorter than the alignment interval.'
      )
    );
  }
  if (offsetMinutes === undefined) {
    return undefined;
  }
  return {
    ...(intervalMinutes !== undefined ? { alignmentIntervalMinutes: intervalMinutes } : {}),
    alignmentOffsetMinutes: offsetMinutes,
  };
}

/**
 * A `valueDuration` as whole minutes (units min, h, d, wk), or `undefined` with an issue.
 *
 * @example
 * readMinutes({ url: 'duration', valueDuration: { value: 1, unit: 'h' } }, where, 'Slot duration', issues); // 60
 */
export function readMinutes(
  ext: Extension,
  where: string,
  label: string,
  issues: OperationOutcomeIssue[],
  options: { positive?: boolean } = {}
): number | undefined {
  const value = ext.valueDuration;
  if (!value) {
    issues.push(issue('error', 'invalid', where, `${label} must be a Duration (valueDuration, for example 30 min).`));
    return undefined;
  }
  const valueWhere = `${where}.valueDuration`;
  if (value.value !== undefined && value.value < 0) {
    issues.push(issue('error', 'invalid', valueWhere, `${label} cannot be negative.`));
    return undefined;
  }
  const minutesValue = schedulingDurationToMinutes(value);
  if (minutesValue === undefined) {
    issues.push(
      issue(
        'error',
        'invalid',
        valueWhere,
        `${label} needs a value and a unit of min, h, d or wk (got "${value.unit ?? value.code ?? ''}").`
      )
    );
    return undefined;
  }
  if (!Number.isInteger(minutesValue)) {
    issues.push(issue('error', 'invalid', valueWhere, `${label} must be a whole number of minutes.`));
    return undefined;
  }
  if (options.positive && minutesValue <= 0) {
    issues.push(issue('error', 'invalid', valueWhere, `${label} must be longer than zero.`));
    return undefined;
  }
  return minutesValue;
}
