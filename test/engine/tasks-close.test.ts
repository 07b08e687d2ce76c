import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { closeResolvedTasks } from '../../engine/cron/tasks-close';
import { desk, scheduleWithSlots, slotsOf, type Desk } from '../api/frontdesk-support';

let d: Desk;
beforeEach(async () => {
  d = await desk();
});
afterEach(() => vi.useRealTimers());

test('tasks whose appointment fits its schedule again close with a note; others stay open', async () => {
  const schedule = await scheduleWithSlots(d);
  const [first, second] = await slotsOf(d.medplum, schedule.id);
  const { data: kept } = await d.clinik.appointments.book({ slotId: first?.id as string, patientId: 'pat-1' });
  const { data: gone } = await d.clinik.appointments.book({ slotId: second?.id as string, patientId: 'pat-2' });
  await d.medplum.idle();
  await d.clinik.schedules.update(schedule.id, { active: false, comment: 'On leave' });
  await d.medplum.idle();
  expect(await d.medplum.searchResources('Task', { status: 'requested' })).toHaveLength(2);
  // still inactive: nothing to close
  expect(await closeResolvedTasks(d.medplum, Date.now())).toHaveLength(0);
  await d.clinik.schedules.update(schedule.id, { active: true });
  await d.clinik.appointments.cancel(gone.id, 'Patient request');
  await d.medplum.idle();
  const closed = await closeResolvedTasks(d.medplum, Date.now());
  expect(closed.map((t) => [t.focus?.reference, t.status, t.note?.[0]?.text])).toEqual(
    expect.arrayContaining([
      [`Appointment/${kept.id}`, 'completed', expect.stringMatching(/fits its schedule again/)],
      [`Appointment/${gone.id}`, 'completed', expect.stringMatching(/was cancelled/)],
    ])
  );
  expect(await d.medplum.searchResources('Task', { status: 'requested' })).toHaveLength(0);
});

test('a double-booking task is not closed just because the schedule is active', async () => {
  const schedule = await scheduleWithSlots(d);
  const [first] = await slotsOf(d.medplum, schedule.id);
  await d.clinik.appointments.book({ slotId: first?.id as string, patientId: 'pat-1' });
  await d.medplum.idle();
  await d.medplum.createResource({
    resourceType: 'Appointment',
    status: 'booked',
    start: first?.start,
    end: first?.end,
    slot: [{ reference: `Slot/${first?.id}` }],
    participant: [{ actor: { reference: 'Patient/pat-2' }, status: 'accepted' }],
  });
  await d.medplum.idle();
  expect(await d.medplum.searchResources('Task', { status: 'requested' })).toHaveLength(1);
  expect(await closeResolvedTasks(d.medplum, Date.now())).toHaveLength(0);
});
