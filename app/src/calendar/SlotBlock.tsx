/**
 * One slot on a day column, placed by its time and lane: free slots are buttons; booked ones show the patient's full
 * name and are buttons too; slots that have ended stay visible, greyed out (and are not offered).
 *
 * @example
 * <SlotBlock placed={placed} held={bookings.get(placed.slot.id)} zone={zone} now={now} scale={scale} onSelect={open} />
 */
import type { CSSProperties, JSX } from 'react';
import { UnstyledButton } from '@mantine/core';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { seriesOf, visitTypeOf } from '../../../api/index';
import { clockTime, formatRange } from '../format';
import type { PlacedSlot } from './grid-model';
import type { Booking } from './load';
import type { GridScale } from './scale';

type Kind = 'free' | 'booked' | 'other' | 'past';

const STYLE: Record<Kind, CSSProperties> = {
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

function kindOf(slot: Slot, booking: Booking | undefined, past: boolean): Kind {
  if (past) return 'past';
  if (booking || slot.status === 'busy' || slot.status === 'busy-tentative') return 'booked';
  return slot.status === 'free' ? 'free' : 'other';
}

export interface SlotBlockProps {
  readonly placed: PlacedSlot;
  /** The slot's booking (or a group slot's bookings), if any. */
  readonly held: Booking | undefined;
  readonly zone: string;
  readonly now: number;
  readonly scale: GridScale;
  readonly onSelect?: (slot: WithId<Slot>, booking?: Booking) => void;
}

export function SlotBlock({ placed, held, zone, now, scale, onSelect }: SlotBlockProps): JSX.Element {
  const { slot, at, lane } = placed;
  // A group slot with places left is booked like a free one; its patients show in its text.
  const booking = held?.group !== undefined && slot.status === 'free' ? undefined : held;
  const past = Date.parse(slot.end) <= now;
  const visit = visitTypeOf(slot)?.display;
  const series = held && !held.group ? seriesOf(held.appointment) : undefined;
  const text = `${slotText(slot, held)}${visit ? ` · ${visit}` : ''}${series ? ` · series, no. ${series.index}` : ''}`;
  const when = formatRange(slot.start, slot.end, zone);
  const style: CSSProperties = {
    ...STYLE[kindOf(slot, booking, past)],
    position: 'absolute',
    top: scale.y(at.start) + 1,
    height: Math.max(scale.y(at.end) - scale.y(at.start) - 2, 20),
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
  const content = `${clockTime(at.start)} ${text}`;
  if (past && !booking) {
    return (
      <div style={style} title={`${text} (past), ${when}`} data-status={slot.status} data-past="true">
        {content}
      </div>
    );
  }
  const state = booking ? 'booked' : `${slot.status === 'free' ? 'free' : 'not bookable'} slot`;
  return (
    <UnstyledButton
      style={style}
      data-status={slot.status}
      data-past={past ? 'true' : undefined}
      aria-label={`${content} (${state}${past ? ', past' : ''}), ${when}`}
      title={`${text}, ${when}`}
      onClick={() => onSelect?.(slot, booking)}
    >
      {content}
    </UnstyledButton>
  );
}
