/**
 * The front desk's slot search: the criteria (visit type, service type or specialty, practitioner or location, a date range) kept
 * in the URL with how it last ran (`run=range` or `run=first` for "first available"), and the free slots found, a
 * page at a time. A URL with `run` searches on opening.
 */
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { FindPage, SlotFindInput } from '../../../api/index';
import { errorMessage } from '../errors';
import { useClinik } from './useClinik';

const DAY = 86_400_000;
const PAGE = 20;

export interface SlotCriteria {
  /** A visit type: the HealthcareService's id (its slots only, each as long as that visit). */
  readonly visitType: string;
  readonly specialty: string;
  readonly serviceType: string;
  /** `Practitioner/id` or `Location/id`. */
  readonly actorId: string;
  /** Days, `YYYY-MM-DD`, both included. */
  readonly from: string;
  readonly to: string;
}

export interface FindSlots {
  readonly criteria: SlotCriteria;
  readonly change: (changes: Partial<SlotCriteria>) => void;
  readonly result?: FindPage;
  readonly loading: boolean;
  readonly error?: string;
  /** Searches from the first page, over the date range or (`firstAvailable`) the next 180 days. */
  readonly submit: (firstAvailable: boolean) => void;
  /** The next page of the last search. */
  readonly later: () => void;
  /** The last search again, from its first page (after a booking or a change). */
  readonly again: () => void;
}

function today(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

function criteriaFrom(params: URLSearchParams): SlotCriteria {
  return {
    visitType: params.get('visitType') ?? '',
    specialty: params.get('specialty') ?? '',
    serviceType: params.get('serviceType') ?? '',
    actorId: params.get('actorId') ?? '',
    from: params.get('from') ?? today(),
    to: params.get('to') ?? today(30),
  };
}

/** The API's input for the criteria, from `offset`. */
export function findInput(criteria: SlotCriteria, offset: number, firstAvailable: boolean): SlotFindInput {
  const from = new Date(`${criteria.from}T00:00:00`).toISOString();
  const to = new Date(new Date(`${criteria.to}T00:00:00`).getTime() + DAY).toISOString();
  return {
    ...(criteria.visitType ? { healthcareServiceId: criteria.visitType } : {}),
    ...(criteria.specialty.trim() ? { specialty: criteria.specialty.trim() } : {}),
    ...(criteria.serviceType.trim() ? { serviceType: criteria.serviceType.trim() } : {}),
    ...(criteria.actorId ? { actorId: criteria.actorId } : {}),
    from: firstAvailable ? new Date().toISOString() : from,
    to: firstAvailable ? new Date(Date.now() + 180 * DAY).toISOString() : to,
    count: PAGE,
    offset,
  };
}

export function useFindSlots(): FindSlots {
  const clinik = useClinik();
  const [params, setParams] = useSearchParams();
  const [criteria, setCriteria] = useState(() => criteriaFrom(params));
  const [result, setResult] = useState<FindPage>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const first = params.get('run') === 'first';

  const search = useCallback(
    async (wanted: SlotCriteria, offset: number, firstAvailable: boolean): Promise<void> => {
      setLoading(true);
      setError(undefined);
      try {
        setResult(await clinik.slots.find(findInput(wanted, offset, firstAvailable)));
      } catch (err) {
        setResult(undefined);
        setError(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [clinik]
  );

  useEffect(() => {
    if (params.get('run')) {
      void search(criteria, 0, first);
    }
  }, []);

  const submit = (firstAvailable: boolean): void => {
    const entries = Object.entries(criteria).filter(([, v]) => v);
    setParams(new URLSearchParams([...entries, ['run', firstAvailable ? 'first' : 'range']]));
    void search(criteria, 0, firstAvailable);
  };
  return {
    criteria,
    change: (changes) => setCriteria({ ...criteria, ...changes }),
    ...(result ? { result } : {}),
    loading,
    ...(error ? { error } : {}),
    submit,
    later: () => void search(criteria, result?.nextOffset ?? 0, first),
    again: () => void search(criteria, 0, first),
  };
}
