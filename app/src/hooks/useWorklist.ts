/**
 * The reschedule worklist's rows (frontdesk/worklist.ts), loaded on mount and on `reload`; says in a notification
 * how many tasks were closed automatically because their appointments fit their schedules again.
 */
import { notifications } from '@mantine/notifications';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../errors';
import { loadWorklist, type WorklistRow } from '../frontdesk/worklist';

export interface Worklist {
  readonly rows?: readonly WorklistRow[];
  readonly error?: string;
  readonly reload: () => void;
}

export function useWorklist(): Worklist {
  const medplum = useMedplum();
  const [rows, setRows] = useState<WorklistRow[]>();
  const [error, setError] = useState<string>();

  const reload = useCallback(() => {
    loadWorklist(medplum).then(
      ({ rows: loaded, autoClosed }) => {
        setRows(loaded);
        if (autoClosed > 0) {
          notifications.show({
            color: 'teal',
            title: `${autoClosed} task${autoClosed === 1 ? '' : 's'} closed automatically`,
            message: 'Their appointments fit their schedules again.',
          });
        }
      },
      (err: unknown) => setError(errorMessage(err))
    );
  }, [medplum]);
  useEffect(reload, [reload]);

  return { ...(rows ? { rows } : {}), ...(error ? { error } : {}), reload };
}
