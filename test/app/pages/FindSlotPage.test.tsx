// @vitest-environment jsdom
import '../dom-setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { choosePatient } from '../frontdesk-render';
import { demoMedplum, renderAt } from '../render';

describe('FindSlotPage', () => {
  test('first available cardiology slots, nearest first, in words; book in two clicks after choosing the patient', async () => {
    const medplum = await demoMedplum(true);
    const [ada] = await medplum.searchResources('Patient', { name: 'Lovelace' });
    const adas = async (): Promise<number> =>
      (await medplum.searchResources('Appointment', { patient: `Patient/${ada?.id}`, status: 'booked' })).length;
    const before = await adas();
    renderAt('/find?specialty=Cardiology&run=first', medplum);
    const table = await screen.findByRole('table', { name: 'Free slots' }, { timeout: 10_000 });
    // Grouped by day: each day's heading row, then its slots, each with its time, practitioner and a Book button.
    const all = within(table).getAllByRole('row').slice(1);
    const days = all.filter((r) => within(r).queryByRole('columnheader'));
    const rows = all.filter((r) => within(r).queryByRole('button', { name: /^Book / }));
    expect(all[0]).toBe(days[0]);
    expect(days[0]?.textContent).toMatch(/^\w{3} \d{1,2} \w{3} \d{4}$/);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]?.textContent).toMatch(/^\d{2}:\d{2}–\d{2}:\d{2} E[SD]T/);
    expect(rows[0]?.textContent).toMatch(/Dr\. (Bruno Jones|Emma Brown)/);
    const starts = rows.map((r) => r.textContent ?? '');
    expect(starts.length).toBe(new Set(starts).size);
    // Nearest first: the Book buttons' times (all in New York) never go back.
    const times = rows.map((r) => {
      const label =
        within(r)
          .getByRole('button', { name: /^Book / })
          .getAttribute('aria-label') ?? '';
      const [, day, month, year, hm] = /^Book \w{3} (\d{1,2}) (\w{3}) (\d{4}), (\d{2}:\d{2})/.exec(label) ?? [];
      return Date.parse(`${day} ${month} ${year} ${hm} UTC`);
    });
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Each slot links to its schedule's calendar on that day.
    const link = within(rows[0] as HTMLElement).getByRole('link', { name: /— Cardiology$/ });
    expect(link.getAttribute('href')).toMatch(/^\/schedules\/[\w-]+\?date=\d{4}-\d{2}-\d{2}$/);
    // The first cell names the time and, for a visit-type slot, the visit type under it; "Book" names the time.
    const book = within(rows[0] as HTMLElement).getByRole('button', { name: /^Book / });
    const when = (book.getAttribute('aria-label') as string).slice('Book '.length);
    expect(rows[0]?.textContent?.startsWith(when.split(', ').slice(1).join(', '))).toBe(true);
    await userEvent.click(book);
    const drawer = await screen.findByRole('dialog', { name: 'Book' });
    // The drawer's own close button has a name (axe: button-name).
    expect(drawer.querySelector('.mantine-Drawer-close')?.getAttribute('aria-label')).toBe('Close');
    await choosePatient('Ada Lovelace');
    await userEvent.click(screen.getByRole('button', { name: 'Book' }));
    // The confirmation names the patient, the practitioner and the time.
    const practitioner = /Dr\. (Bruno Jones|Emma Brown)/.exec(rows[0]?.textContent ?? '')?.[0] as string;
    const confirmation = `Booked: Ada Lovelace with ${practitioner}, ${when}.`;
    expect(await screen.findByText(confirmation, {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Dismiss' })).toBeTruthy(); // the "Booked" alert's close button
    await medplum.idle();
    expect(await adas()).toBe(before + 1);
    // the slot is no longer offered
    await waitFor(() => expect(screen.queryByRole('button', { name: `Book ${when}` })).toBeNull(), { timeout: 5000 });
  });

  test('bad criteria say what is wrong', async () => {
    const medplum = await demoMedplum();
    renderAt('/find?from=2025-03-10&to=2025-03-01&run=range', medplum);
    expect(await screen.findByText('Could not search')).toBeTruthy();
    expect(screen.getByText('"to" must be after "from".')).toBeTruthy();
  });
});
