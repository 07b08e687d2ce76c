/**
 * Books a recurring series from a slot: weekly on chosen days (every N weeks) or monthly on the slot's weekday of
 * the month, for a number of occurrences; what to do when one is taken (book none, or those that fit). The
 * occurrences are listed before anything is booked, each at the slot's local time in the schedule's zone (a time the
 * clocks skip that day says so); the result lists what was booked and, for each occurrence that was not, why and the
 * nearest free time instead.
 *
 * @example
 * <SeriesPanel slot={slot} zone="America/New_York" patient={patient} onDone={close} />
 */
import type { JSX } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import type { DayOfWeek, WithId } from '@medplum/core';
import type { Patient, Slot } from '@medplum/fhirtypes';
import { useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import type { SeriesBooking } from '../../../api/index';
import { describeDays } from '../../../core/describe';
import { occurrences, type RecurrenceRule } from '../../../core/recurrence';
import { WEEKDAYS } from '../../../core/recurrence-rule';
import { localDateTime } from '../../../core/time';
import { displayName } from '../actors';
import { errorMessage } from '../errors';
import { formatDateTime, formatRange } from '../format';
import { describeMiss } from '../frontdesk/series';
import { useClinik } from '../hooks/useClinik';

type Day = DayOfWeek;
const DAYS = WEEKDAYS;
/** A weekday's short name, as the schedule's hours write it: 'Mon'. */
const label = (day: Day): string => describeDays([day]);
const ORDINAL = ['', '1st', '2nd', '3rd', '4th'];

export interface SeriesPanelProps {
  readonly slot: WithId<Slot>;
  readonly zone: string;
  readonly patient?: WithId<Patient>;
  /** The series was booked and the front desk is done with the result. */
  readonly onDone: () => void;
}

/** The slot's weekday and its place in the month (the 5th is "the last"), in the schedule's zone. */
function slotDay(slot: Slot, zone: string): { day: Day; nth: 1 | 2 | 3 | 4 | -1 } {
  const date = Temporal.PlainDate.from(localDateTime(slot.start, zone).slice(0, 10));
  const day = DAYS[date.dayOfWeek - 1] as Day;
  const nth = Math.ceil(date.day / 7);
  return { day, nth: nth >= 5 ? -1 : (nth as 1 | 2 | 3 | 4) };
}

export function SeriesPanel({ slot, zone, patient, onDone }: SeriesPanelProps): JSX.Element {
  const clinik = useClinik();
  const first = slotDay(slot, zone);
  const [kind, setKind] = useState<'weekly' | 'monthly'>('weekly');
  const [days, setDays] = useState<string[]>([first.day]);
  const [interval, setInterval] = useState<number | string>(1);
  const [count, setCount] = useState<number | string>(6); // '' while the field is being retyped
  const [mode, setMode] = useState<'all-or-none' | 'fit'>('all-or-none');
  const [result, setResult] = useState<SeriesBooking>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rule: RecurrenceRule =
    kind === 'weekly'
      ? { kind: 'weekly', days: days as Day[], interval: Number(interval), count: Number(count) }
      : { kind: 'monthly', weekday: first.day, nth: first.nth, interval: Number(interval), count: Number(count) };
  const planned = occurrences(Date.parse(slot.start), zone, rule); // at most 52: cheap on every render
  const book = async (): Promise<void> => {
    if (!patient) {
      setError('Choose the patient first.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await clinik.appointments.bookSeries({ slotId: slot.id, patientId: patient.id, rule, mode });
      setResult(data);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (result) return <SeriesResult result={result} zone={zone} patient={patient} onDone={onDone} />;
  const monthly = first.nth === -1 ? `the last ${label(first.day)}` : `the ${ORDINAL[first.nth]} ${label(first.day)}`;
  return (
    <Stack gap="sm" role="group" aria-label="Repeat">
      <SegmentedControl
        aria-label="Repeats"
        data={[
          { value: 'weekly', label: 'Weekly' },
          { value: 'monthly', label: `Monthly, ${monthly}` },
        ]}
        value={kind}
        onChange={(v) => setKind(v === 'monthly' ? 'monthly' : 'weekly')}
      />
      {kind === 'weekly' && (
        <Checkbox.Group label="On" value={days} onChange={setDays}>
          <Group gap="sm" mt={4}>
            {DAYS.map((d) => (
              <Checkbox key={d} value={d} label={label(d)} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      <Group align="end">
        <NumberInput
          label={kind === 'weekly' ? 'Every … weeks' : 'Every … months'}
          min={1}
          max={12}
          w={140}
          value={interval}
          onChange={setInterval}
        />
        <NumberInput label="Occurrences" min={2} max={52} w={140} value={count} onChange={setCount} />
      </Group>
      <Radio.Group
        label="If a time is taken"
        value={mode}
        onChange={(v) => setMode(v === 'fit' ? 'fit' : 'all-or-none')}
      >
        <Group gap="md" mt={4}>
          <Radio value="all-or-none" label="Book none of them" />
          <Radio value="fit" label="Book the ones that fit" />
        </Group>
      </Radio.Group>
      {planned.ok ? (
        <Stack gap={2} aria-label="The occurrences">
          <Text size="sm" fw={600}>
            {planned.value.length} occurrences:
          </Text>
          <Text size="sm" component="ol" m={0} pl="lg">
            {planned.value.map((o) => (
              <li key={o.index}>
                {o.start !== undefined
                  ? formatDateTime(o.start, zone)
                  : `${o.local.slice(0, 10)}: no such time that day (the clocks change)`}
              </li>
            ))}
          </Text>
        </Stack>
      ) : (
        <Alert color="red" role="alert" title="Not a series">
          {planned.outcome.issue.map((i) => i.details?.text).join(' ')}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert" title="Not booked">
          {error}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void book()} loading={busy} disabled={!patient || !planned.ok}>
          Book the series{planned.ok ? ` (${planned.value.length})` : ''}
        </Button>
      </Group>
    </Stack>
  );
}

function SeriesResult(props: {
  result: SeriesBooking;
  zone: string;
  patient?: Patient;
  onDone: () => void;
}): JSX.Element {
  const { result, zone } = props;
  const total = result.booked.length + result.notBooked.length;
  return (
    <Stack gap="sm" role="group" aria-label="The series">
      <Alert
        color={result.notBooked.length ? 'yellow' : 'teal'}
        role="status"
        title={`Booked ${result.booked.length} of ${total} for ${props.patient ? displayName(props.patient, 'the patient') : 'the patient'}`}
      >
        <Text size="sm" component="ul" m={0} pl="lg">
          {result.booked.map((a) => (
            <li key={a.id}>{formatRange(a.start ?? '', a.end ?? '', zone)}</li>
          ))}
        </Text>
      </Alert>
      {result.notBooked.length > 0 && (
        <Stack gap={2} aria-label="Not booked">
          <Text size="sm" fw={600}>
            Not booked:
          </Text>
          <Text size="sm" component="ul" m={0} pl="lg">
            {result.notBooked.map((miss) => (
              <li key={miss.index}>{describeMiss(miss, zone)}</li>
            ))}
          </Text>
        </Stack>
      )}
      <Group>
        <Button onClick={props.onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
