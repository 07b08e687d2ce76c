/** The schedule form's first fields: actors and codes (free text allowed), then planning horizon and comment. */
import type { JSX } from 'react';
import { Group, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { ActorOption } from '../actors';
import { ActorsInput } from '../components/ActorsInput';
import type { ScheduleFormModel } from '../hooks/useScheduleForm';
import { targetOf } from './labels';

const CODE_FIELDS = [
  { key: 'specialty', label: 'Specialty', placeholder: 'e.g. Cardiology, then Enter' },
  { key: 'serviceType', label: 'Service types', placeholder: 'e.g. Consultation' },
  { key: 'serviceCategory', label: 'Service category', placeholder: 'e.g. General Practice' },
] as const;

export interface FieldsProps {
  readonly model: ScheduleFormModel;
}

/** Who the schedule is for (actors) and what it offers (codes). */
export function WhoAndWhatFields({
  model,
  actorOptions,
}: FieldsProps & { readonly actorOptions: readonly ActorOption[] }): JSX.Element {
  const { form, set, touch, visibleErrors: errors } = model;
  return (
    <>
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
    </>
  );
}

/** When it has slots (planning horizon, in the schedule's zone) and its note. */
export function HorizonAndCommentFields({ model }: FieldsProps): JSX.Element {
  const { form, set, touch, visibleErrors: errors } = model;
  return (
    <>
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
    </>
  );
}
