/**
 * A booked slot's appointment: the patient, the time, the status; Cancel (a reason is required) and Reschedule.
 * Self-contained: the calendar passes `appointment`; `onDone` is called after a cancellation or a move.
 */
import type { JSX } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { ResourceAvatar } from '@medplum/react';
import { useState } from 'react';
import { displayName } from '../actors';
import { OverrideForm } from './OverrideForm';
import { OverrideTrace } from './OverrideTrace';
import { RescheduleChooser } from './RescheduleChooser';
import { appointmentStatusWords, formatRange, scheduleName } from '../format';
import { scheduleZone } from '../frontdesk/zone';
import { errorMessage } from '../errors';
import { useAppointmentContext } from '../hooks/useAppointmentContext';
import { useClinik } from '../hooks/useClinik';

export interface AppointmentPanelProps {
  readonly appointment: WithId<Appointment>;
  readonly onDone?: (appointment: WithId<Appointment>) => void;
}

export function AppointmentPanel({ appointment, onDone }: AppointmentPanelProps): JSX.Element {
  const clinik = useClinik();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const context = useAppointmentContext(appointment);
  const patientRef = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;

  if (!context) {
    return <Loader size="sm" aria-label="Loading the appointment" />;
  }
  const zone = scheduleZone(context.schedule, context.actors);
  const when = appointment.start && appointment.end ? formatRange(appointment.start, appointment.end, zone) : '—';
  const patientName = displayName(context.patient, patientRef?.reference ?? 'Unknown patient');
  const open = appointment.status !== 'cancelled' && appointment.status !== 'fulfilled';

  const cancel = async (overrideReason?: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setFailure(undefined);
    try {
      const options = overrideReason ? { override: { reason: overrideReason } } : {};
      const { data } = await clinik.appointments.cancel(appointment.id, reason, options);
      notifications.show({ color: 'teal', title: 'Appointment cancelled', message: `${patientName}, ${when}` });
      onDone?.(data);
    } catch (err) {
      setError(errorMessage(err));
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack aria-label="Appointment" role="region">
      {/* The dialog or drawer around it is titled "Appointment": no second heading that says it again. */}
      <Group gap="xs">
        {context.patient && <ResourceAvatar value={context.patient} size="sm" />}
        <Text fw={500}>{patientName}</Text>
        <Badge color={open ? 'teal' : 'gray'}>{appointmentStatusWords(appointment.status)}</Badge>
      </Group>
      <Text size="sm">{when}</Text>
      {context.schedule && (
        <Text size="sm" c="dimmed">
          {scheduleName(
            context.schedule,
            context.actors.map((a) => displayName(a, `${a.resourceType}/${a.id}`))
          )}
        </Text>
      )}
      {appointment.comment && <Text size="sm">{appointment.comment}</Text>}
      <OverrideTrace appointment={appointment} zone={zone} />
      {error && (
        <Alert color="red" title="Not done" role="alert">
          {error}
        </Alert>
      )}
      {failure !== undefined && open && (
        <OverrideForm error={failure} action="Cancel anyway" onOverride={(why) => cancel(why)} />
      )}
      {open && (
        <>
          <Textarea
            label="Cancellation reason"
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group>
            <Button color="red" variant="light" disabled={!reason.trim()} loading={busy} onClick={() => void cancel()}>
              Cancel appointment
            </Button>
            <Button variant="light" onClick={() => setRescheduling((r) => !r)} disabled={!context.schedule}>
              Reschedule
            </Button>
          </Group>
          {rescheduling && context.schedule && (
            <RescheduleChooser appointment={appointment} schedule={context.schedule} onDone={onDone} />
          )}
        </>
      )}
    </Stack>
  );
}
