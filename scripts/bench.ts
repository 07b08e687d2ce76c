/**
 * `npm run bench [-- --latency 20,0] [-- --weeks 52] [-- --schedules 200] [-- --json bench-results/bench.json]`
 * `npm run bench -- --quota-only [--quota-weeks 52] [--bot-quota 50000] [--small-at 80] [--server]`: only the quota
 * scenario (`--small-at`: seconds after the long schedule that the small one is saved).
 * Slot generation at scale on the local runtime, side by side with the seed's loop (the seed's Schedules API, see README). Prints a table and writes the
 * same figures as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from '../bench/bench';
import { renderFind, runFindBench } from '../bench/find';
import { idleTargets, renderIdle, runIdleScenario } from '../bench/idle';
import { quotaTargets, runQuotaScenario } from '../bench/quota';
import { render, renderQuota } from '../bench/render';

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
    'small-at': { type: 'string', default: '80' },
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
  // When the small schedule is saved, seconds after the long one (a window is 60 s; a server's is not aligned to it).
  smallAtMs: positive('small-at', values['small-at']) * 1000,
  ...(server ? { server } : {}),
  log: (line) => console.error(line),
});
console.log(renderQuota(quotaScenario));
// Right after that bot work: a 4-week schedule and its deactivation, each when the quota window has room.
const idleScenario = await runIdleScenario({
  quota: positive('bot-quota', values['bot-quota']),
  ...(server ? { server } : {}),
  log: (line) => console.error(line),
});
console.log(renderIdle(idleScenario));
const quotaMet = quotaTargets(quotaScenario).every((t) => t.met) && idleTargets(idleScenario).every((t) => t.met);
if (values['quota-only'] || server) {
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify({ quotaScenario, idleScenario }, null, 2)}\n`);
  process.exit(quotaMet ? 0 : 1);
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
writeFileSync(values.json, `${JSON.stringify({ ...result, quotaScenario, idleScenario }, null, 2)}\n`);
console.log(`\nJSON written to ${values.json}`);
if (result.targets.some((t) => !t.met) || !quotaMet) {
  process.exitCode = 1;
}
