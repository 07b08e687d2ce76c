/**
 * The main journeys, end to end: the production build of the app in local mode, served by `vite preview`, driven in
 * headless Chromium at desktop (1280×800) and phone (390×844) size. Every screen is checked with axe-core (0 critical,
 * 0 serious violations) and photographed (test-results/screens/, or SCREENSHOTS_DIR).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeTrimmedDefinitions } from '../../scripts/lib/trim-definitions';
import { audit, axeTable, SIZES, type Size } from './axe';
import { grid, nextPeriod } from './demo-clinic';
import { buildAndServe, close, launchChromium } from './support';

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  writeTrimmedDefinitions('app/public/fhir');
  ({ server, base } = await buildAndServe('../dist/app'));
  browser = await launchChromium();
});

afterAll(async () => {
  console.info(`axe results (local mode):\n${axeTable('local')}`);
  await browser?.close();
  await close(server);
});

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  readonly logs: string[];
}

/** A fresh browser profile (its own IndexedDB: the demo clinic loads afresh) at a size, on a path. */
async function open(path: string, size: Size): Promise<Opened> {
  const context = await browser.newContext({ viewport: SIZES[size] });
  const page = await context.newPage();
  const errors: string[] = [];
  const logs: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => (m.type() === 'log' || m.type() === 'info' ? logs.push(m.text()) : undefined));
  await page.goto(`${base}${path}`);
  return { context, page, errors, logs };
}

/** Axe on the page as it is: no critical or serious violation (the rule and the element are reported if any). */
async function accessible(page: Page, screen: string, size: Size): Promise<void> {
  const row = await audit(page, screen, size);
  expect({ screen, size, blocking: row.blocking }).toEqual({ screen, size, blocking: [] });
}

const freeSlots = (page: Page) => page.getByRole('region', { name: /^Slots, / }).locator('button[data-status="free"]');

async function openSchedule(page: Page, size: Size, name: string): Promise<void> {
  await page.getByRole('table', { name: 'Schedules' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('region', { name: /^Slots, / }).waitFor();
  if (size === 'phone') {
    // Phones get the day view.
    expect(
      await page
        .getByRole('region', { name: /^Slots, / })
        .getByRole('group')
        .count()
    ).toBe(1);
  }
}

describe.each(['desktop', 'phone'] as const)('the clinician app in headless Chromium (local mode, %s)', (size) => {
  test('search "cardio" → a schedule → deactivate with the impact first → the calendar follows → the worklist', async () => {
    const { context, page, errors, logs } = await open('/schedules', size);
    await page.getByRole('table', { name: 'Schedules' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'Schedules' }).waitFor();
    await accessible(page, 'Schedules list', size);
    // Badges are never cut short (defect: "ACTI…").
    const cut = await page
      .locator('.mantine-Badge-label')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(cut).toEqual([]);
    if (size === 'phone') {
      // The navigation hides behind a burger, opens over the page and closes again.
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).waitFor();
      await accessible(page, 'Navigation open', size);
      await page.getByRole('button', { name: 'Close navigation' }).click();
    }
    await page.getByLabel('Search', { exact: true }).fill('cardio');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=cardio/);
    await page.getByRole('link', { name: 'Dr. Bruno Jones — Cardiology' }).waitFor();
    await openSchedule(page, size, 'Dr. Bruno Jones — Cardiology');
    await accessible(page, 'Schedule detail and calendar', size);

    await page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate schedule' });
    await expect
      .poll(async () => dialog.getByLabel('Impact').textContent())
      .toMatch(/future free slots? will be withdrawn/);
    await dialog.getByRole('textbox').fill('Dr. Jones on leave');
    await accessible(page, 'Deactivate dialog', size);
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Schedule deactivated').waitFor();
    // The name stays; the reason is a note. The calendar follows the bot: no free slot this week or the next.
    await page.getByRole('heading', { level: 1, name: 'Dr. Bruno Jones — Cardiology' }).waitFor();
    await page.getByText('Note: Dr. Jones on leave').waitFor();
    for (let step = 0; step < 2; step++) {
      // A shown grid with no free slot (not the loader between two periods, which shows no slots at all).
      const shownFree = async (): Promise<number> => ((await grid(page).count()) ? freeSlots(page).count() : -1);
      await expect.poll(shownFree, { timeout: 20_000 }).toBe(0);
      await nextPeriod(page);
    }
    if (size === 'phone') {
      await page.getByRole('button', { name: 'Open navigation' }).click();
    }
    await page.getByRole('link', { name: 'Reschedule worklist' }).click();
    const tasks = page.getByRole('table', { name: 'Reschedule tasks' });
    await tasks.waitFor();
    expect(await tasks.getByText(/Dr. Jones on leave/).count()).toBeGreaterThan(0);
    await accessible(page, 'Reschedule worklist', size);
    if (size === 'phone') {
      await page.getByRole('button', { name: 'Open navigation' }).click();
    }
    await page.getByRole('link', { name: 'Find a slot' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find a slot' }).waitFor();
    await accessible(page, 'Find a slot', size);
    expect(errors).toEqual([]);
    expect(logs.filter((l) => /\[(generate|inactive|manual|booked)\]/.test(l))).toEqual([]); // bots stay quiet
    await context.close();
  });

  test('create a schedule with typed actor and zone → its slots appear → a reload keeps it (IndexedDB)', async () => {
    const { context, page, errors } = await open('/schedules/new', size);
    await page.getByRole('heading', { level: 1, name: 'New schedule' }).waitFor({ timeout: 30_000 });
    await accessible(page, 'New schedule form', size);
    const actors = page.getByRole('textbox', { name: 'Actors' });
    await actors.click();
    await actors.pressSequentially('Alice Smith');
    await actors.press('Enter');
    await page.getByText('Dr. Alice Smith').first().waitFor();
    const zone = page.getByRole('textbox', { name: 'Time zone' });
    await zone.fill('Europe/London');
    await zone.press('Tab');
    expect(await zone.inputValue()).toBe('Europe/London');
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Planning horizon start').fill(today);
    await page.getByLabel('Planning horizon end').fill(later);
    await page.getByLabel('Comment').fill('E2E weekday clinic');
    await page.getByLabel('Slot preview').waitFor();
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByText('Note: E2E weekday clinic').waitFor();
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).toMatch(/^Dr\. Alice Smith/);
    await page.getByRole('button', { name: /^Next (week|day)$/ }).click();
    // The calendar follows the bot without a Refresh, and says so until the slots settle.
    await expect
      .poll(
        async () =>
          page
            .getByRole('status')
            .filter({ hasText: /Updating/ })
            .count(),
        { timeout: 20_000 }
      )
      .toBe(0);
    // Weekdays 09:00–17:00, 30-minute slots: 16 a day, 80 a week.
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-GB', {
      weekday: 'short',
      timeZone: 'Europe/London',
    });
    const expected = size === 'desktop' ? 80 : ['Sat', 'Sun'].includes(tomorrow) ? 0 : 16;
    await expect.poll(async () => freeSlots(page).count(), { timeout: 20_000 }).toBe(expected);
    const url = page.url();
    await page.reload();
    await page.getByText('Note: E2E weekday clinic').waitFor({ timeout: 30_000 });
    expect(page.url()).toBe(url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('validation next to the fields, a focused summary; an edit that moves bookings shows its impact', async () => {
    const { context, page, errors } = await open('/schedules', size);
    await page.getByRole('table', { name: 'Schedules' }).waitFor({ timeout: 30_000 });
    await openSchedule(page, size, 'Dr. Bruno Jones — Cardiology');
    // A booked slot opens its appointment.
    await page.getByRole('button', { name: 'Today' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit schedule' }).waitFor();
    await accessible(page, 'Edit schedule form', size);
    const hours = page.getByRole('group', { name: 'Weekly hours 1' });
    await hours.getByLabel('To').fill('07:00');
    await hours.getByLabel('To').blur();
    await page.getByText(/Ends before it starts/).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    const summary = page.getByRole('alert').filter({ hasText: /Fix th/ });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(
      true
    );
    await accessible(page, 'Edit form with errors', size);
    await hours.getByLabel('To').fill('08:45');
    await page.getByRole('button', { name: 'Save' }).click();
    const impact = page.getByRole('dialog', { name: 'This change moves existing slots' });
    await impact.getByLabel('Impact').waitFor();
    expect(await impact.getByLabel('Impact').textContent()).toMatch(/booked appointments? affected/);
    await accessible(page, 'Edit impact dialog', size);
    await impact.getByRole('button', { name: 'Keep editing' }).click();
    // Leaving with unsaved changes asks first.
    await page.getByRole('button', { name: 'Cancel' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.waitFor();
    await accessible(page, 'Unsaved changes dialog', size);
    await leave.getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dr. Bruno Jones — Cardiology' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a booked slot opens its appointment; the day view; an unknown page; the reset of the demo data', async () => {
    const { context, page, errors } = await open('/schedules?status=all', size);
    await page.getByRole('table', { name: 'Schedules' }).waitFor({ timeout: 30_000 });
    await openSchedule(page, size, 'Dr. Alice Smith · Room 101 — Family Medicine');
    if (size === 'desktop') {
      await page.locator('label', { hasText: /^Day$/ }).click();
      await expect
        .poll(async () =>
          page
            .getByRole('region', { name: /^Slots, / })
            .getByRole('group')
            .count()
        )
        .toBe(1);
    }
    // Find a day with a booking and open it from the keyboard.
    let booked = page.getByRole('button', { name: /\(booked/ });
    for (let step = 0; step < 14 && (await booked.count()) === 0; step++) {
      await nextPeriod(page);
      booked = page.getByRole('button', { name: /\(booked/ });
    }
    await booked.first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Appointment' });
    await dialog.waitFor();
    // The appointment: its patient in full, cancel (a reason required) and reschedule.
    await dialog.getByRole('button', { name: 'Cancel appointment' }).waitFor();
    expect(await dialog.getByRole('region', { name: 'Appointment' }).textContent()).toMatch(/[A-Z][a-z]+ [A-Z][a-z]+/);
    await accessible(page, 'Appointment dialog', size);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.goto(`${base}/nowhere`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor({ timeout: 30_000 });
    await accessible(page, 'Page not found', size);
    if (size === 'phone') {
      await page.getByRole('button', { name: 'Open navigation' }).click();
    }
    await page.getByRole('button', { name: 'Reset demo data' }).click();
    await page.getByRole('dialog', { name: 'Reset the demo data?' }).waitFor();
    await accessible(page, 'Reset demo data dialog', size);
    expect(errors).toEqual([]);
    await context.close();
  });
});
