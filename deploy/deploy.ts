/**
 * Deploys the bots, their AccessPolicy and their Subscriptions to a Medplum project, idempotently: every piece is
 * found by a stable identifier or tag, compared with what the project holds, and written only when it differs.
 * A second run changes nothing. `dryRun` reads and reports without writing.
 */
import { createReference, getReferenceString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type {
  AccessPolicy,
  ClientApplication,
  Bot,
  ProjectMembership,
  ProjectSetting,
  Resource,
  Subscription,
  UserConfiguration,
} from '@medplum/fhirtypes';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { PRODUCT_URI } from '../core/fhir';
import { resolveSubscriptions } from '../medplum/subscriptions';
import type { BotConfig, DeployConfig } from './config';

export const BOT_IDENTIFIER_SYSTEM = `${PRODUCT_URI}/bot`;
export const DEPLOYMENT_TAG_SYSTEM = `${PRODUCT_URI}/CodeSystem/deployment`;
export const CODE_HASH_EXTENSION = `${PRODUCT_URI}/StructureDefinition/deployed-code-sha256`;

export interface DeployAction {
  /** `info` and `warn` report what was found; they change nothing. */
  readonly change: 'create' | 'update' | 'deploy' | 'delete' | 'unchanged' | 'info' | 'warn';
  readonly target: string;
  readonly detail?: string;
}

export interface DeployOptions {
  readonly projectId: string;
  readonly dryRun?: boolean;
  /** The bundled code of a bot. */
  readonly codeFor: (bot: BotConfig) => string;
  /** Where the built app is hosted (https://…); when set, its ClientApplication is registered for SMART launch. */
  readonly appUrl?: string;
  /** FHIR quota points per minute for each bot's membership (UserConfiguration `fhirQuota`); unset leaves it. */
  readonly fhirQuota?: number;
  /** The project's total FHIR quota per minute, told to the bots so that they keep within their share of it. */
  readonly projectFhirQuota?: number;
  readonly log?: (action: DeployAction) => void;
}

/** Thrown when a step fails: carries what was already done, so that nothing half-deployed goes unreported. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly done: readonly DeployAction[],
    options?: ErrorOptions
  ) {
    super(message, options);
  }
}

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
    step = 'subscriptions';
    const subscriptions = resolveSubscriptions(config.subscriptions, botIds);
    for (const subscription of subscriptions) {
      await upsertTagged(medplum, subscription, options, record);
    }
    await removeStaleSubscriptions(medplum, subscriptions, options, record);
    step = 'project secrets';
    await upsertSecrets(medplum, options, record);
    if (config.clientApplication && options.appUrl) {
      step = 'client application';
      const appUrl = options.appUrl.replace(/\/+$/, '');
      const app = JSON.parse(
        JSON.stringify(config.clientApplication).replaceAll('{{APP_URL}}', appUrl)
      ) as ClientApplication;
      const saved = await upsertTagged(medplum, app, options, record);
      record({
        change: 'unchanged',
        target: `How to open the app: in Medplum, a resource page's Apps tab lists "${app.name}"; it launches ${app.launchUri}`,
        detail: `build the app with VITE_MEDPLUM_BASE_URL=<server> VITE_MEDPLUM_CLIENT_ID=${saved.id ?? '<new id>'}`,
      });
    }
  } catch (err) {
    throw new DeployError(`Deploy failed at ${step}: ${err instanceof Error ? err.message : String(err)}`, actions, {
      cause: err,
    });
  }
  return actions;
}

/**
 * Reports the server's version and the project's features: the bots need `bots`; the per-minute run that continues
 * deferred work and catches lost events needs `cron`.
 */
async function checkServer(
  medplum: MedplumClient,
  options: DeployOptions,
  record: (action: DeployAction) => void
): Promise<void> {
  const health = (await medplum.get(medplum.getBaseUrl() + 'healthcheck').catch(() => undefined)) as
    { version?: string } | undefined;
  record({ change: 'info', target: 'Medplum server', detail: `version ${health?.version ?? 'unknown'}` });
  const project = await medplum.readResource('Project', options.projectId).catch(() => undefined);
  const features = project?.features ?? [];
  if (!project) {
    record({ change: 'warn', target: `Project/${options.projectId}`, detail: 'could not read its features' });
    return;
  }
  record({
    change: 'info',
    target: `Project/${options.projectId}`,
    detail: `features: ${features.join(', ') || 'none'}`,
  });
  if (!features.includes('bots')) {
    record({
      change: 'warn',
      target: `Project/${options.projectId}`,
      detail: 'lacks the "bots" feature: no bot will run until a server administrator enables it',
    });
  }
  if (!features.includes('cron')) {
    record({
      change: 'warn',
      target: `Project/${options.projectId}`,
      detail:
        'lacks the "cron" feature: deferred slot work then continues only by self-resumption, lost events are not ' +
        'caught, and rolling windows do not move on; ask a server administrator to enable it',
    });
  }
}

/**
 * Deletes Subscriptions this product deployed earlier that the data files no longer have (for example the older
 * combined create+update Subscriptions, which Medplum 5.0 fired for creates only).
 */
async function removeStaleSubscriptions(
  medplum: MedplumClient,
  desired: readonly Subscription[],
  options: DeployOptions,
  record: (action: DeployAction) => void
): Promise<void> {
  const wanted = new Set(
    desired.map((s) => s.meta?.tag?.find((t) => t.system === DEPLOYMENT_TAG_SYSTEM)?.code).filter(Boolean)
  );
  const all = await medplum.searchResources('Subscription', { _count: '1000' }, { cache: 'no-cache' });
  const ours = all.filter((s) => s.meta?.tag?.some((t) => t.system === DEPLOYMENT_TAG_SYSTEM));
  for (const subscription of ours) {
    const code = subscription.meta?.tag?.find((t) => t.system === DEPLOYMENT_TAG_SYSTEM)?.code;
    if (code && !wanted.has(code)) {
      record({
        change: 'delete',
        target: `Subscription ${code} (Subscription/${subscription.id})`,
        detail: 'replaced',
      });
      if (!options.dryRun) {
        await medplum.deleteResource('Subscription', subscription.id);
      }
    }
  }
}

/** Tells the bots their quota (project secrets), so that they pace themselves to it. */
async function upsertSecrets(
  medplum: MedplumClient,
  options: DeployOptions,
  record: (action: DeployAction) => void
): Promise<void> {
  const wanted: Record<string, number> = {
    ...(options.fhirQuota !== undefined ? { SLOT_BOT_FHIR_QUOTA: options.fhirQuota } : {}),
    ...(options.projectFhirQuota !== undefined ? { SLOT_PROJECT_FHIR_QUOTA: options.projectFhirQuota } : {}),
  };
  if (Object.keys(wanted).length === 0) {
    return;
  }
  const admin = (await medplum.get(`admin/projects/${options.projectId}`, { cache: 'no-cache' })) as {
    project?: { secret?: ProjectSetting[] };
  };
  const secrets = admin.project?.secret ?? [];
  const stale = Object.entries(wanted).filter(
    ([name, value]) => secrets.find((s) => s.name === name)?.valueInteger !== value
  );
  if (stale.length === 0) {
    record({ change: 'unchanged', target: 'Project secrets', detail: Object.keys(wanted).join(', ') });
    return;
  }
  record({ change: 'update', target: 'Project secrets', detail: stale.map(([n, v]) => `${n}=${v}`).join(', ') });
  if (!options.dryRun) {
    await medplum.post(`admin/projects/${options.projectId}/secrets`, [
      ...secrets.filter((s) => !(s.name in wanted)),
      ...Object.entries(wanted).map(([name, value]): ProjectSetting => ({ name, valueInteger: value })),
    ]);
  }
}

/** Finds a resource by its deployment tag; creates or updates it when it differs from `desired`. */
async function upsertTagged<T extends AccessPolicy | Subscription | ClientApplication>(
  medplum: MedplumClient,
  desired: T,
  options: DeployOptions,
  record: (action: DeployAction) => void
): Promise<T> {
  const tag = desired.meta?.tag?.find((t) => t.system === DEPLOYMENT_TAG_SYSTEM);
  if (!tag?.code) {
    throw new Error(`${desired.resourceType} in the data files has no ${DEPLOYMENT_TAG_SYSTEM} tag.`);
  }
  const label = `${desired.resourceType} ${tag.code}`;
  const found = await medplum.searchResources(
    desired.resourceType,
    { _tag: `${DEPLOYMENT_TAG_SYSTEM}|${tag.code}` },
    { cache: 'no-cache' }
  );
  const existing = found[0] as (T & { id: string }) | undefined;
  if (!existing) {
    record({ change: 'create', target: label });
    return options.dryRun
      ? ({ ...desired, id: `(new ${tag.code})` } as T)
      : ((await medplum.createResource(desired)) as T);
  }
  if (sameContent(existing, desired)) {
    record({ change: 'unchanged', target: `${label} (${getReferenceString(existing)})` });
    return existing;
  }
  record({ change: 'update', target: `${label} (${getReferenceString(existing)})` });
  return options.dryRun
    ? existing
    : ((await medplum.updateResource({
        ...desired,
        id: existing.id,
        meta: { ...existing.meta, tag: desired.meta?.tag },
      })) as T);
}

async function deployBot(
  medplum: MedplumClient,
  config: BotConfig,
  policy: AccessPolicy,
  options: DeployOptions,
  record: (action: DeployAction) => void
): Promise<string> {
  const identifier = { system: BOT_IDENTIFIER_SYSTEM, value: config.name };
  const found = await medplum.searchResources(
    'Bot',
    { identifier: `${identifier.system}|${identifier.value}` },
    { cache: 'no-cache' }
  );
  let bot = found[0] as (Bot & { id: string }) | undefined;
  const label = `Bot ${config.name}`;
  if (!bot) {
    record({ change: 'create', target: label });
    if (options.dryRun) {
      record({ change: 'deploy', target: label, detail: 'code' });
      return `(new ${config.name})`;
    }
    // The admin API creates the Bot together with its ProjectMembership (a plain create would leave it without one).
    bot = (await medplum.post(`admin/projects/${options.projectId}/bot`, {
      name: config.name,
      description: config.description ?? '',
      accessPolicy: policy.id ? createReference(policy) : undefined,
    })) as Bot & { id: string };
    bot = await medplum.readResource('Bot', bot.id);
  }
  const desired: Bot = {
    ...bot,
    name: config.name,
    description: config.description ?? bot.description,
    identifier: [...(bot.identifier ?? []).filter((i) => i.system !== BOT_IDENTIFIER_SYSTEM), identifier],
    ...(config.timeout ? { timeout: config.timeout } : {}),
    ...(config.cronString ? { cronString: config.cronString } : {}),
  };
  if (!found[0] || !sameContent(bot, desired)) {
    if (found[0]) {
      record({ change: 'update', target: `${label} (Bot/${bot.id})`, detail: 'settings' });
    }
    if (!options.dryRun) {
      bot = (await medplum.updateResource(desired)) as Bot & { id: string };
    }
  }

  // On AWS Lambda the timeout is applied by $deploy only: a changed timeout redeploys as a changed code would.
  const code = options.codeFor(config);
  const hash = createHash('sha256')
    .update(code)
    .update(JSON.stringify({ timeout: config.timeout ?? null }))
    .digest('hex');
  const deployed = bot.extension?.find((e) => e.url === CODE_HASH_EXTENSION)?.valueString;
  if (deployed === hash) {
    record({ change: 'unchanged', target: `${label} (Bot/${bot.id})`, detail: `code ${hash.slice(0, 12)}` });
  } else {
    record({ change: 'deploy', target: `${label} (Bot/${bot.id})`, detail: `code ${hash.slice(0, 12)}` });
    if (!options.dryRun) {
      await medplum.post(medplum.fhirUrl('Bot', bot.id, '$deploy'), { code, filename: basename(config.dist) });
      const current = await medplum.readResource('Bot', bot.id, { cache: 'no-cache' });
      bot = (await medplum.updateResource({
        ...current,
        extension: [
          ...(current.extension ?? []).filter((e) => e.url !== CODE_HASH_EXTENSION),
          { url: CODE_HASH_EXTENSION, valueString: hash },
        ],
      })) as Bot & { id: string };
    }
  }
  await ensureMembership(medplum, bot, policy, options, record);
  return bot.id;
}

/** Gives the bot's membership the AccessPolicy and, when asked, a FHIR quota (UserConfiguration `fhirQuota`). */
async function ensureMembership(
  medplum: MedplumClient,
  bot: Bot & { id: string },
  policy: AccessPolicy,
  options: DeployOptions,
  record: (action: DeployAction) => void
): Promise<void> {
  const label = `ProjectMembership of Bot ${bot.name}`;
  const memberships = await medplum.searchResources(
    'ProjectMembership',
    { profile: `Bot/${bot.id}` },
    { cache: 'no-cache' }
  );
  const membership = memberships[0] as (ProjectMembership & { id: string }) | undefined;
  if (!membership) {
    if (!options.dryRun) {
      throw new Error(`Bot/${bot.id} has no ProjectMembership; create the bot through the Medplum app or admin API.`);
    }
    record({ change: 'create', target: label, detail: 'with the new bot' });
    return;
  }
  let userConfiguration = membership.userConfiguration;
  if (options.fhirQuota !== undefined) {
    const config: UserConfiguration = {
      resourceType: 'UserConfiguration',
      name: `Schedules plugin: ${bot.name} quota`,
      option: [{ id: 'fhirQuota', valueInteger: options.fhirQuota }],
    };
    const existing = userConfiguration?.reference
      ? await medplum.readReference(userConfiguration).catch(() => undefined)
      : undefined;
    const current = existing?.option?.find((o) => o.id === 'fhirQuota')?.valueInteger;
    if (current !== options.fhirQuota) {
      record({
        change: existing ? 'update' : 'create',
        target: `UserConfiguration for Bot ${bot.name}`,
        detail: `fhirQuota ${options.fhirQuota}/min`,
      });
      if (!options.dryRun) {
        const saved = existing
          ? await medplum.updateResource({
              ...existing,
              option: [...(existing.option ?? []).filter((o) => o.id !== 'fhirQuota'), ...(config.option ?? [])],
            })
          : await medplum.createResource(config);
        userConfiguration = createReference(saved) as ProjectMembership['userConfiguration'];
      }
    }
  }
  const policyRef = policy.id && !policy.id.startsWith('(') ? `AccessPolicy/${policy.id}` : undefined;
  const wantsPolicy = policyRef !== undefined && membership.accessPolicy?.reference !== policyRef;
  const wantsConfig = userConfiguration?.reference !== membership.userConfiguration?.reference;
  if (!wantsPolicy && !wantsConfig) {
    record({ change: 'unchanged', target: `${label} (${getReferenceString(membership)})` });
    return;
  }
  record({
    change: 'update',
    target: `${label} (${getReferenceString(membership)})`,
    detail: [wantsPolicy && 'access policy', wantsConfig && 'quota'].filter(Boolean).join(', '),
  });
  if (!options.dryRun) {
    await medplum.post(`admin/projects/${options.projectId}/members/${membership.id}`, {
      ...membership,
      ...(policyRef ? { accessPolicy: { reference: policyRef } } : {}),
      ...(userConfiguration ? { userConfiguration } : {}),
    });
  }
}

/** Compares two resources ignoring server-managed fields. */
function sameContent(a: Resource, b: Resource): boolean {
  return canonical(a) === canonical(b);
}

function canonical(resource: Resource): string {
  const { meta, id: _id, ...rest } = resource as Resource & { meta?: { tag?: unknown } };
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(sorted);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([k, v]) => [k, sorted(v)])
      );
    }
    return value;
  };
  return JSON.stringify(sorted({ ...rest, tag: meta?.tag }));
}
