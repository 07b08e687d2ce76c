/** The front desk's side panels: booking a found slot, and an appointment just booked. */
import type { JSX } from 'react';
import { Drawer } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Appointment } from '@medplum/fhirtypes';
import type { FoundSlot } from '../../../api/index';
import { AppointmentPanel } from './AppointmentPanel';
import { BookingPanel } from './BookingPanel';

export interface BookDrawerProps {
  readonly found?: FoundSlot;
  readonly onClose: () => void;
  readonly onBooked: (found: FoundSlot, appointment: WithId<Appointment>, patientName: string) => void;
}

export function BookDrawer({ found, onClose, onBooked }: BookDrawerProps): JSX.Element {
  return (
    <Drawer opened={found !== undefined} onClose={onClose} position="right" size="md" title="Book">
      {found && (
        <BookingPanel
          key={found.slot.id}
          slot={found.slot}
          found={found}
          onCancel={onClose}
          onDone={(appointment, patientName) => onBooked(found, appointment, patientName)}
        />
      )}
    </Drawer>
  );
}

export interface AppointmentDrawerProps {
  readonly appointment?: WithId<Appointment>;
  readonly onClose: () => void;
  /** The appointment was cancelled or moved. */
  readonly onChanged: () => void;
}

export function AppointmentDrawer({ appointment, onClose, onChanged }: AppointmentDrawerProps): JSX.Element {
  return (
    <Drawer opened={appointment !== undefined} onClose={onClose} position="right" size="md" title="Appointment">
      {appointment && <AppointmentPanel key={appointment.id} appointment={appointment} onDone={onChanged} />}
    </Drawer>
  );
}
