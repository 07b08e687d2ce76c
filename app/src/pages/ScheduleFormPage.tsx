/**
 * Create or edit a schedule: actors, codes (free text allowed), planning horizon, comment, and the availability
 * editor (zone, slot length, buffers, weekly hours, closed periods). State and conversions live in
 * useScheduleForm and the pure schedule-form/model; this page only lays them out.
 */
import type { JSX } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Paper,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useActorOptions } from '../hooks/useActorOptions';
import { ActorsInput } from '../components/ActorsInput';
import { AppModal } from '../components/AppModal';
import { ErrorSummary } from '../components/ErrorSummary';
import { ImpactSummary } from '../components/ImpactSummary';
import { PageTitle } from '../components/PageTitle';
import { UnsavedChangesGuard } from '../components/UnsavedChangesGuard';
import { ZoneInput } from '../components/ZoneInput';
import { formatDateTime } from '../format';
import { ClosedEditor } from '../schedule-form/ClosedEditor';
import { HoursEditor } from '../schedule-form/HoursEditor';
import type { NumberField } from '../schedule-form/model';
import { useScheduleForm } from '../schedule-form/useScheduleForm';

const CODE_FIELDS = [
  { key: 'specialty', label: 'Specialty', placeholder: 'e.g. Cardiology, then Enter' },
  { key: 'serviceType', label: 'Service types', placeholder: 'e.g. Consultation' },
  { key: 'serviceCategory', label: 'Service category', placeholder: 'e.g. General Practice' },
] as const;

const NUMBER_FIELDS = [
  { key: 'slotMinutes', label: 'Slot length (minutes)' },
  { key: 'bufferBefore', label: 'Buffer before (minutes)' },
  { key: 'bufferAfter', label: 'Buffer after (minutes)' },
] as const;

const LABELS: Record<string, string> = {
  actors: 'Actors',
  horizonStart: 'Planning horizon start',
  horizonEnd: 'Planning horizon end',
  timeZone: 'Time zone',
  slotMinutes: 'Slot length',
  bufferBefore: 'Buffer before',
  bufferAfter: 'Buffer after',
  plan: 'Slots',
};

/** The field an error is about, in the form's words: 'Weekly hours 2, to'. */
export function fieldLabel(field: string): string {
  const [group, index, part] = field.split('.');
  if (group === 'hours' || group === 'closed') {
    const what = { days: 'days', start: 'from', end: 'to' }[part ?? ''] ?? '';
    return `${group === 'hours' ? 'Weekly hours' : 'Closed period'} ${Number(index) + 1}, ${what}`;
  }
  return LABELS[field] ?? field;
}

/** Where a field's error links to in the summary. */
function targetOf(field: string): string {
  return `field-${field}`;
}

export function ScheduleFormPage(): JSX.Element {
  const { id } = useParams();
  const navigate = useNavigate();
  const model = useScheduleForm(id);
  const actorOptions = useActorOptions();
  const { form, set, touch, visibleErrors: errors } = model;

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
  const preview = model.preview;

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
          <div id={targetOf('actors')} tabIndex={-1}>
            <ActorsInput
              value={form.actors}
              options={actorOptions}
              onChange={(refs) => set('actors', refs)}
              onUnmatched={(text) => model.setUnmatched('actors', text)}
              onBlur={() => touch('actors')}
              error={errors.actors}
            />
          </div>
          <Group grow wrap="wrap" align="flex-start">
            {CODE_FIELDS.map(({ key, label, placeholder }) => (
              <TagsInput
                key={key}
                label={label}
                placeholder={placeholder}
                value={[...form[key]]}
                onChange={(v) => set(key, v)}
                miw={220}
              />
            ))}
          </Group>
          <Group grow wrap="wrap" align="flex-start">
            <TextInput
              id={targetOf('horizonStart')}
              type="date"
              label="Planning horizon start"
              description={`First day with slots (in ${form.timeZone})`}
              value={form.horizonStart}
              error={errors.horizonStart}
              onChange={(e) => set('horizonStart', e.currentTarget.value)}
              onBlur={() => touch('horizonStart')}
              miw={200}
            />
            <TextInput
              id={targetOf('horizonEnd')}
              type="date"
              label="Planning horizon end"
              description="Last day with slots"
              value={form.horizonEnd}
              error={errors.horizonEnd}
              onChange={(e) => set('horizonEnd', e.currentTarget.value)}
              onBlur={() => touch('horizonEnd')}
              miw={200}
            />
          </Group>
          <Textarea
            label="Comment"
            description="A note shown with the schedule (a deactivation reason goes here); it is not the schedule's name"
            value={form.comment}
            onChange={(e) => set('comment', e.currentTarget.value)}
            autosize
            minRows={1}
          />

          {model.unreadable && (
            <Alert color="orange" title="The availability rules cannot be edited here" role="alert">
              {model.unreadable} They are kept exactly as they are when you save.
            </Alert>
          )}
          <Paper withBorder p="md" hidden={model.unreadable !== undefined}>
            <Stack>
              <Checkbox
                label="Generate bookable slots from weekly hours"
                description="Without it this is a manual schedule: slots are made by hand"
                checked={form.generate}
                onChange={(e) => set('generate', e.currentTarget.checked)}
              />
              {form.generate && (
                <>
                  <Group grow wrap="wrap" align="flex-start">
                    <div id={targetOf('timeZone')} tabIndex={-1} style={{ minWidth: 240 }}>
                      <ZoneInput
                        value={form.timeZone}
                        onChange={(zone) => set('timeZone', zone)}
                        onUnmatched={(text) => model.setUnmatched('timeZone', text)}
                        onBlur={() => touch('timeZone')}
                        error={errors.timeZone}
                      />
                    </div>
                    {NUMBER_FIELDS.map(({ key, label }) => (
                      <NumberInput
                        key={key}
                        id={targetOf(key)}
                        label={label}
                        value={form[key]}
                        onChange={(v) =>
                          set(key, (typeof v === 'number' ? v : v === '' ? '' : Number(v)) as NumberField)
                        }
                        onBlur={() => touch(key)}
                        error={errors[key]}
                        allowDecimal={false}
                        clampBehavior="none"
                        miw={160}
                      />
                    ))}
                  </Group>
                  <HoursEditor hours={form.hours} errors={errors} onChange={(h) => set('hours', h)} touch={touch} />
                  <ClosedEditor
                    closed={form.closed}
                    zone={form.timeZone}
                    errors={errors}
                    onChange={(c) => set('closed', c)}
                    touch={touch}
                  />
                </>
              )}
            </Stack>
          </Paper>

          {errors.plan && (
            <Alert color="red" title="No slots would be made" id={targetOf('plan')} tabIndex={-1}>
              {errors.plan}
            </Alert>
          )}
          {preview && preview.slots.length > 0 && (
            <Paper withBorder p="md" aria-label="Slot preview">
              <Text fw={600}>
                This makes {preview.slots.length} slot{preview.slots.length === 1 ? '' : 's'}
                {preview.complete ? '' : ' in the first year (the rest follow day by day)'}.
              </Text>
              <Text size="sm" c="dimmed">
                First slots:{' '}
                {preview.slots
                  .slice(0, 4)
                  .map((s) => formatDateTime(s.start, preview.timeZone))
                  .join('; ')}
              </Text>
            </Paper>
          )}
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
      <UnsavedChangesGuard when={model.shouldBlock} />
    </Stack>
  );
}
