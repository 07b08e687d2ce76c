/** The demo clinic's activity: hand-made slots on the manual schedule, and bookings on the generated ones. */
import type { Patient, Schedule } from '@medplum/fhirtypes';
import type { Clinik } from '../../api/index';
import { formatInstant } from '../../core/time';
import { DAY } from './schedules';

/** Three afternoon slots (15:00–15:30 New York time) on the next three days. */
export async function createManualSlots(clinik: Clinik, scheduleId: string, now: number): Promise<void> {
  for (let d = 1; d <= 3; d++) {
    const day = now - (now % DAY) + d * DAY;
    await clinik.slots.create({
      scheduleId,
      start: formatInstant(day + 15 * 3_600_000, 'America/New_York'),
      end: formatInstant(day + 15.5 * 3_600_000, 'America/New_York'),
    });
  }
}

/**
 * Books up to four free slots (every seventh of the first 40) on each schedule, patients in turn. Returns how many
 * appointments it booked.
 */
export async function bookDemoAppointments(
  clinik: Clinik,
  schedules: readonly (Schedule & { id: string })[],
  patients: readonly (Patient & { id: string })[],
  now: number
): Promise<number> {
  let appointments = 0;
  // From tomorrow on: a schedule's minimum notice (Dr. Patel's is two hours) never refuses a demo booking.
  const from = new Date(now + 86_400_000).toISOString();
  for (const [i, schedule] of schedules.entries()) {
    const { data: free } = await clinik.slots.search({ scheduleId: schedule.id, status: 'free', from, count: 40 });
    for (const [j, slot] of free
      .filter((_, k) => k % 7 === 3)
      .slice(0, 4)
      .entries()) {
      const patient = patients[(i + j) % patients.length] as Patient & { id: string };
      await clinik.appointments.book({ slotId: slot.id, patientId: patient.id, description: 'Demo booking' });
      appointments++;
    }
  }
  return appointments;
}
