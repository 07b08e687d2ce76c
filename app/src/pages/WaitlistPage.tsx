/**
 * The waitlist: add a patient (what they wait for, when, how urgent), see who waits in offer order (most urgent,
 * then longest waiting), and answer the offers the per-minute run made when a matching time became free.
 */
import type { JSX } from 'react';
import { Alert, Loader, Paper, SegmentedControl, Stack, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { WaitlistForm } from '../components/WaitlistForm';
import { WaitlistTable } from '../components/WaitlistTable';
import { useWaitlist } from '../hooks/useWaitlist';
import { withParam } from '../url';

export function WaitlistPage(): JSX.Element {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'all' ? 'all' : 'active';
  const { rows, error, reload } = useWaitlist(status);
  return (
    <Stack>
      <PageTitle>Waitlist</PageTitle>
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Add a patient
        </Title>
        <WaitlistForm onAdded={reload} />
      </Paper>
      <SegmentedControl
        aria-label="Entries"
        data={[
          { value: 'active', label: 'Waiting' },
          { value: 'all', label: 'All' },
        ]}
        value={status}
        onChange={(v) => setParams(withParam(params, 'status', v === 'all' ? 'all' : null))}
        style={{ alignSelf: 'flex-start' }}
      />
      {error && (
        <Alert color="red" title="Could not load the waitlist" role="alert">
          {error}
        </Alert>
      )}
      {!rows && !error && <Loader aria-label="Loading the waitlist" />}
      {rows && rows.length === 0 && <Alert color="gray" title="Nobody is waiting" />}
      {rows && rows.length > 0 && <WaitlistTable rows={rows} label="Waitlist" onChanged={reload} />}
    </Stack>
  );
}
