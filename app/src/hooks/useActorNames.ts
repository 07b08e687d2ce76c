/** The display names of references (each read once and cached by the client); the reference text until read. */
import type { Reference } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';
import { displayName } from '../actors';

export function useActorNames(actors: readonly Reference[]): string[] {
  const medplum = useMedplum();
  const key = actors.map((a) => a.reference ?? '').join(',');
  const [names, setNames] = useState<string[]>(() => actors.map((a) => a.display ?? ''));
  useEffect(() => {
    let current = true;
    const refs = key ? key.split(',') : [];
    Promise.all(
      refs.map((reference) =>
        medplum
          .readReference({ reference })
          .then((r) => displayName(r, reference))
          .catch(() => reference)
      )
    ).then((n) => current && setNames(n));
    return () => {
      current = false;
    };
  }, [medplum, key]);
  return names;
}
