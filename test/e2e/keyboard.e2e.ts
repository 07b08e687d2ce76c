/**
 * The keyboard alone, end to end in headless Chromium (local mode, desktop): from the schedule list to a booked
 * slot, counting every key press against a budget (README, "Accessibility").
 */
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeTrimmedDefinitions } from '../../scripts/lib/trim-definitions';
import { buildAndServe, close, launchChromium, tabTo } from './support';

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  writeTrimmedDefinitions('app/public/fhir');
  ({ server, base } = await buildAndServe('../dist/app-keyboard'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await close(server);
});

describe('the keyboard alone (desktop), with a budget of 60 key presses', () => {
  test('from the schedule list to a booked slot, counting every key press', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/schedules?specialty=Cardiology`);
    await page.getByRole('link', { name: 'Dr. Bruno Jones — Cardiology' }).waitFor();
    const steps: number[] = [];
    // The skip link first (the first Tab stop), then the schedule in the list.
    let keys = await tabTo(page, /Skip to main content/, 1);
    await page.keyboard.press('Enter');
    keys++;
    steps.push(await tabTo(page, /Dr\. Bruno Jones — Cardiology/));
    keys += steps[steps.length - 1] ?? 0;
    await page.keyboard.press('Enter');
    keys++;
    await page.getByRole('region', { name: /^Slots, / }).waitFor();
    const free = page.getByRole('region', { name: /^Slots, / }).locator('button[data-status="free"]');
    await free.first().waitFor();
    steps.push(await tabTo(page, /\(free slot\)/));
    keys += steps[steps.length - 1] ?? 0;
    await page.keyboard.press('Enter');
    keys++;
    const dialog = page.getByRole('dialog', { name: 'Book this slot' });
    await dialog.waitFor();
    steps.push(await tabTo(page, /Search by name/));
    keys += steps[steps.length - 1] ?? 0;
    await page.keyboard.type('Lovelace');
    keys += 'Lovelace'.length;
    await page
      .getByRole('option', { name: /Ada Lovelace/ })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    keys += 2;
    // The pick leaves the focus on Book (its effect in BookingPanel): Enter books.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null))
      .toBe(true);
    steps.push(await tabTo(page, /^\s*Book\s*$/, 12));
    keys += steps[steps.length - 1] ?? 0;
    await page.keyboard.press('Enter');
    keys++;
    await dialog.waitFor({ state: 'hidden' });
    console.log(`Keyboard journey: ${keys} key presses from the schedule list to a booked slot (Tabs: ${steps})`);
    expect(keys).toBeLessThanOrEqual(60); // measured 49 (4 Dec 2026; 89 before the focus fixes)
    await page.close();
  });
});
