/**
 * The waitlist, end to end in headless Chromium against the built app in local mode (whose schedule bot runs every
 * minute, as Medplum's cron does): a patient is put on the waitlist for Dr. Smith at the time of one of her
 * bookings; that booking is cancelled; within the minute the time is offered on the worklist; Accept books it, and
 * the calendar shows the waiting patient there. And a recurring series booked from the calendar: its occurrences
 * listed first, then booked as one series and marked on the calendar. Axe audits each state at 1440×900 and 390×844.
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeTrimmedDefinitions } from '../../scripts/lib/trim-definitions';
import { audit } from './axe';
import {
  choosePatient,
  deactivateOpenSchedule,
  firstTuesdayFrom,
  grid,
  JONES,
  nextMonday,
  showDate,
  SMITH,
} from './demo-clinic';
import { buildAndServe, close, launchChromium, SCREENS, tabTo } from './support';

let server: PreviewServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  writeTrimmedDefinitions('app/public/fhir');
  ({ server, base } = await buildAndServe('../dist/app-series-waitlist'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await close(server);
});

async function smithsMonday(page: Page, monday: string): Promise<void> {
  await scheduleOn(page, SMITH, monday);
}

/** A schedule's calendar on a date, its slots shown. */
async function scheduleOn(page: Page, schedule: string, date: string): Promise<void> {
  await page.getByRole('link', { name: 'Schedules', exact: true }).click();
  await page.getByRole('table', { name: 'Schedules' }).getByRole('link', { name: schedule }).click({ timeout: 30_000 });
  await grid(page).waitFor();
  await showDate(page, date);
  await grid(page).locator('[data-status]').first().waitFor();
}

async function accessible(page: Page, screen: string, size: 'desktop' | 'phone'): Promise<void> {
  const row = await audit(page, screen, size);
  expect({ screen, blocking: row.blocking }).toEqual({ screen, blocking: [] });
}

/**
 * Books a series of `count` weekly for Alan Turing from the first free slot of a schedule's day (Dr. Smith's next
 * Monday unless told); its start time.
 */
async function bookSeries(
  page: Page,
  count: number,
  {
    audited = false,
    schedule = SMITH,
    date = nextMonday(),
  }: { audited?: boolean; schedule?: string; date?: string } = {}
): Promise<string> {
  await page.goto(`${base}/schedules`);
  await scheduleOn(page, schedule, date);
  const free = grid(page).locator('button[data-status="free"]').first(); // the week's first free slot
  const label = (await free.getAttribute('aria-label')) ?? '';
  const [, start] = /, [^,]+, (\d{2}:\d{2})–/.exec(label) ?? [];
  await free.click();
  const dialog = page.getByRole('dialog', { name: 'Book this slot' });
  await choosePatient(page, dialog, 'Turing', /Alan Turing/);
  await dialog.getByRole('switch', { name: 'Repeat this booking (a series)' }).check();
  await dialog.getByLabel('Occurrences', { exact: true }).fill(String(count));
  const listed = dialog.getByLabel('The occurrences').getByRole('listitem');
  await expect.poll(() => listed.count()).toBe(count);
  for (const text of await listed.allTextContents()) expect(text).toContain(`, ${start} `);
  if (audited) {
    await page.screenshot({ path: `${SCREENS}/series-preview-desktop.png` });
    await accessible(page, 'Booking a series, the occurrences', 'desktop');
  }
  await dialog.getByRole('button', { name: `Book the series (${count})` }).click();
  await dialog.getByText(`Booked ${count} of ${count} for Alan Turing`).waitFor({ timeout: 30_000 });
  return start ?? '';
}

describe('the waitlist in headless Chromium (local mode)', () => {
  test('wait for a booked time → it is cancelled → offered on the worklist within the minute → accepted', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/schedules`);
    const monday = nextMonday();
    await smithsMonday(page, monday);
    const booked = grid(page)
      .getByRole('group')
      .first()
      .getByRole('button', { name: /\(booked\)/ })
      .first();
    const label = (await booked.getAttribute('aria-label')) ?? '';
    const [, start, end] = /, [^,]+, (\d{2}:\d{2})–(\d{2}:\d{2})/.exec(label) ?? [];
    const patient = /Grace Hopper/.test(label)
      ? { search: 'Katherine', name: 'Katherine Johnson' }
      : { search: 'Grace', name: 'Grace Hopper' };

    await page.getByRole('link', { name: 'Waitlist' }).click();
    await page.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
    await page.getByPlaceholder('Search by name').fill(patient.search);
    await page
      .getByRole('option', { name: new RegExp(patient.name) })
      .first()
      .click();
    await page.getByRole('textbox', { name: 'Practitioner or location' }).fill('Alice Smith');
    await page
      .getByRole('option', { name: /Dr\. Alice Smith/ })
      .first()
      .click();
    await page.getByLabel('First day').fill(monday);
    await page.getByLabel('Last day').fill(monday);
    await page.getByLabel('Preferred hours from').fill(start ?? '');
    await page.getByLabel('until').fill(end ?? '');
    await page.getByRole('button', { name: 'Add to the waitlist' }).click();
    const list = page.getByRole('table', { name: 'Waitlist' });
    await list.getByText(patient.name).waitFor();
    expect(await list.textContent()).toContain(`Dr. Alice Smith · ${start}–${end}`);
    await page.screenshot({ path: `${SCREENS}/waitlist-desktop.png`, fullPage: true });
    await accessible(page, 'Waitlist with an entry', 'desktop');

    await smithsMonday(page, monday);
    await grid(page).getByRole('button', { name: label }).click();
    const dialog = page.getByRole('dialog', { name: 'Appointment' });
    await dialog.getByLabel(/Cancellation reason/).fill('Patient called to cancel');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByText('Appointment cancelled').waitFor();

    await page.getByRole('link', { name: 'Reschedule worklist' }).click();
    const offers = page.getByRole('table', { name: 'Waitlist offers' });
    await offers.waitFor({ timeout: 90_000 }); // the next minute's run, then the page's next look
    expect(await offers.textContent()).toMatch(new RegExp(`${patient.name}.*Held: .*${start}–${end}.*, until `));
    await page.screenshot({ path: `${SCREENS}/waitlist-offer-desktop.png` });
    await accessible(page, 'Worklist with a waitlist offer', 'desktop');
    await offers.getByRole('button', { name: new RegExp(`^Accept for ${patient.name}`) }).click();
    await page.getByText('Booked from the waitlist').waitFor();
    await accessible(page, 'Booked from the waitlist, toast', 'desktop');

    await smithsMonday(page, monday);
    await grid(page)
      .getByRole('button', { name: new RegExp(`^${start} ${patient.name}.*\\(booked\\)`) })
      .waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('on a phone the waitlist fits the screen and passes axe', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/waitlist`);
    await page.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor({ timeout: 30_000 });
    await page.getByText('Nobody is waiting').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENS}/waitlist-phone.png`, fullPage: true });
    await accessible(page, 'Waitlist', 'phone');
    await page.close();
  });

  test('book a series from the calendar: the occurrences first, then booked as one series and marked on the calendar', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const start = await bookSeries(page, 3, { audited: true });
    const dialog = page.getByRole('dialog', { name: 'Book this slot' });
    await accessible(page, 'A series booked', 'desktop');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const member = grid(page).getByRole('button', {
      name: new RegExp(`^${start} Alan Turing.* · series, no\\. 1 \\(booked\\)`),
    });
    await member.waitFor({ timeout: 15_000 });
    // Rescheduling a series member: which appointments to move, then the move confirmed in words.
    await member.click();
    const opened = page.getByRole('dialog', { name: 'Appointment' });
    await opened.getByRole('button', { name: 'Reschedule', exact: true }).click();
    await opened.getByRole('radio', { name: 'This and all following' }).check();
    await opened
      .getByRole('button', { name: /^Move here: / })
      .first()
      .click({ timeout: 30_000 });
    await opened.getByRole('group', { name: 'Confirm the move' }).waitFor();
    await page.screenshot({ path: `${SCREENS}/series-move-desktop.png` });
    await accessible(page, 'Moving a series, this and all following', 'desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await opened.getByRole('group', { name: 'Confirm the move' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENS}/series-move-phone.png` });
    await accessible(page, 'Moving a series, this and all following', 'phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a series on a deactivated schedule is one row of the worklist, moved "this and all following" by keyboard alone', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Dr. Jones (Tuesdays and Thursdays), from the first Tuesday after the demo's public holiday: Dr. Brown, the
    // other cardiologist, has somewhere to move the series to.
    await bookSeries(page, 3, { schedule: JONES, date: firstTuesdayFrom(10) });
    await page.getByRole('dialog', { name: 'Book this slot' }).getByRole('button', { name: 'Done' }).click();
    await deactivateOpenSchedule(page, 'Dr. Jones on leave');
    await page.getByRole('link', { name: 'Reschedule worklist' }).click();
    const tasks = page.getByRole('table', { name: 'Reschedule tasks' });
    const series = tasks.locator('tbody tr', { hasText: 'Series: 3 of 3 still to move' });
    await expect.poll(() => series.count(), { timeout: 90_000 }).toBe(1); // the bots' run, then the page's next look
    expect(await series.textContent()).toMatch(/Alan Turing.*The schedule was deactivated/);
    await page.screenshot({ path: `${SCREENS}/worklist-series-desktop.png` });
    await accessible(page, 'Worklist with a series row', 'desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await series.evaluate((row) => row.scrollIntoView({ block: 'center' })); // clear of the toast at the foot
    // (a toast sliding in from the right widens the page for a moment: the settled layout is what is read)
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENS}/worklist-series-phone.png` });
    await accessible(page, 'Worklist with a series row', 'phone');
    await page.setViewportSize({ width: 1440, height: 900 });

    // By keyboard alone from the worklist's first control: the series row's Reschedule, "This and all following",
    // the first free slot, the confirmation.
    await page.getByRole('link', { name: 'Reschedule worklist' }).focus();
    let keys = await tabTo(page, /^Reschedule Alan Turing, .*, and the series/);
    await page.keyboard.press('Enter');
    const choice = page.getByRole('radio', { name: 'This and all following' });
    await choice.waitFor({ timeout: 30_000 });
    keys += 1 + (await tabTo(page, /Only this one/, 10));
    await page.keyboard.press('ArrowDown'); // a radio group moves, and chooses, with the arrow keys
    keys++;
    expect(await choice.isChecked()).toBe(true);
    keys += await tabTo(page, /^Move here: /, 10);
    await page.keyboard.press('Enter');
    keys++;
    await page.getByRole('group', { name: 'Confirm the move' }).waitFor();
    keys += await tabTo(page, /^\s*Move\s*$/, 5);
    await page.keyboard.press('Enter');
    keys++;
    await page
      .getByRole('group', { name: 'The series move' })
      .getByText(/^Moved \d of 3 appointments/)
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SCREENS}/worklist-series-moved.png` });
    await accessible(page, 'Worklist, a series moved', 'desktop');
    await page.keyboard.press('Enter'); // Done has the focus
    keys++;
    await expect.poll(() => series.count(), { timeout: 30_000 }).toBe(0); // every occurrence moved: the task closed
    console.log(`Worklist series move by keyboard: ${keys} key presses`);
    expect(keys).toBeLessThanOrEqual(30);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('on a phone the series options fit and pass axe', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/schedules`);
    await page.getByRole('table', { name: 'Schedules' }).getByRole('link', { name: SMITH }).click({ timeout: 30_000 });
    await showDate(page, nextMonday());
    await grid(page).locator('button[data-status="free"]').first().click();
    const dialog = page.getByRole('dialog', { name: 'Book this slot' });
    await dialog.getByRole('switch', { name: 'Repeat this booking (a series)' }).check();
    await dialog.getByLabel('The occurrences').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENS}/series-phone.png` });
    await accessible(page, 'Booking a series, the occurrences', 'phone');
    await page.close();
  });
});
