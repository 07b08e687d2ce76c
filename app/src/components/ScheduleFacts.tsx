/**
 * A schedule in words, for its detail page: the heading (stable name, status, Edit and (De)activate), the comment as
 * a note, actors, codes, planning horizon, availability and closed periods, visit types, booking rules and group size,
 * and why its rules are invalid if they are.
 */
import type { JSX, ReactNode } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import { Link } from 'react-router';
import type { ScheduleRules } from '../../../core/availability/index';
import { describeAvailability } from '../../../core/describe';
import type { Result } from '../../../core/fhir';
import { conceptText } from '../../../core/terminology';
import { capacityOf, describeRules, readBookingRules } from '../../../api/index';
import { formatHorizon, formatRange } from '../format';
import { describeVisitTypes } from '../rules/visit-types';
import { clinicianWords } from '../schedule-form/validate';
import { ActorNames } from './ActorNames';
import { PageTitle } from './PageTitle';

export interface ScheduleHeaderProps {
  readonly schedule: WithId<Schedule>;
  readonly name: string;
  readonly onActivation: () => void;
}

export function ScheduleHeader({ schedule, name, onActivation }: ScheduleHeaderProps): JSX.Element {
  const inactive = schedule.active === false;
  return (
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
        <Button color={inactive ? 'teal.9' : 'red.9'} onClick={onActivation}>
          {inactive ? 'Reactivate' : 'Deactivate'}
        </Button>
      </Group>
    </Group>
  );
}

export interface ScheduleFactsProps {
  readonly schedule: WithId<Schedule>;
  readonly rules: Result<ScheduleRules>;
  /** The zone its times are shown in. */
  readonly zone: string;
}

export function ScheduleFacts({ schedule, rules, zone }: ScheduleFactsProps): JSX.Element {
  const availability = rules.ok ? rules.value.availability : undefined;
  const horizon = schedule.planningHorizon;
  const codes = (list: Schedule['specialty']): string => list?.map(conceptText).join(', ') || '—';
  return (
    <>
      {schedule.comment && (
        <Text aria-label="Note">
          <b>Note:</b> {schedule.comment}
        </Text>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label="Actors" value={<ActorNames actors={schedule.actor} />} />
          <Field label="Specialty" value={codes(schedule.specialty)} />
          <Field label="Service types" value={codes(schedule.serviceType)} />
          <Field label="Service category" value={codes(schedule.serviceCategory)} />
          <Field label="Planning horizon" value={formatHorizon(horizon?.start, horizon?.end, zone)} />
          <Field
            label="Availability"
            value={
              !rules.ok
                ? 'Invalid rules (see below)'
                : availability
                  ? describeAvailability(availability)
                  : describeVisitTypes(schedule).length > 0
                    ? 'Set by visit type (below)'
                    : 'Manual schedule: slots are made by hand'
            }
          />
          {describeVisitTypes(schedule).length > 0 && (
            <Field label="Visit types" value={describeVisitTypes(schedule).join('; ')} />
          )}
          <Field label="Booking rules" value={describeRules(readBookingRules(schedule)).join('; ') || 'None'} />
          {capacityOf(schedule) > 1 && <Field label="Patients per slot" value={`${capacityOf(schedule)} (group)`} />}
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
    </>
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
