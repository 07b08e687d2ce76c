/** Facts of the demo clinic the journeys use: Dr. Smith's schedule, its calendar grid, and a Monday she works whole. */
import type { Locator, Page } from 'playwright-core';

export const SMITH = 'Dr. Alice Smith · Room 101 — Family Medicine';

/** The calendar's grid of slots. */
export const grid = (page: Page): Locator => page.getByRole('region', { name: /^Slots, / });

/** Next week's Monday (YYYY-MM-DD, New York): a day, and a week, that Dr. Smith works whole. */
export function nextMonday(): string {
  const today = new Date(new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' }) + 'T12:00:00Z');
  const ahead = (8 - today.getUTCDay()) % 7 || 7;
  return new Date(today.getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
}
