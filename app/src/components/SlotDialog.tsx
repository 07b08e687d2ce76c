/**
 * A chosen calendar slot. A free slot of an active schedule opens the booking panel; a booked one opens its
 * appointment (patient, time, status, cancel with a reason, reschedule); anything else shows its time and status.
 */
import type { JSX } from 'react';
import { useRef } from 'react';
import { Stack, Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import type { Booking } from '../calendar/load';
import { formatRange } from '../format';
import { AppModal } from './AppModal';
import { AppointmentPanel } from './AppointmentPanel';
import { BookingPanel } from './BookingPanel';

const STATUS: Record<Slot['status'], string> = {
  free: 'Free',
  busy: 'Booked',
  'busy-tentative': 'Held (tentative booking)',
  'busy-unavailable': 'Unavailable',
  'entered-in-error': 'Entered in error',
};

export interface SlotDialogProps {
  readonly slot?: WithId<Slot>;
  readonly booking?: Booking;
  readonly zone: string;
  /** Whether the schedule takes bookings (an inactive one does not). */
  readonly bookable: boolean;
  readonly onClose: () => void;
  /** A booking, a cancellation or a move was saved: the calendar follows the bots from now. */
  readonly onChanged: (what: 'booking' | 'cancellation' | 'move') => void;
}

export function SlotDialog({ slot, booking, zone, bookable, onClose, onChanged }: SlotDialogProps): JSX.Element {
  const done =
    (what: 'booking' | 'cancellation' | 'move') =>
    (appointment?: Appointment): void => {
      onClose();
      onChanged(what === 'cancellation' && appointment?.status !== 'cancelled' ? 'move' : what);
    };
  const canBook = slot?.status === 'free' && bookable && Date.parse(slot.start) > Date.now();
  // While the dialog fades out (no slot any more) it keeps the title it had.
  const lastTitle = useRef('Slot');
  if (slot) {
    lastTitle.current = booking ? 'Appointment' : canBook ? 'Book this slot' : 'Slot';
  }
  const title = lastTitle.current;
  return (
    <AppModal opened={slot !== undefined} onClose={onClose} title={title} size="lg">
      {slot && booking && <AppointmentPanel appointment={booking.appointment} onDone={done('cancellation')} />}
      {slot && !booking && canBook && (
        <BookingPanel slot={slot} onDone={done('booking')} onSeriesDone={() => done('booking')()} onCancel={onClose} />
      )}
      {slot && !booking && !canBook && (
        <Stack gap="xs">
          <Text>
            <b>When:</b> {formatRange(slot.start, slot.end, zone)}
          </Text>
          <Text>
            <b>Status:</b> {STATUS[slot.status]}
          </Text>
        </Stack>
      )}
    </AppModal>
  );
}
