/** The booking rules a refusal names (its issues' codings), for the override form. */
import { BOOKING_RULE_SYSTEM, RULE_NAMES, type BookingRule } from '../../../api/index';

export interface NamedRule {
  readonly code: BookingRule;
  readonly name: string;
}

/**
 * The rules a refused call broke, once each, when a supervisor could override them (a 409 or 403 naming rules).
 *
 * @example
 * breachedRules(err); // [{ code: 'daily-limit', name: 'Daily limit' }]
 */
export function breachedRules(err: unknown): NamedRule[] {
  const { status, outcome } = (err ?? {}) as {
    status?: number;
    outcome?: { issue?: { details?: { coding?: { system?: string; code?: string }[] } }[] };
  };
  if (status !== 409 && status !== 403) {
    return [];
  }
  const codes = new Set<BookingRule>();
  for (const issue of outcome?.issue ?? []) {
    for (const coding of issue.details?.coding ?? []) {
      if (coding.system === BOOKING_RULE_SYSTEM && coding.code && coding.code in RULE_NAMES) {
        codes.add(coding.code as BookingRule);
      }
    }
  }
  return [...codes].map((code) => ({ code, name: RULE_NAMES[code] }));
}

/** "Daily limit", "Minimum notice and Daily limit". */
export function ruleNames(rules: readonly NamedRule[]): string {
  const names = rules.map((r) => r.name);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
