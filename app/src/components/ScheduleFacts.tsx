/**
 * A schedule in words, for its detail page, kept short so that the calendar starts high on the page: the heading
 * (stable name, status, Edit and (De)activate), the comment as a note, one line of key facts (hours with their zone,
 * planning horizon, visit types, booking rules) and the rest behind "Details" (./ScheduleDetails), and why its rules are invalid
 * if they are.
 *
 * @example
 * <ScheduleHeader schedule={schedule} name={name} onActivation={open} />
 * <ScheduleFacts schedule={schedule} rules={readScheduleRules(schedule)} zone="America/New_York" />
 */
import type { JSX } from 'react';
import { Alert, Badge, Button, Group, Paper, Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { ScheduleRules } from '../../../core/availability/index';
import { describeAvailability } from '../../../core/describe';
import type { Result } from '../../../core/fhir';
import { describeRules, readBookingRules } from '../../../api/index';
import { clockTime, formatHorizon } from '../format';
import { describeVisitTypes } from '../rules/visit-types';
import { clinicianWords } from '../schedule-form/validate';
import { PageTitle } from './PageTitle';
import { Fact, ScheduleDetails } from './ScheduleDetails';

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

/**
 * The schedule's hours in words, or why there are none.
 *
 * @example
 * hoursInWords(schedule, rules); // 'Mon–Fri 09:00–12:00 America/New_York, 30-min slots'
 */
export function hoursInWords(schedule: Schedule, rules: Result<ScheduleRules>): string {
  if (!rules.ok) return 'Invalid rules (see below)';
  const availability = rules.value.availability;
  if (availability) return describeAvailability(availability, clockTime);
  return describeVisitTypes(schedule).length > 0 ? 'Set by visit type' : 'Manual schedule: slots are made by hand';
}

export function ScheduleFacts({ schedule, rules, zone }: ScheduleFactsProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const horizon = schedule.planningHorizon;
  const booking = describeRules(readBookingRules(schedule)).join('; ');
  const visitTypes = describeVisitTypes(schedule).join('; ');
  return (
    <>
      {schedule.comment && (
        <Text aria-label="Note" size="sm">
          <b>Note:</b> {schedule.comment}
        </Text>
      )}
      <Paper withBorder px="sm" py={6}>
        <Group justify="space-between" align="center" wrap="nowrap" gap="xs">
          <Group
            component="dl"
            aria-label="Key facts"
            gap="lg"
            wrap="wrap"
            m={0}
            style={{ rowGap: 2, flex: '1 1 auto', minWidth: 0 }}
          >
            <Fact label="Hours" value={hoursInWords(schedule, rules)} inline />
            <Fact label="Horizon" value={formatHorizon(horizon?.start, horizon?.end, zone)} inline />
            {visitTypes && <Fact label="Visit types" value={visitTypes} inline />}
            {booking && <Fact label="Booking rules" value={booking} inline />}
          </Group>
          <Button
            variant="subtle"
            size="compact-sm"
            style={{ flexShrink: 0 }}
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide details' : 'Details'}
          </Button>
        </Group>
        {open && <ScheduleDetails id={detailsId} schedule={schedule} rules={rules} />}
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
