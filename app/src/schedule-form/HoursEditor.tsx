/** Weekly hours: rows of days with a start and an end time, all day, or ending the next day (overnight). */
import type { JSX } from 'react';
import { Button, Checkbox, Chip, CloseButton, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { DayOfWeek } from '@medplum/core';
import { DAYS, type HoursRow } from './model';
import type { FieldErrors } from './validate';

export interface HoursEditorProps {
  readonly hours: readonly HoursRow[];
  readonly errors: FieldErrors;
  readonly onChange: (hours: HoursRow[]) => void;
  readonly touch: (field: string) => void;
}

export function HoursEditor({ hours, errors, onChange, touch }: HoursEditorProps): JSX.Element {
  const update = (i: number, change: Partial<HoursRow>): void =>
    onChange(hours.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <Stack gap="xs">
      <Text fw={600} component="h2" size="md">
        Weekly hours
      </Text>
      {hours.map((row, i) => {
        const daysError = errors[`hours.${i}.days`];
        return (
          <Paper key={i} withBorder p="xs" role="group" aria-label={`Weekly hours ${i + 1}`}>
            <Group align="flex-start" wrap="wrap" gap="sm">
              <div>
                <Chip.Group
                  multiple
                  value={[...row.days]}
                  onChange={(v) => {
                    touch(`hours.${i}.days`);
                    update(i, { days: DAYS.map((d) => d.value).filter((d) => v.includes(d)) as DayOfWeek[] });
                  }}
                >
                  <Group
                    gap={4}
                    role="group"
                    aria-label={`Days of weekly hours ${i + 1}`}
                    id={`field-hours.${i}.days`}
                    tabIndex={-1}
                  >
                    {DAYS.map((d) => (
                      <Chip
                        key={d.value}
                        value={d.value}
                        size="xs"
                        aria-label={d.long}
                        aria-invalid={daysError ? true : undefined}
                        aria-describedby={daysError ? `hours-${i}-days-error` : undefined}
                      >
                        {d.label}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
                {daysError && (
                  <Text id={`hours-${i}-days-error`} c="red.9" size="sm" mt={4}>
                    {daysError}
                  </Text>
                )}
              </div>
              <TextInput
                id={`field-hours.${i}.start`}
                type="time"
                label="From"
                value={row.start}
                disabled={row.allDay}
                error={errors[`hours.${i}.start`]}
                onChange={(e) => update(i, { start: e.currentTarget.value })}
                onBlur={() => touch(`hours.${i}.start`)}
              />
              <TextInput
                id={`field-hours.${i}.end`}
                type="time"
                label="To"
                value={row.end}
                disabled={row.allDay}
                error={errors[`hours.${i}.end`]}
                onChange={(e) => update(i, { end: e.currentTarget.value })}
                onBlur={() => touch(`hours.${i}.end`)}
              />
              <Stack gap={6} pt={26}>
                <Checkbox
                  label="Ends next day"
                  description="Overnight hours"
                  checked={row.nextDay}
                  disabled={row.allDay}
                  onChange={(e) => {
                    touch(`hours.${i}.end`);
                    update(i, { nextDay: e.currentTarget.checked });
                  }}
                />
                <Checkbox
                  label="All day"
                  checked={row.allDay}
                  onChange={(e) => update(i, { allDay: e.currentTarget.checked, nextDay: false })}
                />
              </Stack>
              <CloseButton
                aria-label={`Remove weekly hours ${i + 1}`}
                title={`Remove weekly hours ${i + 1}`}
                onClick={() => onChange(hours.filter((_, j) => j !== i))}
                mt={26}
              />
            </Group>
          </Paper>
        );
      })}
      <Button
        variant="light"
        w="fit-content"
        onClick={() =>
          onChange([...hours, { days: ['mon'], start: '09:00', end: '12:00', allDay: false, nextDay: false }])
        }
      >
        Add hours
      </Button>
    </Stack>
  );
}
