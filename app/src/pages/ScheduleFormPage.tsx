/**
 * Create or edit a schedule: actors, codes (free text allowed), planning horizon, comment, and the availability
 * editor (zone, slot length, buffers, weekly hours, closed periods), visit types, patients per slot and the booking rules. State and conversions live in
 * hooks/useScheduleForm and the pure schedule-form/model; this page only lays them out.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Loader, Stack } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import { UnsavedChangesGuard } from '../components/UnsavedChangesGuard';
import { useActorOptions } from '../hooks/useActorOptions';
import { useScheduleForm } from '../hooks/useScheduleForm';
import { useSupervisor } from '../hooks/useSupervisor';
import { AvailabilityFields } from '../schedule-form/AvailabilityFields';
import { RulesFields } from '../schedule-form/RulesFields';
import { VisitTypesFields } from '../schedule-form/VisitTypesFields';
import { HorizonAndCommentFields, WhoAndWhatFields } from '../schedule-form/BasicsFields';
import { fieldLabel, targetOf } from '../schedule-form/labels';
import { ImpactDialog, SlotPreview } from '../schedule-form/SlotPreview';

export function ScheduleFormPage(): JSX.Element {
  const { id } = useParams();
  const navigate = useNavigate();
  const model = useScheduleForm(id);
  const actorOptions = useActorOptions();
  const supervisor = useSupervisor();

  if (model.loadError) {
    return (
      <Stack>
        <PageTitle>Edit schedule</PageTitle>
        <Alert color="red" title="Could not load the schedule" role="alert">
          {model.loadError}
        </Alert>
      </Stack>
    );
  }
  if (model.loading) {
    return <Loader aria-label="Loading schedule" />;
  }
  const editing = model.base !== undefined;
  const summary = model.submitted
    ? Object.entries(model.errors).map(([field, message]) => ({
        field,
        message: `${fieldLabel(field)}: ${message}`,
        target: targetOf(field),
      }))
    : [];

  return (
    <Stack maw={960}>
      <PageTitle>{editing ? 'Edit schedule' : 'New schedule'}</PageTitle>
      <ErrorSummary items={summary} innerRef={model.summaryRef} />
      <form
        noValidate
        aria-label={editing ? 'Edit schedule' : 'New schedule'}
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <Stack>
          <WhoAndWhatFields model={model} actorOptions={actorOptions} />
          <HorizonAndCommentFields model={model} />
          <AvailabilityFields model={model} />
          {model.form.generate && <VisitTypesFields model={model} />}
          <RulesFields model={model} canEditRules={supervisor} />
          <SlotPreview model={model} />
          <Group>
            <Button type="submit" loading={model.saving}>
              {editing ? 'Save' : 'Create schedule'}
            </Button>
            <Button
              variant="default"
              onClick={() => navigate(model.base ? `/schedules/${model.base.id}` : '/schedules')}
            >
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
      <ImpactDialog model={model} />
      <UnsavedChangesGuard when={model.shouldBlock} />
    </Stack>
  );
}
