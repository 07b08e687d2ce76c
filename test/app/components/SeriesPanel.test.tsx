// @vitest-environment jsdom
import '../dom-setup';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { createClinik, seriesOf, visitTypeOf } from '../../../api';
import { BookingPanel } from '../../../app/src/components/BookingPanel';
import { choosePatient, renderWith } from '../frontdesk-render';
import { demoMedplum } from '../render';

describe('a series from the booking panel', () => {
  test('lists the occurrences at the same local time before booking, then books them as one series', async () => {
    const medplum = await demoMedplum(true);
    const { data } = await createClinik(medplum).slots.find({
      specialty: 'Cardiology',
      from: new Date().toISOString(),
      to: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      count: 100,
    });
    const slot = data.map((f) => f.slot).find((s) => !visitTypeOf(s)) as WithId<Slot>;
    const onSeriesDone = vi.fn();
    renderWith(medplum, <BookingPanel slot={slot} onSeriesDone={onSeriesDone} />);
    await choosePatient('Grace Hopper');
    await userEvent.click(screen.getByRole('switch', { name: 'Repeat this booking (a series)' }));
    expect(screen.queryByRole('button', { name: 'Book' })).toBeNull(); // one way to book at a time
    const occurrences = screen.getByLabelText('Occurrences');
    await userEvent.clear(occurrences);
    await userEvent.type(occurrences, '3');
    const listed = within(screen.getByLabelText('The occurrences')).getAllByRole('listitem');
    expect(listed).toHaveLength(3);
    const times = listed.map((li) => /, (\d\d:\d\d) /.exec(li.textContent ?? '')?.[1]);
    expect(new Set(times).size).toBe(1); // the same local time every week
    await userEvent.click(screen.getByRole('button', { name: 'Book the series (3)' }));
    expect(await screen.findByText('Booked 3 of 3 for Grace Hopper', {}, { timeout: 10_000 })).toBeTruthy();
    const booked = await medplum.searchResources('Appointment', { status: 'booked', _count: '500' });
    const series = booked.filter((a) => seriesOf(a) !== undefined);
    expect(series).toHaveLength(3);
    expect(new Set(series.map((a) => seriesOf(a)?.seriesId)).size).toBe(1);
    expect(series.some((a) => a.slot?.[0]?.reference === `Slot/${slot.id}`)).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onSeriesDone).toHaveBeenCalled();
  });
});
