/**
 * Why the bots refused to make a schedule's slots, if they did (its slot-sync Task is `failed`); read again whenever
 * the schedule's version changes.
 */
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { scheduleSyncStatus } from '../../../api';

export function useSyncRefusal(scheduleId: string, version: string | undefined): string | undefined {
  const medplum = useMedplum();
  const [refusal, setRefusal] = useState<string>();
  useEffect(() => {
    let current = true;
    scheduleSyncStatus(medplum, scheduleId)
      .then((status) => {
        if (current) {
          setRefusal(
            status?.state === 'refused' ? (status.note ?? 'The rules could not be turned into slots.') : undefined
          );
        }
      })
      .catch(() => current && setRefusal(undefined));
    return () => {
      current = false;
    };
  }, [medplum, scheduleId, version]);
  return refusal;
}
