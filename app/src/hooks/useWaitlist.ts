/**
 * The waitlist's rows in words (frontdesk/waitlist.ts), loaded on mount, on `reload`, and whenever an entry changes
 * elsewhere (the per-minute run makes an offer, another front desk answers one: hooks/useLiveChanges, through a
 * subscription on a Medplum server, by polling the in-page store in local mode).
 */
import { useMedplum } from '@medplum/react';
import { use, useCallback, useEffect, useState } from 'react';
import { WAITLIST_TAG } from '../../../core/waitlist';
import { errorMessage } from '../errors';
import { loadWaitlist, type WaitlistRow } from '../frontdesk/waitlist';
import { BotActivityContext, REMOTE_BOTS } from '../runtime-context';
import { useClinik } from './useClinik';
import { useLiveChanges } from './useLiveChanges';

export interface Waitlist {
  readonly rows?: readonly WaitlistRow[];
  readonly error?: string;
  readonly reload: () => void;
}

const CRITERIA = `ServiceRequest?_tag=${WAITLIST_TAG.system}|${WAITLIST_TAG.code}`;

export function useWaitlist(status: 'active' | 'all' = 'active'): Waitlist {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [rows, setRows] = useState<WaitlistRow[]>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    loadWaitlist(clinik, medplum, status).then(
      (loaded) => {
        setRows(loaded);
        setError(undefined);
      },
      (err: unknown) => setError(errorMessage(err))
    );
  }, [clinik, medplum, status]);
  useEffect(reload, [reload]);
  // The per-minute run makes offers: followed live on a server, polled in local mode.
  useLiveChanges(CRITERIA, reload, { subscribe: use(BotActivityContext) === REMOTE_BOTS });
  return { ...(rows ? { rows } : {}), ...(error ? { error } : {}), reload };
}
