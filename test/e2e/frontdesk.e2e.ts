/**
 * The front desk's journeys, end to end in headless Chromium against the built app in local mode:
 * find the first available slot and book it, cancel it, and reschedule from the worklist after a deactivation.
 * Screenshots go to test-results/screens/frontdesk-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeTrimmedDefinitions } from '../../scripts/lib/trim-definitions';
import { audit } from './axe';
import { choosePatient, deactivateOpenSchedule, nextPeriod } from './demo-clinic';
import { buildAndServe, close, launchChromium, SCREENS } from './support';

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  writeTrimmedDefinitions('app/public/fhir');
  ({ server, base } = await buildAndServe('../dist/app-frontdesk'));
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

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The "When" texts of the free slots listed. */
async function listedTimes(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Free slots' });
  await table.waitFor();
  // Each row's Book button names its time (the first cell adds the visit type, if any, under it).
  const labels = await table
    .locator('tbody tr button[aria-label^="Book "]')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((label) => label.slice('Book '.length));
}

describe('the front desk in headless Chromium (local mode)', () => {
  test('on a phone, the free slots fit the screen: no sideways scroll, every Book button in view', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/find?specialty=Cardiology&run=first`);
    const table = page.getByRole('table', { name: 'Free slots' });
    await table.waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const buttons = await table.getByRole('button', { name: /^Book / }).all();
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons.slice(0, 5)) {
      const box = await button.boundingBox();
      expect((box?.x ?? 999) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: `${SCREENS}/frontdesk-phone-find.png` });
    const found = await audit(page, 'Find a slot, results', 'phone');
    expect(found.blocking).toEqual([]);
    // The booking drawer by keyboard: its first field has the focus, a patient picked by keyboard keeps it.
    await buttons[0]?.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Book' });
    await drawer.waitFor();
    const opened = await audit(page, 'Find a slot, booking drawer', 'phone');
    expect(opened.blocking).toEqual([]);
    await drawer.getByPlaceholder('Search by name').fill('Lovelace');
    await page
      .getByRole('option', { name: /Ada Lovelace/ })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await drawer
      .getByText(/Ada Lovelace/)
      .first()
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
    await page.close();
  });

  test('find the first available cardiology slot → book it for a patient → it is busy → cancel → it is free', async () => {
    const { page, errors } = await open('/find');
    await page.getByRole('heading', { name: 'Find a slot' }).waitFor();
    await page.getByLabel('Specialty').fill('Cardiology');
    await page.getByRole('button', { name: 'First available' }).click();
    const before = await listedTimes(page);
    const first = before[0] as string;
    expect(first).toMatch(/\d{2}:\d{2}–\d{2}:\d{2} E[SD]T$/);
    await page.screenshot({ path: `${SCREENS}/frontdesk-1-find.png` });
    expect((await audit(page, 'Find a slot, results', 'desktop')).blocking).toEqual([]);

    await page.getByRole('button', { name: `Book ${first}` }).click();
    await page.getByPlaceholder('Search by name').fill('Lovelace');
    await page.getByText('Ada Lovelace').first().click();
    await page.getByLabel('Comment').fill('E2E booking');
    await page.screenshot({ path: `${SCREENS}/frontdesk-2-book.png` });
    expect((await audit(page, 'Find a slot, booking drawer with a patient', 'desktop')).blocking).toEqual([]);
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText(new RegExp(`^Booked: Ada Lovelace with Dr\\. [A-Za-z ]+, ${escape(first)}\\.`)).waitFor();
    await page.locator('.mantine-Notification-root').first().waitFor(); // the toast, still showing
    expect((await audit(page, 'Find a slot, booked alert and toast', 'desktop')).blocking).toEqual([]);
    // The booked slot is no longer offered: it is busy.
    await expect.poll(async () => (await listedTimes(page)).includes(first), { timeout: 15_000 }).toBe(false);
    await page.screenshot({ path: `${SCREENS}/frontdesk-3-booked.png` });

    await page.getByRole('button', { name: 'Open the appointment' }).click();
    const panel = page.getByRole('region', { name: 'Appointment' });
    await panel.getByText('Ada Lovelace').waitFor();
    await panel.getByText('Booked', { exact: true }).waitFor();
    expect(await panel.getByRole('button', { name: 'Cancel appointment' }).isDisabled()).toBe(true);
    expect((await audit(page, 'Find a slot, the appointment opened', 'desktop')).blocking).toEqual([]);
    await panel.getByLabel(/Cancellation reason/).fill('Patient called to cancel');
    await panel.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByText('Appointment cancelled').waitFor();
    // Free again: offered again, at the front (another visit type may share its start time).
    await expect.poll(async () => (await listedTimes(page)).includes(first), { timeout: 15_000 }).toBe(true);
    const start = first.split('–')[0] as string;
    expect((await listedTimes(page))[0]?.startsWith(start)).toBe(true);
    await page.screenshot({ path: `${SCREENS}/frontdesk-4-cancelled.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('book from the calendar: a free slot → the patient → booked, with the patient shown on the calendar', async () => {
    const { page, errors } = await open('/schedules?specialty=Cardiology');
    await page.getByRole('link', { name: 'Dr. Bruno Jones — Cardiology' }).click();
    const grid = page.getByRole('region', { name: /^Slots, / });
    await grid.waitFor();
    const free = grid.locator('button[data-status="free"]:not([aria-label*="past"])');
    for (let week = 0; week < 4 && (await free.count()) === 0; week++) {
      await nextPeriod(page);
    }
    const label = (await free.first().getAttribute('aria-label')) ?? '';
    await free.first().click();
    const dialog = page.getByRole('dialog', { name: 'Book this slot' });
    await choosePatient(page, dialog, 'Lovelace', /Ada Lovelace/);
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The same time on the calendar now shows the booking, with the patient's name.
    const when = label.split(', ').slice(1).join(', ');
    await expect
      .poll(
        async () =>
          grid
            .getByRole('button', { name: new RegExp(`Ada Lovelace( · [^(]+)? \\(booked\\), ${escape(when)}`) })
            .count(),
        {
          timeout: 15_000,
        }
      )
      .toBe(1);
    await page.screenshot({ path: `${SCREENS}/frontdesk-calendar-booked.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('deactivate a schedule with bookings → reschedule from the worklist in one step → the task closes', async () => {
    const { page, errors } = await open('/schedules?specialty=Cardiology');
    await page.getByRole('link', { name: 'Dr. Bruno Jones — Cardiology' }).click();
    await deactivateOpenSchedule(page, 'Dr. Jones on leave');

    await page.getByRole('link', { name: 'Reschedule worklist' }).click();
    const tasks = page.getByRole('table', { name: 'Reschedule tasks' });
    await tasks.waitFor();
    const count = await tasks.locator('tbody tr').count();
    expect(count).toBeGreaterThan(0);
    const row = tasks.locator('tbody tr').first();
    expect(await row.textContent()).toMatch(/Dr\. Bruno Jones — Cardiology.*The schedule was deactivated/);
    await row.getByRole('button', { name: /^Reschedule / }).click();
    const options = page.getByRole('table', { name: 'Free slots to move to' });
    await options.waitFor({ timeout: 15_000 });
    expect(await options.textContent()).toContain('Dr. Emma Brown');
    await page.screenshot({ path: `${SCREENS}/frontdesk-5-reschedule.png` });
    await options
      .getByRole('button', { name: /^Move here: / })
      .first()
      .click();
    const confirm = page.getByRole('group', { name: 'Confirm the move' });
    await confirm.getByText(/^Move .+ from .+ to .+ with Dr\. Emma Brown\?$/).waitFor();
    await page.screenshot({ path: `${SCREENS}/frontdesk-5b-confirm-move.png` });
    expect((await audit(page, 'Reschedule, confirm the move', 'desktop')).blocking).toEqual([]);
    await confirm.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText('Appointment moved').waitFor();
    expect((await audit(page, 'Worklist, moved toast', 'desktop')).blocking).toEqual([]);
    await expect.poll(async () => tasks.locator('tbody tr').count(), { timeout: 15_000 }).toBe(count - 1);

    // (local mode keeps its data in the page: filter in place, never reload)
    await page.getByRole('textbox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Done' }).click();
    const done = page.getByRole('table', { name: 'Reschedule tasks' });
    // The task just closed is in the Done view, with what was done.
    await done
      .getByText(/^Rescheduled to /)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await done.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: `${SCREENS}/frontdesk-6-closed.png` });
    expect((await audit(page, 'Worklist, Done view', 'desktop')).blocking).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    // The navigation slides away at phone size: audit once it is gone.
    await page.waitForFunction(
      () => (document.getElementById('main-navigation')?.getBoundingClientRect().right ?? 0) <= 0
    );
    await page.screenshot({ path: `${SCREENS}/frontdesk-6-closed-phone.png` });
    expect((await audit(page, 'Worklist, Done view', 'phone')).blocking).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
