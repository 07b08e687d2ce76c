/**
 * The grid's vertical scale: pixels for minutes of the day within the hours shown, with a little room above the first
 * hour and below the last so that their labels show whole.
 *
 * @example
 * const scale = gridScale({ first: 9, last: 17 });
 * scale.y(540); // 10 (09:00, below the top padding)
 * scale.height; // 8 * 72 + 20
 */
import type { HourRange } from './hours';

/** 72 px an hour: a 30-minute slot has room for two lines (time, then the patient's full name). */
export const HOUR_PX = 72;
/** Room above the first hour line and below the last. */
export const PAD_PX = 10;

export interface GridScale {
  readonly hours: HourRange;
  /** The column's height in px. */
  readonly height: number;
  /** The y of a minute after local midnight, clipped to the hours shown. */
  readonly y: (minute: number) => number;
}

/**
 * The scale for the hours shown.
 *
 * @example
 * gridScale({ first: 0, last: 24 }).y(60); // 82 (01:00)
 */
export function gridScale(hours: HourRange): GridScale {
  const { first, last } = hours;
  return {
    hours,
    height: (last - first) * HOUR_PX + 2 * PAD_PX,
    y: (minute) => PAD_PX + ((Math.min(Math.max(minute, first * 60), last * 60) - first * 60) / 60) * HOUR_PX,
  };
}
