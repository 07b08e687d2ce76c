/**
 * A bot's ProjectMembership: its AccessPolicy and, when asked, its FHIR quota (a UserConfiguration `fhirQuota`).
 */
import { createReference, getReferenceString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { AccessPolicy, Bot, ProjectMembership, UserConfiguration } from '@medplum/fhirtypes';
import type { DeployOptions } from './options';
import type { Recorder } from './report';

type Membership = ProjectMembership & { id: string };
type ConfigurationReference = ProjectMembership['userConfiguration'];

/** Gives the bot's membership the AccessPolicy and, when asked, a FHIR quota (UserConfiguration `fhirQuota`). */
export async function ensureMembership(
  medplum: MedplumClient,
  bot: Bot & { id: string },
  policy: AccessPolicy,
  options: DeployOptions,
  record: Recorder
): Promise<void> {
  const label = `ProjectMembership of Bot ${bot.name}`;
  const memberships = await medplum.searchResources(
    'ProjectMembership',
    { profile: `Bot/${bot.id}` },
    { cache: 'no-cache' }
  );
  const membership = memberships[0] as Membership | undefined;
  if (!membership) {
    if (!options.dryRun) {
      throw new Error(`Bot/${bot.id} has no ProjectMembership; create the bot through the Medplum app or admin API.`);
    }
    record({ change: 'create', target: label, detail: 'with the new bot' });
    return;
  }
  const userConfiguration =
    options.fhirQuota === undefined
      ? membership.userConfiguration
      : await ensureQuota(medplum, bot, membership.userConfiguration, options.fhirQuota, options, record);
  await updateMembership(medplum, membership, label, policy, userConfiguration, options, record);
}

/**
 * Sets `fhirQuota` on the membership's UserConfiguration (created when it has none); returns the reference the
 * membership should hold.
 */
async function ensureQuota(
  medplum: MedplumClient,
  bot: Bot,
  reference: ConfigurationReference,
  fhirQuota: number,
  options: DeployOptions,
  record: Recorder
): Promise<ConfigurationReference> {
  const existing = reference?.reference ? await medplum.readReference(reference).catch(() => undefined) : undefined;
  if (existing?.option?.find((o) => o.id === 'fhirQuota')?.valueInteger === fhirQuota) {
    return reference;
  }
  record({
    change: existing ? 'update' : 'create',
    target: `UserConfiguration for Bot ${bot.name}`,
    detail: `fhirQuota ${fhirQuota}/min`,
  });
  if (options.dryRun) {
    return reference;
  }
  const option: UserConfiguration['option'] = [{ id: 'fhirQuota', valueInteger: fhirQuota }];
  const saved = existing
    ? await medplum.updateResource({
        ...existing,
        option: [...(existing.option ?? []).filter((o) => o.id !== 'fhirQuota'), ...option],
      })
    : await medplum.createResource<UserConfiguration>({
        resourceType: 'UserConfiguration',
        name: `Schedules plugin: ${bot.name} quota`,
        option,
      });
  return createReference(saved) as ConfigurationReference;
}

/** Points the membership at the AccessPolicy and the UserConfiguration, when it does not already. */
async function updateMembership(
  medplum: MedplumClient,
  membership: Membership,
  label: string,
  policy: AccessPolicy,
  userConfiguration: ConfigurationReference,
  options: DeployOptions,
  record: Recorder
): Promise<void> {
  const policyRef = policy.id && !policy.id.startsWith('(') ? `AccessPolicy/${policy.id}` : undefined;
  const wantsPolicy = policyRef !== undefined && membership.accessPolicy?.reference !== policyRef;
  const wantsConfig = userConfiguration?.reference !== membership.userConfiguration?.reference;
  const target = `${label} (${getReferenceString(membership)})`;
  if (!wantsPolicy && !wantsConfig) {
    record({ change: 'unchanged', target });
    return;
  }
  record({
    change: 'update',
    target,
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
