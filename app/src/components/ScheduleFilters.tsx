/**
 * The schedule list's filters, kept in the URL: one search box (practitioner, room or specialty), the other text
 * filters and the actor (on a phone behind "More filters" unless one is in use), then status and sort.
 */
import type { JSX } from 'react';
import { Button, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useActorOptions } from '../hooks/useActorOptions';
import { withParam } from '../url';
import { usePhone } from '../hooks/usePhone';

/** The free-text filters of the search form, each kept in the URL under its name. */
const TEXT_FILTERS: { name: string; label: string; placeholder?: string; type?: string }[] = [
  { name: 'q', label: 'Search', placeholder: 'Practitioner, room or specialty, e.g. cardio' },
  { name: 'specialty', label: 'Specialty', placeholder: 'e.g. Cardiology' },
  { name: 'serviceType', label: 'Service type', placeholder: 'e.g. Consultation' },
  { name: 'serviceCategory', label: 'Service category', placeholder: 'e.g. General Practice' },
  { name: 'date', label: 'Horizon covers', type: 'date' },
];

const STATUSES = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'all', label: 'All' },
];

const SORTS = [
  { value: '-_lastUpdated', label: 'Recently updated' },
  { value: 'date', label: 'Horizon start (earliest first)' },
  { value: '-date', label: 'Horizon start (latest first)' },
];

export interface ScheduleFiltersProps {
  readonly params: URLSearchParams;
  /** Sets one filter (and goes back to the first page unless it is the page). */
  readonly update: (name: string, value: string | undefined) => void;
  readonly setParams: (next: URLSearchParams) => void;
}

/** The search form: the text filters are read from the form on submit. */
export function ScheduleFilters({ params, update, setParams }: ScheduleFiltersProps): JSX.Element {
  // On a phone only the search box shows until "More filters" is opened (or a filter is in use).
  const phone = usePhone();
  const [moreFilters, setMoreFilters] = useState(false);
  const advancedInUse = TEXT_FILTERS.some((f) => f.name !== 'q' && params.get(f.name)) || params.has('actor');
  const showAdvanced = !phone || moreFilters || advancedInUse;
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = TEXT_FILTERS.reduce(
      (query, { name }) => withParam(query, name, String(data.get(name) ?? '').trim()),
      params
    );
    next.delete('page');
    setParams(next);
  };
  return (
    <form role="search" aria-label="Filter schedules" onSubmit={submit}>
      <Group align="end" wrap="wrap">
        {TEXT_FILTERS.map((filter) => (
          <TextInput
            key={`${filter.name}:${params.get(filter.name) ?? ''}`}
            name={filter.name}
            label={filter.label}
            placeholder={filter.placeholder}
            type={filter.type ?? 'text'}
            defaultValue={params.get(filter.name) ?? ''}
            w={{ base: '100%', xs: filter.name === 'q' ? 320 : 200 }}
            style={filter.name === 'q' || showAdvanced ? undefined : { display: 'none' }}
          />
        ))}
        {showAdvanced && (
          <ActorFilter value={params.get('actor') ?? null} onChange={(v) => update('actor', v ?? undefined)} />
        )}
        <Button type="submit">Search</Button>
        {phone && !advancedInUse && (
          <Button variant="subtle" aria-expanded={moreFilters} onClick={() => setMoreFilters((m) => !m)}>
            {moreFilters ? 'Fewer filters' : 'More filters'}
          </Button>
        )}
      </Group>
    </form>
  );
}

/** Status (active, inactive, all) and sort order. */
export function StatusAndSort({ params, update }: Omit<ScheduleFiltersProps, 'setParams'>): JSX.Element {
  return (
    <Group justify="space-between" wrap="wrap">
      <SegmentedControl
        aria-label="Status"
        value={params.get('status') ?? 'active'}
        onChange={(v) => update('status', v)}
        data={STATUSES}
      />
      <Select
        aria-label="Sort"
        data={SORTS}
        value={params.get('sort') ?? '-_lastUpdated'}
        onChange={(v) => update('sort', v ?? undefined)}
        allowDeselect={false}
        w={{ base: '100%', xs: 260 }}
      />
    </Group>
  );
}

/** Actor filter: practitioners and locations, searchable by name. */
function ActorFilter({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }): JSX.Element {
  const options = useActorOptions();
  const data = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <Select
      label="Actor"
      placeholder="Practitioner or location"
      searchable
      clearable
      data={data}
      value={value}
      onChange={onChange}
      w={{ base: '100%', xs: 240 }}
    />
  );
}
