/**
 * A booked slot's appointment: the patient, the time, the status; Cancel (a reason is required) and Reschedule.
 * Self-contained: the calendar passes `appointment`; `onDone` is called after a cancellation or a move.
 */
import type { JSX } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Appointment, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { ResourceAvatar, useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { displayName } from '../actors';
import { RescheduleChooser } from './RescheduleChooser';
import { formatRange, scheduleName } from '../format';
import { scheduleZone } from '../frontdesk/zone';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';

export interface AppointmentPanelProps {
  readonly appointment: WithId<Appointment>;
  readonly onDone?: (appointment: WithId<Appointment>) => void;
}

interface Context {
  readonly patient?: Resource;
  readonly schedule?: WithId<Schedule>;
  readonly actors: Resource[];
}

export function AppointmentPanel({ appointment, onDone }: AppointmentPanelProps): JSX.Element {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [context, setContext] = useState<Context>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const patientRef = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;

  useEffect(() => {
    let current = true;
    (async () => {
      const patient = patientRef ? await medplum.readReference(patientRef).catch(() => undefined) : undefined;
      const slotRef = appointment.slot?.[0];
      const slot = slotRef ? await medplum.readReference<Slot>(slotRef).catch(() => undefined) : undefined;
      const schedule = slot?.schedule
        ? await medplum.readReference<Schedule>(slot.schedule).catch(() => undefined)
        : undefined;
      const actors = await Promise.all(
        (schedule?.actor ?? []).map((a) => medplum.readReference(a).catch(() => undefined))
      );
      if (current) {
        setContext({
          patient,
          schedule: schedule as WithId<Schedule> | undefined,
          actors: actors.filter((a): a is NonNullable<typeof a> => a !== undefined),
        });
      }
    })().catch((err: unknown) => setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [medplum, appointment, patientRef]);

  if (!context) {
    return <Loader size="sm" aria-label="Loading the appointment" />;
  }
  const zone = scheduleZone(context.schedule, context.actors);
  const when = appointment.start && appointment.end ? formatRange(appointment.start, appointment.end, zone) : '—';
  const patientName = displayName(context.patient, patientRef?.reference ?? 'Unknown patient');
  const open = appointment.status !== 'cancelled' && appointment.status !== 'fulfilled';

  const cancel = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await clinik.appointments.cancel(appointment.id, reason);
      notifications.show({ color: 'teal', title: 'Appointment cancelled', message: `${patientName}, ${when}` });
      onDone?.(data);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack aria-label="Appointment" role="region">
      <Title order={3}>Appointment</Title>
      <Group gap="xs">
        {context.patient && <ResourceAvatar value={context.patient} size="sm" />}
        <Text fw={500}>{patientName}</Text>
        <Badge color={open ? 'teal' : 'gray'}>{appointment.status}</Badge>
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
      {error && (
        <Alert color="red" title="Not done" role="alert">
          {error}
        </Alert>
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
