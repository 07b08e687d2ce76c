/**
 * The schedule form's state and behaviour: loading a schedule into the form, validation (shown once a field is
 * touched or on save), the slot preview, the impact of an edit on existing bookings, and saving exactly what changed.
 */
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { readScheduleRules } from '../../../core/availability/index';
import { previewImpact, type Impact } from '../../../core/impact';
import type { ScheduleUpdateInput } from '../../../api/index';
import { searchSlots } from '../../../api';
import { planSlots, type SlotPlan } from '../../../core/slot-plan';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';
import { changesSlots, draftOf, emptyForm, isEmptyPatch, patchOf, type FormState } from './model';
import { formOf } from './read';
import { clinicianWords, fieldOfIssue, validateForm, zeroSlotReason, type FieldErrors } from './validate';

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
  readonly summaryRef: React.RefObject<HTMLDivElement | null>;
}

export function useScheduleForm(id: string | undefined, now: number = Date.now()): ScheduleFormModel {
  const medplum = useMedplum();
  const clinik = useClinik();
  const navigate = useNavigate();
  const [base, setBase] = useState<WithId<Schedule>>();
  const [actors, setActors] = useState<Resource[]>([]);
  const [form, setForm] = useState<FormState>(() => emptyForm());
  const [initial, setInitial] = useState<FormState>();
  const [unreadable, setUnreadable] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [unmatched, setUnmatchedState] = useState<Partial<Record<'timeZone' | 'actors', string>>>({});
  const [saving, setSaving] = useState(false);
  const [pending, setPending] = useState<{ patch: ScheduleUpdateInput; impact: Impact }>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const leaving = useRef(false);
  const [clock] = useState(now);

  useEffect(() => {
    if (!id) {
      return;
    }
    let current = true;
    clinik.schedules
      .get(id)
      .then(async ({ data }) => {
        const read = await Promise.all(data.actor.map((a) => medplum.readReference(a).catch(() => undefined)));
        const loaded: Resource[] = read.filter((a) => a !== undefined);
        const rules = readScheduleRules(data, { actors: loaded });
        if (!current) {
          return;
        }
        // Rules the form cannot read are left exactly as they are: the editor is not offered for them.
        setUnreadable(
          rules.ok ? undefined : rules.outcome.issue.map((i) => clinicianWords(i.details?.text ?? '')).join(' ')
        );
        const filled = formOf(data, loaded);
        setActors(loaded);
        setBase(data);
        setForm(filled);
        setInitial(filled);
      })
      .catch((err: unknown) => current && setLoadError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [clinik, medplum, id]);

  const set = useCallback(<K extends keyof FormState>(key: K, value: FormState[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
  }, []);
  const touch = useCallback((field: string) => setTouched((t) => (t.has(field) ? t : new Set([...t, field]))), []);
  const setUnmatched = useCallback((field: 'timeZone' | 'actors', text: string | undefined) => {
    setUnmatchedState((u) => (u[field] === text ? u : { ...u, [field]: text }));
  }, []);

  const patch = useMemo(() => patchOf(initial, form), [initial, form]);
  const draft = useMemo(() => draftOf(form, base, initial), [form, base, initial]);
  const { errors, preview } = useMemo(() => {
    const found: Record<string, string> = { ...validateForm(unreadable ? { ...form, generate: false } : form) };
    if (unmatched.timeZone) {
      found.timeZone = `“${unmatched.timeZone}” is not a time zone in the list.`;
    }
    if (unmatched.actors) {
      found.actors = `No practitioner or room is called “${unmatched.actors}”.`;
    }
    let plan: SlotPlan | undefined;
    const formOk = Object.keys(found).length === 0;
    const rules = readScheduleRules(draft, { actors });
    if (!rules.ok) {
      // The core's own checks, for what the form's checks did not catch; reworded for people.
      for (const issue of rules.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal')) {
        if (formOk) {
          found[fieldOfIssue(issue)] ??= clinicianWords(issue.details?.text ?? 'This schedule cannot be saved.');
        }
      }
    } else if (rules.value.availability && !unreadable) {
      const planned = planSlots({ rules: rules.value, now: clock });
      if (planned.ok) {
        plan = planned.value;
        const reason = zeroSlotReason(form, plan, clock);
        // A plan without slots blocks a new schedule, or an edit that changes the slots.
        if (reason && (!initial || changesSlots(patch))) {
          found.plan = reason;
        }
      } else {
        found.plan = clinicianWords(planned.outcome.issue.map((i) => i.details?.text).join(' '));
      }
    }
    return { errors: found as FieldErrors, preview: plan };
  }, [form, draft, actors, unmatched, unreadable, clock, initial, patch]);

  const visibleErrors = useMemo(
    () =>
      submitted
        ? errors
        : Object.fromEntries(Object.entries(errors).filter(([field]) => touched.has(field) || field === 'plan')),
    [errors, submitted, touched]
  );
  const dirty = initial ? !isEmptyPatch(patch) : JSON.stringify(form) !== JSON.stringify(emptyForm(form.timeZone));

  const write = useCallback(
    async (toWrite: ScheduleUpdateInput): Promise<void> => {
      setSaving(true);
      try {
        const { data } = base
          ? await clinik.schedules.update(
              base.id,
              toWrite,
              base.meta?.versionId ? { version: base.meta.versionId } : {}
            )
          : await clinik.schedules.create({ ...toWrite, actorIds: toWrite.actorIds ?? [] } as never);
        notifications.show({
          color: 'teal',
          title: base ? 'Schedule saved' : 'Schedule created',
          message: changesSlots(toWrite) ? 'Its slots are being updated.' : 'Saved.',
        });
        leaving.current = true; // saved: leaving is not blocked
        navigate(`/schedules/${data.id}`, { state: { changedAt: Date.now() } });
      } catch (err) {
        notifications.show({ color: 'red', title: 'The schedule was not saved', message: errorMessage(err) });
      } finally {
        setSaving(false);
      }
    },
    [base, clinik, navigate]
  );

  const save = useCallback(async (): Promise<void> => {
    setSubmitted(true);
    if (Object.keys(errors).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    if (base && isEmptyPatch(patch)) {
      notifications.show({ color: 'gray', title: 'Nothing to save', message: 'You have not changed anything.' });
      navigate(`/schedules/${base.id}`);
      return;
    }
    if (base && changesSlots(patch)) {
      setSaving(true);
      try {
        const at = Date.now();
        const { slots } = await searchSlots(medplum, { scheduleId: base.id, from: at });
        const impact = previewImpact(draft, slots, at, { actors });
        if (impact.ok) {
          const { affected, deleted, withdrawn, created } = impact.value;
          if (affected.length + deleted.length + withdrawn.length + created.length > 0) {
            setPending({ patch, impact: impact.value });
            return;
          }
        }
      } catch (err) {
        notifications.show({ color: 'red', title: 'Could not compute the impact', message: errorMessage(err) });
        return;
      } finally {
        setSaving(false);
      }
    }
    await write(patch);
  }, [errors, base, patch, medplum, draft, actors, write, navigate]);

  const confirmImpact = useCallback(async () => {
    if (pending) {
      const toWrite = pending.patch;
      setPending(undefined);
      await write(toWrite);
    }
  }, [pending, write]);

  return {
    loading: id !== undefined && !base && !loadError,
    ...(loadError ? { loadError } : {}),
    ...(base ? { base } : {}),
    actors,
    ...(unreadable ? { unreadable } : {}),
    form,
    set,
    touch,
    visibleErrors,
    errors,
    setUnmatched,
    submitted,
    ...(preview ? { preview } : {}),
    dirty,
    shouldBlock: () => dirty && !leaving.current,
    saving,
    ...(pending ? { pendingImpact: pending.impact } : {}),
    save,
    confirmImpact,
    cancelImpact: () => setPending(undefined),
    summaryRef,
  };
}
