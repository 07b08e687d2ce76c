// @vitest-environment jsdom
import '../dom-setup';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { useAppointmentContext } from '../../../app/src/hooks/useAppointmentContext';
import { demoMedplum } from '../render';
import { hookWrapper } from './wrapper';

describe('useAppointmentContext', () => {
  test('reads the appointment’s patient, and its slot’s schedule with the actors', async () => {
    const medplum = await demoMedplum();
    const appointment = (await medplum.searchResources('Appointment', { _count: '50' })).find(
      (a) => a.slot?.length && a.participant.some((p) => p.actor?.reference?.startsWith('Patient/'))
    );
    expect(appointment).toBeDefined();
    if (!appointment) return;
    const { result } = renderHook(() => useAppointmentContext(appointment), { wrapper: hookWrapper(medplum) });
    expect(result.current).toBeUndefined();
    await waitFor(() => expect(result.current).toBeDefined());
    const patientRef = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor;
    expect(`Patient/${result.current?.patient?.id}`).toBe(patientRef?.reference);
    expect(result.current?.schedule?.resourceType).toBe('Schedule');
    expect(result.current?.actors.map((a) => `${a.resourceType}/${a.id}`)).toEqual(
      result.current?.schedule?.actor.map((a) => a.reference)
    );
  });
});
