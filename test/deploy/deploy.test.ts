import type { Bot, ProjectMembership, ProjectSetting, Subscription } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { readDeployConfig } from '../../deploy/config';
import { deploy, DEPLOYMENT_TAG_SYSTEM, DeployError, type DeployAction } from '../../deploy/deploy';
import { emptyMockClient } from '../medplum-setup';

const config = readDeployConfig();
let medplum: MockClient;
let code: Record<string, string>;
let deployed: { id: string; code: string }[];
let secrets: ProjectSetting[];
let projectFeatures: string[];

/** Stands in for Medplum's admin API and $deploy, which MockClient does not route. */
function fakeAdminApi(client: MockClient): void {
  const post = client.post.bind(client);
  vi.spyOn(client, 'post').mockImplementation((async (url: string | URL, body: unknown) => {
    const path = url.toString();
    if (/admin\/projects\/[^/]+\/bot$/.test(path)) {
      const { name, description, accessPolicy } = body as {
        name: string;
        description: string;
        accessPolicy?: ProjectMembership['accessPolicy'];
      };
      const bot = await client.createResource<Bot>({ resourceType: 'Bot', name, description });
      await client.createResource<ProjectMembership>({
        resourceType: 'ProjectMembership',
        project: { reference: 'Project/p1' },
        user: { reference: `Bot/${bot.id}` },
        profile: { reference: `Bot/${bot.id}` },
        ...(accessPolicy ? { accessPolicy } : {}),
      });
      return bot;
    }
    const deploy = /Bot\/([^/]+)\/\$deploy$/.exec(path);
    if (deploy) {
      deployed.push({ id: deploy[1] as string, code: (body as { code: string }).code });
      return { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] };
    }
    const member = /admin\/projects\/[^/]+\/members\/([^/]+)$/.exec(path);
    if (member) {
      return client.updateResource(body as ProjectMembership);
    }
    if (/admin\/projects\/[^/]+\/secrets$/.test(path)) {
      secrets = body as ProjectSetting[];
      return { resourceType: 'Project', id: 'p1', secret: secrets };
    }
    return post(url, body);
  }) as never);
  const get = client.get.bind(client);
  vi.spyOn(client, 'get').mockImplementation(((url: string | URL, options?: object) => {
    const path = url.toString();
    if (path.endsWith('healthcheck')) {
      return Promise.resolve({ ok: true, version: '5.1.29-test' });
    }
    if (/admin\/projects\/[^/]+$/.test(path)) {
      return Promise.resolve({ project: { id: 'p1', secret: secrets } });
    }
    return get(url, options as never);
  }) as never);
  const read = client.readResource.bind(client);
  vi.spyOn(client, 'readResource').mockImplementation(((type: string, id: string, options?: object) =>
    type === 'Project'
      ? Promise.resolve({ resourceType: 'Project', id, features: projectFeatures })
      : read(type as never, id, options as never)) as never);
}

/** What deploy changed (its reports of what it found left out). */
function changes(actions: readonly DeployAction[]): string[] {
  return actions
    .filter((a) => !['unchanged', 'info', 'warn'].includes(a.change))
    .map((a) => `${a.change} ${a.target.split(' (')[0]}`);
}

async function run(dryRun = false, fhirQuota?: number): Promise<DeployAction[]> {
  return deploy(medplum, config, {
    projectId: 'p1',
    dryRun,
    codeFor: (bot) => code[bot.name] as string,
    ...(fhirQuota ? { fhirQuota } : {}),
  });
}

beforeEach(() => {
  medplum = emptyMockClient();
  fakeAdminApi(medplum);
  code = {
    'schedule-slots': 'exports.handler = async () => 1;',
    'appointment-slots': 'exports.handler = async () => 2;',
    booking: 'exports.handler = async () => 3;',
  };
  deployed = [];
  secrets = [{ name: 'OTHER_SECRET', valueString: 'kept' }];
  projectFeatures = ['bots', 'cron'];
});
afterEach(() => vi.restoreAllMocks());

describe('deploy', () => {
  test('first run creates the policy, bots, memberships settings and subscriptions; a second run changes nothing', async () => {
    const first = await run(false, 1_000_000);
    expect(changes(first)).toEqual([
      'create AccessPolicy access-policy-bots',
      'create Bot schedule-slots',
      'deploy Bot schedule-slots',
      'create UserConfiguration for Bot schedule-slots',
      'update ProjectMembership of Bot schedule-slots',
      'create Bot appointment-slots',
      'deploy Bot appointment-slots',
      'create UserConfiguration for Bot appointment-slots',
      'update ProjectMembership of Bot appointment-slots',
      'create Bot booking',
      'deploy Bot booking',
      'create UserConfiguration for Bot booking',
      'update ProjectMembership of Bot booking',
      'create AccessPolicy access-policy-staff',
      'create Group scheduling-supervisors',
      'create Subscription subscription-schedule-slots-create',
      'create Subscription subscription-schedule-slots-update',
      'create Subscription subscription-appointment-slots-create',
      'create Subscription subscription-appointment-slots-update',
      'update Project secrets',
    ]);
    expect(first.find((a) => a.target === 'Medplum server')?.detail).toBe('version 5.1.29-test');
    expect(secrets).toEqual([
      { name: 'OTHER_SECRET', valueString: 'kept' },
      { name: 'SLOT_BOT_FHIR_QUOTA', valueInteger: 1_000_000 },
    ]);
    expect(deployed.map((d) => d.code)).toEqual([code['schedule-slots'], code['appointment-slots'], code.booking]);

    const bots = await medplum.searchResources('Bot', {});
    const subscriptions = await medplum.searchResources('Subscription', {});
    // Every Subscription triggers a subscribed bot; the booking bot is an operation, called and never triggered.
    const operations = new Set(config.bots.filter((b) => b.operation).map((b) => b.name));
    const triggered = bots.filter((b) => !operations.has(b.name ?? '')).map((b) => `Bot/${b.id}`);
    expect([...new Set(subscriptions.map((s) => s.channel.endpoint))].sort()).toEqual(triggered.sort());
    expect(bots.find((b) => b.name === 'schedule-slots')?.timeout).toBe(120);
    const [staff] = await medplum.searchResources('AccessPolicy', {
      _tag: `${DEPLOYMENT_TAG_SYSTEM}|access-policy-staff`,
    });
    const rules = Object.fromEntries((staff?.resource ?? []).map((r) => [r.resourceType, r.interaction]));
    expect([rules.Slot, rules.Appointment]).toEqual([
      ['read', 'search', 'history'],
      ['read', 'search', 'history'],
    ]);
    const groups = await medplum.searchResources('Group', {
      identifier: 'https://schedules.clinik.dev/fhir/group|scheduling-supervisors',
    });
    expect(groups.map((g) => [g.name, g.member ?? []])).toEqual([['Scheduling supervisors', []]]);
    expect(staff?.resource?.find((r) => r.resourceType === 'Bot')?.criteria).toBe(
      'Bot?identifier=https://schedules.clinik.dev/fhir/bot|booking'
    );
    const membership = (await medplum.searchResources('ProjectMembership', {}))[0];
    expect(membership?.accessPolicy?.reference).toMatch(/^AccessPolicy\//);
    expect(membership?.userConfiguration?.reference).toMatch(/^UserConfiguration\//);

    const writes = vi.spyOn(medplum, 'createResource');
    const updates = vi.spyOn(medplum, 'updateResource');
    const second = await run(false, 1_000_000);
    expect(changes(second)).toEqual([]);
    expect(writes).not.toHaveBeenCalled();
    expect(updates).not.toHaveBeenCalled();
    expect(deployed).toHaveLength(3);
  });

  test('the booking bot, which makes every desk’s bookings, gets its own raised quota; the others keep theirs', async () => {
    await run();
    const configs = await medplum.searchResources('UserConfiguration', {});
    expect(configs.map((c) => c.option?.find((o) => o.id === 'fhirQuota')?.valueInteger)).toEqual([1_000_000]);
    const memberships = await medplum.searchResources('ProjectMembership', {});
    const withQuota = memberships.filter((m) => m.userConfiguration);
    const bots = await medplum.searchResources('Bot', {});
    expect(withQuota.map((m) => bots.find((b) => `Bot/${b.id}` === m.profile?.reference)?.name)).toEqual(['booking']);
  });

  test('changed code is redeployed, and only that', async () => {
    await run();
    code['appointment-slots'] = 'exports.handler = async () => 3;';
    const again = await run();
    expect(changes(again)).toEqual(['deploy Bot appointment-slots']);
  });

  test('a changed timeout is redeployed too (Lambda takes its timeout from $deploy)', async () => {
    await run();
    const changed = {
      ...config,
      bots: config.bots.map((b) => (b.name === 'schedule-slots' ? { ...b, timeout: 180 } : b)),
    };
    const again = await deploy(medplum, changed, { projectId: 'p1', codeFor: (bot) => code[bot.name] as string });
    expect(changes(again)).toEqual(['update Bot schedule-slots', 'deploy Bot schedule-slots']);
    expect((await medplum.searchResources('Bot', { name: 'schedule-slots' }))[0]?.timeout).toBe(180);
  });

  test('with the app URL, the ClientApplication is registered for SMART launch, idempotently', async () => {
    const options = {
      projectId: 'p1',
      appUrl: 'https://schedules.example.org/',
      codeFor: (bot: { name: string }) => code[bot.name] as string,
    };
    const first = await deploy(medplum, config, options);
    expect(first.some((a) => a.change === 'create' && a.target === 'ClientApplication client-application-app')).toBe(
      true
    );
    const [app] = await medplum.searchResources('ClientApplication', {});
    expect(app?.launchUri).toBe('https://schedules.example.org/');
    expect(app?.redirectUris).toEqual(['https://schedules.example.org/']);
    expect(app?.pkceOptional).toBe(false);
    expect(
      first.some(
        (a) => a.target.startsWith('How to open the app') && a.detail?.includes(`VITE_MEDPLUM_CLIENT_ID=${app?.id}`)
      )
    ).toBe(true);
    const second = await deploy(medplum, config, options);
    expect(changes(second)).toEqual([]);
  });

  test('an earlier deployment is migrated: the combined create+update Subscriptions are replaced, then nothing changes', async () => {
    await run();
    const old = await medplum.createResource<Subscription>({
      resourceType: 'Subscription',
      meta: { tag: [{ system: DEPLOYMENT_TAG_SYSTEM, code: 'subscription-schedule-slots' }] },
      status: 'active',
      reason: 'old combined form',
      criteria: 'Schedule',
      channel: { type: 'rest-hook', endpoint: 'Bot/x' },
    });
    const mine = await medplum.createResource<Subscription>({
      resourceType: 'Subscription',
      status: 'active',
      reason: 'a clinic’s own Subscription, not ours',
      criteria: 'Patient',
      channel: { type: 'rest-hook', endpoint: 'https://example.org/hook' },
    });
    const migrated = await run();
    expect(changes(migrated)).toEqual(['delete Subscription subscription-schedule-slots']);
    const ids = (await medplum.searchResources('Subscription', {})).map((s) => s.id);
    expect(ids).not.toContain(old.id);
    expect(ids).toContain(mine.id);
    expect(changes(await run())).toEqual([]);
  });

  test('warns when the project lacks the cron feature, and names the server version', async () => {
    projectFeatures = ['bots'];
    const actions = await run(true);
    expect(actions.filter((a) => a.change === 'warn').map((a) => a.detail)).toEqual([
      expect.stringMatching(/lacks the "cron" feature/),
    ]);
  });

  test('dry run reports the plan and writes nothing', async () => {
    const creates = vi.spyOn(medplum, 'createResource');
    const plan = await run(true);
    expect(plan.filter((a) => a.change === 'create').length).toBeGreaterThanOrEqual(5);
    expect(creates).not.toHaveBeenCalled();
    expect(deployed).toEqual([]);
  });

  test('a failure part way says what was already done', async () => {
    vi.spyOn(medplum, 'searchResources').mockImplementation((async (type: string) => {
      if (type === 'Bot') {
        throw new Error('Server unavailable');
      }
      return Object.assign([], { bundle: { resourceType: 'Bundle', type: 'searchset' } });
    }) as never);
    const error = await run().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe('Deploy failed at bot schedule-slots: Server unavailable');
    expect((error as DeployError).done.map((a) => a.target)).toEqual([
      'Medplum server',
      'Project/p1',
      'AccessPolicy access-policy-bots',
    ]);
  });
});
