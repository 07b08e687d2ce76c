/**
 * Schedule detail: everything about the schedule, its availability in words, and a week calendar of its slots.
 */
import type { JSX, ReactNode } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Appointment, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { useMedplum } from '@medplum/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { readScheduleRules } from '../../../core/availability';
import { describeAvailability, describeClosed } from '../../../core/describe';
import { conceptText } from '../../../core/terminology';
import { ActorNames, displayName } from '../components/ActorNames';
import { ActivationDialog } from '../components/ActivationDialog';
import { errorMessage, useClinik } from '../hooks';

const DAY = 86_400_000;
const STATUS_COLOR: Record<Slot['status'], string> = {
  free: 'teal',
  busy: 'blue',
  'busy-tentative': 'cyan',
  'busy-unavailable': 'gray',
  'entered-in-error': 'red',
};

export function ScheduleDetailPage(): JSX.Element {
  const { id = '' } = useParams();
  const medplum = useMedplum();
  const clinik = useClinik();
  const [schedule, setSchedule] = useState<WithId<Schedule>>();
  const [actors, setActors] = useState<Resource[]>([]);
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState(false);

  const load = useCallback(() => {
    setError(undefined);
    clinik.schedules
      .get(id)
      .then(async (s) => {
        setSchedule(s.data);
        setActors(
          await Promise.all(
            s.data.actor.map((a) =>
              medplum.readReference(a).catch(() => ({ resourceType: 'Basic', code: {} }) as Resource)
            )
          )
        );
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [clinik, medplum, id]);
  useEffect(load, [load]);

  const rules = useMemo(() => (schedule ? readScheduleRules(schedule, { actors }) : undefined), [schedule, actors]);
  if (error) {
    return (
      <Alert color="red" title="Could not load the schedule" role="alert">
        {error}
      </Alert>
    );
  }
  if (!schedule || !rules) {
    return <Loader aria-label="Loading schedule" />;
  }
  const availability = rules.ok ? rules.value.availability : undefined;
  const zone = availability?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>{schedule.comment || `Schedule ${schedule.id.slice(0, 8)}`}</Title>
          <Badge color={schedule.active === false ? 'gray' : 'teal'}>
            {schedule.active === false ? 'Inactive' : 'Active'}
          </Badge>
        </Group>
        <Group>
          <Button variant="default" component={Link} to={`/schedules/${schedule.id}/edit`}>
            Edit
          </Button>
          <Button color={schedule.active === false ? 'teal' : 'red'} onClick={() => setDialog(true)}>
            {schedule.active === false ? 'Reactivate' : 'Deactivate'}
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label="Actors" value={<ActorNames actors={schedule.actor} />} />
          <Field label="Specialty" value={schedule.specialty?.map(conceptText).join(', ') || '—'} />
          <Field label="Service types" value={schedule.serviceType?.map(conceptText).join(', ') || '—'} />
          <Field label="Service category" value={schedule.serviceCategory?.map(conceptText).join(', ') || '—'} />
          <Field
            label="Planning horizon"
            value={`${schedule.planningHorizon?.start ?? 'open'} → ${schedule.planningHorizon?.end ?? 'open'}`}
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
          <Text key={period.start} size="sm" c="dimmed">
            {describeClosed(period, availability.timeZone)}
          </Text>
        ))}
      </Paper>
      {!rules.ok && (
        <Alert color="red" title="These availability rules are invalid; no slots are generated" role="alert">
          <ul>
            {rules.outcome.issue.map((i, n) => (
              <li key={n}>
                {i.details?.text}{' '}
                {i.expression?.[0] ? (
                  <Text span c="dimmed" size="xs">
                    ({i.expression[0]})
                  </Text>
                ) : null}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <WeekCalendar scheduleId={schedule.id} zone={zone} version={schedule.meta?.versionId} />
      <ActivationDialog
        opened={dialog}
        schedule={schedule}
        actors={actors}
        onClose={() => setDialog(false)}
        onDone={() => {
          setDialog(false);
          // The schedule bot applies the change to the slots; in local mode wait for it, then reload.
          void settled(medplum).then(load);
        }}
      />
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }): JSX.Element {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{typeof value === 'string' ? <Text size="sm">{value}</Text> : value}</div>
    </div>
  );
}

/** Monday of the week containing `date` (YYYY-MM-DD), as YYYY-MM-DD. */
export function mondayOf(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - weekday * DAY).toISOString().slice(0, 10);
}

/** Resolves when the local runtime's bots have finished (immediately on a Medplum server, where they run there). */
async function settled(medplum: unknown): Promise<void> {
  const idle = (medplum as { idle?: () => Promise<void> }).idle;
  if (typeof idle === 'function') {
    await idle.call(medplum);
  }
}

function WeekCalendar({
  scheduleId,
  zone,
  version,
}: {
  scheduleId: string;
  zone: string;
  version?: string;
}): JSX.Element {
  const medplum = useMedplum();
  const clinik = useClinik();
  const [params, setParams] = useSearchParams();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const week = mondayOf(params.get('week') ?? today);
  const [slots, setSlots] = useState<WithId<Slot>[]>();
  const [bookings, setBookings] = useState<Map<string, { appointment: Appointment; patient: string }>>(new Map());
  const [error, setError] = useState<string>();
  const [refreshed, setRefreshed] = useState(0);
  const days = Array.from({ length: 7 }, (_, i) =>
    new Date(Date.parse(`${week}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10)
  );
  const dayOf = useMemo(() => new Intl.DateTimeFormat('en-CA', { timeZone: zone }), [zone]);
  const timeOf = useMemo(
    () => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }),
    [zone]
  );

  useEffect(() => {
    let current = true;
    setSlots(undefined);
    setError(undefined);
    // A day either side covers any zone's offset; slots are then placed by their local day.
    const from = new Date(Date.parse(`${week}T00:00:00Z`) - DAY).toISOString();
    const to = new Date(Date.parse(`${week}T00:00:00Z`) + 8 * DAY).toISOString();
    clinik.slots
      .search({ scheduleId, from, to, count: 1000 })
      .then(async ({ data }) => {
        const booked = data.filter((s) => s.status === 'busy' || s.status === 'busy-tentative');
        // The schedule's appointments in the week (one chained search, not a list of slot ids), cancelled ones left out.
        const found = booked.length
          ? await medplum.searchResources(
              'Appointment',
              new URLSearchParams([
                ['slot.schedule', `Schedule/${scheduleId}`],
                ['date', `ge${from}`],
                ['date', `lt${to}`],
                ['status:not', 'cancelled'],
                ['status:not', 'entered-in-error'],
                ['status:not', 'noshow'],
                ['_count', '1000'],
              ])
            )
          : [];
        const map = new Map<string, { appointment: Appointment; patient: string }>();
        for (const appointment of found) {
          const patientRef = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;
          const patient = patientRef
            ? displayName(await medplum.readReference(patientRef).catch(() => undefined), patientRef.reference ?? '')
            : '';
          for (const ref of appointment.slot ?? []) {
            map.set(ref.reference?.replace('Slot/', '') ?? '', { appointment, patient });
          }
        }
        if (current) {
          setSlots(data);
          setBookings(map);
        }
      })
      .catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [clinik, medplum, scheduleId, week, version, refreshed]);

  const go = (delta: number): void => {
    const next = new URLSearchParams(params);
    next.set('week', new Date(Date.parse(`${week}T00:00:00Z`) + delta * 7 * DAY).toISOString().slice(0, 10));
    setParams(next);
  };
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3}>Week of {week}</Title>
        <Group>
          <Button variant="default" onClick={() => go(-1)}>
            Previous week
          </Button>
          <Button variant="default" onClick={() => setParams(new URLSearchParams())}>
            This week
          </Button>
          <Button variant="default" onClick={() => go(1)}>
            Next week
          </Button>
          <Button
            variant="subtle"
            onClick={() => setRefreshed((n) => n + 1)}
            title="The schedule bot updates slots within seconds of a change"
          >
            Refresh
          </Button>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Times in {zone}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!slots && !error && <Loader aria-label="Loading slots" />}
      {slots && (
        <SimpleGrid cols={7} spacing="xs" role="region" aria-label={`Slots, week of ${week}`}>
          {days.map((day) => {
            const ofDay = slots.filter((s) => dayOf.format(new Date(s.start)) === day);
            return (
              <Stack key={day} gap={4} role="group" aria-label={day}>
                <Text fw={600} size="sm">
                  {new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' })}{' '}
                  {day.slice(5)}
                </Text>
                {ofDay.length === 0 && (
                  <Text size="xs" c="dimmed">
                    No slots
                  </Text>
                )}
                {ofDay.map((slot) => {
                  const booking = bookings.get(slot.id);
                  return (
                    <Badge
                      key={slot.id}
                      color={STATUS_COLOR[slot.status]}
                      variant={slot.status === 'free' ? 'light' : 'filled'}
                      fullWidth
                      title={`${slot.status}${booking ? ` — ${booking.patient}` : ''}`}
                      styles={{ label: { textTransform: 'none' } }}
                    >
                      {timeOf.format(new Date(slot.start))}–{timeOf.format(new Date(slot.end))}{' '}
                      {slot.status === 'free' ? '' : slot.status}
                      {booking ? ` · ${booking.patient}` : ''}
                    </Badge>
                  );
                })}
              </Stack>
            );
          })}
        </SimpleGrid>
      )}
    </Paper>
  );
}
