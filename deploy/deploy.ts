/**
 * Deploys the bots, their AccessPolicy and their Subscriptions to a Medplum project, idempotently: every piece is
 * found by a stable identifier or tag, compared with what the project holds, and written only when it differs.
 * A second run changes nothing. `dryRun` reads and reports without writing. Each piece has its module beside this
 * one (server, tagged, bots, membership, subscriptions, secrets, client-application); this one runs them in order.
 */
import type { MedplumClient } from '@medplum/core';
import { resolveSubscriptions } from '../medplum/subscriptions';
import { deployBot } from './bots';
import { deployClientApplication } from './client-application';
import type { DeployConfig } from './config';
import type { DeployOptions } from './options';
import { DeployError, type DeployAction } from './report';
import { upsertSecrets } from './secrets';
import { ensureSupervisorsGroup } from './supervisors';
import { checkServer } from './server';
import { deploySubscriptions } from './subscriptions';
import { upsertTagged } from './tagged';

export { BOT_IDENTIFIER_SYSTEM, CODE_HASH_EXTENSION } from './bots';
export type { DeployOptions } from './options';
export { DeployError, type DeployAction } from './report';
export { DEPLOYMENT_TAG_SYSTEM } from './tagged';

/**
 * Deploys everything in the config; returns the actions taken (or planned, for a dry run).
 *
 * @example
 * const actions = await deploy(medplum, readDeployConfig(), { projectId, codeFor: (b) => readFileSync(b.dist, 'utf8') });
 */
export async function deploy(
  medplum: MedplumClient,
  config: DeployConfig,
  options: DeployOptions
): Promise<DeployAction[]> {
  const actions: DeployAction[] = [];
  const record = (action: DeployAction): void => {
    actions.push(action);
    options.log?.(action);
  };
  let step = 'server';
  try {
    await checkServer(medplum, options, record);
    step = 'access policy';
    const policy = await upsertTagged(medplum, config.accessPolicy, options, record);
    const botIds: Record<string, string> = {};
    for (const bot of config.bots) {
      step = `bot ${bot.name}`;
      botIds[bot.name] = await deployBot(medplum, bot, policy, options, record);
    }
    if (config.staffAccessPolicy) {
      step = 'staff access policy';
      await upsertTagged(medplum, config.staffAccessPolicy, options, record);
      step = 'scheduling supervisors';
      await ensureSupervisorsGroup(medplum, options, record);
    }
    step = 'subscriptions';
    await deploySubscriptions(medplum, resolveSubscriptions(config.subscriptions, botIds), options, record);
    step = 'project secrets';
    await upsertSecrets(medplum, options, record);
    if (config.clientApplication && options.appUrl) {
      step = 'client application';
      await deployClientApplication(medplum, config.clientApplication, options.appUrl, options, record);
    }
  } catch (err) {
    throw new DeployError(`Deploy failed at ${step}: ${err instanceof Error ? err.message : String(err)}`, actions, {
      cause: err,
    });
  }
  return actions;
}
