/**
 * Schedule search: one box for practitioner, location or specialty names (partial, any case), filters in the URL
 * (bookmarkable), paged and sortable results with free/booked counts. On a phone the table scrolls inside its box.
 */
import type { JSX } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { ScheduleFilters, StatusAndSort } from '../components/ScheduleFilters';
import { ScheduleResults } from '../components/ScheduleResults';
import { useSchedulesSearch } from '../hooks/useSchedulesSearch';
import { filtersFrom } from '../schedule-search';
import { withParam } from '../url';

export function SchedulesPage(): JSX.Element {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const search = useSchedulesSearch(filters, params.get('q')?.trim() ?? '');

  const update = (name: string, value: string | undefined): void => {
    const next = withParam(params, name, value);
    if (name !== 'page') {
      next.delete('page');
    }
    setParams(next);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Schedules</PageTitle>
        <Button component={Link} to="/schedules/new">
          New schedule
        </Button>
      </Group>
      <ScheduleFilters params={params} update={update} setParams={setParams} />
      <StatusAndSort params={params} update={update} />
      <ScheduleResults search={search} page={filters.page} onPage={(p) => update('page', String(p))} />
    </Stack>
  );
}
