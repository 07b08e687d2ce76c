/**
 * A time grid: hours down the side, one column per local day (./DayColumn), slots placed by their time (so breaks and
 * gaps show), closed periods as labelled bands, today highlighted. Its rows span the schedule's hours on the shown
 * days, widened for anything outside them (./hours), or the whole day.
 *
 * @example
 * <CalendarGrid days={days} zone={zone} today={today} now={now} slots={slots} bookings={bookings} closed={[]}
 *   windows={availability.windows} label="Slots, week of Mon 23 Nov 2026" />
 */
import type { JSX } from 'react';
import { Box, Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import type { WeeklyWindow } from '../../../core/availability/index';
import { DayColumn, dayName } from './DayColumn';
import { gridModel, type ClosedBand } from './grid-model';
import type { Booking } from './load';
import { gridScale, HOUR_PX, PAD_PX } from './scale';
import { clockTime } from '../format';

export type { ClosedBand } from './grid-model';

export interface CalendarGridProps {
  readonly days: readonly string[];
  readonly zone: string;
  readonly today: string;
  readonly now: number;
  readonly slots: readonly WithId<Slot>[];
  readonly bookings: ReadonlyMap<string, Booking>;
  readonly closed: readonly ClosedBand[];
  /** The schedule's weekly opening hours: the rows span them (and anything outside them). */
  readonly windows?: readonly WeeklyWindow[];
  /** Midnight to midnight instead of the fitted hours. */
  readonly wholeDay?: boolean;
  readonly onSlotSelect?: (slot: WithId<Slot>, booking?: Booking) => void;
  readonly label: string;
}

export function CalendarGrid(props: CalendarGridProps): JSX.Element {
  const { days, zone, today, now, bookings, onSlotSelect, label } = props;
  const model = gridModel({
    days,
    zone,
    slots: props.slots,
    closed: props.closed,
    ...(props.windows ? { windows: props.windows } : {}),
    ...(props.wholeDay ? { wholeDay: true } : {}),
  });
  const scale = gridScale(model.hours);
  const { first, last } = model.hours;
  return (
    <Box
      role="region"
      aria-label={label}
      data-days={days.join(' ')}
      data-first-hour={first}
      data-last-hour={last}
      style={{ overflowX: 'auto' }}
    >
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `56px repeat(${days.length}, minmax(110px, 1fr))`,
          minWidth: days.length > 1 ? days.length * 116 + 56 : 0,
        }}
      >
        <div />
        {days.map((day) => (
          <Text
            key={day}
            component="h3"
            fw={700}
            size="sm"
            ta="center"
            py={4}
            aria-current={day === today ? 'date' : undefined}
            style={day === today ? { background: '#fff3bf', borderRadius: 4 } : undefined}
          >
            {dayName(day)}
            {day === today ? ' · Today' : ''}
          </Text>
        ))}
        <div style={{ position: 'relative', height: scale.height }} aria-hidden="true">
          {Array.from({ length: last - first + 1 }, (_, i) => first + i).map((h) => (
            <Text
              key={h}
              size="xs"
              c="dimmed"
              style={{ position: 'absolute', top: PAD_PX + (h - first) * HOUR_PX - 8, right: 6 }}
            >
              {clockTime(h * 60)}
            </Text>
          ))}
        </div>
        {model.days.map((day) => (
          <DayColumn
            key={day.day}
            model={day}
            today={today}
            zone={zone}
            now={now}
            scale={scale}
            bookings={bookings}
            {...(onSlotSelect ? { onSlotSelect } : {})}
          />
        ))}
      </div>
    </Box>
  );
}
