/** A chosen calendar slot: its time, status and, when booked, the appointment and the patient. */
import type { JSX } from 'react';
import { Stack, Text } from '@mantine/core';
import type { Slot } from '@medplum/fhirtypes';
import type { Booking } from '../calendar/useCalendarData';
import { formatRange } from '../format';
import { AppModal } from './AppModal';

const STATUS: Record<Slot['status'], string> = {
  free: 'Free',
  busy: 'Booked',
  'busy-tentative': 'Held (tentative booking)',
  'busy-unavailable': 'Unavailable',
  'entered-in-error': 'Entered in error',
};

export function SlotDialog({
  slot,
  booking,
  zone,
  onClose,
}: {
  readonly slot?: Slot;
  readonly booking?: Booking;
  readonly zone: string;
  readonly onClose: () => void;
}): JSX.Element {
  return (
    <AppModal opened={slot !== undefined} onClose={onClose} title={booking ? 'Appointment' : 'Slot'}>
      {slot && (
        <Stack gap="xs">
          <Text>
            <b>When:</b> {formatRange(slot.start, slot.end, zone)}
          </Text>
          <Text>
            <b>Status:</b> {STATUS[slot.status]}
          </Text>
          {booking && (
            <>
              <Text>
                <b>Patient:</b> {booking.patient}
              </Text>
              <Text>
                <b>Appointment:</b> {booking.appointment.status}
                {booking.appointment.description ? ` — ${booking.appointment.description}` : ''}
              </Text>
            </>
          )}
        </Stack>
      )}
    </AppModal>
  );
}
