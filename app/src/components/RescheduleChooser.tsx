/**
 * Offers the nearest free slots for moving an appointment (same service or specialty, the same practitioner
 * first); a choice is confirmed in words (patient, from, to, with whom) and then moved in one step with
 * `appointments.reschedule`.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Appointment, Patient, Reference, Schedule } from '@medplum/fhirtypes';
import { useResource } from '@medplum/react';
import { useEffect, useRef, useState } from 'react';
import { type FoundSlot, visitTypeOf } from '../../../api/index';
import { nextFreeSlots } from '../frontdesk/alternatives';
import { displayName } from '../actors';
import { describeBooked, describeFound, type FoundSlotText } from '../frontdesk/describe';
import { formatRange } from '../format';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';

export interface RescheduleChooserProps {
  readonly appointment: WithId<Appointment>;
  /** The schedule the appointment was booked on (its service, specialty and practitioner guide the offer). */
  readonly schedule: Schedule;
  readonly onDone?: (moved: WithId<Appointment>) => void;
}

/** "Move Ada Lovelace from Tue 8 Dec 2026, 10:00–10:45 EST to Wed 9 Dec 2026, 11:30–12:15 EST with Dr. Emma Brown?" */
function confirmation(patient: string, appointment: Appointment, to: FoundSlotText): string {
  const from =
    appointment.start && appointment.end ? ` from ${formatRange(appointment.start, appointment.end, to.zone)}` : '';
  return `Move ${patient}${from} to ${to.when}${to.practitioner === '—' ? '' : ` with ${to.practitioner}`}?`;
}

export function RescheduleChooser({ appointment, schedule, onDone }: RescheduleChooserProps): JSX.Element {
  const clinik = useClinik();
  const [options, setOptions] = useState<FoundSlot[]>();
  const [error, setError] = useState<string>();
  const [moving, setMoving] = useState<string>();
  const [chosen, setChosen] = useState<FoundSlot>();
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
      {error && (
        <Alert color="red" title="Not moved" role="alert">
          {error}
        </Alert>
      )}
      {options.length === 0 ? (
        <Text size="sm">No free slot of this service in the next 60 days.</Text>
      ) : (
        <Table aria-label="Free slots to move to">
          <Table.Tbody>
            {options.map((option) => {
              const text = describeFound(option);
              return (
                <Table.Tr key={option.slot.id}>
                  <Table.Td>
                    {text.when}
                    {visitTypeOf(option.slot) && <Text size="xs">{visitTypeOf(option.slot)?.display}</Text>}
                  </Table.Td>
                  <Table.Td>{text.practitioner}</Table.Td>
                  {text.location !== '—' && <Table.Td>{text.location}</Table.Td>}
                  <Table.Td>
                    <Button size="xs" aria-label={`Move here: ${text.when}`} onClick={() => setChosen(option)}>
                      Move here
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {chosen && (
        <Paper withBorder p="sm" role="group" aria-label="Confirm the move">
          <Text size="sm">{confirmation(patient, appointment, describeFound(chosen))}</Text>
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
