/**
 * The server check before a deploy: Medplum's version and the project's features.
 */
import type { MedplumClient } from '@medplum/core';
import type { DeployOptions } from './options';
import type { Recorder } from './report';

/**
 * Reports the server's version and the project's features: the bots need `bots`; the per-minute run that continues
 * deferred work and catches lost events needs `cron`.
 */
export async function checkServer(medplum: MedplumClient, options: DeployOptions, record: Recorder): Promise<void> {
  const health = (await medplum.get(medplum.getBaseUrl() + 'healthcheck').catch(() => undefined)) as
    { version?: string } | undefined;
  record({ change: 'info', target: 'Medplum server', detail: `version ${health?.version ?? 'unknown'}` });
  const project = await medplum.readResource('Project', options.projectId).catch(() => undefined);
  const target = `Project/${options.projectId}`;
  if (!project) {
    record({ change: 'warn', target, detail: 'could not read its features' });
    return;
  }
  const features = project.features ?? [];
  record({ change: 'info', target, detail: `features: ${features.join(', ') || 'none'}` });
  if (!features.includes('bots')) {
    record({
      change: 'warn',
      target,
      detail: 'lacks the "bots" feature: no bot will run until a server administrator enables it',
    });
  }
  if (!features.includes('cron')) {
    record({
      change: 'warn',
      target,
      detail:
        'lacks the "cron" feature: deferred slot work then continues only by self-resumption, lost events are not ' +
        'caught, and rolling windows do not move on; ask a server administrator to enable it',
    });
  }
}
