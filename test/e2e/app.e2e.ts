/**
 * The main journeys, end to end: the production build of the app in local mode, served by `vite preview`, driven in
 * headless Chromium. Screenshots of each screen go to test-results/screens/.
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeTrimmedDefinitions } from '../../scripts/lib/trim-definitions';
import { buildAndServe, close, launchChromium, SCREENS } from './support';

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  writeTrimmedDefinitions('app/public/fhir');
  ({ server, base } = await buildAndServe('../dist/app'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await close(server);
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}${path}`);
  return { page, errors };
}

describe('the clinician app in headless Chromium (local mode)', () => {
  test('search by specialty → open a schedule → deactivate with a reason → no free slot, a reschedule task', async () => {
    const { page, errors } = await open('/schedules');
    await page.getByRole('table', { name: 'Schedules' }).waitFor();
    await page.getByLabel('Specialty').fill('Cardiology');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/specialty=Cardiology/);
    await page.screenshot({ path: `${SCREENS}/1-search.png` });
    await page.getByRole('link', { name: 'Dr. Jones, cardiology clinic' }).click();
    await page.getByRole('region', { name: /Slots, week of/ }).waitFor();
    await page.screenshot({ path: `${SCREENS}/2-detail.png` });

    await page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog');
    await expect
      .poll(async () => dialog.getByLabel('Impact').textContent())
      .toMatch(/future free slots? will be withdrawn/);
    await dialog.getByRole('textbox').fill('Dr. Jones on leave');
    await page.screenshot({ path: `${SCREENS}/3-deactivate.png` });
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Schedule deactivated').waitFor();
    await page.getByText('Inactive', { exact: true }).first().waitFor();
    // The bot has withdrawn every free slot: the calendar shows none, in this week or the next.
    for (let week = 0; week < 2; week++) {
      await page.getByRole('region', { name: /Slots, week of/ }).waitFor();
      await expect
        .poll(async () =>
          page
            .getByRole('region', { name: /Slots, week of/ })
            .locator('text=/^\\d\\d:\\d\\d–\\d\\d:\\d\\d $/')
            .count()
        )
        .toBe(0);
      await page.getByRole('button', { name: 'Next week' }).click();
    }
    await page.getByRole('link', { name: 'Reschedule worklist' }).click();
    const tasks = page.getByRole('table', { name: 'Reschedule tasks' });
    await tasks.waitFor();
    expect(await tasks.getByText(/The schedule was deactivated/).count()).toBeGreaterThan(0);
    expect(await tasks.getByText(/Dr. Jones on leave/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENS}/4-worklist.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('create a schedule with weekday hours → its slots appear in the calendar', async () => {
    const { page, errors } = await open('/schedules/new');
    await page.getByRole('heading', { name: 'New schedule' }).waitFor();
    await page.getByRole('textbox', { name: 'Actors' }).click();
    await page.getByRole('option', { name: 'Dr. Alice Smith' }).click();
    await page.keyboard.press('Escape');
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Planning horizon start').fill(today);
    await page.getByLabel('Planning horizon end').fill(later);
    await page.getByLabel('Comment').fill('E2E weekday clinic');
    await page.getByLabel('Slot preview').waitFor();
    await page.screenshot({ path: `${SCREENS}/5-create.png` });
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByRole('heading', { name: 'E2E weekday clinic' }).waitFor();
    await page.getByRole('button', { name: 'Next week' }).click();
    // Weekdays 09:00–17:00, 30-minute slots: 16 a day next week.
    await expect
      .poll(
        async () =>
          page
            .getByRole('region', { name: /Slots, week of/ })
            .locator('text=/^\\d\\d:\\d\\d–\\d\\d:\\d\\d $/')
            .count(),
        {
          timeout: 20_000,
        }
      )
      .toBe(80);
    await page.screenshot({ path: `${SCREENS}/6-created-calendar.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a bad planning horizon shows a validation error and cannot be saved', async () => {
    const { page, errors } = await open('/schedules/new');
    await page.getByRole('heading', { name: 'New schedule' }).waitFor();
    await page.getByLabel('Planning horizon start').fill('2031-06-30');
    await page.getByLabel('Planning horizon end').fill('2031-03-01');
    await page.getByText('The planning horizon ends before it starts.').waitFor();
    expect(await page.getByRole('button', { name: 'Create schedule' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENS}/7-validation.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
