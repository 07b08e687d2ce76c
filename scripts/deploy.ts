/**
 * `npm run deploy [-- --dry-run] [-- --fhir-quota 500000]`: builds the bots and deploys them, their AccessPolicy and
 * their Subscriptions to the Medplum project of the client credentials in the environment:
 *   MEDPLUM_BASE_URL, MEDPLUM_CLIENT_ID, MEDPLUM_CLIENT_SECRET (a ClientApplication that is a project admin).
 * Idempotent: a second run reports every piece unchanged.
 */
import { MedplumClient, normalizeErrorString } from '@medplum/core';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildBots } from '../deploy/build';
import { readDeployConfig } from '../deploy/config';
import { deploy, DeployError, type DeployAction } from '../deploy/deploy';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    'fhir-quota': { type: 'string' },
    'project-fhir-quota': { type: 'string' },
    'app-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'Usage: npm run deploy [-- --dry-run] [-- --fhir-quota POINTS_PER_MINUTE] [-- --project-fhir-quota POINTS_PER_MINUTE]' +
      ' [-- --app-url https://app.example.org]'
  );
  process.exit(0);
}

const env = {
  baseUrl: process.env.MEDPLUM_BASE_URL,
  clientId: process.env.MEDPLUM_CLIENT_ID,
  clientSecret: process.env.MEDPLUM_CLIENT_SECRET,
};
const missing = Object.entries({
  MEDPLUM_BASE_URL: env.baseUrl,
  MEDPLUM_CLIENT_ID: env.clientId,
  MEDPLUM_CLIENT_SECRET: env.clientSecret,
})
  .filter(([, v]) => !v)
  .map(([k]) => k);
if (missing.length > 0) {
  console.error(
    `Missing ${missing.join(', ')}. Set the Medplum server URL and a project-admin ClientApplication's credentials.`
  );
  process.exit(2);
}
const quotaOption = (name: 'fhir-quota' | 'project-fhir-quota'): number | undefined => {
  const value = values[name] === undefined ? undefined : Number(values[name]);
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    console.error(`--${name} must be a positive whole number of points per minute.`);
    process.exit(2);
  }
  return value;
};
const fhirQuota = quotaOption('fhir-quota');
const projectFhirQuota = quotaOption('project-fhir-quota');

const appUrl = values['app-url'] ?? process.env.APP_URL;
if (appUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(appUrl)) {
  console.error('--app-url (or APP_URL) must be the http(s) address where the built app is hosted.');
  process.exit(2);
}
const config = readDeployConfig();
const built = await buildBots(config.bots);
for (const bot of built) {
  console.log(`built ${bot.name} (${(bot.bytes / 1024).toFixed(0)} KiB)`);
}

const medplum = new MedplumClient({ baseUrl: env.baseUrl, fetch: globalThis.fetch.bind(globalThis) });
try {
  await medplum.startClientLogin(env.clientId as string, env.clientSecret as string);
} catch (err) {
  console.error(
    `Could not sign in to ${env.baseUrl}: ${normalizeErrorString(err)}. Check the URL and the client credentials.`
  );
  process.exit(1);
}
const projectId = medplum.getProject()?.id ?? process.env.MEDPLUM_PROJECT_ID;
if (!projectId) {
  console.error('Signed in, but the project is unknown: set MEDPLUM_PROJECT_ID.');
  process.exit(1);
}

const print = (a: DeployAction): void =>
  console.log(
    `${values['dry-run'] ? '[dry run] ' : ''}${a.change.padEnd(9)} ${a.target}${a.detail ? ` — ${a.detail}` : ''}`
  );
try {
  const actions = await deploy(medplum, config, {
    projectId,
    dryRun: values['dry-run'],
    codeFor: (bot) => readFileSync(bot.dist, 'utf8'),
    ...(fhirQuota !== undefined ? { fhirQuota } : {}),
    ...(projectFhirQuota !== undefined ? { projectFhirQuota } : {}),
    ...(appUrl ? { appUrl } : {}),
    log: print,
  });
  const changed = actions.filter((a) => !['unchanged', 'info', 'warn'].includes(a.change)).length;
  console.log(
    changed === 0
      ? 'Nothing to change: the project is up to date.'
      : `${changed} change(s) ${values['dry-run'] ? 'planned' : 'made'}.`
  );
  if (fhirQuota === undefined) {
    console.log(
      "Note: the bots pace themselves to their memberships' FHIR quota (50,000 points/min by default: ~350 slots a " +
        'minute in the background, the next 14 days first). For faster filling of long horizons run again with ' +
        '--fhir-quota 1000000 (a UserConfiguration on each bot membership, and the SLOT_BOT_FHIR_QUOTA secret). The bots ' +
        "never use more than 80% of the project's total quota (default 10× the per-user default: 500,000); if your " +
        'server administrator set another total, pass it with --project-fhir-quota.'
    );
  }
} catch (err) {
  if (err instanceof DeployError) {
    console.error(err.message);
    console.error(
      err.done.length
        ? `Already done before the failure:\n${err.done.map((a) => `  ${a.change} ${a.target}`).join('\n')}`
        : 'Nothing was changed.'
    );
  } else {
    console.error(normalizeErrorString(err));
  }
  process.exit(1);
}
