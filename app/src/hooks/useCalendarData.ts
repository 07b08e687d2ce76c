/**
 * The calendar's data for a range (calendar/load.ts). After a change (`followSince`) it follows the bots' work until
 * the slots settle: when the runtime can wait for its bots (runtime-context.ts, local mode) it waits and reloads; on
 * a Medplum server it polls until the slots stop changing.
 */
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { use, useCallback, useEffect, useRef, useState } from 'react';
import { fingerprint, loadCalendar, type Booking, type CalendarRange } from '../calendar/load';
import { errorMessage } from '../errors';
import { BotActivityContext, type BotActivity } from '../runtime-context';
import { useClinik } from './useClinik';

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

/** Waits for the bots, or polls `load` until the slots stop changing; `stopped` ends it early. */
async function followBots(
  bots: BotActivity,
  since: number,
  load: () => Promise<readonly Slot[]>,
  stopped: () => boolean
): Promise<void> {
  const settled = bots.settled();
  if (settled) {
    await settled;
    if (!stopped()) await load();
    return;
  }
  let last = '';
  let stable = 0;
  for (let poll = 1; !stopped() && Date.now() - since < FOLLOW.maxMs; poll++) {
    await new Promise((resolve) => setTimeout(resolve, FOLLOW.intervalMs));
    if (stopped()) return;
    const print = fingerprint(await load());
    stable = print === last ? stable + 1 : 0;
    last = print;
    if (poll >= FOLLOW.minPolls && stable >= FOLLOW.stablePolls) {
      return;
    }
  }
}

export function useCalendarData(scheduleId: string, range: CalendarRange, followSince?: number): CalendarData {
  const medplum = useMedplum();
  const clinik = useClinik();
  const bots = use(BotActivityContext);
  const [slots, setSlots] = useState<WithId<Slot>[]>();
  const [bookings, setBookings] = useState<ReadonlyMap<string, Booking>>(new Map());
  const [error, setError] = useState<string>();
  const [updating, setUpdating] = useState(false);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  const load = useCallback(async (): Promise<WithId<Slot>[]> => {
    const content = await loadCalendar(clinik, medplum, scheduleId, { from: range.from, to: range.to });
    setBookings(content.bookings);
    setSlots(content.slots);
    setError(undefined);
    return content.slots;
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
    followBots(bots, followSince, load, () => stopped)
      .catch((err: unknown) => !stopped && setError(errorMessage(err)))
      .finally(() => !stopped && setUpdating(false));
    return () => {
      stopped = true;
    };
  }, [followSince, bots, load]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...(slots ? { slots } : {}), bookings, ...(error ? { error } : {}), updating, refresh };
}
