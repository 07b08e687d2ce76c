/**
 * A series move that loses a race mid-way, through the booking operation: all or none moves the occurrences already
 * moved back to their slots (through the single reschedule's path) and the 409 says which one was lost.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Resource } from '@medplum/fhirtypes';
import { afterEach, expect, test, vi } from 'vitest';
import { seriesOf } from '../../api';
import { refusal } from './frontdesk-support';
import { expectNothingOrphaned, seriesClinic } from './series-support';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

test('a target taken between the check and its move: the occurrences moved before go back, and the 409 says so', async () => {
  const { medplum, desk, slotAt } = await seriesClinic({ days: ['mon', 'tue', 'thu'] });
  const first = await slotAt('2025-03-03T09:00:00-05:00');
  const { data } = await desk.appointments.bookSeries({
    slotId: first.id,
    patientId: 'pat-1',
    rule: { kind: 'weekly', days: ['mon'], count: 6 },
    mode: 'all-or-none',
  });
  await medplum.idle();
  const series = data.booked;
  const raced = await slotAt('2025-03-18T10:00:00-04:00'); // occurrence 3's target
  // The shift is later in time, so occurrence 6 moves first. Right after it, someone takes occurrence 3's target
  // around the API (a direct FHIR write).
  const bot = medplum.botClients.booking as MedplumClient;
  const update = bot.updateResource.bind(bot) as MedplumClient['updateResource'];
  let raceRun = false;
  vi.spyOn(bot, 'updateResource').mockImplementation(async (resource, ...rest) => {
    const written = await update(resource, ...rest);
    if (!raceRun && written.resourceType === 'Appointment' && seriesOf(written as Appointment)?.index === 6) {
      raceRun = true;
      await update({ ...(await bot.readResource('Slot', raced.id)), status: 'busy' });
      await bot.createResource({
        resourceType: 'Appointment',
        status: 'booked',
        start: raced.start,
        end: raced.end,
        slot: [{ reference: `Slot/${raced.id}` }],
        participant: [{ actor: { reference: 'Patient/pat-2' }, status: 'accepted' }],
      });
    }
    return written as WithId<Resource>;
  });
  const tuesday = await slotAt('2025-03-04T10:00:00-05:00');
  const error = await refusal(
    desk.appointments.rescheduleSeries({
      appointmentId: series[0]?.id as string,
      newSlotId: tuesday.id,
      scope: 'this-and-following',
    })
  );
  expect(raceRun).toBe(true);
  expect(error.status).toBe(409);
  const lost = error.outcome.issue.find((i) => i.expression?.[0] === 'occurrences[2]');
  expect(lost?.details?.coding?.[0]?.code).toBe('lost-race');
  expect(error.message).toContain('Rolled back: the 3 occurrences moved before it went back to their slots');
  const { data: listed } = await desk.appointments.series(series[0]?.id as string);
  const where = (a: Appointment): unknown[] => [a.id, a.status, a.start, a.slot?.[0]?.reference];
  expect(listed.map(where)).toEqual(series.map(where));
  for (const a of listed) {
    expect((await medplum.readResource('Slot', a.slot?.[0]?.reference?.split('/')[1] as string)).status).toBe('busy');
  }
  const targets = ['2025-03-25T10:00:00-04:00', '2025-04-01T10:00:00-04:00', '2025-04-08T10:00:00-04:00'];
  for (const start of targets) {
    expect((await slotAt(start)).status).toBe('free'); // the targets of occurrences 4–6, given back
  }
  await expectNothingOrphaned(medplum);
});
