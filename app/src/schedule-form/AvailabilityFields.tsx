/**
 * The availability editor: whether slots are generated, the zone, slot length and buffers, weekly hours and closed
 * periods; or, for stored rules the form cannot read, why they are kept as they are.
 */
import type { JSX } from 'react';
import { Alert, Checkbox, Group, NumberInput, Paper, Stack } from '@mantine/core';
import { ZoneInput } from '../components/ZoneInput';
import { ClosedEditor } from './ClosedEditor';
import type { FieldsProps } from './BasicsFields';
import { HoursEditor } from './HoursEditor';
import { targetOf } from './labels';
import type { NumberField } from './model';

const NUMBER_FIELDS = [
  { key: 'slotMinutes', label: 'Slot length (minutes)' },
  { key: 'bufferBefore', label: 'Buffer before (minutes)' },
  { key: 'bufferAfter', label: 'Buffer after (minutes)' },
] as const;

export function AvailabilityFields({ model }: FieldsProps): JSX.Element {
  const { form, set, touch, visibleErrors: errors } = model;
  return (
    <>
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
              <SlotShapeFields model={model} />
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
    </>
  );
}

/** The zone, the slot length and the buffers. */
function SlotShapeFields({ model }: FieldsProps): JSX.Element {
  const { form, set, touch, visibleErrors: errors } = model;
  return (
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
          onChange={(v) => set(key, (typeof v === 'number' ? v : v === '' ? '' : Number(v)) as NumberField)}
          onBlur={() => touch(key)}
          error={errors[key]}
          allowDecimal={false}
          clampBehavior="none"
          miw={160}
        />
      ))}
    </Group>
  );
}
