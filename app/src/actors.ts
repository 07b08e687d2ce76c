/** Practitioners and rooms the app offers as schedule actors, and their display names (read by hooks/useActorOptions). */
import type { Resource } from '@medplum/fhirtypes';

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

/** Labels with the kind appended, as the slot search offers them: 'Alice Smith (practitioner)', 'Room 101 (location)'. */
export function kindLabels(resources: readonly Resource[]): ActorOption[] {
  return resources.map((r) => ({
    value: `${r.resourceType}/${r.id}`,
    label: `${displayName(r, `${r.resourceType}/${r.id}`)} (${r.resourceType === 'Location' ? 'location' : 'practitioner'})`,
  }));
}
