/**
 * Fixtures for the recurring-series tests: the local runtime at a fixed "now" with patients pat-0..pat-3, and Dr
 * Jones's schedule in New York (Mondays and Thursdays, or the days asked for, 09:00–11:00, 30-minute slots, March to May, made by the
 * bot) set up by the project admin, then a front desk (the staff AccessPolicy: every write through the booking Bot).
 */
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { expect, vi } from 'vitest';
import { type Clinik, createClinik } from '../../api';
import { holdsSlots } from '../../core/appointment-status';
import type { BookingRules } from '../../core/rules/booking-rules';
import { createLocalMedplum, type LocalMedplum } from '../../local';
import { STAFF_ACCESS_POLICY } from '../../medplum/policies';

export const NOW = Date.parse('2025-02-28T12:00:00Z'); // Friday; New York moves to summer time on Sun 9 Mar 2025
export const ZONE = 'America/New_York';
export const MON_THU = { kind: 'weekly', days: ['mon', 'thu'] } as const;

export interface SeriesClinic {
  readonly medplum: LocalMedplum;
  /** The front desk's client: bookings go through the booking operation. */
  readonly desk: Clinik;
  readonly scheduleId: string;
  /** The schedule's slot starting at an instant. */
  slotAt(start: string): Promise<WithId<Slot>>;
}

/** A fresh runtime (Date faked to {@link NOW}) with the schedule, its rules, closed days and hours, and a front desk. */
export async function seriesClinic(
  options: {
    rules?: BookingRules;
    closed?: { start: string; end: string };
    /** The opening days, 09:00–11:00 (default Mondays and Thursdays). */
    days?: readonly ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[];
  } = {}
): Promise<SeriesClinic> {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  const medplum = createLocalMedplum();
  const isAdmin = vi.spyOn(medplum, 'isProjectAdmin').mockReturnValue(true);
  for (let i = 0; i < 4; i++) {
    await medplum.updateResource({ resourceType: 'Patient', id: `pat-${i}` });
  }
  const { data: schedule } = await createClinik(medplum, { now: () => NOW }).schedules.create({
    actorIds: ['Practitioner/dr_jones'],
    planningHorizon: { start: '2025-03-01T00:00:00Z', end: '2025-06-01T00:00:00Z' },
    availability: {
      timeZone: ZONE,
      slotMinutes: 30,
      weekly: [{ days: [...(options.days ?? ['mon', 'thu'])], start: '09:00', end: '11:00' }],
      ...(options.closed ? { closed: [{ description: 'Closed', ...options.closed }] } : {}),
    },
    ...(options.rules ? { bookingRules: options.rules } : {}),
  });
  await medplum.idle();
  medplum.server.setPolicy('api', STAFF_ACCESS_POLICY);
  isAdmin.mockReturnValue(false);
  const slotAt = async (start: string): Promise<WithId<Slot>> => {
    const at = `eq${new Date(start).toISOString().slice(0, 19)}Z`;
    const [slot] = await medplum.searchResources('Slot', { schedule: `Schedule/${schedule.id}`, start: at });
    expect(slot).toBeDefined();
    return slot as WithId<Slot>;
  };
  return { medplum, desk: createClinik(medplum), scheduleId: schedule.id, slotAt };
}

/** "Mon 09:00": an instant's weekday and time in New York. */
export function localTime(instant: string | undefined): string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return format.format(Date.parse(instant ?? ''));
}

/** Everything a refused series could have written: Slots, Appointments, Provenance and leases, with their versions. */
export async function snapshot(medplum: LocalMedplum): Promise<string[]> {
  medplum.server.setPolicy('api', undefined); // read as the project admin: the desk may not read the leases
  const all = await Promise.all(
    (['Slot', 'Appointment', 'Basic', 'Provenance'] as const).map((type) =>
      medplum.searchResources(type, { _count: '1000' }, { cache: 'no-cache' })
    )
  );
  medplum.server.setPolicy('api', STAFF_ACCESS_POLICY);
  return all
    .flat()
    .map((r) => `${r.resourceType}/${r.id}@${r.meta?.versionId}`)
    .sort();
}

/** Booked Slots and live Appointments agree: no busy slot without a live booking, no live booking on a free slot. */
export async function expectNothingOrphaned(medplum: LocalMedplum): Promise<void> {
  await medplum.idle();
  const slots = await medplum.searchResources('Slot', { _count: '1000' }, { cache: 'no-cache' });
  const all = await medplum.searchResources('Appointment', { _count: '1000' }, { cache: 'no-cache' });
  const live = all.filter((a) => holdsSlots(a.status));
  const held = new Set(live.flatMap((a) => a.slot?.map((s) => s.reference) ?? []));
  for (const slot of slots) {
    expect(held.has(`Slot/${slot.id}`)).toBe(slot.status === 'busy');
  }
  expect(held.size).toBe(live.length); // one live booking per slot
}
