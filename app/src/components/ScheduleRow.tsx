/** One schedule in the search results: its stable name (and its comment as a note), actors, codes, horizon, counts. */
import type { JSX } from 'react';
import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import { Link } from 'react-router';
import { readScheduleRules } from '../../../core/availability/index';
import { conceptText } from '../../../core/terminology';
import { formatHorizon as formatHorizonWords } from '../format';
import { browserZone } from '../schedule-form/model';
import { ActorNames } from './ActorNames';
import { useScheduleName } from '../hooks/useScheduleName';
import { SlotCounts } from './SlotCounts';
import type { SlotCount } from '../hooks/useSlotCounts';

export interface ScheduleRowProps {
  readonly schedule: WithId<Schedule>;
  /** Its free / booked counts: `undefined` while loading, `null` when they could not be read. */
  readonly counts: SlotCount | null | undefined;
}

export function ScheduleRow({ schedule, counts }: ScheduleRowProps): JSX.Element {
  const name = useScheduleName(schedule);
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/schedules/${schedule.id}`}>
          {name}
        </Anchor>
        {schedule.comment && (
          <Text size="sm" c="dimmed">
            {schedule.comment}
          </Text>
        )}
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
        <Badge color={schedule.active === false ? 'gray.7' : 'teal.9'}>
          {schedule.active === false ? 'Inactive' : 'Active'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <SlotCounts counts={counts} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The horizon as days in the schedule's zone (the zone its rules use; else this browser's). */
function formatHorizon(schedule: Schedule): string {
  const rules = readScheduleRules(schedule);
  const zone = rules.ok ? (rules.value.availability?.timeZone ?? browserZone()) : browserZone();
  return formatHorizonWords(schedule.planningHorizon?.start, schedule.planningHorizon?.end, zone);
}
