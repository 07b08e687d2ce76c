/**
 * What the calendar grid draws, before any drawing: each shown day's slots and closed bands placed on its time grid
 * (slots that overlap in side-by-side lanes), and the hours the grid spans (./hours: fitted to the schedule's hours,
 * never hiding anything; or the whole day).
 *
 * @example
 * const { days, hours } = gridModel({ days: ['2026-11-24'], zone, slots, closed: [], windows, wholeDay: false });
 * hours; // { first: 9, last: 17 }
 */
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import type { WeeklyWindow } from '../../../core/availability/index';
import { fitHours, WHOLE_DAY, windowsOnDay, type HourRange, type Span } from './hours';
import { lanes, placeOnDay } from './layout';

/** A closed period (holiday, leave) as instants. */
export interface ClosedBand {
  readonly description?: string;
  readonly start: number;
  readonly end: number;
}

export interface PlacedSlot {
  readonly slot: WithId<Slot>;
  readonly at: Span;
  /** Its lane among the slots it overlaps, and how many lanes they take. */
  readonly lane: { readonly lane: number; readonly of: number };
}

export interface PlacedBand {
  readonly band: ClosedBand;
  readonly at: Span;
}

export interface DayModel {
  readonly day: string;
  readonly slots: readonly PlacedSlot[];
  readonly closed: readonly PlacedBand[];
}

export interface GridInput {
  readonly days: readonly string[];
  readonly zone: string;
  readonly slots: readonly WithId<Slot>[];
  readonly closed: readonly ClosedBand[];
  /** The schedule's weekly opening hours: the grid spans them even where no slot is left. */
  readonly windows?: readonly WeeklyWindow[];
  /** Midnight to midnight instead of the fitted hours. */
  readonly wholeDay?: boolean;
}

function placeDay(day: string, input: GridInput): DayModel {
  const placed = input.slots.flatMap((slot) => {
    const at = placeOnDay(Date.parse(slot.start), Date.parse(slot.end), day, input.zone);
    return at ? [{ slot, at }] : [];
  });
  const laneOf = lanes(placed.map((p) => p.at));
  return {
    day,
    slots: placed.map((p, i) => ({ ...p, lane: laneOf[i] ?? { lane: 0, of: 1 } })),
    closed: input.closed.flatMap((band) => {
      const at = placeOnDay(band.start, band.end, day, input.zone);
      return at ? [{ band, at }] : [];
    }),
  };
}

/**
 * The shown days placed, and the hours the grid spans.
 *
 * @example
 * gridModel({ days: ['2026-11-24'], zone, slots: [], closed: [], wholeDay: true }).hours; // { first: 0, last: 24 }
 */
export function gridModel(input: GridInput): { days: DayModel[]; hours: HourRange } {
  const days = input.days.map((day) => placeDay(day, input));
  if (input.wholeDay) {
    return { days, hours: WHOLE_DAY };
  }
  const spans = days.flatMap((d) => [...d.slots.map((s) => s.at), ...windowsOnDay(input.windows ?? [], d.day)]);
  return {
    days,
    hours: fitHours(
      spans,
      days.flatMap((d) => d.closed.map((c) => c.at))
    ),
  };
}
