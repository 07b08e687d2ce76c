/**
 * The "Scheduling supervisors" Group: its members may override booking rules (api/rules/override.ts). Made empty
 * when missing and never changed afterwards: its members are the project admins' to edit, in Medplum's app.
 */
import { getReferenceString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { Group } from '@medplum/fhirtypes';
import { SUPERVISORS_IDENTIFIER } from '../core/fhir';
import type { DeployOptions } from './options';
import type { Recorder } from './report';

export async function ensureSupervisorsGroup(
  medplum: MedplumClient,
  options: DeployOptions,
  record: Recorder
): Promise<void> {
  const identifier = `${SUPERVISORS_IDENTIFIER.system}|${SUPERVISORS_IDENTIFIER.value}`;
  const found = await medplum.searchOne('Group', { identifier }, { cache: 'no-cache' });
  if (found) {
    record({ change: 'unchanged', target: `Group scheduling-supervisors (${getReferenceString(found)})` });
    return;
  }
  record({ change: 'create', target: 'Group scheduling-supervisors (add members in Medplum to allow overrides)' });
  if (!options.dryRun) {
    const group: Group = {
      resourceType: 'Group',
      type: 'practitioner',
      actual: true,
      name: 'Scheduling supervisors',
      identifier: [{ ...SUPERVISORS_IDENTIFIER }],
    };
    await medplum.createResource(group);
  }
}
