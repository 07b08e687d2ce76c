/**
 * `npm run bench`'s report: the scenarios' table at each latency, the targets, and the quota scenario.
 */
import { QUOTA_COST } from '../engine/transport/quota-costs';
import type { BenchResult, Traffic } from './bench';
import { quotaTargets, type QuotaScenarioResult } from './quota';
import type { LatencyRun } from './scenarios';

const row = (name: string, t: Traffic, extra = ''): string =>
  `| ${name.padEnd(34)} | ${String(t.requests).padStart(8)} | ${String(t.writes).padStart(7)} | ${String(t.quotaPoints).padStart(9)} | ${(t.wallMs / 1000).toFixed(2).padStart(8)} | ${t.peakHeapMb.toFixed(1).padStart(8)} | ${extra}`;

/** The benchmark's report: machine, one table per latency, the search, the targets and the quota view. */
export function render(r: BenchResult): string {
  const lines: string[] = [];
  lines.push(`Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GiB, Node ${r.machine.node}`);
  for (const run of r.runs) {
    lines.push('', ...renderRun(run, r.options.manyDays));
  }
  lines.push('');
  lines.push(
    `6. App schedule search (specialty + active, first page of 20 with a total) over ${r.scheduleSearch.schedules} schedules in local mode: ` +
      `${r.scheduleSearch.matches} matches in ${r.scheduleSearch.firstPageMs} ms`
  );
  lines.push('');
  lines.push('Targets:');
  for (const t of r.targets) {
    lines.push(`  ${t.met ? 'met ' : 'MISS'}  ${t.name}: ${t.value}`);
  }
  lines.push('');
  lines.push(
    `Quota view (scenario 1): ${r.quota.points.toLocaleString('en-US')} points ≈ ${r.quota.minutesAtDefaultQuota} minutes of Medplum's default ` +
      `50,000/min quota, written in ${r.quota.syncRunsAtDefaultQuota} quota windows, nearest first (see the quota scenario).`
  );
  return lines.join('\n');
}

/** One latency's table of scenarios 1–4, and scenario 5's line. */
function renderRun(run: LatencyRun, manyDays: number): string[] {
  const m = run.manySchedules;
  return [
    `Latency ${run.latencyMs} ms per request; N = ${run.slots} slots (weekdays 08:00–18:00, 15 min, America/New_York)`,
    `| ${'scenario'.padEnd(34)} | requests |  writes |    points |   wall s | peak MB | notes`,
    `|${'-'.repeat(36)}|----------|---------|-----------|----------|----------|------`,
    row('1. seed loop (slots.create × N)', run.seedLoop),
    row('1. schedule bot, first run', run.botFirstRun, `${run.speedup}× faster than the seed loop`),
    row('2. no-change rerun', run.noChangeRerun),
    row('3. small edit (Wed 09:00–17:00)', run.smallEdit, `that weekday: ${run.smallEdit.daySlots} slots`),
    row('4. deactivation', run.deactivation, `${run.deactivation.booked} booked, ${run.deactivation.tasks} tasks`),
    `5. ${m.schedules} schedules × ${manyDays} days created at once: ${m.slots} slots, total ${(m.totalMs / 1000).toFixed(2)} s, slowest bot run ${(m.slowestRunMs / 1000).toFixed(2)} s`,
  ];
}

/** The quota scenario's report. */
export function renderQuota(q: QuotaScenarioResult): string {
  const s = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'never');
  const min = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 60_000).toFixed(1)} min` : 'never');
  const perSlot = QUOTA_COST.conditionalCreateInBatch;
  return [
    `Quota scenario on ${q.target}`,
    `  long schedule: ${q.slots} slots (weekdays 08:00–18:00, 15 min), bot quota ${q.quota.toLocaleString('en-US')} points/min`,
    `  next 14 days written after        ${s(q.first14DaysMs)}`,
    `  small schedule saved a minute later: its slots after ${s(q.smallScheduleMs)}`,
    `  booking made then: slot busy after ${s(q.bookingMs)}`,
    `  whole long schedule after          ${min(q.convergedMs)} (quota bound, ${perSlot} points a slot at the bot's usable quota: ${min(q.quotaBoundMs)}; ratio ${q.ratio})`,
    `  events lost ${q.eventsLost}, duplicate slots ${q.duplicates}` +
      (q.botErrors !== undefined ? `, failed bot runs ${q.botErrors}, 429s ${q.throttled ?? 0}` : ''),
    'Targets:',
    ...quotaTargets(q).map((t) => `  ${t.met ? 'met ' : 'MISS'}  ${t.name}: ${t.value}`),
  ].join('\n');
}
