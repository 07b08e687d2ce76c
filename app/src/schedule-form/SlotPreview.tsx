/**
 * What the form's rules would make (why no slots would be, or how many slots and the first of them), and the impact
 * of an edit on existing slots before it is written.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { AppModal } from '../components/AppModal';
import { ImpactSummary } from '../components/ImpactSummary';
import { formatDateTime } from '../format';
import type { SlotPlan } from '../../../core/slot-plan';
import type { FieldsProps } from './BasicsFields';
import { targetOf } from './labels';

export function SlotPreview({ model }: FieldsProps): JSX.Element {
  const { preview, visibleErrors: errors } = model;
  // Rules with an error (hours ending before they start, an unknown zone) make no honest count: none is shown.
  const invalid = Object.keys(model.errors).some((field) => field !== 'plan');
  return (
    <>
      {errors.plan && (
        <Alert color="red" title="No slots would be made" id={targetOf('plan')} tabIndex={-1}>
          {errors.plan}
        </Alert>
      )}
      {invalid && !errors.plan && (
        <Text size="sm" c="dimmed">
          The slot preview shows once the errors in the form are fixed.
        </Text>
      )}
      {!invalid && preview && preview.slots.length > 0 && (
        <Paper withBorder p="md" aria-label="Slot preview">
          <Text fw={600}>
            This makes {preview.slots.length} slot{preview.slots.length === 1 ? '' : 's'}
            {preview.complete ? '' : ' in the first year (the rest follow day by day)'}.
          </Text>
          {perVisitType(preview).length > 0 && (
            <Text size="sm">By visit type: {perVisitType(preview).join(', ')}.</Text>
          )}
          <Text size="sm" c="dimmed">
            First slots:{' '}
            {preview.slots
              .slice(0, 4)
              .map((s) => formatDateTime(s.start, preview.timeZone))
              .join('; ')}
          </Text>
        </Paper>
      )}
    </>
  );
}

/** How many of the planned slots each visit type gets, in words ("80 Follow-up visit"); none without visit types. */
function perVisitType(plan: SlotPlan): string[] {
  const counts = new Map<string, number>();
  for (const slot of plan.slots) {
    if (slot.visit) {
      counts.set(slot.visit.name, (counts.get(slot.visit.name) ?? 0) + 1);
    }
  }
  return [...counts].map(([name, count]) => `${count} ${name}`);
}

/** Before an edit that moves existing slots is written: its impact, then "Keep editing" or save. */
export function ImpactDialog({ model }: FieldsProps): JSX.Element {
  return (
    <AppModal
      opened={model.pendingImpact !== undefined}
      onClose={model.cancelImpact}
      title="This change moves existing slots"
      size="lg"
    >
      {model.pendingImpact && (
        <Stack>
          <ImpactSummary impact={model.pendingImpact} mode="edit" />
          <Group justify="flex-end">
            <Button variant="default" onClick={model.cancelImpact}>
              Keep editing
            </Button>
            <Button color="red.9" onClick={() => void model.confirmImpact()} loading={model.saving}>
              Save and update the slots
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}
