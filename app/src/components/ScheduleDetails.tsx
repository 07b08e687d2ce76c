/**
 * The facts of a schedule that the front desk needs now and then, shown on request under its key facts: actors,
 * codes, booking rules, group size and closed periods, as a compact description list.
 *
 * @example
 * <ScheduleDetails id="details" schedule={schedule} rules={rules} />
 */
import type { JSX, ReactNode } from 'react';
import { Box, SimpleGrid, Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Schedule } from '@medplum/fhirtypes';
import type { ScheduleRules } from '../../../core/availability/index';
import type { Result } from '../../../core/fhir';
import { conceptText } from '../../../core/terminology';
import { capacityOf, describeRules, readBookingRules } from '../../../api/index';
import { formatRange } from '../format';
import { ActorNames } from './ActorNames';

/**
 * One fact of a description list: its term and its description, side by side when `inline`.
 *
 * @example
 * <Fact label="Horizon" value="Thu 3 Dec 2026 → Thu 28 Jan 2027" inline />
 */
export function Fact({ label, value, inline }: { label: string; value: ReactNode; inline?: boolean }): JSX.Element {
  return (
    <Box style={inline ? { display: 'flex', gap: 6, alignItems: 'baseline' } : undefined}>
      <Text component="dt" size="sm" c="dimmed" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Box component="dd" m={0}>
        {typeof value === 'string' ? <Text size="sm">{value}</Text> : value}
      </Box>
    </Box>
  );
}

export interface ScheduleDetailsProps {
  readonly id: string;
  readonly schedule: WithId<Schedule>;
  readonly rules: Result<ScheduleRules>;
}

export function ScheduleDetails({ id, schedule, rules }: ScheduleDetailsProps): JSX.Element {
  const availability = rules.ok ? rules.value.availability : undefined;
  const codes = (list: Schedule['specialty']): string => list?.map(conceptText).join(', ') || '—';
  return (
    <Box id={id} pt="xs" mt={6} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing={6} m={0}>
        <Fact label="Actors" value={<ActorNames actors={schedule.actor} />} />
        <Fact label="Specialty" value={codes(schedule.specialty)} />
        <Fact label="Service types" value={codes(schedule.serviceType)} />
        <Fact label="Service category" value={codes(schedule.serviceCategory)} />
        <Fact label="Booking rules" value={describeRules(readBookingRules(schedule)).join('; ') || 'None'} />
        {capacityOf(schedule) > 1 && <Fact label="Patients per slot" value={`${capacityOf(schedule)} (group)`} />}
      </SimpleGrid>
      {availability?.closed.map((period) => (
        <Text key={period.start} size="sm" mt={6}>
          Closed: {period.description ?? 'Closed'},{' '}
          {formatRange(new Date(period.start).toISOString(), new Date(period.end).toISOString(), availability.timeZone)}
        </Text>
      ))}
    </Box>
  );
}
