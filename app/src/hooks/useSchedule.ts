/**
 * One schedule by id through the Schedules API, with its actors read (practitioners, rooms: their names and zones);
 * `reload` reads it again (after a change made on the page).
 */
import type { WithId } from '@medplum/core';
import type { Resource, Schedule } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../errors';
import { useClinik } from './useClinik';

export interface LoadedSchedule {
  readonly schedule?: WithId<Schedule>;
  /** The actors that could be read. */
  readonly actors: readonly Resource[];
  readonly error?: string;
  readonly reload: () => void;
}

const NONE: readonly Resource[] = [];

export function useSchedule(id: string | undefined): LoadedSchedule {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [loaded, setLoaded] = useState<{ schedule: WithId<Schedule>; actors: Resource[] }>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!id) {
      return;
    }
    let current = true;
    setError(undefined);
    clinik.schedules
      .get(id)
      .then(async ({ data }) => {
        const read = await Promise.all(data.actor.map((a) => medplum.readReference(a).catch(() => undefined)));
        if (current) {
          setLoaded({ schedule: data, actors: read.filter((r) => r !== undefined) });
        }
      })
      .catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [clinik, medplum, id, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return {
    ...(loaded ? { schedule: loaded.schedule } : {}),
    actors: loaded?.actors ?? NONE,
    ...(error ? { error } : {}),
    reload,
  };
}
