/**
 * The day (YYYY-MM-DD, in the schedule's zone) of a schedule's next free slot, so that its calendar opens on a week
 * a front desk can book in, not on a week whose slots are all past. One search, read again when the schedule changes.
 * `undefined` while loading; `null` when nothing is free (or the search failed): the calendar then opens as usual.
 */
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { localDateTime } from '../../../core/time';

/**
 * @example
 * const next = useNextFreeDay(schedule.id, 'America/New_York', schedule.meta?.versionId); // '2026-12-08'
 */
export function useNextFreeDay(
  scheduleId: string,
  zone: string,
  version: string | undefined
): string | null | undefined {
  const medplum = useMedplum();
  const [day, setDay] = useState<string | null>();
  useEffect(() => {
    let current = true;
    medplum
      .searchOne('Slot', {
        schedule: `Schedule/${scheduleId}`,
        status: 'free',
        start: `ge${new Date().toISOString()}`,
        _sort: 'start',
        _elements: 'start',
      })
      .then((slot) => current && setDay(slot?.start ? localDateTime(slot.start, zone).slice(0, 10) : null))
      .catch(() => current && setDay(null));
    return () => {
      current = false;
    };
  }, [medplum, scheduleId, zone, version]);
  return day;
}
