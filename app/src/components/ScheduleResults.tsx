/** The schedule list's results: what went wrong or matched nothing, the table of schedules, the pages and the total. */
import type { JSX } from 'react';
import { Alert, Loader, Pagination, Table, Text } from '@mantine/core';
import type { SchedulesSearch } from '../hooks/useSchedulesSearch';
import { PAGE_SIZE, type SchedulePage } from '../schedule-search';
import { useSlotCounts } from '../hooks/useSlotCounts';
import { ScheduleRow } from './ScheduleRow';

export interface ScheduleResultsProps {
  readonly search: SchedulesSearch;
  /** The page shown, from 1. */
  readonly page: number;
  readonly onPage: (page: number) => void;
}

export function ScheduleResults({
  search: { result, error, loading },
  page,
  onPage,
}: ScheduleResultsProps): JSX.Element {
  const pages =
    result?.total !== undefined
      ? Math.max(1, Math.ceil(result.total / PAGE_SIZE))
      : page + (result?.nextOffset ? 1 : 0);
  return (
    <>
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
      {result && result.data.length > 0 && <ScheduleTable result={result} loading={loading} />}
      {result && pages > 1 && <Pagination total={pages} value={page} onChange={onPage} aria-label="Pages" />}
      {result?.total !== undefined && (
        <Text size="sm" c="dimmed">
          {result.total} schedule{result.total === 1 ? '' : 's'}
        </Text>
      )}
    </>
  );
}

function ScheduleTable({ result, loading }: { readonly result: SchedulePage; readonly loading: boolean }): JSX.Element {
  const counts = useSlotCounts(result.data.map((s) => s.id));
  return (
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
            <ScheduleRow key={schedule.id} schedule={schedule} counts={counts && (counts.get(schedule.id) ?? null)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
