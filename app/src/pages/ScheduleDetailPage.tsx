/**
 * Schedule detail: its stable name (actors and specialty), status, the comment as a note, its availability in words,
 * and its calendar. Deactivation and reactivation show their impact first.
 */
import type { JSX, ReactNode } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { readScheduleRules } from '../../../core/availability/index';
import { describeAvailability } from '../../../core/describe';
import { conceptText } from '../../../core/terminology';
import { ScheduleCalendar } from '../calendar/ScheduleCalendar';
import type { Booking } from '../calendar/load';
import { ActivationDialog } from '../components/ActivationDialog';
import { ActorNames } from '../components/ActorNames';
import { PageTitle } from '../components/PageTitle';
import { useScheduleName } from '../hooks/useScheduleName';
import { SlotDialog } from '../components/SlotDialog';
import { formatDateTime, formatRange } from '../format';
import { errorMessage } from '../errors';
import { useClinik } from '../hooks/useClinik';
import { browserZone } from '../schedule-form/model';
import { clinicianWords } from '../schedule-form/validate';

export function ScheduleDetailPage(): JSX.Element {
  const { id = '' } = useParams();
  const location = useLocation();
  const medplum = useMedplum();
  const clinik = useClinik();
  const [schedule, setSchedule] = useState<WithId<Schedule>>();
  const [actors, setActors] = useState<Resource[]>([]);
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState(false);
  const [chosen, setChosen] = useState<{ slot: WithId<Slot>; booking?: Booking }>();
  // A change saved just before opening this page (the form passes its time), or a (de)activation made here.
  const [followSince, setFollowSince] = useState<number | undefined>(
    (location.state as { changedAt?: number } | null)?.changedAt
  );
  const name = useScheduleName(schedule);

  const load = useCallback(() => {
    setError(undefined);
    clinik.schedules
      .get(id)
      .then(async (s) => {
        const read = await Promise.all(s.data.actor.map((a) => medplum.readReference(a).catch(() => undefined)));
        setActors(read.filter((r) => r !== undefined));
        setSchedule(s.data);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [clinik, medplum, id]);
  useEffect(load, [load]);

  const rules = useMemo(() => (schedule ? readScheduleRules(schedule, { actors }) : undefined), [schedule, actors]);
  if (error) {
    return (
      <Stack>
        <PageTitle>Schedule</PageTitle>
        <Alert color="red" title="Could not load the schedule" role="alert">
          {error}
        </Alert>
      </Stack>
    );
  }
  if (!schedule || !rules) {
    return <Loader aria-label="Loading schedule" />;
  }
  const availability = rules.ok ? rules.value.availability : undefined;
  const zone = availability?.timeZone ?? browserZone();
  const inactive = schedule.active === false;
  const horizon = schedule.planningHorizon;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <PageTitle text={name}>{name}</PageTitle>
          <Badge color={inactive ? 'gray.7' : 'teal.9'} size="lg">
            {inactive ? 'Inactive' : 'Active'}
          </Badge>
        </Group>
        <Group gap="xs">
          <Button variant="default" component={Link} to={`/schedules/${schedule.id}/edit`}>
            Edit
          </Button>
          <Button color={inactive ? 'teal.9' : 'red.9'} onClick={() => setDialog(true)}>
            {inactive ? 'Reactivate' : 'Deactivate'}
          </Button>
        </Group>
      </Group>
      {schedule.comment && (
        <Text aria-label="Note">
          <b>Note:</b> {schedule.comment}
        </Text>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label="Actors" value={<ActorNames actors={schedule.actor} />} />
          <Field label="Specialty" value={schedule.specialty?.map(conceptText).join(', ') || '—'} />
          <Field label="Service types" value={schedule.serviceType?.map(conceptText).join(', ') || '—'} />
          <Field label="Service category" value={schedule.serviceCategory?.map(conceptText).join(', ') || '—'} />
          <Field
            label="Planning horizon"
            value={`${horizon?.start ? formatDateTime(horizon.start, zone) : 'open'} → ${
              horizon?.end ? formatDateTime(horizon.end, zone) : 'open'
            }`}
          />
          <Field
            label="Availability"
            value={
              !rules.ok
                ? 'Invalid rules (see below)'
                : availability
                  ? describeAvailability(availability)
                  : 'Manual schedule: slots are made by hand'
            }
          />
        </SimpleGrid>
        {availability?.closed.map((period) => (
          <Text key={period.start} size="sm" mt="xs">
            Closed: {period.description ?? 'Closed'},{' '}
            {formatRange(
              new Date(period.start).toISOString(),
              new Date(period.end).toISOString(),
              availability.timeZone
            )}
          </Text>
        ))}
      </Paper>
      {!rules.ok && (
        <Alert color="red" title="These availability rules are invalid; no slots are generated" role="alert">
          <ul>
            {rules.outcome.issue.map((i, n) => (
              <li key={n}>{clinicianWords(i.details?.text ?? '')}</li>
            ))}
          </ul>
        </Alert>
      )}
      <ScheduleCalendar
        key={schedule.meta?.versionId}
        scheduleId={schedule.id}
        zone={zone}
        closed={availability?.closed ?? []}
        {...(followSince !== undefined ? { followSince } : {})}
        onSlotSelect={(slot, booking) => setChosen(booking ? { slot, booking } : { slot })}
      />
      <SlotDialog
        {...(chosen ? { slot: chosen.slot } : {})}
        {...(chosen?.booking ? { booking: chosen.booking } : {})}
        zone={zone}
        bookable={schedule.active !== false}
        onClose={() => setChosen(undefined)}
        onChanged={() => setFollowSince(Date.now())}
      />
      <ActivationDialog
        opened={dialog}
        schedule={schedule}
        actors={actors}
        onClose={() => setDialog(false)}
        onDone={() => {
          setDialog(false);
          setFollowSince(Date.now());
          load();
        }}
      />
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }): JSX.Element {
  return (
    <div>
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{typeof value === 'string' ? <Text size="sm">{value}</Text> : value}</div>
    </div>
  );
}
