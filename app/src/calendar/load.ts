/**
 * Reads what the calendar shows for a range: the schedule's Slots, and for booked ones the Appointment and the
 * patient's full name (hooks/useCalendarData keeps them and follows the bots after a change).
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import type { Clinik } from '../../../api/index';
import { displayName } from '../actors';

export interface Booking {
  readonly appointment: WithId<Appointment>;
  /** The patient's full name. */
  readonly patient: string;
  /** A group slot (more than one booking, or booked while still free): every patient booked on it. */
  readonly group?: readonly string[];
}

export interface CalendarRange {
  readonly from: number;
  readonly to: number;
}

export interface CalendarContent {
  readonly slots: WithId<Slot>[];
  /** By slot id. */
  readonly bookings: ReadonlyMap<string, Booking>;
}

/** A fingerprint of what the calendar shows: changes when a slot comes, goes or changes status. */
export function fingerprint(slots: readonly Slot[]): string {
  return slots
    .map((s) => `${s.id}:${s.status}:${s.meta?.versionId ?? ''}`)
    .sort()
    .join('|');
}

async function appointmentsIn(
  medplum: MedplumClient,
  scheduleId: string,
  from: string,
  to: string
): Promise<WithId<Appointment>[]> {
  return medplum.searchResources(
    'Appointment',
    new URLSearchParams([
      ['slot.schedule', `Schedule/${scheduleId}`],
      ['date', `ge${from}`],
      ['date', `lt${to}`],
      ['status:not', 'cancelled'],
      ['status:not', 'entered-in-error'],
      ['status:not', 'noshow'],
      ['_count', '1000'],
    ]),
    { cache: 'no-cache' }
  );
}

export async function loadCalendar(
  clinik: Clinik,
  medplum: MedplumClient,
  scheduleId: string,
  range: CalendarRange
): Promise<CalendarContent> {
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  const { data } = await clinik.slots.search({ scheduleId, from, to, count: 1000 });
  // Also when every slot is free: a group slot stays free while places are left.
  const found = data.length > 0 ? await appointmentsIn(medplum, scheduleId, from, to) : [];
  const bySlot = new Map<string, Booking[]>();
  for (const appointment of found) {
    const ref = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;
    const patient = ref
      ? displayName(await medplum.readReference(ref).catch(() => undefined), ref.display ?? 'Unknown patient')
      : 'No patient';
    for (const slot of appointment.slot ?? []) {
      const id = slot.reference?.replace('Slot/', '') ?? '';
      bySlot.set(id, [...(bySlot.get(id) ?? []), { appointment, patient }]);
    }
  }
  const status = new Map(data.map((s) => [s.id, s.status]));
  const bookings = new Map<string, Booking>();
  for (const [id, list] of bySlot) {
    const first = list[0] as Booking;
    const group = list.length > 1 || status.get(id) === 'free';
    bookings.set(id, group ? { ...first, group: list.map((b) => b.patient) } : first);
  }
  return { slots: data, bookings };
}
