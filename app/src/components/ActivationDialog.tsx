/**
 * Deactivate / reactivate a schedule, showing the impact first (computed with the same plan and diff the schedule
 * bot uses): free slots withdrawn, booked appointments affected (they get reschedule tasks), or what comes back.
 * Deactivation requires a reason, stored in the schedule's comment as the seed does.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, List, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { previewImpact, type Impact } from '../../../core/impact';
import { searchSlots } from '../../../core/io/search';
import { errorMessage, useClinik } from '../hooks';

export interface ActivationDialogProps {
  readonly opened: boolean;
  readonly schedule: WithId<Schedule>;
  readonly actors: readonly Resource[];
  readonly onClose: () => void;
  readonly onDone: () => void;
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
    setReason(deactivating ? '' : (schedule.comment ?? ''));
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
      await clinik.schedules.update(
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
      onDone();
    } catch (err) {
      notifications.show({ color: 'red', title: 'The change was not saved', message: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  const withdrawn = impact ? impact.deleted.length + impact.withdrawn.length : 0;
  return (
    <Modal
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
        {impact && deactivating && (
          <Stack gap="xs" aria-label="Impact">
            <Text>
              <b>{withdrawn}</b> future free slot{withdrawn === 1 ? '' : 's'} will be withdrawn.
            </Text>
            <Text>
              <b>{impact.affected.length}</b> booked appointment{impact.affected.length === 1 ? '' : 's'} affected: they
              stay booked, and each gets a reschedule task.
            </Text>
            {impact.affected.length > 0 && (
              <List size="sm" aria-label="Affected bookings">
                {impact.affected.slice(0, 20).map((slot: Slot) => (
                  <List.Item key={slot.id}>{slot.start}</List.Item>
                ))}
                {impact.affected.length > 20 && <List.Item>…and {impact.affected.length - 20} more</List.Item>}
              </List>
            )}
          </Stack>
        )}
        {impact && !deactivating && (
          <Text aria-label="Impact">
            <b>{impact.created.length + impact.restored.length}</b> free slot
            {impact.created.length + impact.restored.length === 1 ? '' : 's'} will come back ({impact.created.length}{' '}
            generated, {impact.restored.length} restored).
          </Text>
        )}
        <TextInput
          label={deactivating ? 'Reason (stored as the schedule comment)' : 'Comment'}
          required={deactivating}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          placeholder={deactivating ? 'e.g. Dr. Smith on leave — schedule paused' : ''}
          error={deactivating && reason.length > 0 && !reason.trim() ? 'A reason is required' : undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={deactivating ? 'red' : 'teal'}
            loading={saving}
            disabled={!impact || (deactivating && !reason.trim())}
            onClick={() => void confirm()}
          >
            {deactivating ? 'Deactivate' : 'Reactivate'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
