/**
 * Resources the deploy finds by their deployment tag (the AccessPolicy, the Subscriptions, the ClientApplication):
 * created when missing, updated when their content differs, else left alone.
 */
import { getReferenceString } from '@medplum/core';
import type { MedplumClient } from '@medplum/core';
import type { AccessPolicy, ClientApplication, Resource, Subscription } from '@medplum/fhirtypes';
import { PRODUCT_URI } from '../core/fhir';
import type { DeployOptions } from './options';
import type { Recorder } from './report';

export const DEPLOYMENT_TAG_SYSTEM = `${PRODUCT_URI}/CodeSystem/deployment`;

/** The code of a resource's deployment tag, if it has one. */
export function deploymentTag(resource: Resource): string | undefined {
  return resource.meta?.tag?.find((t) => t.system === DEPLOYMENT_TAG_SYSTEM)?.code;
}

/** Finds a resource by its deployment tag; creates or updates it when it differs from `desired`. */
export async function upsertTagged<T extends AccessPolicy | Subscription | ClientApplication>(
  medplum: MedplumClient,
  desired: T,
  options: DeployOptions,
  record: Recorder
): Promise<T> {
  const code = deploymentTag(desired);
  if (!code) {
    throw new Error(`${desired.resourceType} in the data files has no ${DEPLOYMENT_TAG_SYSTEM} tag.`);
  }
  const label = `${desired.resourceType} ${code}`;
  const found = await medplum.searchResources(
    desired.resourceType,
    { _tag: `${DEPLOYMENT_TAG_SYSTEM}|${code}` },
    { cache: 'no-cache' }
  );
  const existing = found[0] as (T & { id: string }) | undefined;
  if (!existing) {
    record({ change: 'create', target: label });
    return options.dryRun ? ({ ...desired, id: `(new ${code})` } as T) : ((await medplum.createResource(desired)) as T);
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

/** Compares two resources ignoring server-managed fields (id, meta other than its tags). */
export function sameContent(a: Resource, b: Resource): boolean {
  return canonical(a) === canonical(b);
}

function canonical(resource: Resource): string {
  const { meta, id: _id, ...rest } = resource as Resource & { meta?: { tag?: unknown } };
  return JSON.stringify(sortedKeys({ ...rest, tag: meta?.tag }));
}

/** A copy with object keys sorted and undefined members dropped, at every depth. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortedKeys);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, sortedKeys(v)])
    );
  }
  return value;
}
