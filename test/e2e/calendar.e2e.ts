/**
 * The front desk's calendar, end to end in headless Chromium against the built app in local mode: Dr. Smith's
 * weekday schedule at 1440×900 shows Monday to Friday with its morning (09:00–12:00) whole on the first screen, under
 * one line of facts; the whole day and the work week on request; on a phone (390×844) the day view. Axe audits each
 * state; screenshots go to test-results/screens/ (or SCREENSHOTS_DIR).
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeTrimmedDefinitions } from '../../scripts/lib/trim-definitions';
import { audit } from './axe';
import { grid, nextMonday, showDate, SMITH } from './demo-clinic';
import { buildAndServe, close, launchChromium, SCREENS } from './support';

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  writeTrimmedDefinitions('app/public/fhir');
  ({ server, base } = await buildAndServe('../dist/app-calendar'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await close(server);
});

/** Dr. Smith's schedule page, from the list, at a size; next week's Monday (a whole week of slots). */
async function openSmith(width: number, height: number, locale?: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, ...(locale ? { locale } : {}) });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/schedules`);
  await page.getByRole('table', { name: 'Schedules' }).getByRole('link', { name: SMITH }).click({ timeout: 30_000 });
  await page.getByRole('heading', { level: 1, name: SMITH }).waitFor();
  await grid(page).waitFor();
  const monday = nextMonday();
  await showDate(page, monday);
  await grid(page).locator('[data-status]').first().waitFor();
  return { page, errors };
}

/** The bottom edge (px from the top of the page) of the hour label `hh:00` on the grid's side. */
async function hourBottom(page: Page, label: string): Promise<number> {
  const box = await grid(page).locator('[aria-hidden="true"] > *', { hasText: label }).first().boundingBox();
  return (box?.y ?? Infinity) + (box?.height ?? 0);
}

async function accessible(page: Page, screen: string, size: 'desktop' | 'phone'): Promise<void> {
  const row = await audit(page, screen, size);
  expect({ screen, blocking: row.blocking }).toEqual({ screen, blocking: [] });
}

describe('the front desk’s calendar in headless Chromium (local mode)', () => {
  test('at 1440×900: Monday to Friday, the morning whole on the first screen; the whole day; the work week', async () => {
    const { page, errors } = await openSmith(1440, 900);
    expect(await grid(page).getByRole('group').count()).toBe(5);
    expect(await grid(page).getAttribute('data-first-hour')).toBe('9');
    // 09:00–12:00 is on the first screen, without scrolling past the facts.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await hourBottom(page, '12:00')).toBeLessThanOrEqual(900);
    await accessible(page, 'Dr Smith calendar 1440x900', 'desktop');

    await page.getByRole('button', { name: 'Show whole day' }).click();
    await expect.poll(async () => grid(page).getAttribute('data-first-hour')).toBe('0');
    expect(await page.getByRole('button', { name: 'Show whole day' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Show whole day' }).click();
    await expect.poll(async () => grid(page).getAttribute('data-first-hour')).toBe('9');

    await page.locator('label', { hasText: /^Work week$/ }).click();
    await page.waitForURL(/view=workweek/);
    expect(await grid(page).getByRole('group').count()).toBe(5);
    await page.getByRole('button', { name: 'Details' }).click();
    await page.getByText('Specialty').waitFor();
    await accessible(page, 'Dr Smith calendar work week with details 1440x900', 'desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('at 390×844: the day view, from 09:00, without sideways scroll of the page', async () => {
    const { page, errors } = await openSmith(390, 844);
    expect(await grid(page).getByRole('group').count()).toBe(1);
    expect(await grid(page).getAttribute('data-first-hour')).toBe('9');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await accessible(page, 'Dr Smith calendar 390x844', 'phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  test("in an American browser the calendar's dates and times read as its date input does: month first, AM/PM", async () => {
    const { page, errors } = await openSmith(1440, 900, 'en-US');
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toMatch(/^Week of Mon [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    // The side's hours in the same clock (ICU may put a narrow no-break space before AM).
    const sideHours = await grid(page).locator('[aria-hidden="true"] > *').allTextContents();
    expect(sideHours.map((t) => t.replace(/\s/gu, ' '))).toContain('09:00 AM');
    await page.getByText(/Mon–Fri 09:00 AM–12:00 PM/).waitFor(); // and the schedule's hours
    const slot = grid(page).locator('button[data-status="free"]').first();
    expect(await slot.getAttribute('aria-label')).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} (AM|PM)–/);
    await page.screenshot({ path: `${SCREENS}/calendar-en-US-desktop.png` });
    await accessible(page, 'Dr Smith calendar, American browser', 'desktop');
    expect(errors).toEqual([]);
    await page.close();
  });
});
