/**
 * The schedule list's search (schedule-search.ts): one page of schedules for the URL's filters and text, searched
 * again whenever they change; the previous page stays shown while the next one loads.
 */
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import type { ScheduleSearchInput } from '../../../api/index';
import { errorMessage } from '../errors';
import { searchSchedules, type SchedulePage } from '../schedule-search';
import { useClinik } from './useClinik';

export interface SchedulesSearch {
  readonly result?: SchedulePage;
  readonly error?: string;
  readonly loading: boolean;
}

/** `filters` (schedule-search.ts's filtersFrom) must be stable between renders for one search per change. */
export function useSchedulesSearch(filters: ScheduleSearchInput & { page?: number }, text: string): SchedulesSearch {
  const clinik = useClinik();
  const medplum = useMedplum();
  const [result, setResult] = useState<SchedulePage>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    const { page: _page, ...criteria } = filters;
    searchSchedules(clinik, medplum, criteria, text)
      .then((r) => current && setResult(r))
      .catch((err: unknown) => current && setError(errorMessage(err)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [clinik, medplum, filters, text]);

  return { ...(result ? { result } : {}), ...(error ? { error } : {}), loading };
}
