// @vitest-environment jsdom
import '../dom-setup';
import type { Schedule } from '@medplum/fhirtypes';
import { renderHook, screen, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { withAvailability } from '../../../core/availability/write';
import { useSyncRefusal } from '../../../app/src/hooks/useSyncRefusal';
import { asAdmin, demoMedplum, renderAt } from '../render';
import { hookWrapper } from './wrapper';

/** Two years of 5-minute slots around the clock, written directly with FHIR (the API would refuse it). */
function tooManySlots(): Schedule {
  const now = Date.now();
  return withAvailability(
    {
      resourceType: 'Schedule',
      active: true,
      actor: [{ reference: 'Practitioner/dr_x' }],
      planningHorizon: { start: new Date(now).toISOString(), end: new Date(now + 730 * 86_400_000).toISOString() },
    },
    {
      timeZone: 'UTC',
      slotMinutes: 5,
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '23:55' }],
    }
  );
}

describe('useSyncRefusal', () => {
  test('says why the bots refused a schedule, in words; nothing for one they accepted', async () => {
    const medplum = await demoMedplum();
    const refused = await asAdmin(medplum, () => medplum.createResource(tooManySlots()));
    await medplum.idle();
    const { result, rerender } = renderHook(({ id }) => useSyncRefusal(id, undefined), {
      wrapper: hookWrapper(medplum),
      initialProps: { id: refused.id as string },
    });
    await waitFor(() => expect(result.current).toMatch(/^These rules make about [\d,]+ slots in the next \d+ days/));
    const [fine] = await medplum.searchResources('Schedule', { active: 'true', _count: '1' });
    rerender({ id: fine?.id as string });
    await waitFor(() => expect(result.current).toBeUndefined());
  });

  test('the schedule page shows the refusal as an alert', async () => {
    const medplum = await demoMedplum();
    const refused = await asAdmin(medplum, () => medplum.createResource(tooManySlots()));
    await medplum.idle();
    renderAt(`/schedules/${refused.id}`, medplum);
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(
      /No slots are made for these rules.*the most a schedule can have at once is 20,000/
    );
  });
});
