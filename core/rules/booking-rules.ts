/**
 * The booking rules a clinic sets on a Schedule: minimum notice, maximum advance, daily and weekly limits per actor,
 * and the cut-off for cancelling or moving a booking. FHIR and Medplum's SchedulingParameters have no field for
 * them, so they live in one complex extension on the Schedule ({@link BOOKING_RULES_URL}):
 *
 * ```json
 * { "url": "https://schedules.clinik.dev/fhir/StructureDefinition/booking-rules", "extension": [
 *   { "url": "minimumNotice", "valueDuration": { "value": 2, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h" } },
 *   { "url": "maximumAdvance", "valueDuration": { "value": 90, "unit": "d", "system": "http://unitsofmeasure.org", "code": "d" } },
 *   { "url": "dailyLimit", "valuePositiveInt": 12 },
 *   { "url": "weeklyLimit", "valuePositiveInt": 50 },
 *   { "url": "changeCutoff", "valueDuration": { "value": 24, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h" } } ] }
 * ```
 *
 * Durations are kept in whole minutes here; the extension may use min, h or d.
 */
import type { Duration, Extension, OperationOutcomeIssue, Schedule } from '@medplum/fhirtypes';
import { issue, PRODUCT_URI } from '../fhir';

export const BOOKING_RULES_URL = `${PRODUCT_URI}/StructureDefinition/booking-rules`;

/** A Schedule's booking rules; an absent field is no rule. */
export interface BookingRules {
  /** No booking may start sooner than this many minutes from now. */
  readonly minimumNoticeMinutes?: number;
  /** No booking may start more than this many days ahead. */
  readonly maximumAdvanceDays?: number;
  /** At most this many live appointments per actor per local day, across all of the actor's schedules. */
  readonly dailyLimit?: number;
  /** At most this many live appointments per actor per local week (Monday to Sunday). */
  readonly weeklyLimit?: number;
  /** Within this many minutes of the start, cancelling or moving a booking needs an override. */
  readonly changeCutoffMinutes?: number;
}

const UCUM = 'http://unitsofmeasure.org';
const MINUTES_PER: Readonly<Record<string, number>> = { min: 1, h: 60, d: 1440, wk: 10080 };
/** The largest value any rule takes (about ten years in minutes, or ten thousand appointments). */
const MAX_MINUTES = 10 * 366 * 1440;
const MAX_COUNT = 10_000;

/**
 * Reads the rules; a malformed entry is reported in `issues` (at its path) and left out.
 *
 * @example
 * const rules = readBookingRules(schedule, issues); // { dailyLimit: 12, minimumNoticeMinutes: 120 }
 */
export function readBookingRules(schedule: Schedule, issues: OperationOutcomeIssue[] = []): BookingRules {
  const index = (schedule.extension ?? []).findIndex((ext) => ext.url === BOOKING_RULES_URL);
  const ext = schedule.extension?.[index];
  if (!ext) {
    return {};
  }
  const rules: Record<string, number> = {};
  (ext.extension ?? []).forEach((sub, i) => {
    const path = `Schedule.extension[${index}].extension[${i}]`;
    const value = readSub(sub, path, issues);
    if (value !== undefined) {
      rules[FIELD_OF[sub.url] as string] = value;
    }
  });
  return rules as BookingRules;
}

const FIELD_OF: Readonly<Record<string, keyof BookingRules>> = {
  minimumNotice: 'minimumNoticeMinutes',
  maximumAdvance: 'maximumAdvanceDays',
  dailyLimit: 'dailyLimit',
  weeklyLimit: 'weeklyLimit',
  changeCutoff: 'changeCutoffMinutes',
};

function readSub(sub: Extension, path: string, issues: OperationOutcomeIssue[]): number | undefined {
  switch (sub.url) {
    case 'minimumNotice':
    case 'changeCutoff':
      return durationMinutes(sub.valueDuration, `${path}.valueDuration`, issues);
    case 'maximumAdvance': {
      const value = durationMinutes(sub.valueDuration, `${path}.valueDuration`, issues);
      return value === undefined ? undefined : Math.ceil(value / 1440);
    }
    case 'dailyLimit':
    case 'weeklyLimit':
      return count(sub.valuePositiveInt, `${path}.valuePositiveInt`, issues);
    default:
      issues.push(issue('warning', 'not-supported', path, `"${sub.url}" is not a booking rule; it is ignored.`));
      return undefined;
  }
}

function durationMinutes(
  value: Duration | undefined,
  path: string,
  issues: OperationOutcomeIssue[]
): number | undefined {
  const per = MINUTES_PER[value?.code ?? value?.unit ?? ''];
  const amount = value?.value;
  if (per === undefined || amount === undefined || !(amount >= 0) || amount * per > MAX_MINUTES) {
    issues.push(
      issue('error', 'invalid', path, 'A booking rule duration needs a value from 0 and a unit min, h or d.')
    );
    return undefined;
  }
  return Math.round(amount * per);
}

function count(value: number | undefined, path: string, issues: OperationOutcomeIssue[]): number | undefined {
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > MAX_COUNT) {
    issues.push(issue('error', 'invalid', path, `A limit is a whole number from 1 to ${MAX_COUNT}.`));
    return undefined;
  }
  return value;
}

/**
 * The Schedule's extensions with the rules written (replacing any earlier ones); no rules removes the extension.
 *
 * @example
 * schedule.extension = withBookingRules(schedule.extension, { dailyLimit: 12 });
 */
export function withBookingRules(extensions: readonly Extension[] | undefined, rules: BookingRules): Extension[] {
  const others = (extensions ?? []).filter((ext) => ext.url !== BOOKING_RULES_URL);
  const subs: Extension[] = [
    ...minutesSub('minimumNotice', rules.minimumNoticeMinutes),
    ...(rules.maximumAdvanceDays !== undefined ? [daysSub('maximumAdvance', rules.maximumAdvanceDays)] : []),
    ...(rules.dailyLimit !== undefined ? [{ url: 'dailyLimit', valuePositiveInt: rules.dailyLimit }] : []),
    ...(rules.weeklyLimit !== undefined ? [{ url: 'weeklyLimit', valuePositiveInt: rules.weeklyLimit }] : []),
    ...minutesSub('changeCutoff', rules.changeCutoffMinutes),
  ];
  return subs.length === 0 ? others : [...others, { url: BOOKING_RULES_URL, extension: subs }];
}

function minutesSub(url: string, minutes: number | undefined): Extension[] {
  if (minutes === undefined) {
    return [];
  }
  const hours = minutes % 60 === 0;
  const value = hours ? minutes / 60 : minutes;
  const code = hours ? 'h' : 'min';
  return [{ url, valueDuration: { value, unit: code, system: UCUM, code } }];
}

function daysSub(url: string, value: number): Extension {
  return { url, valueDuration: { value, unit: 'd', system: UCUM, code: 'd' } };
}

/**
 * Checks rules given as input (the API's `bookingRules`): each a whole number in range, named by its field.
 *
 * @example
 * checkBookingRules({ dailyLimit: 0 }, issues); // "bookingRules.dailyLimit: a whole number from 1 …"
 */
export function checkBookingRules(rules: BookingRules, issues: OperationOutcomeIssue[]): void {
  const ranges: Record<keyof BookingRules, [number, number, string]> = {
    minimumNoticeMinutes: [0, MAX_MINUTES, 'minutes'],
    maximumAdvanceDays: [1, 3660, 'days'],
    dailyLimit: [1, MAX_COUNT, 'appointments'],
    weeklyLimit: [1, MAX_COUNT, 'appointments'],
    changeCutoffMinutes: [0, MAX_MINUTES, 'minutes'],
  };
  for (const [field, [min, max, unit]] of Object.entries(ranges) as [keyof BookingRules, [number, number, string]][]) {
    const value = (rules as Record<string, unknown>)[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)) {
      issues.push(
        issue(
          'error',
          'invalid',
          `bookingRules.${field}`,
          `${field} is a whole number of ${unit} from ${min} to ${max}.`
        )
      );
    }
  }
}
