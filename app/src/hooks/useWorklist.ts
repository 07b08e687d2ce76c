/**
 * The reschedule worklist's rows (frontdesk/worklist.ts), loaded on mount, on `reload`, and in Medplum mode whenever
 * a reschedule Task changes elsewhere (the bots raise one, another front desk closes one: hooks/useLiveChanges);
 * says in a notification how many tasks were closed automatically because their appointments fit their schedules
 * again.
 */
import { notifications } from '@mantine/notifications';
import { useMedplum } from '@medplum/react';
import { use, useCallback, useEffect, useState } from 'react';
import { TASK_TYPE_SYSTEM } from '../../../core/tasks';
import { errorMessage } from '../errors';
import { loadWorklist, type WorklistRow } from '../frontdesk/worklist';
import { BotActivityContext, REMOTE_BOTS } from '../runtime-context';
import { useLiveChanges } from './useLiveChanges';

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
  const remote = use(BotActivityContext) === REMOTE_BOTS;
  useLiveChanges(remote ? `Task?code=${TASK_TYPE_SYSTEM}|reschedule-appointment` : undefined, reload);

  return { ...(rows ? { rows } : {}), ...(error ? { error } : {}), reload };
}
