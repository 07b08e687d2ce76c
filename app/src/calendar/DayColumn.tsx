/**
 * One day of the calendar grid: hour lines, closed periods as labelled bands, and the day's slots by their time; today
 * highlighted.
 *
 * @example
 * <DayColumn model={day} today="2026-11-24" zone={zone} now={now} scale={scale} bookings={bookings} />
 */
import type { JSX } from 'react';
import { Text } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { formatDate } from '../format';
import type { DayModel } from './grid-model';
import type { Booking } from './load';
import { HOUR_PX, PAD_PX, type GridScale } from './scale';
import { SlotBlock } from './SlotBlock';

export interface DayColumnProps {
  readonly model: DayModel;
  readonly today: string;
  readonly zone: string;
  readonly now: number;
  readonly scale: GridScale;
  readonly bookings: ReadonlyMap<string, Booking>;
  readonly onSlotSelect?: (slot: WithId<Slot>, booking?: Booking) => void;
}

/**
 * A day's name for a heading or a label.
 *
 * @example
 * dayName('2026-11-24'); // 'Tue 24 Nov 2026'
 */
export function dayName(day: string): string {
  return formatDate(`${day}T12:00:00Z`, 'UTC');
}

export function DayColumn({ model, today, zone, now, scale, bookings, onSlotSelect }: DayColumnProps): JSX.Element {
  const { day, slots, closed } = model;
  const { y } = scale;
  return (
    <div
      role="group"
      aria-label={`${dayName(day)}${day === today ? ' (today)' : ''}`}
      style={{
        position: 'relative',
        height: scale.height,
        borderLeft: '1px solid #dee2e6',
        background: day === today ? '#fffbe6' : undefined,
        backgroundImage: `repeating-linear-gradient(to bottom, #dee2e6 0, #dee2e6 1px, transparent 1px, transparent ${HOUR_PX}px)`,
        backgroundPosition: `0 ${PAD_PX}px`,
        backgroundSize: `100% ${scale.height - 2 * PAD_PX + 1}px`,
        backgroundRepeat: 'no-repeat',
      }}
    >
      {closed.map(({ band, at }) => (
        <div
          key={`${band.start}`}
          style={{
            position: 'absolute',
            top: y(at.start),
            height: Math.max(y(at.end) - y(at.start), 24),
            left: 0,
            right: 0,
            background: 'repeating-linear-gradient(45deg, #f1f3f5, #f1f3f5 8px, #e9ecef 8px, #e9ecef 16px)',
            color: '#212529',
            padding: 4,
            fontSize: 12,
            fontWeight: 600,
          }}
        >
          Closed: {band.description ?? 'Closed'}
        </div>
      ))}
      {slots.length === 0 && closed.length === 0 && (
        <Text size="xs" c="dimmed" ta="center" pt="xs">
          No slots
        </Text>
      )}
      {slots.map((placed) => (
        <SlotBlock
          key={placed.slot.id}
          placed={placed}
          held={bookings.get(placed.slot.id)}
          zone={zone}
          now={now}
          scale={scale}
          {...(onSlotSelect ? { onSelect: onSlotSelect } : {})}
        />
      ))}
    </div>
  );
}
