/**
 * Schedule search: filters in the URL (bookmarkable), paged and sortable results with free/booked counts.
 */
import type { JSX } from 'react';
import {
  Alert,
  Anchor,
  Badge,
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
  Title,
} from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Page, ScheduleSearchInput } from '../../../core/io/clinik';
import { conceptText } from '../../../core/terminology';
import { ActorNames } from '../components/ActorNames';
import { SlotCounts } from '../components/SlotCounts';
import { errorMessage, useClinik } from '../hooks';

const PAGE_SIZE = 20;
/** The free-text filters of the search form, each kept in the URL under its name. */
const TEXT_FILTERS: { name: string; label: string; placeholder?: string; type?: string }[] = [
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
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const [result, setResult] = useState<Page<WithId<Schedule>>>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    const { page: _page, ...criteria } = filters;
    clinik.schedules
      .search(criteria)
      .then((r) => current && setResult(r))
      .catch((err: unknown) => current && setError(errorMessage(err)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [clinik, filters]);

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
        <Title order={2}>Schedules</Title>
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
            />
          ))}
          <ActorFilter value={params.get('actor') ?? null} onChange={(v) => update('actor', v ?? undefined)} />
          <Button type="submit">Search</Button>
        </Group>
      </form>
      <Group justify="space-between">
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
          w={260}
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
      {result && result.data.length > 0 && (
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
              <Table.Tr key={schedule.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/schedules/${schedule.id}`}>
                    {schedule.comment || `Schedule ${schedule.id.slice(0, 8)}`}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ActorNames actors={schedule.actor} />
                </Table.Td>
                <Table.Td>{schedule.specialty?.map(conceptText).join(', ') || '—'}</Table.Td>
                <Table.Td>{schedule.serviceType?.map(conceptText).join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatHorizon(schedule)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={schedule.active === false ? 'gray' : 'teal'}>
                    {schedule.active === false ? 'Inactive' : 'Active'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <SlotCounts scheduleId={schedule.id} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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

function formatHorizon(schedule: Schedule): string {
  const start = schedule.planningHorizon?.start?.slice(0, 10);
  const end = schedule.planningHorizon?.end?.slice(0, 10);
  return start || end ? `${start ?? '…'} → ${end ?? '…'}` : 'Open';
}

/** Actor filter: practitioners and locations, searchable by name. */
function ActorFilter({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }): JSX.Element {
  const medplum = useMedplum();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    Promise.all([
      medplum.searchResources('Practitioner', { _count: '200' }),
      medplum.searchResources('Location', { _count: '200' }),
    ])
      .then(([practitioners, locations]) =>
        setOptions([
          ...practitioners.map((p) => ({
            value: `Practitioner/${p.id}`,
            label:
              [p.name?.[0]?.prefix?.join(' '), p.name?.[0]?.given?.join(' '), p.name?.[0]?.family]
                .filter(Boolean)
                .join(' ') || `Practitioner/${p.id}`,
          })),
          ...locations.map((l) => ({ value: `Location/${l.id}`, label: l.name ?? `Location/${l.id}` })),
        ])
      )
      .catch(() => setOptions([]));
  }, [medplum]);
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
      w={240}
    />
  );
}
