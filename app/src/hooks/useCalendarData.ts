/**
 * The calendar's data for a range (calendar/load.ts). After a change made in this page (`follow`) it follows the
 * bots until they are done (calendar/follow.ts) and says so; in Medplum mode it also follows changes made elsewhere
 * (another front desk, the bots) through a subscription to the schedule's Slots (hooks/useLiveChanges).
 */
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { use, useCallback, useEffect, useRef, useState } from 'react';
import type { ScheduleSyncStatus } from '../../../api/index';
import { followChange, followMessage, type Follow } from '../calendar/follow';
import { loadCalendar, type Booking, type CalendarContent, type CalendarRange } from '../calendar/load';
import { errorMessage } from '../errors';
import { BotActivityContext, REMOTE_BOTS } from '../runtime-context';
import { useClinik } from './useClinik';
import { useLiveChanges } from './useLiveChanges';

export interface CalendarData {
  readonly slots?: readonly WithId<Slot>[];
  readonly bookings: ReadonlyMap<string, Booking>;
  readonly error?: string;
  /** Following a change: what the bots are doing, in words; undefined once they are done. */
  readonly updating?: string;
  /** Changes made elsewhere reach the calendar as they happen (a live subscription), not by polling. */
  readonly live: boolean;
  readonly refresh: () => void;
}

const NO_BOOKINGS: ReadonlyMap<string, Booking> = new Map();

/** What a load is for: the schedule and the range. */
const rangeKey = (scheduleId: string, range: CalendarRange): string => `${scheduleId} ${range.from} ${range.to}`;

export function useCalendarData(
  scheduleId: string,
  range: CalendarRange,
  follow?: Follow,
  onSettled?: (status: ScheduleSyncStatus | undefined) => void
): CalendarData {
  const medplum = useMedplum();
  const clinik = useClinik();
  const bots = use(BotActivityContext);
  // What was loaded, for which range: a grid never shows another week's slots under this week's days, and a slow
  // load of a range left behind never overwrites the one now shown.
  const key = rangeKey(scheduleId, range);
  const shown = useRef(key);
  shown.current = key;
  const [content, setContent] = useState<{ readonly key: string } & CalendarContent>();
  const [error, setError] = useState<string>();
  const [updating, setUpdating] = useState<string>();
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const settledRef = useRef(onSettled);
  settledRef.current = onSettled;

  const load = useCallback(async (): Promise<WithId<Slot>[]> => {
    const mine = rangeKey(scheduleId, { from: range.from, to: range.to });
    const loaded = await loadCalendar(clinik, medplum, scheduleId, { from: range.from, to: range.to });
    if (shown.current === mine) {
      setContent({ key: mine, ...loaded });
      setError(undefined);
    }
    return loaded.slots;
  }, [clinik, medplum, scheduleId, range.from, range.to]);

  // Plain loads: on mount, on a new range, on refresh.
  useEffect(() => {
    const mine = ++generation.current;
    setContent(undefined);
    load().catch((err: unknown) => mine === generation.current && setError(errorMessage(err)));
  }, [load, tick]);

  // Changes made elsewhere (Medplum mode only).
  const reload = useCallback(() => {
    load().catch((err: unknown) => setError(errorMessage(err)));
  }, [load]);
  const live = useLiveChanges(bots === REMOTE_BOTS ? `Slot?schedule=Schedule/${scheduleId}` : undefined, reload);

  // Following the bots after a change made here.
  const { since, what, version } = follow ?? {};
  useEffect(() => {
    if (since === undefined || what === undefined) return undefined;
    let stopped = false;
    const change: Follow = { since, what, ...(version ? { version } : {}) };
    setUpdating(followMessage(change));
    followChange(change, { medplum, bots, scheduleId, load, stopped: () => stopped })
      .then((status) => !stopped && settledRef.current?.(status))
      .catch((err: unknown) => !stopped && setError(errorMessage(err)))
      .finally(() => !stopped && setUpdating(undefined));
    return () => {
      stopped = true;
    };
  }, [since, what, version, medplum, bots, scheduleId, load]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const current = content?.key === key ? content : undefined;
  const slots = current?.slots;
  const bookings = current?.bookings ?? NO_BOOKINGS;
  return {
    ...(slots ? { slots } : {}),
    bookings,
    ...(error ? { error } : {}),
    ...(updating ? { updating } : {}),
    live,
    refresh,
  };
}
