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
}

export interface DeployConfig {
  readonly bots: readonly BotConfig[];
  readonly subscriptions: readonly Subscription[];
  readonly accessPolicy: AccessPolicy;
  /** The app's ClientApplication template (`{{APP_URL}}` is replaced by the app's address at deploy time). */
  readonly clientApplication?: ClientApplication;
}

/** Reads medplum.config.json and its data files from a project root. */
export function readDeployConfig(root = process.cwd()): DeployConfig {
  const raw = JSON.parse(readFileSync(resolve(root, 'medplum.config.json'), 'utf8')) as {
    bots: BotConfig[];
    subscriptions: string;
    accessPolicy: string;
    clientApplication?: string;
  };
  return {
    bots: raw.bots,
    subscriptions: JSON.parse(readFileSync(resolve(root, raw.subscriptions), 'utf8')) as Subscription[],
    accessPolicy: JSON.parse(readFileSync(resolve(root, raw.accessPolicy), 'utf8')) as AccessPolicy,
    ...(raw.clientApplication
      ? {
          clientApplication: JSON.parse(
            readFileSync(resolve(root, raw.clientApplication), 'utf8')
          ) as ClientApplication,
        }
      : {}),
  };
}
