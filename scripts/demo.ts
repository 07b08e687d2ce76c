/**
 * `npm start`, until the clinician app exists: local mode in the terminal. Loads the demo clinic into the local
 * runtime (Medplum's in-memory engine, with the Subscriptions running the real bots), then shows each schedule with
 * its rules, free and booked slots, and next free slot, in the schedule's own time zone.
 */
import { createLocalMedplum } from '../local';
import { loadDemoData } from '../local/demo-data';
import { conceptText, readScheduleRules } from '../core';
import { createClinik } from '../api';

const medplum = createLocalMedplum();
const clinik = createClinik(medplum);
const started = performance.now();
// The bots log one summary line per run (Medplum keeps it in the bot's log); keep the terminal for the overview.
const log = console.log;
console.log = () => undefined;
const summary = await loadDemoData(medplum, Date.now()).finally(() => {
  console.log = log;
});
console.log(
  `Local mode (in-memory Medplum; data resets on every start): ${summary.schedules} schedules, ${summary.slots} slots, ` +
    `${summary.appointments} appointments, loaded with the bots in ${Math.round(performance.now() - started)} ms.\n`
);
const { data: schedules } = await clinik.schedules.search({ count: 100, sort: '_lastUpdated' });
for (const schedule of schedules) {
  const rules = readScheduleRules(schedule, {
    actors: await Promise.all(schedule.actor.map((a) => medplum.readReference(a))),
  });
  const availability = rules.ok ? rules.value.availability : undefined;
  const free = await medplum.search('Slot', {
    schedule: `Schedule/${schedule.id}`,
    status: 'free',
    _count: '1',
    _sort: 'start',
    _total: 'accurate',
  });
  const booked = await medplum.search('Slot', {
    schedule: `Schedule/${schedule.id}`,
    status: 'busy',
    _count: '0',
    _total: 'accurate',
  });
  const next = free.entry?.[0]?.resource?.start;
  console.log(`${schedule.active === false ? '[inactive] ' : ''}${schedule.comment ?? schedule.id}`);
  console.log(
    `  ${schedule.specialty?.map(conceptText).join(', ') || 'no specialty'}; ` +
      (availability
        ? `${availability.durationMinutes}-min slots, ${availability.timeZone}`
        : 'manual schedule (slots made by hand)')
  );
  console.log(`  ${free.total ?? 0} free, ${booked.total ?? 0} booked${next ? `; next free slot ${next}` : ''}\n`);
}
