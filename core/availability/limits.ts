/**
 * The caps on what one Schedule may ask of the planner.
 */

/** Configurable caps. */
export interface Limits {
  /** A planning horizon longer than this is refused. */
  readonly maxHorizonDays: number;
  /** How far ahead of `now` slots are materialized (a rolling window); the rest follows on later runs. */
  readonly materializeDays: number;
  /** A plan with more slots than this is refused. */
  readonly maxSlots: number;
}

/** Default caps: a two-year horizon, a year of slots materialized ahead, at most 20,000 slots per plan. */
export const DEFAULT_LIMITS: Limits = Object.freeze({ maxHorizonDays: 731, materializeDays: 366, maxSlots: 20_000 });
