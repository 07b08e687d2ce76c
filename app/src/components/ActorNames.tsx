/** The display names of a Schedule's actors (practitioner, room…), each read once and cached by the client. */
import type { JSX } from 'react';
import { Text } from '@mantine/core';
import type { Reference, Resource } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';

export function displayName(resource: Resource | undefined, fallback: string): string {
  if (!resource) {
    return fallback;
  }
  if ('name' in resource && Array.isArray(resource.name)) {
    const name = resource.name[0] as
      { prefix?: string[]; given?: string[]; family?: string; text?: string } | undefined;
    const text =
      name?.text ?? [name?.prefix?.join(' '), name?.given?.join(' '), name?.family].filter(Boolean).join(' ');
    if (text) {
      return text;
    }
  }
  if ('name' in resource && typeof resource.name === 'string') {
    return resource.name;
  }
  return fallback;
}

export function ActorNames({ actors }: { readonly actors: readonly Reference[] }): JSX.Element {
  const medplum = useMedplum();
  const [names, setNames] = useState<string[]>(() => actors.map((a) => a.display ?? a.reference ?? '?'));
  useEffect(() => {
    let current = true;
    Promise.all(
      actors.map((actor) =>
        medplum
          .readReference(actor)
          .then((r) => displayName(r, actor.reference ?? '?'))
          .catch(() => actor.display ?? actor.reference ?? '?')
      )
    ).then((n) => current && setNames(n));
    return () => {
      current = false;
    };
  }, [medplum, actors]);
  return <Text size="sm">{names.join(' · ')}</Text>;
}
