/**
 * Moving an appointment that belongs to a series: the choice of what moves ("Only this one" or "This and all
 * following", and, for the latter, what to do when a time is taken), and what the move did, in words: how many
 * moved, their new times, and each one that did not move with why and the nearest free time.
 *
 * @example
 * <SeriesMoveChoice value={choice} onChange={setChoice} />
 * <SeriesMoveResult result={data} zone="America/New_York" patient="Ada Lovelace" onDone={close} />
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { SeriesRescheduleInput, SeriesRescheduling } from '../../../api/index';
import { formatRange } from '../format';
import { describeMiss } from '../frontdesk/series';

/** What a move of a series' appointment takes along, and whether a taken time stops it all. */
export interface SeriesMoveScope {
  readonly scope: SeriesRescheduleInput['scope'];
  readonly mode: NonNullable<SeriesRescheduleInput['mode']>;
}

export interface SeriesMoveChoiceProps {
  readonly value: SeriesMoveScope;
  readonly onChange: (value: SeriesMoveScope) => void;
}

export function SeriesMoveChoice({ value, onChange }: SeriesMoveChoiceProps): JSX.Element {
  return (
    <Stack gap="xs">
      <Radio.Group
        label="Which appointments to move"
        description="This appointment is part of a series."
        value={value.scope}
        onChange={(v) => onChange({ ...value, scope: v === 'this-and-following' ? v : 'one' })}
      >
        <Group gap="md" mt={4}>
          <Radio value="one" label="Only this one" />
          <Radio value="this-and-following" label="This and all following" />
        </Group>
      </Radio.Group>
      {value.scope === 'this-and-following' && (
        <Radio.Group
          label="If a later time is taken"
          description="Each later appointment moves by the same change of day and time."
          value={value.mode}
          onChange={(v) => onChange({ ...value, mode: v === 'fit' ? 'fit' : 'all-or-none' })}
        >
          <Group gap="md" mt={4}>
            <Radio value="all-or-none" label="Move none of them" />
            <Radio value="fit" label="Move the ones that fit" />
          </Group>
        </Radio.Group>
      )}
    </Stack>
  );
}

export interface SeriesMoveResultProps {
  readonly result: SeriesRescheduling;
  /** The new schedule's zone. */
  readonly zone: string;
  readonly patient: string;
  readonly onDone: () => void;
}

export function SeriesMoveResult({ result, zone, patient, onDone }: SeriesMoveResultProps): JSX.Element {
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => done.current?.focus(), []); // the result is read out (status); Done is the next step
  const total = result.moved.length + result.notMoved.length;
  return (
    <Stack gap="sm" role="group" aria-label="The series move">
      <Alert
        color={result.notMoved.length ? 'yellow' : 'teal'}
        role="status"
        title={`Moved ${result.moved.length} of ${total} appointments of ${patient}`}
      >
        <Text size="sm" component="ul" m={0} pl="lg">
          {result.moved.map((a) => (
            <li key={a.id}>{formatRange(a.start ?? '', a.end ?? '', zone)}</li>
          ))}
        </Text>
      </Alert>
      {result.notMoved.length > 0 && (
        <Stack gap={2} aria-label="Not moved">
          <Text size="sm" fw={600}>
            Not moved ({result.notMoved.length}):
          </Text>
          <Text size="sm" component="ul" m={0} pl="lg">
            {result.notMoved.map((miss) => (
              <li key={miss.index}>{describeMiss(miss, zone)}</li>
            ))}
          </Text>
        </Stack>
      )}
      <Group>
        <Button ref={done} onClick={onDone}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
