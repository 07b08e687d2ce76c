/**
 * The calendar's data for a range, in one place: the schedule's Slots, and for booked ones the Appointment and the
 * patient's full name. After a change (`followSince`) it follows the bots' work until the slots settle: in local
 * mode it waits for the bots to finish; on a Medplum server it polls until the slots stop changing.
 */
import type { WithId } from '@medplum/core';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { displayName } from '../actors';
import { errorMessage, useClinik } from '../hooks';

export interface Booking {
  readonly appointment: WithId<Appointment>;
  /** The patient's full name. */
  readonly patient: string;
}

export interface CalendarData {
  readonly slots?: readonly WithId<Slot>[];
  readonly bookings: ReadonlyMap<string, Booking>;
  readonly error?: string;
  /** Following a change: the slots are still being updated by the bots. */
  readonly updating: boolean;
  readonly refresh: () => void;
}

/** How the calendar follows the bots after a change on a Medplum server. */
export const FOLLOW = { intervalMs: 1500, stablePolls: 2, minPolls: 3, maxMs: 45_000 };

const BOOKED = new Set(['busy', 'busy-tentative']);

/** A fingerprint of what the calendar shows: changes when a slot comes, goes or changes status. */
function fingerprint(slots: readonly Slot[]): string {
  return slots
    .map((s) => `${s.id}:${s.status}:${s.meta?.versionId ?? ''}`)
    .sort()
    .join('|');
}

export function useCalendarData(
  scheduleId: string,
  range: { readonly from: number; readonly to: number },
  followSince?: number
): CalendarData {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [slots, setSlots] = useState<WithId<Slot>[]>();
  const [bookings, setBookings] = useState<ReadonlyMap<string, Booking>>(new Map());
  const [error, setError] = useState<string>();
  const [updating, setUpdating] = useState(false);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  const load = useCallback(async (): Promise<WithId<Slot>[]> => {
    const from = new Date(range.from).toISOString();
    const to = new Date(range.to).toISOString();
    const { data } = await clinik.slots.search({ scheduleId, from, to, count: 1000 });
    const found = data.some((s) => BOOKED.has(s.status))
      ? await medplum.searchResources(
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
        )
      : [];
    const map = new Map<string, Booking>();
    for (const appointment of found) {
      const ref = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;
      const patient = ref
        ? displayName(await medplum.readReference(ref).catch(() => undefined), ref.display ?? 'Unknown patient')
        : 'No patient';
      for (const slot of appointment.slot ?? []) {
        map.set(slot.reference?.replace('Slot/', '') ?? '', { appointment, patient });
      }
    }
    setBookings(map);
    setSlots(data);
    setError(undefined);
    return data;
  }, [clinik, medplum, scheduleId, range.from, range.to]);

  // Plain loads: on mount, on a new range, on refresh.
  useEffect(() => {
    const mine = ++generation.current;
    setSlots(undefined);
    load().catch((err: unknown) => mine === generation.current && setError(errorMessage(err)));
  }, [load, tick]);

  // Following the bots after a change.
  useEffect(() => {
    if (followSince === undefined) {
      return;
    }
    let stopped = false;
    setUpdating(true);
    const idle = (medplum as { idle?: () => Promise<void> }).idle;
    const follow = async (): Promise<void> => {
      if (typeof idle === 'function') {
        await idle.call(medplum); // local mode: the bots run in this page
        if (!stopped) await load();
        return;
      }
      let last = '';
      let stable = 0;
      for (let poll = 1; !stopped && Date.now() - followSince < FOLLOW.maxMs; poll++) {
        await new Promise((resolve) => setTimeout(resolve, FOLLOW.intervalMs));
        if (stopped) return;
        const print = fingerprint(await load());
        stable = print === last ? stable + 1 : 0;
        last = print;
        if (poll >= FOLLOW.minPolls && stable >= FOLLOW.stablePolls) {
          return;
        }
      }
    };
    follow()
      .catch((err: unknown) => !stopped && setError(errorMessage(err)))
      .finally(() => !stopped && setUpdating(false));
    return () => {
      stopped = true;
    };
  }, [followSince, medplum, load]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...(slots ? { slots } : {}), bookings, ...(error ? { error } : {}), updating, refresh };
}
