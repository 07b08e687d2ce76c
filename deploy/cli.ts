/**
 * What `npm run deploy` (scripts/deploy.ts) checks and prints: its inputs' validation, one line per action, the
 * summary, the quota note and the failure report. Pure: the script does the reading, signing in and exiting.
 */
import { normalizeErrorString } from '@medplum/core';
import { DeployError, type DeployAction } from './report';

export const USAGE =
  'Usage: npm run deploy [-- --dry-run] [-- --fhir-quota POINTS_PER_MINUTE] [-- --project-fhir-quota POINTS_PER_MINUTE]' +
  ' [-- --app-url https://app.example.org]';

/** The names of the unset credentials among MEDPLUM_BASE_URL, MEDPLUM_CLIENT_ID and MEDPLUM_CLIENT_SECRET. */
export function missingCredentials(env: Record<string, string | undefined>): string[] {
  return ['MEDPLUM_BASE_URL', 'MEDPLUM_CLIENT_ID', 'MEDPLUM_CLIENT_SECRET'].filter((name) => !env[name]);
}

/** A `--fhir-quota`-style option: `undefined` when unset, else a positive whole number or an error message. */
export function parseQuota(name: string, text: string | undefined): { value?: number; error?: string } {
  const value = text === undefined ? undefined : Number(text);
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    return { error: `--${name} must be a positive whole number of points per minute.` };
  }
  return value === undefined ? {} : { value };
}

/** Whether `--app-url` (or APP_URL) is an http(s) address. */
export function isAppUrl(text: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(text);
}

/** One action as the script prints it. */
export function formatAction(a: DeployAction, dryRun: boolean): string {
  return `${dryRun ? '[dry run] ' : ''}${a.change.padEnd(9)} ${a.target}${a.detail ? ` — ${a.detail}` : ''}`;
}

/** The closing line: nothing to change, or how many changes were planned or made. */
export function summary(actions: readonly DeployAction[], dryRun: boolean): string {
  const changed = actions.filter((a) => !['unchanged', 'info', 'warn'].includes(a.change)).length;
  return changed === 0
    ? 'Nothing to change: the project is up to date.'
    : `${changed} change(s) ${dryRun ? 'planned' : 'made'}.`;
}

/** Printed when no `--fhir-quota` was given. */
export const QUOTA_NOTE =
  "Note: the bots pace themselves to their memberships' FHIR quota (50,000 points/min by default: ~350 slots a " +
  'minute in the background, the next 14 days first). For faster filling of long horizons run again with ' +
  '--fhir-quota 1000000 (a UserConfiguration on each bot membership, and the SLOT_BOT_FHIR_QUOTA secret). The bots ' +
  "never use more than 80% of the project's total quota (default 10× the per-user default: 500,000); if your " +
  'server administrator set another total, pass it with --project-fhir-quota.';

/** The lines printed for a failed deploy: the error, and what was already done before it. */
export function failureReport(err: unknown): string[] {
  if (!(err instanceof DeployError)) {
    return [normalizeErrorString(err)];
  }
  return [
    err.message,
    err.done.length
      ? `Already done before the failure:\n${err.done.map((a) => `  ${a.change} ${a.target}`).join('\n')}`
      : 'Nothing was changed.',
  ];
}
