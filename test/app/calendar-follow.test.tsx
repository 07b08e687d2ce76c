// @vitest-environment jsdom
import './dom-setup';
import { MantineProvider } from '@mantine/core';
import type { Schedule, Slot } from '@medplum/fhirtypes';
import { MedplumProvider } from '@medplum/react';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { createLocalMedplum } from '../../local';
import { FOLLOW, useCalendarData } from '../../app/src/calendar/useCalendarData';

const saved = { ...FOLLOW };
afterEach(() => Object.assign(FOLLOW, saved));

describe('the calendar follows the bots after a change (Medplum mode: polling)', () => {
  test('says it is updating, picks up slots written after the change, and stops once they settle', async () => {
    Object.assign(FOLLOW, { intervalMs: 30, stablePolls: 2, minPolls: 10, maxMs: 5000 });
    // A store without the local runtime's idle(): the bots run elsewhere, as on a Medplum server.
    const medplum = createLocalMedplum({ subscriptions: false });
    Object.defineProperty(medplum, 'idle', { value: undefined });
    const schedule = await medplum.createResource<Schedule>({
      resourceType: 'Schedule',
      actor: [{ reference: 'Location/r' }],
    });
    const from = Date.parse('2030-01-07T00:00:00Z');
    const slot = (hour: number): Slot => ({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${schedule.id}` },
      status: 'free',
      start: new Date(from + hour * 3_600_000).toISOString(),
      end: new Date(from + hour * 3_600_000 + 1_800_000).toISOString(),
    });
    await medplum.createResource(slot(9));
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MantineProvider>
        <MedplumProvider medplum={medplum}>{children}</MedplumProvider>
      </MantineProvider>
    );
    const range = { from, to: from + 86_400_000 };
    const changedAt = Date.now();
    const { result } = renderHook(() => useCalendarData(schedule.id as string, range, changedAt), { wrapper });
    // The "bot" finishes its work a moment after the page opened (defect: the calendar stayed stale until Refresh).
    const botDone = new Promise((resolve) => setTimeout(() => resolve(medplum.createResource(slot(10))), 60));
    expect(result.current.updating).toBe(true);
    await waitFor(() => expect(result.current.slots?.length).toBeGreaterThan(0));
    await botDone;
    await waitFor(() => expect(result.current.slots).toHaveLength(2), { timeout: 3000 });
    await waitFor(() => expect(result.current.updating).toBe(false), { timeout: 3000 });
  });
});
