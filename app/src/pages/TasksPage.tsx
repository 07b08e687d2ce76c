/**
 * The reschedule worklist: one row per Task the bots created for a booking that needs a new time, in words (patient,
 * the appointment's time, the schedule, the reason), filtered by schedule and status. "Reschedule" offers the
 * nearest free slots of the same service (the same practitioner first) and moves the appointment in one step; its
 * task closes. Tasks whose appointment is fine again close automatically, with a note. Above them, the waitlist's
 * offers: a freed time held for a waiting patient, to accept (booked) or decline (offered to the next).
 */
import type { JSX } from 'react';
import { Alert, Group, Loader, Select, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { isOpen, WorklistTable } from '../components/WorklistTable';
import { WaitlistTable } from '../components/WaitlistTable';
import { useWaitlist } from '../hooks/useWaitlist';
import { useWorklist } from '../hooks/useWorklist';
import { withParam } from '../url';

const STATUSES = [
  { value: 'open', label: 'To do' },
  { value: 'done', label: 'Done' },
  { value: 'all', label: 'All' },
];

export function TasksPage(): JSX.Element {
  const { rows, error, reload } = useWorklist();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const schedule = params.get('schedule') ?? '';
  const schedules = useMemo(() => {
    const seen = new Map<string, string>();
    rows?.forEach((r) => r.schedule && seen.set(r.schedule.id, r.scheduleName));
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [rows]);
  const shown = (rows ?? []).filter(
    (r) => (status === 'all' || (status === 'open') === isOpen(r)) && (!schedule || r.schedule?.id === schedule)
  );
  const setFilter = (name: string, value: string | null): void => setParams(withParam(params, name, value));
  const waitlist = useWaitlist('active');
  const offers = (waitlist.rows ?? []).filter((r) => r.offer);

  return (
    <Stack>
      <PageTitle>Reschedule worklist</PageTitle>
      {offers.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            Waitlist offers
          </Title>
          <WaitlistTable rows={offers} label="Waitlist offers" offersOnly onChanged={waitlist.reload} />
        </Stack>
      )}
      <Group>
        <Select
          label="Status"
          data={STATUSES}
          value={status}
          onChange={(v) => setFilter('status', v)}
          allowDeselect={false}
        />
        <Select
          label="Schedule"
          clearable
          placeholder="All schedules"
          data={schedules}
          value={schedule || null}
          onChange={(v) => setFilter('schedule', v)}
        />
      </Group>
      {error && (
        <Alert color="red" title="Could not load the worklist" role="alert">
          {error}
        </Alert>
      )}
      {!rows && !error && <Loader aria-label="Loading tasks" />}
      {rows && shown.length === 0 && <Alert color="gray" title="Nothing to reschedule" />}
      {shown.length > 0 && <WorklistTable rows={shown} onMoved={reload} />}
    </Stack>
  );
}
