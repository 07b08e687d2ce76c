/** Closed periods (holidays, leave), as local date-times in the schedule's zone. */
import type { JSX } from 'react';
import { Button, CloseButton, Group, Stack, Text, TextInput } from '@mantine/core';
import type { ClosedRow } from './model';
import type { FieldErrors } from './validate';

export interface ClosedEditorProps {
  readonly closed: readonly ClosedRow[];
  readonly zone: string;
  readonly errors: FieldErrors;
  readonly onChange: (closed: ClosedRow[]) => void;
  readonly touch: (field: string) => void;
}

export function ClosedEditor({ closed, zone, errors, onChange, touch }: ClosedEditorProps): JSX.Element {
  const update = (i: number, change: Partial<ClosedRow>): void =>
    onChange(closed.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <Stack gap="xs">
      <Text fw={600} component="h2" size="md">
        Closed periods (holidays, leave)
      </Text>
      <Text size="sm" c="dimmed">
        Times in {zone}.
      </Text>
      {closed.map((row, i) => (
        <Group key={i} align="flex-start" role="group" aria-label={`Closed period ${i + 1}`} wrap="wrap">
          <TextInput
            label="Description"
            placeholder="e.g. Public holiday"
            value={row.description}
            onChange={(e) => update(i, { description: e.currentTarget.value })}
          />
          <TextInput
            id={`field-closed.${i}.start`}
            type="datetime-local"
            label="From"
            value={row.start}
            error={errors[`closed.${i}.start`]}
            onChange={(e) => update(i, { start: e.currentTarget.value })}
            onBlur={() => touch(`closed.${i}.start`)}
          />
          <TextInput
            id={`field-closed.${i}.end`}
            type="datetime-local"
            label="To"
            value={row.end}
            error={errors[`closed.${i}.end`]}
            onChange={(e) => update(i, { end: e.currentTarget.value })}
            onBlur={() => touch(`closed.${i}.end`)}
          />
          <CloseButton
            aria-label={`Remove closed period ${i + 1}`}
            title={`Remove closed period ${i + 1}`}
            onClick={() => onChange(closed.filter((_, j) => j !== i))}
            mt={26}
          />
        </Group>
      ))}
      <Button
        variant="light"
        w="fit-content"
        onClick={() => onChange([...closed, { description: '', start: '', end: '' }])}
      >
        Add closed period
      </Button>
    </Stack>
  );
}
