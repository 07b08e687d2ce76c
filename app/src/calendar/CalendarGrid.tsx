/**
 * A time grid: hours down the side, one column per local day, slots placed by their time (so breaks and gaps show),
 * closed periods as labelled bands, today highlighted. Free slots are buttons; booked ones show the patient's full
 * name and are buttons too; slots of today that have ended stay visible, greyed out.
 */
import type { CSSProperties, JSX } from 'react';
import { Box, Text, UnstyledButton } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { formatDate, formatRange } from '../format';
import { visitTypeOf } from '../../../api/index';
import { hourBounds, lanes, placeOnDay } from './layout';
import type { Booking } from './load';

export interface ClosedBand {
  readonly description?: string;
  readonly start: number;
  readonly end: number;
}

export interface CalendarGridProps {
  readonly days: readonly string[];
  readonly zone: string;
  readonly today: string;
  readonly now: number;
  readonly slots: readonly WithId<Slot>[];
  readonly bookings: ReadonlyMap<string, Booking>;
  readonly closed: readonly ClosedBand[];
  readonly onSlotSelect?: (slot: WithId<Slot>, booking?: Booking) => void;
  readonly label: string;
}

/** 72 px an hour: a 30-minute slot has room for two lines (time, then the patient's full name). */
const HOUR_PX = 72;
const hh = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const STYLE: Record<'free' | 'booked' | 'other' | 'past', CSSProperties> = {
  // Colours chosen for 4.5:1 text contrast or more.
  free: { background: '#e6fcf5', color: '#05402d', border: '1px solid #087f5b' },
  booked: { background: '#1864ab', color: '#ffffff', border: '1px solid #0b3d6b' },
  other: { background: '#e9ecef', color: '#212529', border: '1px dashed #495057' },
  past: { background: '#f1f3f5', color: '#495057', border: '1px solid #adb5bd' },
};

function slotText(slot: Slot, booking: Booking | undefined): string {
  if (booking?.group) {
    const names = booking.group.join(', ');
    return slot.status === 'free' ? `Free, ${booking.group.length} booked: ${names}` : `Full: ${names}`;
  }
  if (booking) return booking.patient;
  if (slot.status === 'free') return 'Free';
  if (slot.status === 'busy-unavailable') return 'Unavailable';
  if (slot.status === 'busy-tentative') return 'Held';
  return slot.status === 'busy' ? 'Booked' : 'Entered in error';
}

export function CalendarGrid(props: CalendarGridProps): JSX.Element {
  const { days, zone, today, now, slots, bookings, closed, onSlotSelect, label } = props;
  const placed = days.map((day) => ({
    day,
    slots: slots.flatMap((slot) => {
      const at = placeOnDay(Date.parse(slot.start), Date.parse(slot.end), day, zone);
      return at ? [{ slot, at }] : [];
    }),
    closed: closed.flatMap((band) => {
      const at = placeOnDay(band.start, band.end, day, zone);
      return at ? [{ band, at }] : [];
    }),
  }));
  const dayLanes = new Map(placed.map((d) => [d.day, lanes(d.slots.map((s) => s.at))]));
  const { first, last } = hourBounds(placed.flatMap((d) => d.slots.map((s) => s.at)));
  const height = (last - first) * HOUR_PX;
  const y = (minute: number): number =>
    ((Math.min(Math.max(minute, first * 60), last * 60) - first * 60) / 60) * HOUR_PX;
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  return (
    <Box role="region" aria-label={label} style={{ overflowX: 'auto' }}>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `56px repeat(${days.length}, minmax(110px, 1fr))`,
          minWidth: days.length > 1 ? 820 : 0,
        }}
      >
        <div />
        {placed.map(({ day }) => (
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
            {formatDate(`${day}T12:00:00Z`, 'UTC')}
            {day === today ? ' · Today' : ''}
          </Text>
        ))}
        <div style={{ position: 'relative', height }} aria-hidden="true">
          {hours.map((h) => (
            <Text
              key={h}
              size="xs"
              c="dimmed"
              style={{ position: 'absolute', top: (h - first) * HOUR_PX - 7, right: 6 }}
            >
              {hh(h * 60)}
            </Text>
          ))}
        </div>
        {placed.map(({ day, slots: daySlots, closed: dayClosed }) => (
          <div
            key={day}
            role="group"
            aria-label={`${formatDate(`${day}T12:00:00Z`, 'UTC')}${day === today ? ' (today)' : ''}`}
            style={{
              position: 'relative',
              height,
              borderLeft: '1px solid #dee2e6',
              background: day === today ? '#fffbe6' : undefined,
              backgroundImage: `repeating-linear-gradient(to bottom, #dee2e6 0, #dee2e6 1px, transparent 1px, transparent ${HOUR_PX}px)`,
            }}
          >
            {dayClosed.map(({ band, at }) => (
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
            {daySlots.length === 0 && dayClosed.length === 0 && (
              <Text size="xs" c="dimmed" ta="center" pt="xs">
                No slots
              </Text>
            )}
            {daySlots.map(({ slot, at }, index) => {
              const lane = dayLanes.get(day)?.[index] ?? { lane: 0, of: 1 };
              const held = bookings.get(slot.id);
              // A group slot with places left is booked like a free one; its patients show in its text.
              const openGroup = held?.group !== undefined && slot.status === 'free';
              const booking = openGroup ? undefined : held;
              const past = Date.parse(slot.end) <= now;
              const kind = past
                ? 'past'
                : booking || slot.status === 'busy' || slot.status === 'busy-tentative'
                  ? 'booked'
                  : slot.status === 'free'
                    ? 'free'
                    : 'other';
              const visit = visitTypeOf(slot)?.display;
              const text = `${slotText(slot, held)}${visit ? ` · ${visit}` : ''}`;
              const when = formatRange(slot.start, slot.end, zone);
              const style: CSSProperties = {
                ...STYLE[kind],
                position: 'absolute',
                top: y(at.start) + 1,
                height: Math.max(y(at.end) - y(at.start) - 2, 20),
                left: `calc(${(lane.lane / lane.of) * 100}% + 3px)`,
                width: `calc(${100 / lane.of}% - 6px)`,
                borderRadius: 4,
                padding: '1px 5px',
                fontSize: 12,
                lineHeight: '15px',
                overflow: 'hidden',
                whiteSpace: 'normal',
                overflowWrap: 'anywhere',
                textAlign: 'left',
                textDecoration: past && slot.status === 'free' ? 'line-through' : undefined,
              };
              const content = `${hh(at.start)} ${text}`;
              if (past && !booking) {
                return (
                  <div
                    key={slot.id}
                    style={style}
                    title={`${text} (past), ${when}`}
                    data-status={slot.status}
                    data-past="true"
                  >
                    {content}
                  </div>
                );
              }
              return (
                <UnstyledButton
                  key={slot.id}
                  style={style}
                  data-status={slot.status}
                  data-past={past ? 'true' : undefined}
                  aria-label={`${content} (${booking ? 'booked' : `${slot.status === 'free' ? 'free' : 'not bookable'} slot`}${past ? ', past' : ''}), ${when}`}
                  title={`${text}, ${when}`}
                  onClick={() => onSlotSelect?.(slot, booking)}
                >
                  {content}
                </UnstyledButton>
              );
            })}
          </div>
        ))}
      </div>
    </Box>
  );
}
