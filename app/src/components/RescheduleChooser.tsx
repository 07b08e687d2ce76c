/**
 * Offers the nearest free slots for moving an appointment (same service or specialty, the same practitioner
 * first) and moves it in one step with `appointments.reschedule`.
 */
import type { JSX } from 'react';
import { Alert, Button, Loader, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Appointment, Schedule } from '@medplum/fhirtypes';
import { useEffect, useState } from 'react';
import type { FoundSlot } from '../../../api/index';
import { nextFreeSlots } from '../frontdesk/alternatives';
import { describeFound } from '../frontdesk/describe';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';

export interface RescheduleChooserProps {
  readonly appointment: WithId<Appointment>;
  /** The schedule the appointment was booked on (its service, specialty and practitioner guide the offer). */
  readonly schedule: Schedule;
  readonly onDone?: (moved: WithId<Appointment>) => void;
}

export function RescheduleChooser({ appointment, schedule, onDone }: RescheduleChooserProps): JSX.Element {
  const clinik = useClinik();
  const [options, setOptions] = useState<FoundSlot[]>();
  const [error, setError] = useState<string>();
  const [moving, setMoving] = useState<string>();

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
      notifications.show({ color: 'teal', title: 'Appointment moved', message: describeFound(option).when });
      onDone?.(data);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setMoving(undefined);
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
                  <Table.Td>{text.when}</Table.Td>
                  <Table.Td>{text.practitioner}</Table.Td>
                  <Table.Td>{text.location}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      aria-label={`Move here: ${text.when}`}
                      loading={moving === option.slot.id}
                      onClick={() => void move(option)}
                    >
                      Move here
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
