/** The practitioners and locations of the project, as options (read once per mount). */
import { useMedplum } from '@medplum/react';
import type { Resource } from '@medplum/fhirtypes';
import { useEffect, useState } from 'react';
import { uniqueLabels, type ActorOption } from '../actors';

/** `labels` names them (by default uniquely: actors.ts's uniqueLabels); it must be a stable function. */
export function useActorOptions(
  labels: (resources: readonly Resource[]) => ActorOption[] = uniqueLabels
): ActorOption[] {
  const medplum = useMedplum();
  const [options, setOptions] = useState<ActorOption[]>([]);
  useEffect(() => {
    let current = true;
    Promise.all([
      medplum.searchResources('Practitioner', { _count: '1000' }),
      medplum.searchResources('Location', { _count: '1000' }),
    ])
      .then(([p, l]) => current && setOptions(labels([...p, ...l])))
      .catch(() => current && setOptions([]));
    return () => {
      current = false;
    };
  }, [medplum, labels]);
  return options;
}
