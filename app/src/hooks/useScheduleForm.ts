/**
 * The schedule form's state and behaviour: loading a schedule into the form, validation (shown once a field is
 * touched or on save; schedule-form/check.ts), the slot preview, and saving exactly what changed (useScheduleSave).
 */
import type { WithId } from '@medplum/core';
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { readScheduleRules } from '../../../core/availability/index';
import type { Impact } from '../../../core/impact';
import type { SlotPlan } from '../../../core/slot-plan';
import { checkForm, type Unmatched } from '../schedule-form/check';
import { draftOf, emptyForm, isEmptyPatch, patchOf, type FormState } from '../schedule-form/model';
import { formOf } from '../schedule-form/read';
import { clinicianWords, PAST_HORIZON, type FieldErrors } from '../schedule-form/validate';
import { useSchedule } from './useSchedule';
import { useScheduleSave } from './useScheduleSave';
import { useHealthcareServices } from './useHealthcareServices';

export interface ScheduleFormModel {
  readonly loading: boolean;
  readonly loadError?: string;
  readonly base?: WithId<Schedule>;
  readonly actors: readonly Resource[];
  /** Why the stored rules cannot be edited here (they are then kept as they are). */
  readonly unreadable?: string;
  readonly form: FormState;
  readonly set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  /** Marks a field as touched: its error shows from now on. */
  readonly touch: (field: string) => void;
  /** Errors to show now (touched fields, or all after a save attempt). */
  readonly visibleErrors: FieldErrors;
  /** Every current error, shown or not. */
  readonly errors: FieldErrors;
  /** Entries the comboboxes could not match (`timeZone`, `actors`): errors that block saving. */
  readonly setUnmatched: (field: 'timeZone' | 'actors', text: string | undefined) => void;
  readonly submitted: boolean;
  readonly preview?: SlotPlan;
  readonly dirty: boolean;
  /** Whether leaving now would lose changes (false once saved). */
  readonly shouldBlock: () => boolean;
  readonly saving: boolean;
  /** The impact of the pending edit, shown before it is written. */
  readonly pendingImpact?: Impact;
  readonly save: () => Promise<void>;
  readonly confirmImpact: () => Promise<void>;
  readonly cancelImpact: () => void;
  readonly summaryRef: RefObject<HTMLDivElement | null>;
}

/** The loaded schedule as the form's starting point, and why its rules cannot be edited here if so. */
function useLoadedForm(id: string | undefined): {
  loaded: ReturnType<typeof useSchedule>;
  initial?: FormState;
  unreadable?: string;
  form: FormState;
  setForm: (update: (f: FormState) => FormState) => void;
} {
  const loaded = useSchedule(id);
  const [form, setForm] = useState<FormState>(() => emptyForm());
  const [start, setStart] = useState<{ initial: FormState; unreadable?: string }>();
  const { schedule, actors } = loaded;
  useEffect(() => {
    if (!schedule) {
      return;
    }
    const rules = readScheduleRules(schedule, { actors });
    // Rules the form cannot read are left exactly as they are: the editor is not offered for them.
    const unreadable = rules.ok
      ? undefined
      : rules.outcome.issue.map((i) => clinicianWords(i.details?.text ?? '')).join(' ');
    const filled = formOf(schedule, actors);
    setForm(filled);
    setStart({ initial: filled, ...(unreadable ? { unreadable } : {}) });
  }, [schedule, actors]);
  return { loaded, ...start, form, setForm };
}

export function useScheduleForm(id: string | undefined, now: number = Date.now()): ScheduleFormModel {
  const { loaded, initial, unreadable, form, setForm } = useLoadedForm(id);
  const base = initial ? loaded.schedule : undefined;
  const actors = loaded.actors;
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [unmatched, setUnmatchedState] = useState<Unmatched>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const [clock] = useState(now);

  const set = useCallback(<K extends keyof FormState>(key: K, value: FormState[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
  }, []);
  const touch = useCallback((field: string) => setTouched((t) => (t.has(field) ? t : new Set([...t, field]))), []);
  const setUnmatched = useCallback((field: 'timeZone' | 'actors', text: string | undefined) => {
    setUnmatchedState((u) => (u[field] === text ? u : { ...u, [field]: text }));
  }, []);

  const patch = useMemo(() => patchOf(initial, form), [initial, form]);
  const draft = useMemo(() => draftOf(form, base, initial), [form, base, initial]);
  const services = useHealthcareServices();
  const { errors, preview } = useMemo(
    () =>
      checkForm({
        form,
        draft,
        actors,
        unmatched,
        unreadable,
        now: clock,
        initial,
        patch,
        ...(services ? { services } : {}),
      }),
    [form, draft, actors, unmatched, unreadable, clock, initial, patch, services]
  );
  const saving = useScheduleSave({ base, patch, draft, actors, errors, summaryRef });
  const visibleErrors = useMemo(
    () =>
      saving.submitted
        ? errors
        : Object.fromEntries(
            // A plan without slots and a last day in the past show at once: they are about what was typed.
            Object.entries(errors).filter(
              ([field, text]) => touched.has(field) || field === 'plan' || text === PAST_HORIZON
            )
          ),
    [errors, saving.submitted, touched]
  );
  const dirty = initial ? !isEmptyPatch(patch) : JSON.stringify(form) !== JSON.stringify(emptyForm(form.timeZone));

  return {
    loading: id !== undefined && !initial && !loaded.error,
    ...(loaded.error ? { loadError: loaded.error } : {}),
    ...(base ? { base } : {}),
    actors: initial ? actors : [],
    ...(unreadable ? { unreadable } : {}),
    form,
    set,
    touch,
    visibleErrors,
    errors,
    setUnmatched,
    submitted: saving.submitted,
    ...(preview ? { preview } : {}),
    dirty,
    shouldBlock: () => dirty && !saving.saved(),
    saving: saving.saving,
    ...(saving.pendingImpact ? { pendingImpact: saving.pendingImpact } : {}),
    save: saving.save,
    confirmImpact: saving.confirmImpact,
    cancelImpact: saving.cancelImpact,
    summaryRef,
  };
}
