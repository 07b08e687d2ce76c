/**
 * Offers the nearest free slots for moving an appointment (same service or specialty, the same practitioner
 * first); a choice is confirmed in words (patient, from, to, with whom) and then moved in one step with
 * `appointments.reschedule`. An appointment of a series may take every later one along ("This and all following",
 * `appointments.rescheduleSeries`), whose result is then shown in words before the chooser is done.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Appointment, Patient, Reference, Schedule } from '@medplum/fhirtypes';
import { useResource } from '@medplum/react';
import { useEffect, useRef, useState } from 'react';
import { type FoundSlot, seriesOf, type SeriesRescheduling } from '../../../api/index';
import { nextFreeSlots } from '../frontdesk/alternatives';
import { displayName } from '../actors';
import { describeBooked, describeFound, type FoundSlotText } from '../frontdesk/describe';
import { formatRange } from '../format';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';
import { MoveOptions } from './MoveOptions';
import { SeriesMoveChoice, SeriesMoveResult, type SeriesMoveScope } from './SeriesMove';

export interface RescheduleChooserProps {
  readonly appointment: WithId<Appointment>;
  /** The schedule the appointment was booked on (its service, specialty and practitioner guide the offer). */
  readonly schedule: Schedule;
  readonly onDone?: (moved: WithId<Appointment>) => void;
}

/**
 * "Move Ada Lovelace from Tue 8 Dec 2026, 10:00–10:45 EST to Wed 9 Dec 2026, 11:30–12:15 EST with Dr. Emma Brown?",
 * and with the following ones: "…, and every later appointment of the series by the same change of day and time?"
 */
function confirmation(patient: string, appointment: Appointment, to: FoundSlotText, following: boolean): string {
  const from =
    appointment.start && appointment.end ? ` from ${formatRange(appointment.start, appointment.end, to.zone)}` : '';
  const withWhom = to.practitioner === '—' ? '' : ` with ${to.practitioner}`;
  const rest = following ? ', and every later appointment of the series by the same change of day and time' : '';
  return `Move ${patient}${from} to ${to.when}${withWhom}${rest}?`;
}

export function RescheduleChooser({ appointment, schedule, onDone }: RescheduleChooserProps): JSX.Element {
  const clinik = useClinik();
  const [options, setOptions] = useState<FoundSlot[]>();
  const [error, setError] = useState<string>();
  const [moving, setMoving] = useState<string>();
  const [chosen, setChosen] = useState<FoundSlot>();
  const [series, setSeries] = useState<SeriesMoveScope>({ scope: 'one', mode: 'all-or-none' });
  const [result, setResult] = useState<{ data: SeriesRescheduling; zone: string }>();
  const inSeries = seriesOf(appointment) !== undefined;
  const confirmButton = useRef<HTMLButtonElement>(null);
  const patientRef = appointment.participant?.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor as
    Reference<Patient> | undefined;
  const patient = displayName(useResource<Patient>(patientRef), patientRef?.display ?? 'The patient');
  useEffect(() => {
    if (chosen) {
      confirmButton.current?.focus();
    }
  }, [chosen]);

  useEffect(() => {
    let current = true;
    const own = new Set((appointment.slot ?? []).map((s) => s.reference?.replace('Slot/', '') ?? ''));
    nextFreeSlots(clinik, { schedule, from: Date.now(), count: 5, exclude: own }).then(
      (found) => current && setOptions(found),
      (err: unknown) => current && setError(errorMessage(err))
    );
    return () => {
      current = false;
    };
  }, [clinik, appointment, schedule]);

  const move = async (option: FoundSlot): Promise<void> => {
    setMoving(option.slot.id);
    setError(undefined);
    try {
      if (inSeries && series.scope === 'this-and-following') {
        const input = { appointmentId: appointment.id, newSlotId: option.slot.id, ...series };
        const { data } = await clinik.appointments.rescheduleSeries(input);
        const title = `Moved ${data.moved.length} of ${data.moved.length + data.notMoved.length} appointments`;
        notifications.show({ color: data.notMoved.length ? 'yellow' : 'teal', title, message: patient });
        setResult({ data, zone: describeFound(option).zone });
        return;
      }
      const { data } = await clinik.appointments.reschedule(appointment.id, option.slot.id);
      notifications.show({ color: 'teal', title: 'Appointment moved', message: describeBooked(option, patient) });
      onDone?.(data);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setMoving(undefined);
      setChosen(undefined);
    }
  };

  if (result) {
    const own = result.data.moved.find((a) => a.id === appointment.id) ?? appointment;
    return <SeriesMoveResult result={result.data} zone={result.zone} patient={patient} onDone={() => onDone?.(own)} />;
  }
  if (error && !options) {
    return (
      <Alert color="red" title="Could not find free slots" role="alert">
        {error}
      </Alert>
    );
  }
  if (!options) {
    return <Loader size="sm" aria-label="Finding free slots" />;
  }
  return (
    <Stack gap="xs">
      {inSeries && <SeriesMoveChoice value={series} onChange={setSeries} />}
      {error && (
        <Alert color="red" title="Not moved" role="alert">
          {error}
        </Alert>
      )}
      {options.length === 0 ? (
        <Text size="sm">No free slot of this service in the next 60 days.</Text>
      ) : (
        <MoveOptions options={options} onChoose={setChosen} />
      )}
      {chosen && (
        <Paper withBorder p="sm" role="group" aria-label="Confirm the move">
          <Text size="sm">
            {confirmation(patient, appointment, describeFound(chosen), inSeries && series.scope !== 'one')}
          </Text>
          <Group gap="xs" mt="xs">
            <Button ref={confirmButton} size="xs" loading={moving !== undefined} onClick={() => void move(chosen)}>
              Move
            </Button>
            <Button size="xs" variant="default" onClick={() => setChosen(undefined)}>
              Keep as it is
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
