/**
 * Every error of the schedule form at once, and the slot preview: the form's own checks (validate.ts), the
 * comboboxes' unmatched entries, the core's checks of the draft schedule, and a plan that makes no slots.
 */
import type { HealthcareService, Resource, Schedule } from '@medplum/fhirtypes';
import type { ScheduleUpdateInput } from '../../../api/index';
import { readScheduleRules } from '../../../core/availability/index';
import { planSlots, type SlotPlan } from '../../../core/slot-plan';
import { changesSlots, horizonEndInstant, type FormState } from './model';
import { clinicianWords, fieldOfIssue, PAST_HORIZON, validateForm, zeroSlotReason, type FieldErrors } from './validate';

/** Entries the comboboxes could not match, by field. */
export type Unmatched = Partial<Record<'timeZone' | 'actors', string>>;

export interface FormFacts {
  readonly form: FormState;
  /** The schedule the form would write. */
  readonly draft: Schedule;
  readonly actors: readonly Resource[];
  readonly unmatched: Unmatched;
  /** Set when the stored rules cannot be edited here. */
  readonly unreadable: string | undefined;
  readonly now: number;
  /** The form as loaded (editing), else undefined (a new schedule). */
  readonly initial: FormState | undefined;
  readonly patch: ScheduleUpdateInput;
  /** The project's HealthcareServices, once loaded: the visit types are then planned as the bots will plan them. */
  readonly services?: readonly HealthcareService[];
}

export function checkForm(facts: FormFacts): { errors: FieldErrors; preview?: SlotPlan } {
  const { form, unmatched, unreadable, now } = facts;
  const found: Record<string, string> = { ...validateForm(unreadable ? { ...form, generate: false } : form) };
  if (unmatched.timeZone) {
    found.timeZone = `“${unmatched.timeZone}” is not a time zone in the list.`;
  }
  if (unmatched.actors) {
    found.actors = `No practitioner or room is called “${unmatched.actors}”.`;
  }
  // A last day in the past is an error on that field, with every other error at once (not only once they are fixed).
  const changedEnd = !facts.initial || facts.initial.horizonEnd !== form.horizonEnd;
  const end = form.horizonEnd ? horizonEndInstant(form.horizonEnd, form.timeZone) : undefined;
  if (changedEnd && !found.horizonEnd && end !== undefined && Date.parse(end) <= now) {
    found.horizonEnd = PAST_HORIZON;
  }
  const formOk = Object.keys(found).length === 0;
  const rules = readScheduleRules(facts.draft, {
    actors: facts.actors,
    ...(facts.services ? { services: facts.services } : {}),
  });
  if (!rules.ok) {
    // The core's own checks, for what the form's checks did not catch; reworded for people.
    for (const issue of rules.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal')) {
      if (formOk) {
        found[fieldOfIssue(issue)] ??= clinicianWords(issue.details?.text ?? 'This schedule cannot be saved.');
      }
    }
    return { errors: found };
  }
  if (!rules.value.availability || unreadable) {
    return { errors: found };
  }
  const planned = planSlots({ rules: rules.value, now });
  if (!planned.ok) {
    found.plan = clinicianWords(planned.outcome.issue.map((i) => i.details?.text).join(' '));
    return { errors: found };
  }
  const reason = zeroSlotReason(form, planned.value, now);
  // A plan without slots blocks a new schedule, or an edit that changes the slots (a past horizon is said once, on
  // its field).
  if (reason && reason !== PAST_HORIZON && (!facts.initial || changesSlots(facts.patch))) {
    found.plan = reason;
  }
  return { errors: found, preview: planned.value };
}
