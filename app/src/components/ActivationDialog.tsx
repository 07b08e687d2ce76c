/**
 * Deactivate / reactivate a schedule, showing the impact first (computed with the same plan and diff the schedule
 * bot uses): free slots withdrawn, booked appointments affected (they get reschedule tasks), or what comes back.
 * Deactivation requires a reason, stored in the schedule's comment as the seed does (the comment is a note, never the
 * schedule's name); reactivation starts with an empty comment field and keeps the old note unless one is typed.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { previewImpact, type Impact } from '../../../core/impact';
import { searchSlots } from '../../../api';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';
import { AppModal } from './AppModal';
import { ImpactSummary } from './ImpactSummary';

export interface ActivationDialogProps {
  readonly opened: boolean;
  readonly schedule: WithId<Schedule>;
  readonly actors: readonly Resource[];
  readonly onClose: () => void;
  /** The change was saved: the Schedule as written. */
  readonly onDone: (updated: Schedule) => void;
}

export function ActivationDialog({ opened, schedule, actors, onClose, onDone }: ActivationDialogProps): JSX.Element {
  const medplum = useMedplum();
  const clinik = useClinik();
  const deactivating = schedule.active !== false;
  const [impact, setImpact] = useState<Impact>();
  const [problem, setProblem] = useState<string>();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!opened) {
      return;
    }
    let current = true;
    setImpact(undefined);
    setProblem(undefined);
    setReason(''); // a new reason each time: reactivation never starts from the old one
    const now = Date.now();
    // The same paged read (by start, never by offset) the schedule bot makes.
    searchSlots(medplum, { scheduleId: schedule.id, from: now })
      .then(({ slots }) => {
        const result = previewImpact({ ...schedule, active: !deactivating }, slots, now, { actors });
        if (!current) {
          return;
        }
        if (result.ok) {
          setImpact(result.value);
        } else {
          setProblem(result.outcome.issue.map((i) => i.details?.text).join(' '));
        }
      })
      .catch((err: unknown) => current && setProblem(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [opened, medplum, schedule, actors, deactivating]);

  const confirm = async (): Promise<void> => {
    setSaving(true);
    try {
      const { data } = await clinik.schedules.update(
        schedule.id,
        { active: !deactivating, ...(reason.trim() ? { comment: reason.trim() } : {}) },
        { ...(schedule.meta?.versionId ? { version: schedule.meta.versionId } : {}) }
      );
      notifications.show({
        color: 'teal',
        title: deactivating ? 'Schedule deactivated' : 'Schedule reactivated',
        message: deactivating
          ? 'Its free slots are being withdrawn; affected appointments get reschedule tasks.'
          : 'Its slots are being generated again.',
      });
      onDone(data);
    } catch (err) {
      notifications.show({ color: 'red', title: 'The change was not saved', message: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={deactivating ? 'Deactivate schedule' : 'Reactivate schedule'}
      size="lg"
    >
      <Stack>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {!impact && !problem && <Loader aria-label="Computing the impact" />}
        {impact && deactivating && <ImpactSummary impact={impact} mode="deactivate" />}
        {impact && !deactivating && (
          <Text aria-label="Impact">
            <b>{impact.created.length + impact.restored.length}</b> free slot
            {impact.created.length + impact.restored.length === 1 ? '' : 's'} will come back ({impact.created.length}{' '}
            generated, {impact.restored.length} restored).
          </Text>
        )}
        <TextInput
          label={deactivating ? 'Reason (shown as the schedule’s note)' : 'New note (optional)'}
          required={deactivating}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          placeholder={deactivating ? 'e.g. Dr. Smith on leave — schedule paused' : 'e.g. Back from leave'}
          error={deactivating && reason.length > 0 && !reason.trim() ? 'A reason is required' : undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={deactivating ? 'red.9' : 'teal.9'}
            loading={saving}
            disabled={!impact || (deactivating && !reason.trim())}
            onClick={() => void confirm()}
          >
            {deactivating ? 'Deactivate' : 'Reactivate'}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
