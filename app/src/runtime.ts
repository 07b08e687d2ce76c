/**
 * Which Medplum the app talks to. Medplum mode when VITE_MEDPLUM_BASE_URL is set (the user signs in with
 * @medplum/react's sign-in; the bots there are the deployed ones); otherwise local mode: the in-memory Medplum store
 * in the browser, with the demo clinic and the Subscriptions running the real bots.
 */
import { ClientStorage, MedplumClient, MemoryStorage } from '@medplum/core';
import type { Bundle } from '@medplum/fhirtypes';
import { installBotConsoleFilter } from './local-mode/bot-console';
import type { BotActivity } from './runtime-context';
import { sessionStore } from './session';
import { beginLaunch, completeLaunch, fhirBaseOf, LaunchError, readLaunchUrl, startPathFor } from './smart';

export type Mode = { readonly kind: 'local' } | { readonly kind: 'medplum'; readonly baseUrl: string };

export interface Runtime {
  readonly mode: Mode;
  readonly medplum: MedplumClient;
  /** Where to open when the app was launched from Medplum (SMART App Launch): the launch context as a filter. */
  readonly startPath?: string;
  /** Signed in through a SMART launch (no Medplum sign-in form needed). */
  readonly launched?: boolean;
  /** Local mode: wipes the data kept in this browser and reloads the page with a fresh demo clinic. */
  readonly resetDemoData?: () => Promise<void>;
  /** Local mode: the bots run in this page and can be awaited (absent in Medplum mode). */
  readonly bots?: BotActivity;
}

/** The configured mode, from Vite's environment. */
export function configuredMode(env: Record<string, string | undefined> = import.meta.env): Mode {
  const baseUrl = env.VITE_MEDPLUM_BASE_URL?.trim();
  return baseUrl ? { kind: 'medplum', baseUrl } : { kind: 'local' };
}

/** Starts the runtime for a mode. Local mode loads the definitions and the demo data first. */
export async function startRuntime(
  mode: Mode,
  env: Record<string, string | undefined> = import.meta.env
): Promise<Runtime> {
  const launch = readLaunchUrl(new URL(window.location.href));
  if (mode.kind === 'medplum') {
    const clientId = env.VITE_MEDPLUM_CLIENT_ID?.trim() ?? '';
    const smart = launch !== undefined;
    const medplum = new MedplumClient({
      baseUrl: mode.baseUrl,
      ...(clientId ? { clientId } : {}),
      // A SMART session lives in memory only: it must never resume, or be replaced by, another stored login. A
      // signed-in session lives in this tab, or in localStorage when the user ticked "Remember me".
      storage: new ClientStorage(smart ? new MemoryStorage() : sessionStore()),
      onUnauthenticated: () => window.location.assign(import.meta.env.BASE_URL),
    });
    const deps = {
      fetch: window.fetch.bind(window),
      storage: window.sessionStorage,
      crypto: window.crypto,
      now: () => Date.now(),
    };
    if (launch?.kind === 'launch') {
      const redirectUri = env.VITE_SMART_REDIRECT_URI?.trim() || `${window.location.origin}${import.meta.env.BASE_URL}`;
      const authorize = await beginLaunch(
        { ...launch, clientId, redirectUri, allowedIss: fhirBaseOf(mode.baseUrl) },
        deps
      );
      window.location.assign(authorize);
      return new Promise<Runtime>(() => undefined); // the browser is leaving for the authorization server
    }
    if (launch?.kind === 'redirect') {
      const result = await completeLaunch(new URL(window.location.href), clientId, deps);
      medplum.setAccessToken(result.accessToken, result.refreshToken);
      const startPath = startPathFor(result.context);
      window.history.replaceState(null, '', startPath);
      return { mode, medplum, startPath, launched: true };
    }
    return { mode, medplum };
  }
  if (launch?.kind === 'launch') {
    throw new LaunchError(
      `This app runs in local mode and is not set up for a Medplum server; it will not sign in to ${launch.iss}.`,
      'unknown-iss'
    );
  }
  // Local mode only: the in-memory engine, the bots and the demo data load as a separate chunk.
  const { createLocalMedplum, DEFINITION_FILES, definitionsIndexed, indexDefinitionBundles, STAFF_ACCESS_POLICY } =
    await import('../../local');
  const { loadDemoData } = await import('../../local/demo-data');
  const { indexedDbStore, persistChanges, restoreResources } = await import('./local-mode/persistence');
  installBotConsoleFilter();
  if (!definitionsIndexed()) {
    const fetchBundle = async (file: string): Promise<Bundle> => {
      const response = await fetch(`/fhir/${file}`);
      if (!response.ok) {
        throw new Error(`Could not load the FHIR definitions (${file}: HTTP ${response.status}).`);
      }
      return (await response.json()) as Bundle;
    };
    const [structureDefinitions, searchParameters] = await Promise.all([
      Promise.all(DEFINITION_FILES.structureDefinitions.map(fetchBundle)),
      Promise.all(DEFINITION_FILES.searchParameters.map(fetchBundle)),
    ]);
    indexDefinitionBundles(structureDefinitions, searchParameters);
  }
  // As on a Medplum project with the `cron` feature, the schedule bot runs every minute: it continues deferred work,
  // catches lost events and releases expired holds.
  const medplum = createLocalMedplum({ cron: true });
  // The demo clinic is kept in this browser (IndexedDB): ids survive reloads, so saved links keep working.
  const store = indexedDbStore();
  const restored = await restoreResources(medplum, store).catch((err: unknown) => {
    console.warn('Local data could not be read; starting afresh:', err);
    return 0;
  });
  const saving = persistChanges(medplum, store);
  if (restored === 0) {
    await loadDemoData(medplum, Date.now());
    await medplum.idle();
    await saving.flush();
  }
  // From here on the app works as a clinic's staff member does on Medplum: under the staff AccessPolicy, Slots and
  // Appointments are read-only and every booking goes through the booking operation.
  medplum.server.setPolicy('api', STAFF_ACCESS_POLICY);
  const resetDemoData = async (): Promise<void> => {
    saving.stop();
    await store.clear();
    window.location.assign(import.meta.env.BASE_URL);
  };
  return { mode, medplum, resetDemoData, bots: { settled: () => medplum.idle() } };
}
