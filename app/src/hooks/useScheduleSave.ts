/**
 * Saving the schedule form: exactly what changed (the patch), after showing the impact when an edit moves existing
 * slots or bookings; then to the schedule's page, which follows the bots from the moment of the change.
 */
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import { searchSlots, type ScheduleUpdateInput } from '../../../api/index';
import { previewImpact, type Impact } from '../../../core/impact';
import { serviceIds } from '../../../core/availability/index';
import { errorMessage } from '../errors';
import { changesSlots, isEmptyPatch } from '../schedule-form/model';
import type { FieldErrors } from '../schedule-form/validate';
import { useClinik } from './useClinik';
import type { Follow } from '../calendar/follow';

export interface SaveInput {
  /** The schedule being edited (none for a new one). */
  readonly base: WithId<Schedule> | undefined;
  readonly patch: ScheduleUpdateInput;
  readonly draft: Schedule;
  readonly actors: readonly Resource[];
  readonly errors: FieldErrors;
  /** The error summary, focused when saving is refused. */
  readonly summaryRef: RefObject<HTMLDivElement | null>;
}

export interface ScheduleSave {
  readonly saving: boolean;
  /** A save was tried: every error shows from now on. */
  readonly submitted: boolean;
  /** The impact of the pending edit, shown before it is written. */
  readonly pendingImpact?: Impact;
  readonly save: () => Promise<void>;
  readonly confirmImpact: () => Promise<void>;
  readonly cancelImpact: () => void;
  /** Saved: leaving is no longer blocked. */
  readonly saved: () => boolean;
}

/** The impact of the draft on the schedule's slots from now, when it changes any. */
async function impactOf(
  medplum: ReturnType<typeof useMedplum>,
  base: WithId<Schedule>,
  draft: Schedule,
  actors: readonly Resource[]
): Promise<Impact | undefined> {
  const at = Date.now();
  const { slots } = await searchSlots(medplum, { scheduleId: base.id, from: at });
  const ids = serviceIds(draft);
  const services = ids.length > 0 ? await medplum.searchResources('HealthcareService', { _id: ids.join(',') }) : [];
  const impact = previewImpact(draft, slots, at, { actors, services });
  if (!impact.ok) {
    return undefined;
  }
  const { affected, deleted, withdrawn, created } = impact.value;
  return affected.length + deleted.length + withdrawn.length + created.length > 0 ? impact.value : undefined;
}

export function useScheduleSave({ base, patch, draft, actors, errors, summaryRef }: SaveInput): ScheduleSave {
  const medplum = useMedplum();
  const clinik = useClinik();
  const navigate = useNavigate();
  const [saving, setSaving] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState<{ patch: ScheduleUpdateInput; impact: Impact }>();
  const leaving = useRef(false);

  const write = useCallback(
    async (toWrite: ScheduleUpdateInput): Promise<void> => {
      setSaving(true);
      try {
        const version = base?.meta?.versionId ? { version: base.meta.versionId } : {};
        const { data } = base
          ? await clinik.schedules.update(base.id, toWrite, version)
          : await clinik.schedules.create({ ...toWrite, actorIds: toWrite.actorIds ?? [] } as never);
        notifications.show({
          color: 'teal',
          title: base ? 'Schedule saved' : 'Schedule created',
          message: changesSlots(toWrite) ? 'Its slots are being updated.' : 'Saved.',
        });
        leaving.current = true; // saved: leaving is not blocked
        const follow: Follow = {
          since: Date.now(),
          what: 'edit',
          ...(data.meta?.versionId ? { version: data.meta.versionId } : {}),
        };
        navigate(`/schedules/${data.id}`, { state: { follow } });
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
        const impact = await impactOf(medplum, base, draft, actors);
        if (impact) {
          setPending({ patch, impact });
          return;
        }
      } catch (err) {
        notifications.show({ color: 'red', title: 'Could not compute the impact', message: errorMessage(err) });
        return;
      } finally {
        setSaving(false);
      }
    }
    await write(patch);
  }, [errors, base, patch, medplum, draft, actors, write, navigate, summaryRef]);

  const confirmImpact = useCallback(async () => {
    if (pending) {
      setPending(undefined);
      await write(pending.patch);
    }
  }, [pending, write]);

  return {
    saving,
    submitted,
    ...(pending ? { pendingImpact: pending.impact } : {}),
    save,
    confirmImpact,
    cancelImpact: () => setPending(undefined),
    saved: () => leaving.current,
  };
}
