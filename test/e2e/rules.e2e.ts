/**
 * The booking rules, end to end in headless Chromium (local mode, where the demo user is a scheduling supervisor):
 * give Dr. Patel's schedule two visit types and a daily limit, book until the limit (the booked time leaves the other
 * visit type), see the refusal in words, override it with a reason, see the trace on the appointment, and find a
 * slot by visit type. Axe audits each state at desktop and phone size.
 * Screenshots go to test-results/screens/rules-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeTrimmedDefinitions } from '../../scripts/lib/trim-definitions';
import { audit } from './axe';
import { choosePatient, nextPeriod } from './demo-clinic';
import { buildAndServe, close, launchChromium, SCREENS } from './support';

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  writeTrimmedDefinitions('app/public/fhir');
  ({ server, base } = await buildAndServe('../dist/app-rules'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await close(server);
});

/** Books the first free (future) slot of the calendar for Ada Lovelace: its time, and whether a rule refused it. */
async function bookFirstFree(page: Page): Promise<{ refused: boolean; when: string }> {
  const grid = page.getByRole('region', { name: /^Slots, / });
  const free = grid.locator('button[data-status="free"]:not([aria-label*="past"])');
  for (let week = 0; week < 4 && (await free.count()) === 0; week++) {
    await nextPeriod(page);
  }
  const when = ((await free.first().getAttribute('aria-label')) ?? '').split(', ').slice(1).join(', ');
  await free.first().click();
  const dialog = page.getByRole('dialog', { name: 'Book this slot' });
  await choosePatient(page, dialog, 'Lovelace', /Ada Lovelace/);
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  const refused = dialog.getByRole('group', { name: /^Override / });
  const outcome = await Promise.race([
    refused.waitFor().then(() => 'refused' as const),
    dialog.waitFor({ state: 'hidden' }).then(() => 'booked' as const),
  ]);
  return { refused: outcome === 'refused', when };
}

/** Adds a visit type in the schedule form: the service by name, and its length. */
async function addVisitType(page: Page, n: number, name: string, minutes: string): Promise<void> {
  await page.getByRole('button', { name: 'Add visit type' }).click();
  const row = page.getByRole('group', { name: `Visit type ${n}: New visit type` });
  await row.getByRole('textbox', { name: 'Visit type' }).click();
  await page.getByRole('option', { name }).click();
  await page
    .getByRole('group', { name: `Visit type ${n}: ${name}` })
    .getByLabel('Length (min)')
    .fill(minutes);
}

/** The calendar's free slots that start at the same local time as `when` ("Mon 7 Dec 2026, 10:00–10:15 GMT"). */
function freeAtStartOf(page: Page, when: string) {
  const start = when.split('–')[0] ?? when;
  return page.getByRole('region', { name: /^Slots, / }).locator(`button[data-status="free"][aria-label*="${start}–"]`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('booking rules in headless Chromium (local mode)', () => {
  test('two visit types and a daily limit → booked until full → refused in words → overridden with a reason → the trace', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/schedules?specialty=Obstetrics`);
    await page.getByRole('link', { name: /Dr\. Priya Patel/ }).click();
    await page.getByRole('link', { name: 'Edit' }).click();

    const daily = page.getByLabel('Daily limit');
    await expect.poll(() => daily.isEnabled(), { timeout: 15_000 }).toBe(true); // a supervisor may change it
    await daily.fill('1');
    await addVisitType(page, 1, 'Follow-up visit', '20');
    await addVisitType(page, 2, 'New patient visit', '40');
    await page.getByRole('group', { name: 'Visit type 2: New patient visit' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/rules-visit-types-desktop.png` });
    expect((await audit(page, 'Schedule form, visit types', 'desktop')).blocking).toEqual([]);
    await page.getByLabel('Daily limit').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/rules-form-desktop.png` });
    expect((await audit(page, 'Schedule form, booking rules', 'desktop')).blocking).toEqual([]);
    await page.getByText(/By visit type: \d+ Follow-up visit, \d+ New patient visit/).waitFor(); // the preview
    await page.getByRole('button', { name: 'Save' }).click();
    // The visit types replace the 20-minute slots: the impact first.
    const impact = page.getByRole('dialog', { name: 'This change moves existing slots' });
    await impact.waitFor();
    await page.screenshot({ path: `${SCREENS}/rules-visit-types-impact-desktop.png` });
    expect((await audit(page, 'Visit types, impact before saving', 'desktop')).blocking).toEqual([]);
    await impact.getByRole('button', { name: 'Save and update the slots' }).click();
    await page.getByText('Schedule saved').waitFor();
    await page.getByText(/At most 1 appointments a day per practitioner or room/).waitFor();
    await page.getByText(/Follow-up visit: 20 min; New patient visit: 40 min/).waitFor();
    const grid = page.getByRole('region', { name: /^Slots, / });
    for (const visit of ['Follow-up visit', 'New patient visit']) {
      await expect
        .poll(() => grid.locator(`button[data-status="free"][aria-label*="· ${visit} ("]`).count(), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
    }

    let attempt = { refused: false, when: '' };
    for (let n = 0; n < 3 && !attempt.refused; n++) {
      attempt = await bookFirstFree(page);
      if (!attempt.refused) {
        // A booked visit's time is offered to no visit type: the other type's slot at that start is gone.
        await expect.poll(() => freeAtStartOf(page, attempt.when).count(), { timeout: 10_000 }).toBe(0);
      }
    }
    expect(attempt.refused).toBe(true);
    const dialog = page.getByRole('dialog', { name: 'Book this slot' });
    await dialog
      .getByText(/Daily limit: .* has \d+ of 1 appointments on|Minimum notice: bookings must start/)
      .waitFor();
    await page.screenshot({ path: `${SCREENS}/rules-refusal-desktop.png` });
    expect((await audit(page, 'Booking refused by a rule, override form', 'desktop')).blocking).toEqual([]);
    await dialog.getByRole('button', { name: 'Book anyway' }).click();
    await dialog.getByText('Give the reason for the override.').waitFor(); // a reason first
    await dialog.getByLabel(/Reason for overriding/).fill('Follow-up the doctor asked for today');
    await dialog.getByRole('button', { name: 'Book anyway' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const booked = page
      .getByRole('region', { name: /^Slots, / })
      .getByRole('button', { name: new RegExp(`Ada Lovelace( · [^(]+)? \\(booked\\), ${escape(attempt.when)}`) });
    await booked.click();
    const panel = page.getByRole('region', { name: 'Appointment' });
    await panel.waitFor();
    await page.screenshot({ path: `${SCREENS}/rules-trace-desktop.png` });
    await panel.getByText('Booked past a rule').waitFor({ timeout: 15_000 });
    await panel.getByText(/overridden by .*“Follow-up the doctor asked for today”/).waitFor();
    await page.screenshot({ path: `${SCREENS}/rules-trace-desktop.png` });
    expect((await audit(page, 'Appointment with an override trace', 'desktop')).blocking).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await panel.getByText('Booked past a rule').waitFor();
    await page.screenshot({ path: `${SCREENS}/rules-trace-phone.png` });
    expect((await audit(page, 'Appointment with an override trace', 'phone')).blocking).toEqual([]);

    // Find asks for the visit type first, and offers only that visit type's slots.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/find?specialty=Obstetrics`);
    await page.getByRole('textbox', { name: 'Visit type' }).click();
    await page.getByRole('option', { name: 'New patient visit' }).click();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Free slots' }).locator('tbody tr:has(button)'); // not the days
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const texts = await rows.allTextContents();
    expect(texts.every((text) => text.includes('New patient visit') && text.includes('Priya Patel'))).toBe(true);
    await page.screenshot({ path: `${SCREENS}/rules-find-visit-type-desktop.png` });
    expect((await audit(page, 'Find by visit type, results', 'desktop')).blocking).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('on a phone, the booking rules of the form fit and pass axe', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/schedules/new`);
    await page.getByLabel('Daily limit').fill('0');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page
      .getByText(/The daily limit is a whole number from 1 to 10000/)
      .first()
      .waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.getByLabel('Daily limit').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/rules-form-errors-phone.png` });
    expect((await audit(page, 'New schedule, a rule with an error', 'phone')).blocking).toEqual([]);
    await page.close();
  });
});
