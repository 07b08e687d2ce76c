/** Practitioners and rooms the app offers as schedule actors, and their display names. */
import type { Reference, Resource } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useState } from 'react';

export interface ActorOption {
  /** `ResourceType/id`. */
  readonly value: string;
  readonly label: string;
}

/** A person's or a place's name: 'Dr. Alice Smith', 'Room 101'; the fallback when it has none. */
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

/** Labels made unique: two actors with one name get their kind appended ('Alex Lee (Location)'). */
export function uniqueLabels(resources: readonly Resource[]): ActorOption[] {
  const options = resources.map((r) => ({
    value: `${r.resourceType}/${r.id}`,
    label: displayName(r, `${r.resourceType}/${r.id}`),
  }));
  const counts = new Map<string, number>();
  options.forEach((o) => counts.set(o.label.toLowerCase(), (counts.get(o.label.toLowerCase()) ?? 0) + 1));
  return options.map((o) =>
    (counts.get(o.label.toLowerCase()) ?? 0) > 1 ? { ...o, label: `${o.label} (${o.value.replace('/', ' ')})` } : o
  );
}

/** The practitioners and locations of the project, as options (read once per mount). */
export function useActorOptions(): ActorOption[] {
  const medplum = useMedplum();
  const [options, setOptions] = useState<ActorOption[]>([]);
  useEffect(() => {
    let current = true;
    Promise.all([
      medplum.searchResources('Practitioner', { _count: '1000' }),
      medplum.searchResources('Location', { _count: '1000' }),
    ])
      .then(([p, l]) => current && setOptions(uniqueLabels([...p, ...l])))
      .catch(() => current && setOptions([]));
    return () => {
      current = false;
    };
  }, [medplum]);
  return options;
}

/** The display names of references (each read once and cached by the client); the reference text until read. */
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
