/**
 * Books a free slot for a patient: patient search (by name, narrowed by birth date), the service type prefilled
 * from the slot, a comment. Race-safe (hooks/useSlotBooking): when the slot was taken meanwhile it says so and offers
 * the next free slots of the same service. The calendar or the Find page passes `slot`.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Appointment, Patient, Slot } from '@medplum/fhirtypes';
import { useEffect, useRef, useState } from 'react';
import type { FoundSlot } from '../../../api/index';
import { displayName } from '../actors';
import { describeFound } from '../frontdesk/describe';
import { OverrideForm } from './OverrideForm';
import { PatientChooser } from './PatientChooser';
import { SeriesPanel } from './SeriesPanel';
import { scheduleZone } from '../frontdesk/zone';
import { useSlotBooking } from '../hooks/useSlotBooking';

export interface BookingPanelProps {
  readonly slot: WithId<Slot>;
  /** The slot's schedule and actors, when the caller has them (else they are read). */
  readonly found?: FoundSlot;
  /** Booked: the appointment, and the patient's name (for a confirmation that names them). */
  readonly onDone?: (appointment: WithId<Appointment>, patientName: string) => void;
  readonly onCancel?: () => void;
  /** A series was booked (from "Repeat this booking") and the front desk closed its result. */
  readonly onSeriesDone?: () => void;
}

function conceptText(slot: Slot): string {
  const c = slot.serviceType?.[0];
  return c?.text ?? c?.coding?.[0]?.display ?? '';
}

const fullName = (p: Patient): string => displayName(p, 'the patient');

export function BookingPanel(props: BookingPanelProps): JSX.Element {
  const booking = useSlotBooking(props.slot, props.found);
  const { slot, found } = booking;
  const [patient, setPatient] = useState<WithId<Patient>>();
  const [serviceType, setServiceType] = useState(conceptText(props.slot));
  const [comment, setComment] = useState('');
  const [repeat, setRepeat] = useState(false);
  const text = found ? describeFound(found) : undefined;
  const bookButton = useRef<HTMLButtonElement>(null);
  // A pick that removed the focused control (a "born that day" button) leaves the focus on Book, never on the page.
  useEffect(() => {
    if (patient && (!document.activeElement || document.activeElement === document.body)) {
      bookButton.current?.focus();
    }
  }, [patient]);

  const book = async (overrideReason?: string): Promise<void> => {
    if (!patient) {
      booking.setError('Choose the patient first.');
      return;
    }
    const unchanged = serviceType.trim() === conceptText(slot) || !serviceType.trim();
    const appointment = await booking.book({
      patientId: patient.id,
      patientName: fullName(patient),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(unchanged ? {} : { serviceType: serviceType.trim() }),
      ...(overrideReason ? { overrideReason } : {}),
    });
    if (appointment) {
      props.onDone?.(appointment, fullName(patient));
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
      <PatientChooser patient={patient} onChange={setPatient} />
      {!repeat && (
        <>
          <TextInput label="Service type" value={serviceType} onChange={(e) => setServiceType(e.currentTarget.value)} />
          <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        </>
      )}
      {booking.error && (
        <Alert color="red" title="Not booked" role="alert">
          {booking.error}
        </Alert>
      )}
      {booking.failure !== undefined && (
        <OverrideForm error={booking.failure} action="Book anyway" onOverride={(reason) => book(reason)} />
      )}
      {booking.taken && <NextFreeSlots options={booking.taken} onChoose={booking.choose} />}
      <Group>
        {!repeat && (
          <Button ref={bookButton} onClick={() => void book()} loading={booking.busy} disabled={!patient}>
            Book
          </Button>
        )}
        {props.onCancel && (
          <Button variant="subtle" onClick={props.onCancel}>
            Close
          </Button>
        )}
      </Group>
      {/* After Book: a single booking stays the shortest way by keyboard; a series is one switch further. */}
      <Switch
        label="Repeat this booking (a series)"
        checked={repeat}
        onChange={(e) => setRepeat(e.currentTarget.checked)}
      />
      {repeat && (
        <SeriesPanel
          slot={slot}
          zone={scheduleZone(found?.schedule, found?.actors)}
          {...(patient ? { patient } : {})}
          onDone={() => props.onSeriesDone?.()}
        />
      )}
    </Stack>
  );
}

/** After the slot was taken: the next free slots of the same service, one click to switch to one. */
function NextFreeSlots(props: { options: readonly FoundSlot[]; onChoose: (o: FoundSlot) => void }): JSX.Element {
  return (
    <Stack gap="xs" aria-label="Next free slots">
      <Text size="sm">{props.options.length > 0 ? 'Next free slots:' : 'No other free slot in the next 60 days.'}</Text>
      {props.options.map((option) => (
        <Button key={option.slot.id} variant="light" size="xs" onClick={() => props.onChoose(option)}>
          {describeFound(option).when} · {describeFound(option).practitioner}
        </Button>
      ))}
    </Stack>
  );
}
