/** Facts of the demo clinic the journeys use: Dr. Smith's schedule, its calendar grid, and a Monday she works whole. */
import type { Locator, Page } from 'playwright-core';

export const SMITH = 'Dr. Alice Smith · Room 101 — Family Medicine';
/** Dr. Jones's cardiology clinic (Tuesdays and Thursdays; closed for a public holiday nine days from now). */
export const JONES = 'Dr. Bruno Jones — Cardiology';

/** The calendar's grid of slots. */
export const grid = (page: Page): Locator => page.getByRole('region', { name: /^Slots, / });

/** Jumps the calendar to `date` (a weekday) and waits for that very period's grid, its slots loaded. */
export async function showDate(page: Page, date: string): Promise<void> {
  await page.getByLabel('Go to date').fill(date);
  await page.locator(`[role="region"][data-days~="${date}"]`).waitFor();
}

/** Next week (or day), waiting for the new period's grid rather than the one still on screen. */
export async function nextPeriod(page: Page): Promise<void> {
  const shown = await grid(page).getAttribute('data-days');
  await page.getByRole('button', { name: /^Next (week|day)$/ }).click();
  await page.locator(`[role="region"][data-days]:not([data-days="${shown ?? ''}"])`).waitFor();
}

/** Next week's Monday (YYYY-MM-DD, New York): a day, and a week, that Dr. Smith works whole. */
export function nextMonday(): string {
  const today = new Date(new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' }) + 'T12:00:00Z');
  const ahead = (8 - today.getUTCDay()) % 7 || 7;
  return new Date(today.getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
}

/** The first Tuesday at least `days` days from today (YYYY-MM-DD, New York). */
export function firstTuesdayFrom(days: number): string {
  const today = new Date(new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' }) + 'T12:00:00Z');
  const from = new Date(today.getTime() + days * 86_400_000);
  const ahead = (2 - from.getUTCDay() + 7) % 7;
  return new Date(from.getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
}

/** Deactivates the schedule whose page is open, giving `reason`, and waits for the confirmation. */
export async function deactivateOpenSchedule(page: Page, reason: string): Promise<void> {
  await page.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill(reason);
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByText('Schedule deactivated').waitFor();
}

/** Chooses a patient in the booking dialog: part of the name typed, then the first matching option. */
export async function choosePatient(page: Page, dialog: Locator, typed: string, name: RegExp): Promise<void> {
  await dialog.getByPlaceholder('Search by name').fill(typed);
  await page.getByRole('option', { name }).first().click();
}
