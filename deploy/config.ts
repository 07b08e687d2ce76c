/**
 * The deployment description: medplum.config.json (the bots) and the data files it points to.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AccessPolicy, ClientApplication, Subscription } from '@medplum/fhirtypes';

export interface BotConfig {
  readonly name: string;
  /** Bot id on the target project; resolved by identifier at deploy time when empty. */
  readonly id: string;
  readonly source: string;
  readonly dist: string;
  readonly description?: string;
  /** Bot.timeout in seconds. */
  readonly timeout?: number;
  /** Bot.cronString: when Medplum runs the bot on a schedule (needs the project's `cron` feature). */
  readonly cronString?: string;
  /** An operation: called with `Bot/$execute` (the booking bot), never triggered by a Subscription. */
  readonly operation?: boolean;
  /**
   * The bot membership's FHIR quota (points a minute) it needs whatever `--fhir-quota` says: the booking bot makes
   * every front desk's bookings, so it needs the quota of many users (each booking costs about 500 points).
   */
  readonly fhirQuota?: number;
}

export interface DeployConfig {
  readonly bots: readonly BotConfig[];
  readonly subscriptions: readonly Subscription[];
  readonly accessPolicy: AccessPolicy;
  /** The AccessPolicy a clinic gives its front desk and clinicians (Slots and Appointments read-only). */
  readonly staffAccessPolicy?: AccessPolicy;
  /** The app's ClientApplication template (`{{APP_URL}}` is replaced by the app's address at deploy time). */
  readonly clientApplication?: ClientApplication;
}

/** Reads medplum.config.json and its data files from a project root. */
export function readDeployConfig(root = process.cwd()): DeployConfig {
  const raw = JSON.parse(readFileSync(resolve(root, 'medplum.config.json'), 'utf8')) as {
    bots: BotConfig[];
    subscriptions: string;
    accessPolicy: string;
    staffAccessPolicy?: string;
    clientApplication?: string;
  };
  const read = <T>(path: string): T => JSON.parse(readFileSync(resolve(root, path), 'utf8')) as T;
  return {
    bots: raw.bots,
    subscriptions: read<Subscription[]>(raw.subscriptions),
    accessPolicy: read<AccessPolicy>(raw.accessPolicy),
    ...(raw.staffAccessPolicy ? { staffAccessPolicy: read<AccessPolicy>(raw.staffAccessPolicy) } : {}),
    ...(raw.clientApplication ? { clientApplication: read<ClientApplication>(raw.clientApplication) } : {}),
  };
}
