// @vitest-environment jsdom
import '../dom-setup';
import type { WithId } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { useSlotBooking } from '../../../app/src/hooks/useSlotBooking';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('useSlotBooking', () => {
  test('reads the slot’s schedule, books it, and offers the next free slots when it was taken meanwhile', async () => {
    const medplum = await demoMedplum(true);
    const slot = (
      await medplum.searchResources('Slot', { status: 'free', start: `gt${new Date().toISOString()}`, _count: '1' })
    )[0] as WithId<Slot>;
    const patient = (await medplum.searchResources('Patient', { _count: '2' })) as { id: string }[];
    const wrapper = hookWrapper(medplum);
    const first = renderHook(() => useSlotBooking(slot), { wrapper });
    await waitFor(() => expect(first.result.current.found?.schedule.id).toBe(slot.schedule.reference?.split('/')[1]));
    const second = renderHook(() => useSlotBooking(slot), { wrapper });
    await waitFor(() => expect(second.result.current.found).toBeDefined());
    let booked: unknown;
    await act(async () => {
      booked = await first.result.current.book({ patientId: patient[0]?.id as string, patientName: 'First patient' });
    });
    expect(booked).toMatchObject({ resourceType: 'Appointment' });
    await act(async () => {
      booked = await second.result.current.book({ patientId: patient[1]?.id as string, patientName: 'Second patient' });
    });
    expect(booked).toBeUndefined();
    expect(second.result.current.error).toBeTruthy();
    await waitFor(() => expect(second.result.current.taken).toBeDefined());
    expect(second.result.current.taken?.some((o) => o.slot.id === slot.id)).toBe(false);
  });
});
