// @vitest-environment jsdom
import './dom-setup';
import { MantineProvider } from '@mantine/core';
import type { Appointment } from '@medplum/fhirtypes';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { CalendarGrid } from '../../app/src/calendar/CalendarGrid';

const zone = 'America/New_York';
// Tue 24 Nov 2026, 12:00 in New York.
const now = Date.parse('2026-11-24T17:00:00Z');
const slot = (id: string, start: string, end: string, status: 'free' | 'busy' = 'free') => ({
  resourceType: 'Slot' as const,
  id,
  schedule: { reference: 'Schedule/s' },
  status,
  start,
  end,
});

describe('the calendar grid', () => {
  test('slots by time, today marked, earlier slots greyed, closed periods labelled, booked slots named and selectable', async () => {
    const onSlotSelect = vi.fn();
    const appointment = { resourceType: 'Appointment', id: 'a', status: 'booked', participant: [] } as Appointment & {
      id: string;
    };
    render(
      <MantineProvider>
        <CalendarGrid
          days={['2026-11-23', '2026-11-24', '2026-11-25']}
          zone={zone}
          today="2026-11-24"
          now={now}
          slots={[
            slot('past', '2026-11-24T14:00:00Z', '2026-11-24T14:30:00Z'), // 09:00 today, over
            slot('free', '2026-11-24T19:00:00Z', '2026-11-24T19:30:00Z'), // 14:00 today
            slot('booked', '2026-11-25T15:00:00Z', '2026-11-25T15:30:00Z', 'busy'), // 10:00 tomorrow
          ]}
          bookings={new Map([['booked', { appointment, patient: 'Katherine Johnson' }]])}
          closed={[
            {
              description: 'Public holiday',
              start: Date.parse('2026-11-23T05:00:00Z'),
              end: Date.parse('2026-11-24T05:00:00Z'),
            },
          ]}
          onSlotSelect={onSlotSelect}
          label="Slots"
        />
      </MantineProvider>
    );
    const grid = screen.getByRole('region', { name: 'Slots' });
    expect(within(grid).getByRole('group', { name: 'Tue 24 Nov 2026 (today)' })).toBeTruthy();
    expect(
      within(grid)
        .getByRole('heading', { name: /Tue 24 Nov 2026 · Today/ })
        .getAttribute('aria-current')
    ).toBe('date');
    expect(within(grid).getByText('Closed: Public holiday')).toBeTruthy();
    // The earlier slot of today stays, greyed and not offered.
    const past = within(grid).getByText('09:00 Free');
    expect(past.getAttribute('data-past')).toBe('true');
    expect(past.tagName).not.toBe('BUTTON');
    const free = within(grid).getByRole('button', {
      name: /^14:00 Free \(free slot\), Tue 24 Nov 2026, 14:00–14:30 EST$/,
    });
    const booked = within(grid).getByRole('button', { name: /^10:00 Katherine Johnson \(booked\), Wed 25 Nov 2026/ });
    booked.focus();
    await userEvent.keyboard('{Enter}');
    expect(onSlotSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: 'booked' }),
      expect.objectContaining({ patient: 'Katherine Johnson' })
    );
    await userEvent.click(free);
    expect(onSlotSelect).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'free' }), undefined);
    // Slots sit by time: 14:00 lower than 09:00 on the same day.
    expect(parseFloat(free.style.top)).toBeGreaterThan(parseFloat((past as HTMLElement).style.top));
  });

  test('a group slot with places left shows its patients and books like a free slot; a full one opens a booking', async () => {
    const onSlotSelect = vi.fn();
    const appointment = { resourceType: 'Appointment', id: 'a', status: 'booked', participant: [] } as Appointment & {
      id: string;
    };
    render(
      <MantineProvider>
        <CalendarGrid
          days={['2026-11-25']}
          zone={zone}
          today="2026-11-24"
          now={now}
          slots={[
            slot('open', '2026-11-25T15:00:00Z', '2026-11-25T16:00:00Z'),
            slot('full', '2026-11-25T16:00:00Z', '2026-11-25T17:00:00Z', 'busy'),
          ]}
          bookings={
            new Map([
              ['open', { appointment, patient: 'Ada Lovelace', group: ['Ada Lovelace', 'Alan Turing'] }],
              ['full', { appointment, patient: 'Grace Hopper', group: ['Grace Hopper', 'Mary Jackson'] }],
            ])
          }
          closed={[]}
          onSlotSelect={onSlotSelect}
          label="Slots"
        />
      </MantineProvider>
    );
    const grid = screen.getByRole('region', { name: 'Slots' });
    await userEvent.click(
      within(grid).getByRole('button', { name: /^10:00 Free, 2 booked: Ada Lovelace, Alan Turing \(free slot\)/ })
    );
    expect(onSlotSelect).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'open' }), undefined);
    await userEvent.click(
      within(grid).getByRole('button', { name: /^11:00 Full: Grace Hopper, Mary Jackson \(booked\)/ })
    );
    expect(onSlotSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: 'full' }),
      expect.objectContaining({ patient: 'Grace Hopper' })
    );
  });
});

describe('the grid’s hours', () => {
  const mornings = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, startMinute: 540, endMinute: 720 }];
  const hourLabels = (grid: HTMLElement): string[] =>
    Array.from(grid.querySelectorAll('[aria-hidden="true"] > *')).map((e) => e.textContent ?? '');
  const draw = (props: Partial<Parameters<typeof CalendarGrid>[0]>) =>
    render(
      <MantineProvider>
        <CalendarGrid
          days={['2026-11-25', '2026-11-26']}
          zone={zone}
          today="2026-11-24"
          now={now}
          slots={[slot('a', '2026-11-25T14:00:00Z', '2026-11-25T14:30:00Z')]} // 09:00
          bookings={new Map()}
          closed={[]}
          windows={mornings}
          label="Slots"
          {...props}
        />
      </MantineProvider>
    );

  test('span the schedule’s hours (09:00–12:00), not 08:00–18:00', () => {
    draw({});
    const grid = screen.getByRole('region', { name: 'Slots' });
    expect(grid.dataset).toMatchObject({ firstHour: '9', lastHour: '12' });
    expect(hourLabels(grid)).toEqual(['09:00', '10:00', '11:00', '12:00']);
    // The 09:00 slot sits at the top of the grid, just under its padding.
    expect(parseFloat(within(grid).getByRole('button', { name: /^09:00 Free/ }).style.top)).toBeLessThan(16);
  });

  test('widen for a slot, a booking or a closed period outside them: nothing is hidden', () => {
    draw({
      slots: [
        slot('a', '2026-11-25T14:00:00Z', '2026-11-25T14:30:00Z'),
        slot('late', '2026-11-26T00:00:00Z', '2026-11-26T00:30:00Z', 'busy'), // 19:00 on the 25th
      ],
      closed: [
        {
          description: 'Staff meeting',
          start: Date.parse('2026-11-26T12:00:00Z'),
          end: Date.parse('2026-11-26T13:00:00Z'),
        },
      ], // 07:00–08:00
    });
    const grid = screen.getByRole('region', { name: 'Slots' });
    expect(grid.dataset).toMatchObject({ firstHour: '7', lastHour: '20' });
    expect(within(grid).getByRole('button', { name: /^19:00 Booked/ })).toBeTruthy();
    expect(within(grid).getByText('Closed: Staff meeting')).toBeTruthy();
  });

  test('the whole day on request', () => {
    draw({ wholeDay: true });
    const grid = screen.getByRole('region', { name: 'Slots' });
    expect(grid.dataset).toMatchObject({ firstHour: '0', lastHour: '24' });
    expect(hourLabels(grid)[0]).toBe('00:00');
  });
});
