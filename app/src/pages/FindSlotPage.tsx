/**
 * Find a slot, for the front desk: service type or specialty, practitioner or location, a date range, or "first
 * available". Free slots nearest first across schedules, with practitioner, location and local time; "Book" opens
 * the booking panel, so a booking takes two clicks once the patient is chosen. The criteria live in the URL.
 */
import type { JSX } from 'react';
import { Alert, Button, Group, List, Loader, Stack } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import { useState } from 'react';
import type { FoundSlot } from '../../../api/index';
import { FindSlotForm } from '../components/FindSlotForm';
import { FreeSlotsTable } from '../components/FreeSlotsTable';
import { PageTitle } from '../components/PageTitle';
import { AppointmentDrawer, BookDrawer } from '../components/SlotDrawers';
import { describeBooked } from '../frontdesk/describe';
import { useFindSlots } from '../hooks/useFindSlots';

export function FindSlotPage(): JSX.Element {
  const find = useFindSlots();
  const { result } = find;
  const [booking, setBooking] = useState<FoundSlot>();
  const [done, setDone] = useState<{ text: string; appointment: WithId<Appointment> }>();
  const [viewing, setViewing] = useState<WithId<Appointment>>();

  return (
    <Stack>
      <PageTitle>Find a slot</PageTitle>
      <FindSlotForm criteria={find.criteria} onChange={find.change} onSubmit={find.submit} />
      {done && (
        <Alert color="teal" title="Booked" onClose={() => setDone(undefined)} withCloseButton>
          <Group justify="space-between">
            {done.text}
            <Button size="xs" variant="light" onClick={() => setViewing(done.appointment)}>
              Open the appointment
            </Button>
          </Group>
        </Alert>
      )}
      {find.error && (
        <Alert color="red" title="Could not search" role="alert">
          {find.error}
        </Alert>
      )}
      {find.loading && <Loader aria-label="Searching free slots" />}
      {result && result.data.length === 0 && <Alert color="gray" title="No free slot matches" />}
      {result?.leftOut && result.leftOut.length > 0 && (
        <Alert color="gray" title="Some times are not offered">
          <List size="sm">
            {result.leftOut.map((reason) => (
              <List.Item key={reason.text}>{reason.text}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result && result.data.length > 0 && <FreeSlotsTable slots={result.data} onBook={setBooking} />}
      {result?.nextOffset !== undefined && (
        <Button variant="subtle" onClick={find.later}>
          Later slots
        </Button>
      )}
      <BookDrawer
        {...(booking ? { found: booking } : {})}
        onClose={() => setBooking(undefined)}
        onBooked={(found, appointment, patientName) => {
          setDone({ text: `Booked: ${describeBooked(found, patientName)}.`, appointment });
          setBooking(undefined);
          find.again();
        }}
      />
      <AppointmentDrawer
        {...(viewing ? { appointment: viewing } : {})}
        onClose={() => setViewing(undefined)}
        onChanged={() => {
          setViewing(undefined);
          setDone(undefined);
          find.again();
        }}
      />
    </Stack>
  );
}
