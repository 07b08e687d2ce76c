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
import {
  failureReport,
  formatAction,
  isAppUrl,
  missingCredentials,
  parseQuota,
  QUOTA_NOTE,
  summary,
  USAGE,
} from '../deploy/cli';
import { readDeployConfig } from '../deploy/config';
import { deploy } from '../deploy/deploy';

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
  console.log(USAGE);
  process.exit(0);
}

const missing = missingCredentials(process.env);
if (missing.length > 0) {
  console.error(
    `Missing ${missing.join(', ')}. Set the Medplum server URL and a project-admin ClientApplication's credentials.`
  );
  process.exit(2);
}
const quotaOption = (name: 'fhir-quota' | 'project-fhir-quota'): number | undefined => {
  const { value, error } = parseQuota(name, values[name]);
  if (error) {
    console.error(error);
    process.exit(2);
  }
  return value;
};
const fhirQuota = quotaOption('fhir-quota');
const projectFhirQuota = quotaOption('project-fhir-quota');

const appUrl = values['app-url'] ?? process.env.APP_URL;
if (appUrl !== undefined && !isAppUrl(appUrl)) {
  console.error('--app-url (or APP_URL) must be the http(s) address where the built app is hosted.');
  process.exit(2);
}
const config = readDeployConfig();
const built = await buildBots(config.bots);
for (const bot of built) {
  console.log(`built ${bot.name} (${(bot.bytes / 1024).toFixed(0)} KiB)`);
}

const baseUrl = process.env.MEDPLUM_BASE_URL as string;
const medplum = new MedplumClient({ baseUrl, fetch: globalThis.fetch.bind(globalThis) });
try {
  await medplum.startClientLogin(process.env.MEDPLUM_CLIENT_ID as string, process.env.MEDPLUM_CLIENT_SECRET as string);
} catch (err) {
  console.error(
    `Could not sign in to ${baseUrl}: ${normalizeErrorString(err)}. Check the URL and the client credentials.`
  );
  process.exit(1);
}
const projectId = medplum.getProject()?.id ?? process.env.MEDPLUM_PROJECT_ID;
if (!projectId) {
  console.error('Signed in, but the project is unknown: set MEDPLUM_PROJECT_ID.');
  process.exit(1);
}

const dryRun = values['dry-run'];
try {
  const actions = await deploy(medplum, config, {
    projectId,
    dryRun,
    codeFor: (bot) => readFileSync(bot.dist, 'utf8'),
    ...(fhirQuota !== undefined ? { fhirQuota } : {}),
    ...(projectFhirQuota !== undefined ? { projectFhirQuota } : {}),
    ...(appUrl ? { appUrl } : {}),
    log: (action) => console.log(formatAction(action, dryRun)),
  });
  console.log(summary(actions, dryRun));
  if (fhirQuota === undefined) {
    console.log(QUOTA_NOTE);
  }
} catch (err) {
  for (const line of failureReport(err)) {
    console.error(line);
  }
  process.exit(1);
}
