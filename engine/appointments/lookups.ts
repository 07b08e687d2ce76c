/**
 * Appointment look-ups shared by the bots and the API: the Appointments that hold given Slots.
 */
import type { Appointment, Slot } from '@medplum/fhirtypes';
import { holdsSlots } from '../../core/appointment-status';
import { referenceId } from '../../core/references';
import { send, type Io } from '../transport/conditional-write';
import { MAX_PAGE } from '../transport/search';

/** Slot references per search request: keeps URLs well under common limits. */
const REFS_PER_SEARCH = 40;

/**
 * Appointments that hold any of the given Slots, by slot id.
 *
 * @example
 * const { bySlot } = await findActiveAppointments({ medplum }, bookedSlots);
 */
export async function findActiveAppointments(
  io: Io,
  slots: readonly Slot[]
): Promise<{ bySlot: Map<string, (Appointment & { id: string })[]>; requests: number }> {
  const bySlot = new Map<string, (Appointment & { id: string })[]>();
  const ids = slots.map((s) => s.id).filter((id): id is string => !!id);
  let requests = 0;
  for (let i = 0; i < ids.length; i += REFS_PER_SEARCH) {
    const refs = ids.slice(i, i + REFS_PER_SEARCH).map((id) => `Slot/${id}`);
    requests++;
    const found = await send(io, 'search Appointments', () =>
      io.medplum.searchResources(
        'Appointment',
        new URLSearchParams({ slot: refs.join(','), _count: String(MAX_PAGE) }),
        { cache: 'no-cache' }
      )
    );
    for (const appointment of found) {
      if (!holdsSlots(appointment.status)) {
        continue;
      }
      for (const ref of appointment.slot ?? []) {
        const slotId = referenceId(ref, 'Slot');
        if (slotId && refs.includes(`Slot/${slotId}`)) {
          bySlot.set(slotId, [...(bySlot.get(slotId) ?? []), appointment]);
        }
      }
    }
  }
  return { bySlot, requests };
}

/**
 * The Appointments holding any Slot of a Schedule, by slot id: one chained search (`slot.schedule`), paged by date.
 * Used before the schedule bot cancels or withdraws free Slots: an Appointment may reference a Slot the appointment
 * bot has not made busy yet, and such a Slot must be kept (and reported), never deleted.
 *
 * @example
 * const { bySlot } = await findScheduleAppointments({ medplum, pacer }, 'sch-1', Date.now());
 */
export async function findScheduleAppointments(
  io: Io,
  scheduleId: string,
  from: number
): Promise<{ bySlot: Map<string, (Appointment & { id: string })[]>; requests: number }> {
  const bySlot = new Map<string, (Appointment & { id: string })[]>();
  const seen = new Set<string>();
  let lowerBound = `ge${new Date(from - 86_400_000).toISOString()}`;
  let requests = 0;
  for (;;) {
    requests++;
    const page = await send(io, 'search Appointments', () =>
      io.medplum.searchResources(
        'Appointment',
        new URLSearchParams([
          ['slot.schedule', `Schedule/${scheduleId}`],
          ['date', lowerBound],
          ['_sort', 'date'],
          ['_count', String(MAX_PAGE)],
        ]),
        { cache: 'no-cache' }
      )
    );
    let added = 0;
    for (const appointment of page) {
      if (seen.has(appointment.id)) {
        continue;
      }
      seen.add(appointment.id);
      added++;
      if (!holdsSlots(appointment.status)) {
        continue;
      }
      for (const ref of appointment.slot ?? []) {
        const slotId = referenceId(ref, 'Slot');
        if (slotId) {
          bySlot.set(slotId, [...(bySlot.get(slotId) ?? []), appointment]);
        }
      }
    }
    const last = page[page.length - 1]?.start;
    if (page.length < MAX_PAGE || !last) {
      break;
    }
    lowerBound = added === 0 ? `gt${last}` : `ge${last}`;
  }
  return { bySlot, requests };
}
