/**
 * Schedule search: one box for practitioner, location or specialty names (partial, any case), filters in the URL
 * (bookmarkable), paged and sortable results with free/booked counts. On a phone the table scrolls inside its box.
 */
import type { JSX } from 'react';
import {
  Alert,
  Button,
  Group,
  Loader,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import { useMediaQuery } from '@mantine/hooks';
import { useMedplum } from '@medplum/react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Page, ScheduleSearchInput } from '../../../api/index';
import { useActorOptions } from '../hooks/useActorOptions';
import { PageTitle } from '../components/PageTitle';
import { ScheduleRow } from '../components/ScheduleRow';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';
import { searchSchedules } from '../schedule-search';

const PAGE_SIZE = 20;
/** The free-text filters of the search form, each kept in the URL under its name. */
const TEXT_FILTERS: { name: string; label: string; placeholder?: string; type?: string }[] = [
  { name: 'q', label: 'Search', placeholder: 'Practitioner, room or specialty, e.g. cardio' },
  { name: 'specialty', label: 'Specialty', placeholder: 'e.g. Cardiology' },
  { name: 'serviceType', label: 'Service type', placeholder: 'e.g. Consultation' },
  { name: 'serviceCategory', label: 'Service category', placeholder: 'e.g. General Practice' },
  { name: 'date', label: 'Horizon covers', type: 'date' },
];

const SORTS = [
  { value: '-_lastUpdated', label: 'Recently updated' },
  { value: 'date', label: 'Horizon start (earliest first)' },
  { value: '-date', label: 'Horizon start (latest first)' },
];

/** Reads the filters from the URL. */
export function filtersFrom(params: URLSearchParams): ScheduleSearchInput & { page: number } {
  const text = (name: string): string | undefined => params.get(name)?.trim() || undefined;
  const status = params.get('status') ?? 'active';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  return {
    ...(text('specialty') ? { specialty: text('specialty') } : {}),
    ...(text('serviceType') ? { serviceType: text('serviceType') } : {}),
    ...(text('serviceCategory') ? { serviceCategory: text('serviceCategory') } : {}),
    ...(text('actor') ? { actorId: text('actor') } : {}),
    ...(text('date') ? { date: text('date') } : {}),
    ...(status === 'all' ? {} : { active: status === 'active' }),
    sort: params.get('sort') ?? '-_lastUpdated',
    count: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    page,
  };
}

export function SchedulesPage(): JSX.Element {
  const clinik = useClinik();
  const medplum = useMedplum();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const text = params.get('q')?.trim() ?? '';
  const [result, setResult] = useState<Page<WithId<Schedule>> & { truncated?: boolean }>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  // On a phone only the search box shows until "More filters" is opened (or a filter is in use).
  const phone = useMediaQuery('(max-width: 48em)') === true;
  const [moreFilters, setMoreFilters] = useState(false);
  const advancedInUse = TEXT_FILTERS.some((f) => f.name !== 'q' && params.get(f.name)) || params.has('actor');
  const showAdvanced = !phone || moreFilters || advancedInUse;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    const { page: _page, ...criteria } = filters;
    searchSchedules(clinik, medplum, criteria, text)
      .then((r) => current && setResult(r))
      .catch((err: unknown) => current && setError(errorMessage(err)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [clinik, medplum, filters, text]);

  const update = (name: string, value: string | undefined): void => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(name, value);
    } else {
      next.delete(name);
    }
    if (name !== 'page') {
      next.delete('page');
    }
    setParams(next);
  };

  const pages =
    result?.total !== undefined
      ? Math.max(1, Math.ceil(result.total / PAGE_SIZE))
      : filters.page + (result?.nextOffset ? 1 : 0);

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Schedules</PageTitle>
        <Button component={Link} to="/schedules/new">
          New schedule
        </Button>
      </Group>
      <form
        role="search"
        aria-label="Filter schedules"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const next = new URLSearchParams(params);
          for (const { name } of TEXT_FILTERS) {
            const value = String(data.get(name) ?? '').trim();
            if (value) {
              next.set(name, value);
            } else {
              next.delete(name);
            }
          }
          next.delete('page');
          setParams(next);
        }}
      >
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
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label="Status"
          value={params.get('status') ?? 'active'}
          onChange={(v) => update('status', v)}
          data={[
            { value: 'active', label: 'Active' },
            { value: 'inactive', label: 'Inactive' },
            { value: 'all', label: 'All' },
          ]}
        />
        <Select
          aria-label="Sort"
          data={SORTS}
          value={filters.sort ?? '-_lastUpdated'}
          onChange={(v) => update('sort', v ?? undefined)}
          allowDeselect={false}
          w={{ base: '100%', xs: 260 }}
        />
      </Group>
      {error && (
        <Alert color="red" title="Search failed" role="alert">
          {error}
        </Alert>
      )}
      {loading && !result && <Loader aria-label="Loading schedules" />}
      {result && result.data.length === 0 && !error && (
        <Alert color="gray" title="No schedules match">
          Change the filters, or create a new schedule.
        </Alert>
      )}
      {result?.truncated && (
        <Alert color="yellow" title="Only the first 1,000 schedules were searched">
          Narrow the other filters (status, specialty, date) to search the rest.
        </Alert>
      )}
      {result && result.data.length > 0 && (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table striped highlightOnHover aria-label="Schedules" aria-busy={loading}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>Actors</Table.Th>
                <Table.Th>Specialty</Table.Th>
                <Table.Th>Service types</Table.Th>
                <Table.Th>Planning horizon</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Free / booked</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.data.map((schedule) => (
                <ScheduleRow key={schedule.id} schedule={schedule} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {result && pages > 1 && (
        <Pagination total={pages} value={filters.page} onChange={(p) => update('page', String(p))} aria-label="Pages" />
      )}
      {result?.total !== undefined && (
        <Text size="sm" c="dimmed">
          {result.total} schedule{result.total === 1 ? '' : 's'}
        </Text>
      )}
    </Stack>
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
