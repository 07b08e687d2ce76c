/**
 * Visit types: the kinds of visit the schedule offers, each a HealthcareService with its own length and buffers, on
 * the schedule's weekly hours. Booking one makes the time unavailable to the others. Shown only when the project
 * has visit types (HealthcareServices) to choose from, or the schedule already has some.
 */
import type { JSX } from 'react';
import { Button, CloseButton, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useVisitTypes } from '../hooks/useVisitTypes';
import type { FieldsProps } from './BasicsFields';
import { targetOf } from './labels';
import { NEW_VISIT_TYPE, type VisitTypeRow } from './visit-types-model';

const NUMBERS = [
  { key: 'minutes', label: 'Length (min)' },
  { key: 'before', label: 'Buffer before (min)' },
  { key: 'after', label: 'Buffer after (min)' },
] as const;

export function VisitTypesFields({ model }: FieldsProps): JSX.Element | null {
  const options = useVisitTypes();
  const { form, set, touch, visibleErrors: errors } = model;
  if (options.length === 0 && form.visitTypes.length === 0) {
    return null;
  }
  const rows = form.visitTypes;
  const update = (i: number, change: Partial<VisitTypeRow>): void =>
    set(
      'visitTypes',
      rows.map((row, j) => (j === i ? { ...row, ...change } : row))
    );
  const nameOf = (row: VisitTypeRow): string =>
    options.find((o) => o.value === row.service)?.label ?? (row.service ? 'Visit type' : 'New visit type');
  return (
    <Fieldset legend="Visit types">
      <Stack gap="xs">
        <Text size="sm">
          Each visit type gets its own slots on the schedule’s weekly hours. Booking one makes that time unavailable to
          the others. With none, every slot is one general visit.
        </Text>
        {rows.map((row, i) => (
          <Group key={i} align="flex-start" role="group" aria-label={`Visit type ${i + 1}: ${nameOf(row)}`} wrap="wrap">
            <Select
              id={targetOf(`visitTypes.${i}.service`)}
              label="Visit type"
              data={options}
              value={row.service || null}
              error={errors[`visitTypes.${i}.service`]}
              onChange={(v) => update(i, { service: v ?? '' })}
              onBlur={() => touch(`visitTypes.${i}.service`)}
            />
            {NUMBERS.map(({ key, label }) => (
              <TextInput
                key={key}
                id={targetOf(`visitTypes.${i}.${key}`)}
                label={label}
                inputMode="numeric"
                w={150}
                value={row[key]}
                error={errors[`visitTypes.${i}.${key}`]}
                onChange={(e) => update(i, { [key]: e.currentTarget.value })}
                onBlur={() => touch(`visitTypes.${i}.${key}`)}
              />
            ))}
            {row.weekly && (
              <Text size="sm" mt={30}>
                Its own hours
              </Text>
            )}
            <CloseButton
              aria-label={`Remove visit type ${i + 1} (${nameOf(row)})`}
              title={`Remove visit type ${i + 1}`}
              onClick={() =>
                set(
                  'visitTypes',
                  rows.filter((_, j) => j !== i)
                )
              }
              mt={26}
            />
          </Group>
        ))}
        <Button
          variant="light"
          w="fit-content"
          disabled={options.length === 0}
          onClick={() => set('visitTypes', [...rows, NEW_VISIT_TYPE])}
        >
          Add visit type
        </Button>
      </Stack>
    </Fieldset>
  );
}
