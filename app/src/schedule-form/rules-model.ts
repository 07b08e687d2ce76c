/**
 * The booking rules and the patients per slot as the form edits them (text of number inputs, in hours and days as a
 * front desk says them), to and from the API's `bookingRules` and `availability.capacity`. Pure.
 */
import type { BookingRules } from '../../../api/index';

export interface RulesDraft {
  /** Minimum notice, hours. */
  readonly noticeHours: string;
  /** Booking window, days. */
  readonly advanceDays: string;
  readonly dailyLimit: string;
  readonly weeklyLimit: string;
  /** Change cut-off, hours. */
  readonly cutoffHours: string;
  /** Patients per slot. */
  readonly capacity: string;
}

export type RulesErrors = Partial<Record<keyof RulesDraft, string>>;

export const EMPTY_RULES: RulesDraft = {
  noticeHours: '',
  advanceDays: '',
  dailyLimit: '',
  weeklyLimit: '',
  cutoffHours: '',
  capacity: '1',
};

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));
const hours = (minutes: number | undefined): string => (minutes === undefined ? '' : String(minutes / 60));

/** The draft of stored rules. */
export function rulesDraftOf(rules: BookingRules, capacity: number): RulesDraft {
  return {
    noticeHours: hours(rules.minimumNoticeMinutes),
    advanceDays: text(rules.maximumAdvanceDays),
    dailyLimit: text(rules.dailyLimit),
    weeklyLimit: text(rules.weeklyLimit),
    cutoffHours: hours(rules.changeCutoffMinutes),
    capacity: String(capacity),
  };
}

/** Each field's error, named in words; empty fields are no rule. */
export function checkRulesDraft(draft: RulesDraft): RulesErrors {
  const errors: RulesErrors = {};
  const check = (key: keyof RulesDraft, min: number, max: number, what: string, whole = true): void => {
    const value = draft[key].trim();
    if (value === '') {
      return;
    }
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
      errors[key] = `${what} is ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}.`;
    }
  };
  check('noticeHours', 0, 8784, 'The minimum notice (hours)', false);
  check('advanceDays', 1, 3660, 'The booking window (days)');
  check('dailyLimit', 1, 10_000, 'The daily limit');
  check('weeklyLimit', 1, 10_000, 'The weekly limit');
  check('cutoffHours', 0, 8784, 'The change cut-off (hours)', false);
  check('capacity', 1, 100, 'Patients per slot');
  if (draft.capacity.trim() === '') {
    errors.capacity = 'Patients per slot is a whole number from 1 to 100.';
  }
  return errors;
}

/** The API's rules from a checked draft (minutes rounded to whole minutes). */
export function bookingRulesOf(draft: RulesDraft): BookingRules {
  const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v));
  const minutes = (v: string): number | undefined => {
    const h = num(v);
    return h === undefined ? undefined : Math.round(h * 60);
  };
  const rules: Record<string, number | undefined> = {
    minimumNoticeMinutes: minutes(draft.noticeHours),
    maximumAdvanceDays: num(draft.advanceDays),
    dailyLimit: num(draft.dailyLimit),
    weeklyLimit: num(draft.weeklyLimit),
    changeCutoffMinutes: minutes(draft.cutoffHours),
  };
  return Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined)) as BookingRules;
}
