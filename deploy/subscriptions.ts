/**
 * The bots' Subscriptions: each one upserted by its deployment tag, and those this product deployed earlier that
 * the data files no longer have deleted.
 */
import type { MedplumClient } from '@medplum/core';
import type { Subscription } from '@medplum/fhirtypes';
import type { DeployOptions } from './options';
import type { Recorder } from './report';
import { deploymentTag, DEPLOYMENT_TAG_SYSTEM, upsertTagged } from './tagged';

/** Upserts the Subscriptions (already resolved to the deployed bots' ids), then removes stale ones. */
export async function deploySubscriptions(
  medplum: MedplumClient,
  subscriptions: readonly Subscription[],
  options: DeployOptions,
  record: Recorder
): Promise<void> {
  for (const subscription of subscriptions) {
    await upsertTagged(medplum, subscription, options, record);
  }
  await removeStaleSubscriptions(medplum, subscriptions, options, record);
}

/**
 * Deletes Subscriptions this product deployed earlier that the data files no longer have (for example the older
 * combined create+update Subscriptions, which Medplum 5.0 fired for creates only).
 */
async function removeStaleSubscriptions(
  medplum: MedplumClient,
  desired: readonly Subscription[],
  options: DeployOptions,
  record: Recorder
): Promise<void> {
  const wanted = new Set(desired.map(deploymentTag).filter(Boolean));
  const all = await medplum.searchResources('Subscription', { _count: '1000' }, { cache: 'no-cache' });
  const ours = all.filter((s) => s.meta?.tag?.some((t) => t.system === DEPLOYMENT_TAG_SYSTEM));
  for (const subscription of ours) {
    const code = deploymentTag(subscription);
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
