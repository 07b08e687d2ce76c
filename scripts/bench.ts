/**
 * `npm run bench [-- --latency 20,0] [-- --weeks 52] [-- --schedules 200] [-- --json bench-results/bench.json]`
 * `npm run bench -- --quota-only [--quota-weeks 52] [--bot-quota 50000] [--server]`: only the quota scenario.
 * Slot generation at scale on the local runtime, side by side with the seed's loop. Prints a table and writes the
 * same figures as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runBench, type BenchResult, type Traffic } from '../bench/bench';
import { renderFind, runFindBench } from '../bench/find';
import { quotaTargets, runQuotaScenario, type QuotaScenarioResult } from '../bench/quota';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '20,0' },
    weeks: { type: 'string', default: '52' },
    schedules: { type: 'string', default: '200' },
    days: { type: 'string', default: '30' },
    'search-schedules': { type: 'string', default: '10000' },
    json: { type: 'string', default: 'bench-results/bench.json' },
    'quota-weeks': { type: 'string', default: '52' },
    'bot-quota': { type: 'string', default: '50000' },
    'quota-only': { type: 'boolean', default: false },
    server: { type: 'boolean', default: false },
  },
});
const positive = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number (got "${text}").`);
    process.exit(2);
  }
  return n;
};

// The quota scenario: on the simulation, or (--server) on the Medplum server of MEDPLUM_BASE_URL.
const server = values.server
  ? {
      baseUrl: process.env.MEDPLUM_BASE_URL ?? '',
      clientId: process.env.MEDPLUM_CLIENT_ID ?? '',
      clientSecret: process.env.MEDPLUM_CLIENT_SECRET ?? '',
    }
  : undefined;
if (server && (!server.baseUrl || !server.clientId || !server.clientSecret)) {
  console.error(
    '--server needs MEDPLUM_BASE_URL, MEDPLUM_CLIENT_ID and MEDPLUM_CLIENT_SECRET (a project-admin client).'
  );
  process.exit(2);
}
const quotaScenario = await runQuotaScenario({
  weeks: positive('quota-weeks', values['quota-weeks']),
  // The schedule bot's FHIR quota (deploy's --fhir-quota): the simulation's, or the server's, for the bound.
  quota: positive('bot-quota', values['bot-quota']),
  ...(server ? { server } : {}),
  log: (line) => console.error(line),
});
console.log(renderQuota(quotaScenario));
if (values['quota-only'] || server) {
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify({ quotaScenario }, null, 2)}\n`);
  process.exit(quotaTargets(quotaScenario).every((t) => t.met) ? 0 : 1);
}

const result = await runBench({
  latencies: values.latency.split(',').map((t) => positive('latency', t.trim())),
  weeks: positive('weeks', values.weeks),
  schedules: positive('schedules', values.schedules),
  manyDays: positive('days', values.days),
  searchSchedules: positive('search-schedules', values['search-schedules']),
  log: (line) => console.error(line),
});
console.log(render(result));
console.log(
  renderFind(
    await runFindBench({ schedules: positive('schedules', values.schedules), days: positive('days', values.days) })
  )
);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(values.json, `${JSON.stringify({ ...result, quotaScenario }, null, 2)}\n`);
console.log(`\nJSON written to ${values.json}`);
if (result.targets.some((t) => !t.met) || quotaTargets(quotaScenario).some((t) => !t.met)) {
  process.exitCode = 1;
}

function render(r: BenchResult): string {
  const lines: string[] = [];
  lines.push(`Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GiB, Node ${r.machine.node}`);
  const row = (name: string, t: Traffic, extra = ''): string =>
    `| ${name.padEnd(34)} | ${String(t.requests).padStart(8)} | ${String(t.writes).padStart(7)} | ${String(t.quotaPoints).padStart(9)} | ${(t.wallMs / 1000).toFixed(2).padStart(8)} | ${t.peakHeapMb.toFixed(1).padStart(8)} | ${extra}`;
  for (const run of r.runs) {
    lines.push('');
    lines.push(
      `Latency ${run.latencyMs} ms per request; N = ${run.slots} slots (weekdays 08:00–18:00, 15 min, America/New_York)`
    );
    lines.push(`| ${'scenario'.padEnd(34)} | requests |  writes |    points |   wall s | peak MB | notes`);
    lines.push(`|${'-'.repeat(36)}|----------|---------|-----------|----------|----------|------`);
    lines.push(row('1. seed loop (slots.create × N)', run.seedLoop));
    lines.push(row('1. schedule bot, first run', run.botFirstRun, `${run.speedup}× faster than the seed loop`));
    lines.push(row('2. no-change rerun', run.noChangeRerun));
    lines.push(row('3. small edit (Wed 09:00–17:00)', run.smallEdit, `that weekday: ${run.smallEdit.daySlots} slots`));
    lines.push(
      row('4. deactivation', run.deactivation, `${run.deactivation.booked} booked, ${run.deactivation.tasks} tasks`)
    );
    const m = run.manySchedules;
    lines.push(
      `5. ${m.schedules} schedules × ${r.options.manyDays} days created at once: ${m.slots} slots, total ${(m.totalMs / 1000).toFixed(2)} s, slowest bot run ${(m.slowestRunMs / 1000).toFixed(2)} s`
    );
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

function renderQuota(q: QuotaScenarioResult): string {
  const s = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'never');
  const min = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 60_000).toFixed(1)} min` : 'never');
  return [
    `Quota scenario on ${q.target}`,
    `  long schedule: ${q.slots} slots (weekdays 08:00–18:00, 15 min), bot quota ${q.quota.toLocaleString('en-US')} points/min`,
    `  next 14 days written after        ${s(q.first14DaysMs)}`,
    `  small schedule saved a minute later: its slots after ${s(q.smallScheduleMs)}`,
    `  booking made then: slot busy after ${s(q.bookingMs)}`,
    `  whole long schedule after          ${min(q.convergedMs)} (quota bound, 140 points a slot at the bot's usable quota: ${min(q.quotaBoundMs)}; ratio ${q.ratio})`,
    `  events lost ${q.eventsLost}, duplicate slots ${q.duplicates}` +
      (q.botErrors !== undefined ? `, failed bot runs ${q.botErrors}, 429s ${q.throttled ?? 0}` : ''),
    'Targets:',
    ...quotaTargets(q).map((t) => `  ${t.met ? 'met ' : 'MISS'}  ${t.name}: ${t.value}`),
  ].join('\n');
}
