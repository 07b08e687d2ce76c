/**
 * One SchedulingParameters entry's availability: its durations and its weekly hours and closed periods, each
 * problem an issue pointing at the element. Shared by the schedule-wide entry and the visit types.
 */
import type { Extension, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir';
import { readClosed } from './closed';
import { readDurations } from './durations';
import { KNOWN_PARAMETERS } from './parameters';
import type { Availability, ClosedPeriod, WeeklyWindow } from './types';
import { readWindow } from './windows';

/** A SchedulingParameters entry or sub-extension, and its FHIRPath-style expression. */
export interface Located {
  readonly ext: Extension;
  readonly path: string;
}

/** The availability of one entry at `path`; `undefined` when anything in it (or the zone) is wrong. */
export function readAvailability(
  params: Extension,
  path: string,
  timeZone: string | undefined,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): Availability | undefined {
  const before = issues.length;
  const subs = params.extension ?? [];
  warnUnknownParameters(subs, path, warnings);
  const durations = readDurations(subs, path, issues);
  const { windows, closed, firstEntry } = readWeeklyHours(subs, path, issues, warnings);
  if (firstEntry !== undefined && windows.length === 0 && issues.length === before) {
    issues.push(issue('error', 'required', firstEntry, 'No weekly hours: add at least one availableTime.'));
  }
  if (issues.length > before || !timeZone || durations === undefined) {
    return undefined;
  }
  return { timeZone, ...durations, windows, closed: [...closed].sort((a, b) => a.start - b.start) };
}

function warnUnknownParameters(subs: readonly Extension[], path: string, warnings: OperationOutcomeIssue[]): void {
  subs.forEach((sub, i) => {
    if (!KNOWN_PARAMETERS.has(sub.url)) {
      warnings.push(
        issue(
          'warning',
          'not-supported',
          `${path}.extension[${i}]`,
          `Unknown scheduling parameter "${sub.url}" is ignored.`
        )
      );
    }
  });
}

/**
 * The `availability` entries: their weekly windows and closed periods, and the path of the first entry (an error
 * when there is none).
 */
function readWeeklyHours(
  subs: readonly Extension[],
  path: string,
  issues: OperationOutcomeIssue[],
  warnings: OperationOutcomeIssue[]
): { windows: WeeklyWindow[]; closed: ClosedPeriod[]; firstEntry: string | undefined } {
  const windows: WeeklyWindow[] = [];
  const closed: ClosedPeriod[] = [];
  const entries: Located[] = subs
    .map((ext, i) => ({ ext, path: `${path}.extension[${i}]` }))
    .filter(({ ext }) => ext.url === 'availability');
  if (entries.length === 0) {
    issues.push(
      issue('error', 'required', path, 'No weekly hours: add an "availability" with at least one availableTime.')
    );
  }
  for (const entry of entries) {
    (entry.ext.extension ?? []).forEach((item, j) => {
      const where = `${entry.path}.extension[${j}]`;
      if (item.url === 'availableTime') {
        const window = readWindow(item, where, issues);
        if (window) {
          windows.push(window);
        }
      } else if (item.url === 'notAvailableTime') {
        const period = readClosed(item, where, issues);
        if (period) {
          closed.push(period);
        }
      } else {
        warnings.push(issue('warning', 'not-supported', where, `Unknown availability entry "${item.url}" is ignored.`));
      }
    });
  }
  return { windows, closed, firstEntry: entries[0]?.path };
}
