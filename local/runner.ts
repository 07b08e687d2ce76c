/**
 * The local runtime's bot worker, as Medplum's: bot runs started by the Subscriptions (after each committed write)
 * and directly (`$execute` with `Prefer: respond-async`, the cron), at most `concurrency` at once, each tracked until
 * it ends so that `idle()` can wait for the bots.
 */
import { badRequest, normalizeErrorString, OperationOutcomeError } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { OperationOutcome, Reference, Resource, Subscription } from '@medplum/fhirtypes';
import type { Clock } from '../engine/transport/clock';
import type { BotHandler, Dispatcher, DispatchResult } from './subscriptions';

export interface BotRunnerOptions {
  readonly clock: Clock;
  readonly bots: Readonly<Record<string, BotHandler>>;
  /** The client each bot runs with, by bot name (read when a run starts). */
  readonly clients: Readonly<Record<string, MedplumClient>>;
  readonly dispatcher: Dispatcher;
  /** The Subscription a direct run is reported under. */
  readonly subscription: Subscription;
  readonly secrets: BotEvent['secrets'];
  /** Bot runs at once. */
  readonly concurrency: number;
  /** Called after each bot run, with its result or error. */
  readonly onBotRun?: (run: DispatchResult) => void;
}

export interface BotRunner {
  /** Runs the Subscriptions' bots for a write, after it has committed (never inside it), like the server's queue. */
  dispatch(resource: Resource, interaction: 'create' | 'update' | 'delete'): void;
  /** Starts a bot run outside the Subscriptions and answers as an asynchronous `$execute` does. */
  runBot(name: string, input: unknown): OperationOutcome;
  /**
   * Runs a bot at once, outside the worker's queue (as a plain `$execute` runs in the request), and answers with
   * what it returned; a run that throws is refused as Medplum refuses it (400, the run's error).
   */
  callBot(name: string, input: unknown, requester?: Reference): Promise<unknown>;
  /** Every bot run so far, oldest first. */
  readonly runs: readonly DispatchResult[];
  /** Resolves when every run started so far (and every run those start) has finished. */
  idle(): Promise<void>;
}

const ACCEPTED: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'information', code: 'informational', details: { text: 'Accepted' } }],
};

/**
 * @example
 * const runner = createBotRunner({ clock, bots: LOCAL_BOTS, clients, dispatcher, subscription, secrets, concurrency: 8 });
 * runner.runBot('schedule-slots', CRON_BOT);
 * await runner.idle();
 */
export function createBotRunner(options: BotRunnerOptions): BotRunner {
  const { clock, secrets } = options;
  const queue = createWorkQueue(options.concurrency, options.onBotRun);
  const event = (name: string, input: unknown, requester?: Reference): BotEvent<never> => ({
    bot: { reference: `Bot/${name}` },
    contentType: 'application/fhir+json',
    input: input as never,
    secrets,
    ...(requester ? { requester: requester as BotEvent['requester'] } : {}),
  });
  return {
    runs: queue.runs,
    idle: queue.idle,
    dispatch(resource, interaction) {
      queue.enqueue(async () => {
        await Promise.resolve();
        return options.dispatcher.dispatch(resource, interaction);
      });
    },
    runBot(name, input) {
      botFor(name);
      queue.enqueue(() => run(name, input).then(({ record }) => [record]));
      return ACCEPTED;
    },
    async callBot(name, input, requester) {
      botFor(name);
      const ran = run(name, input, requester);
      queue.track(ran.then(({ record }) => [record]));
      const { record } = await ran;
      if (record.error !== undefined) {
        throw new OperationOutcomeError(badRequest(normalizeErrorString(record.error)));
      }
      return record.result;
    },
  };

  function botFor(name: string): { handler: BotHandler; client: MedplumClient } {
    const handler = options.bots[name];
    const client = options.clients[name];
    if (!handler || !client) {
      throw new Error(`Unknown local bot ${name}`);
    }
    return { handler, client };
  }

  async function run(name: string, input: unknown, requester?: Reference): Promise<{ record: DispatchResult }> {
    const { handler, client } = botFor(name);
    const started = clock.now();
    const base = { subscription: options.subscription, botId: name, attempts: 1 };
    try {
      const result = await handler(client, event(name, input, requester));
      return { record: { ...base, result, durationMs: clock.now() - started } };
    } catch (error) {
      return { record: { ...base, error, durationMs: clock.now() - started } };
    }
  }
}

interface WorkQueue {
  /** Runs work when a worker slot is free; every run is tracked until it ends. */
  enqueue(work: () => Promise<DispatchResult[]>): void;
  /** Tracks work already running outside the worker's slots. */
  track(work: Promise<DispatchResult[]>): void;
  readonly runs: DispatchResult[];
  idle(): Promise<void>;
}

function createWorkQueue(limit: number, onRun: ((run: DispatchResult) => void) | undefined): WorkQueue {
  const runs: DispatchResult[] = [];
  const inFlight = new Set<Promise<void>>();
  const waiting: (() => void)[] = [];
  let active = 0;
  const track = (work: Promise<DispatchResult[]>): void => {
    const job = work.then((done) => {
      for (const run of done) {
        runs.push(run);
        onRun?.(run);
      }
    });
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  };
  return {
    runs,
    track,
    enqueue(work) {
      track(
        (async () => {
          if (active >= limit) {
            await new Promise<void>((resolve) => waiting.push(resolve));
          }
          active++;
          try {
            return await work();
          } finally {
            active--;
            waiting.shift()?.();
          }
        })()
      );
    },
    async idle() {
      for (let quiet = 0; quiet < 2;) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (inFlight.size === 0) {
          quiet++;
        } else {
          quiet = 0;
          await Promise.all([...inFlight]);
        }
      }
    },
  };
}
