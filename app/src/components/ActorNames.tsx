/** The display names of a Schedule's actors (practitioner, room…), each read once and cached by the client. */
import type { JSX } from 'react';
import { Text } from '@mantine/core';
import type { Reference } from '@medplum/fhirtypes';
import { useActorNames } from '../hooks/useActorNames';

export function ActorNames({ actors }: { readonly actors: readonly Reference[] }): JSX.Element {
  const names = useActorNames(actors);
  return <Text size="sm">{names.map((n, i) => n || actors[i]?.reference || '?').join(' · ')}</Text>;
}
