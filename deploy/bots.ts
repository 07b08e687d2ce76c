/**
 * The Bots: each found by its identifier (created through the admin API with its membership when missing), its
 * settings brought in line with the config, and its code deployed when its hash changed.
 */
import { createReference } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { AccessPolicy, Bot } from '@medplum/fhirtypes';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { BOT_IDENTIFIER_SYSTEM, PRODUCT_URI } from '../core/fhir';
import type { BotConfig } from './config';
import { ensureMembership } from './membership';
import type { DeployOptions } from './options';
import type { Recorder } from './report';
import { sameContent } from './tagged';

export { BOT_IDENTIFIER_SYSTEM };
export const CODE_HASH_EXTENSION = `${PRODUCT_URI}/StructureDefinition/deployed-code-sha256`;

type SavedBot = Bot & { id: string };

/** Deploys one bot; returns its id (a placeholder for a bot a dry run would create). */
export async function deployBot(
  medplum: MedplumClient,
  config: BotConfig,
  policy: AccessPolicy,
  options: DeployOptions,
  record: Recorder
): Promise<string> {
  const label = `Bot ${config.name}`;
  const found = await findBot(medplum, config.name);
  if (!found) {
    record({ change: 'create', target: label });
    if (options.dryRun) {
      record({ change: 'deploy', target: label, detail: 'code' });
      return `(new ${config.name})`;
    }
  }
  let bot = found ?? (await createBot(medplum, config, policy, options));
  bot = await updateSettings(medplum, bot, config, found !== undefined, options, record);
  bot = await deployCode(medplum, bot, config, options, record);
  await ensureMembership(medplum, bot, policy, { ...options, fhirQuota: botQuota(config, options) }, record);
  return bot.id;
}

/** The bot's own quota floor, raised by `--fhir-quota` when that is higher; undefined leaves the quota as it is. */
export function botQuota(config: BotConfig, options: Pick<DeployOptions, 'fhirQuota'>): number | undefined {
  if (config.fhirQuota === undefined) {
    return options.fhirQuota;
  }
  return Math.max(config.fhirQuota, options.fhirQuota ?? 0);
}

async function findBot(medplum: MedplumClient, name: string): Promise<SavedBot | undefined> {
  const found = await medplum.searchResources(
    'Bot',
    { identifier: `${BOT_IDENTIFIER_SYSTEM}|${name}` },
    { cache: 'no-cache' }
  );
  return found[0] as SavedBot | undefined;
}

/** Creates the Bot through the admin API, which makes its ProjectMembership too (a plain create would not). */
async function createBot(
  medplum: MedplumClient,
  config: BotConfig,
  policy: AccessPolicy,
  options: DeployOptions
): Promise<SavedBot> {
  const created = (await medplum.post(`admin/projects/${options.projectId}/bot`, {
    name: config.name,
    description: config.description ?? '',
    accessPolicy: policy.id ? createReference(policy) : undefined,
  })) as SavedBot;
  return medplum.readResource('Bot', created.id);
}

/** Brings the Bot's name, description, identifier, timeout and cron string in line with the config. */
async function updateSettings(
  medplum: MedplumClient,
  bot: SavedBot,
  config: BotConfig,
  existed: boolean,
  options: DeployOptions,
  record: Recorder
): Promise<SavedBot> {
  const desired: Bot = {
    ...bot,
    name: config.name,
    description: config.description ?? bot.description,
    identifier: [
      ...(bot.identifier ?? []).filter((i) => i.system !== BOT_IDENTIFIER_SYSTEM),
      { system: BOT_IDENTIFIER_SYSTEM, value: config.name },
    ],
    ...(config.timeout ? { timeout: config.timeout } : {}),
    ...(config.cronString ? { cronString: config.cronString } : {}),
  };
  if (existed && sameContent(bot, desired)) {
    return bot;
  }
  if (existed) {
    record({ change: 'update', target: `Bot ${config.name} (Bot/${bot.id})`, detail: 'settings' });
  }
  return options.dryRun ? bot : ((await medplum.updateResource(desired)) as SavedBot);
}

/**
 * The hash the deployed code is known by. On AWS Lambda the timeout is applied by $deploy only: a changed timeout
 * redeploys as a changed code would.
 */
export function codeHash(code: string, timeout: number | undefined): string {
  return createHash('sha256')
    .update(code)
    .update(JSON.stringify({ timeout: timeout ?? null }))
    .digest('hex');
}

/** Deploys the bot's code ($deploy) unless the hash recorded on the Bot matches; then records the new hash. */
async function deployCode(
  medplum: MedplumClient,
  bot: SavedBot,
  config: BotConfig,
  options: DeployOptions,
  record: Recorder
): Promise<SavedBot> {
  const code = options.codeFor(config);
  const hash = codeHash(code, config.timeout);
  const target = `Bot ${config.name} (Bot/${bot.id})`;
  if (bot.extension?.find((e) => e.url === CODE_HASH_EXTENSION)?.valueString === hash) {
    record({ change: 'unchanged', target, detail: `code ${hash.slice(0, 12)}` });
    return bot;
  }
  record({ change: 'deploy', target, detail: `code ${hash.slice(0, 12)}` });
  if (options.dryRun) {
    return bot;
  }
  await medplum.post(medplum.fhirUrl('Bot', bot.id, '$deploy'), { code, filename: basename(config.dist) });
  const current = await medplum.readResource('Bot', bot.id, { cache: 'no-cache' });
  return (await medplum.updateResource({
    ...current,
    extension: [
      ...(current.extension ?? []).filter((e) => e.url !== CODE_HASH_EXTENSION),
      { url: CODE_HASH_EXTENSION, valueString: hash },
    ],
  })) as SavedBot;
}
