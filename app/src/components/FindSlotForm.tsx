/**
 * The slot search's criteria: the visit type first (when the project has any), then specialty, service type,
 * practitioner or location, a date range; Search, First available.
 */
import type { JSX } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { kindLabels } from '../actors';
import { useActorOptions } from '../hooks/useActorOptions';
import type { SlotCriteria } from '../hooks/useFindSlots';
import { useVisitTypes } from '../hooks/useVisitTypes';

export interface FindSlotFormProps {
  readonly criteria: SlotCriteria;
  readonly onChange: (changes: Partial<SlotCriteria>) => void;
  readonly onSubmit: (firstAvailable: boolean) => void;
}

const TEXT_FIELDS = [
  { key: 'specialty', label: 'Specialty' },
  { key: 'serviceType', label: 'Service type' },
] as const;

const DATE_FIELDS = [
  { key: 'from', label: 'From' },
  { key: 'to', label: 'To' },
] as const;

export function FindSlotForm({ criteria, onChange, onSubmit }: FindSlotFormProps): JSX.Element {
  const actors = useActorOptions(kindLabels);
  const visitTypes = useVisitTypes();
  return (
    <Group align="end" wrap="wrap">
      {visitTypes.length > 0 && (
        <Select
          label="Visit type"
          placeholder="Any visit type"
          clearable
          data={visitTypes}
          value={criteria.visitType || null}
          onChange={(v) => onChange({ visitType: v ?? '' })}
        />
      )}
      {TEXT_FIELDS.map(({ key, label }) => (
        <TextInput
          key={key}
          label={label}
          value={criteria[key]}
          onChange={(e) => onChange({ [key]: e.currentTarget.value })}
        />
      ))}
      <Select
        label="Practitioner or location"
        searchable
        clearable
        data={actors}
        value={criteria.actorId || null}
        onChange={(v) => onChange({ actorId: v ?? '' })}
      />
      {DATE_FIELDS.map(({ key, label }) => (
        <TextInput
          key={key}
          label={label}
          type="date"
          value={criteria[key]}
          onChange={(e) => onChange({ [key]: e.currentTarget.value })}
        />
      ))}
      <Button onClick={() => onSubmit(false)}>Search</Button>
      <Button variant="light" onClick={() => onSubmit(true)}>
        First available
      </Button>
    </Group>
  );
}
