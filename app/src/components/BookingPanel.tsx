/**
 * Books a free slot for a patient: patient search (by name, narrowed by birth date), the service type prefilled
 * from the slot, a comment. Race-safe: when the slot was taken meanwhile it says so and offers the next free slots
 * of the same service, the same practitioner first. Self-contained: the calendar or the Find page passes `slot`.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WithId } from '@medplum/core';
import type { Appointment, Patient, Schedule, Slot } from '@medplum/fhirtypes';
import { ResourceAvatar, ResourceInput, useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { ClinikError, type FoundSlot } from '../../../api/index';
import { nextFreeSlots } from '../frontdesk/alternatives';
import { describeFound } from '../frontdesk/describe';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';

export interface BookingPanelProps {
  readonly slot: WithId<Slot>;
  /** The slot's schedule and actors, when the caller has them (else they are read). */
  readonly found?: FoundSlot;
  readonly onDone?: (appointment: WithId<Appointment>) => void;
  readonly onCancel?: () => void;
}

function conceptText(slot: Slot): string {
  const c = slot.serviceType?.[0];
  return c?.text ?? c?.coding?.[0]?.display ?? '';
}

export function BookingPanel(props: BookingPanelProps): JSX.Element {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [found, setFound] = useState<FoundSlot | undefined>(props.found);
  const slot = found?.slot ?? props.slot;
  const [patient, setPatient] = useState<WithId<Patient>>();
  const [birthDate, setBirthDate] = useState('');
  const [serviceType, setServiceType] = useState(conceptText(props.slot));
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [taken, setTaken] = useState<FoundSlot[]>();
  const [bornThen, setBornThen] = useState<WithId<Patient>[]>([]);

  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
      setBornThen([]);
      return;
    }
    let current = true;
    medplum
      .searchResources('Patient', { birthdate: birthDate, _count: '10' })
      .then((found) => current && setBornThen([...found]))
      .catch(() => current && setBornThen([]));
    return () => {
      current = false;
    };
  }, [medplum, birthDate]);

  useEffect(() => {
    if (found && found.slot.id === slot.id) {
      return;
    }
    let current = true;
    (async () => {
      const schedule = await medplum.readReference<Schedule>(slot.schedule as { reference: string });
      const actors = await Promise.all(
        (schedule.actor ?? []).map((a) => medplum.readReference(a).catch(() => undefined))
      );
      if (current) {
        setFound({
          slot,
          schedule: schedule as WithId<Schedule>,
          actors: actors.filter((a): a is NonNullable<typeof a> => a !== undefined) as FoundSlot['actors'],
        });
      }
    })().catch((err: unknown) => setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [medplum, slot, found]);

  const text = found ? describeFound(found) : undefined;

  const book = async (): Promise<void> => {
    if (!patient) {
      setError('Choose the patient first.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const unchanged = serviceType.trim() === conceptText(slot) || !serviceType.trim();
      const { data } = await clinik.appointments.book({
        slotId: slot.id,
        patientId: patient.id,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(unchanged ? {} : { serviceType: [serviceType.trim()] }),
      });
      notifications.show({ color: 'teal', title: 'Booked', message: text?.when ?? slot.start });
      props.onDone?.(data);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ClinikError && err.status === 409 && found) {
        setTaken(
          await nextFreeSlots(clinik, {
            schedule: found.schedule,
            from: Date.parse(slot.start),
            exclude: new Set([slot.id]),
          }).catch(() => [])
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack aria-label="Book this slot" role="form">
      <Title order={3}>Book {text?.when ?? ''}</Title>
      {text && (
        <Text size="sm" c="dimmed">
          {text.schedule}
        </Text>
      )}
      <TextInput
        label="Birth date (narrows the patient search)"
        type="date"
        value={birthDate}
        onChange={(e) => setBirthDate(e.currentTarget.value)}
      />
      {bornThen.length > 0 && !patient && (
        <Group gap="xs" aria-label="Patients born that day">
          {bornThen.map((p) => (
            <Button key={p.id} size="xs" variant="light" onClick={() => setPatient(p)}>
              {p.name?.[0]?.given?.join(' ')} {p.name?.[0]?.family}
            </Button>
          ))}
        </Group>
      )}
      <ResourceInput<Patient>
        key={`${birthDate}/${patient?.id ?? ''}`}
        defaultValue={patient}
        resourceType="Patient"
        name="patient"
        label="Patient"
        placeholder="Search by name"
        searchCriteria={birthDate ? { birthdate: birthDate } : undefined}
        onChange={(p) => setPatient(p as WithId<Patient> | undefined)}
      />
      {patient && (
        <Group gap="xs">
          <ResourceAvatar value={patient} size="sm" />
          <Text size="sm">
            {patient.name?.[0]?.given?.join(' ')} {patient.name?.[0]?.family}
            {patient.birthDate ? ` · born ${patient.birthDate}` : ''}
          </Text>
        </Group>
      )}
      <TextInput label="Service type" value={serviceType} onChange={(e) => setServiceType(e.currentTarget.value)} />
      <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
      {error && (
        <Alert color="red" title="Not booked" role="alert">
          {error}
        </Alert>
      )}
      {taken && (
        <Stack gap="xs" aria-label="Next free slots">
          <Text size="sm">{taken.length > 0 ? 'Next free slots:' : 'No other free slot in the next 60 days.'}</Text>
          {taken.map((option) => (
            <Button
              key={option.slot.id}
              variant="light"
              size="xs"
              onClick={() => {
                setFound(option);
                setTaken(undefined);
                setError(undefined);
              }}
            >
              {describeFound(option).when} · {describeFound(option).practitioner}
            </Button>
          ))}
        </Stack>
      )}
      <Group>
        <Button onClick={() => void book()} loading={busy} disabled={!patient}>
          Book
        </Button>
        {props.onCancel && (
          <Button variant="subtle" onClick={props.onCancel}>
            Close
          </Button>
        )}
      </Group>
    </Stack>
  );
}
