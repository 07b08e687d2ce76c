/**
 * A minimal local demo: plans the slots of a sample Schedule with the scheduling core and prints its first week.
 * (The clinician app replaces this once it exists.)
 */
import type { Schedule } from '@medplum/fhirtypes';
import { buildSlot, planSlots, readScheduleRules, withAvailability } from '../core/index';

const schedule: Schedule = withAvailability(
  {
    resourceType: 'Schedule',
    id: 'demo-dr-smith',
    active: true,
    actor: [{ reference: 'Practitioner/dr_smith' }, { reference: 'Location/room_101' }],
    specialty: [{ text: 'Family Medicine' }],
    planningHorizon: { start: '2025-03-01T00:00:00Z', end: '2025-06-30T23:59:59Z' },
    comment: 'Dr. Smith Monday-Friday schedule for Q2 2025',
  },
  {
    timeZone: 'America/New_York',
    slotMinutes: 30,
    bufferAfterMinutes: 5,
    weekly: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' },
      { days: ['mon', 'tue', 'wed', 'thu'], start: '13:00', end: '17:00' },
    ],
    closed: [{ description: 'Staff training', start: '2025-03-05T00:00:00-05:00', end: '2025-03-06T00:00:00-05:00' }],
  }
);

const rules = readScheduleRules(schedule);
if (!rules.ok) {
  console.error(JSON.stringify(rules.outcome, null, 2));
  process.exit(1);
}
const plan = planSlots({ rules: rules.value, now: Date.parse('2025-03-01T00:00:00Z') });
if (!plan.ok) {
  console.error(JSON.stringify(plan.outcome, null, 2));
  process.exit(1);
}
const { slots, timeZone } = plan.value;
console.log(`${schedule.comment}: ${slots.length} slots in the planning horizon (${timeZone}).`);
console.log('First week (Wednesday 5 March is closed for staff training):');
const weekEnd = Date.parse('2025-03-08T00:00:00-05:00');
for (const planned of slots.filter((s) => s.start < weekEnd)) {
  const slot = buildSlot(schedule, planned, timeZone);
  console.log(`  ${slot.start} → ${slot.end}`);
}
