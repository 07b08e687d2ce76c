/**
 * The project secrets that tell the bots their FHIR quota, so that they pace themselves to it.
 */
import type { MedplumClient } from '@medplum/core';
import type { ProjectSetting } from '@medplum/fhirtypes';
import type { DeployOptions } from './options';
import type { Recorder } from './report';

/** The quota secrets a deploy with these options sets (none when it sets no quota). */
export function quotaSecrets(options: Pick<DeployOptions, 'fhirQuota' | 'projectFhirQuota'>): Record<string, number> {
  return {
    ...(options.fhirQuota !== undefined ? { SLOT_BOT_FHIR_QUOTA: options.fhirQuota } : {}),
    ...(options.projectFhirQuota !== undefined ? { SLOT_PROJECT_FHIR_QUOTA: options.projectFhirQuota } : {}),
  };
}

/** Tells the bots their quota (project secrets), so that they pace themselves to it; other secrets are kept. */
export async function upsertSecrets(medplum: MedplumClient, options: DeployOptions, record: Recorder): Promise<void> {
  const wanted = quotaSecrets(options);
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
