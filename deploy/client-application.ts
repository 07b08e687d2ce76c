/**
 * The app's ClientApplication, registered for SMART launch from Medplum's Apps tab.
 */
import type { MedplumClient } from '@medplum/core';
import type { ClientApplication } from '@medplum/fhirtypes';
import type { DeployOptions } from './options';
import type { Recorder } from './report';
import { upsertTagged } from './tagged';

/**
 * The ClientApplication template with `{{APP_URL}}` replaced by the app's address (without trailing slashes).
 *
 * @example
 * // a template whose launchUri is '{{APP_URL}}/':
 * clientApplicationFor(template, 'https://app.example.org/').launchUri; // 'https://app.example.org/'
 */
export function clientApplicationFor(template: ClientApplication, appUrl: string): ClientApplication {
  const base = appUrl.replace(/\/+$/, '');
  return JSON.parse(JSON.stringify(template).replaceAll('{{APP_URL}}', base)) as ClientApplication;
}

/** Upserts the app's ClientApplication and reports how to open the app and build it against this client id. */
export async function deployClientApplication(
  medplum: MedplumClient,
  template: ClientApplication,
  appUrl: string,
  options: DeployOptions,
  record: Recorder
): Promise<void> {
  const app = clientApplicationFor(template, appUrl);
  const saved = await upsertTagged(medplum, app, options, record);
  record({
    change: 'unchanged',
    target: `How to open the app: in Medplum, a resource page's Apps tab lists "${app.name}"; it launches ${app.launchUri}`,
    detail: `build the app with VITE_MEDPLUM_BASE_URL=<server> VITE_MEDPLUM_CLIENT_ID=${saved.id ?? '<new id>'}`,
  });
}
