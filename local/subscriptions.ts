/**
 * An in-process dispatcher for the project's Subscriptions (medplum/subscriptions.ts): it evaluates them with
 * @medplum/core's own `resourceMatchesSubscriptionCriteria` and runs the bot each one points to, the same wiring the
 * deploy command installs on a Medplum project, usable locally and in tests.
 */
import { resourceMatchesSubscriptionCriteria } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { Resource, Subscription } from '@medplum/fhirtypes';

export { resolveSubscriptions, templateBotName } from '../medplum/subscriptions';

/** A bot's entry point. */
export type BotHandler = (medplum: MedplumClient, event: BotEvent<never>) => Promise<unknown>;

/** What one dispatch did. */
export interface DispatchResult {
  readonly subscription: Subscription;
  readonly botId: string;
  readonly result?: unknown;
  readonly error?: unknown;
  /** Runs it took (a failed run is retried up to the Subscription's max attempts). */
  readonly attempts?: number;
  /** Wall time of all its attempts, milliseconds. */
  readonly durationMs?: number;
}

const MAX_ATTEMPTS_URL = 'https://medplum.com/fhir/StructureDefinition/subscription-max-attempts';
export const INTERACTION_URL = 'https://medplum.com/fhir/StructureDefinition/subscription-supported-interaction';

/**
 * How a server reads `subscription-supported-interaction` extensions: Medplum 5.1 and later match any of them;
 * 5.0.x reads only the first (a Subscription with create and update then fires on creates only).
 */
export type InteractionRule = 'any' | 'first';

/** Whether a Subscription fires for an interaction, as a server with the given rule decides. */
export function firesFor(
  subscription: Subscription,
  interaction: 'create' | 'update' | 'delete',
  rule: InteractionRule = 'any'
): boolean {
  const codes = (subscription.extension ?? []).filter((e) => e.url === INTERACTION_URL).map((e) => e.valueCode);
  if (codes.length === 0) {
    return true; // no extension: every interaction, deletes included
  }
  return rule === 'first' ? codes[0] === interaction : codes.includes(interaction);
}

function maxAttempts(subscription: Subscription): number {
  const value = subscription.extension?.find((e) => e.url === MAX_ATTEMPTS_URL)?.valueInteger;
  return value && value > 0 ? value : 3;
}

/** A route: Subscriptions whose endpoint is `Bot/<id>` run the handler registered under that id. */
export interface Dispatcher {
  /** Runs every matching bot for a resource change, one after another; errors are returned, not thrown. */
  dispatch(
    resource: Resource,
    interaction: 'create' | 'update' | 'delete',
    previous?: Resource
  ): Promise<DispatchResult[]>;
}

/** How the dispatcher imitates a server. */
export interface DispatcherOptions {
  readonly secrets?: BotEvent['secrets'];
  /** Run a failed bot run again, up to the Subscription's max attempts (default true); Medplum 5.1 does not. */
  readonly retryFailedRuns?: boolean;
  /** Medplum 5.0.x reads only the first interaction extension (default: 5.1's rule, any of them). */
  readonly interactionRule?: InteractionRule;
}

/**
 * Builds a dispatcher over resolved Subscriptions and the bots they point to.
 *
 * @example
 * const dispatcher = createDispatcher(medplum, subscriptions, { b1: scheduleHandler });
 * await dispatcher.dispatch(schedule, 'create');
 */
export function createDispatcher(
  /** The client the bots run with: one for all, or one per bot id (each bot its own membership). */
  medplum: MedplumClient | Readonly<Record<string, MedplumClient>>,
  subscriptions: readonly Subscription[],
  handlers: Readonly<Record<string, BotHandler>>,
  options: DispatcherOptions = {}
): Dispatcher {
  const secrets = options.secrets ?? {};
  return {
    async dispatch(resource, interaction, previous) {
      const results: DispatchResult[] = [];
      for (const subscription of subscriptions) {
        const botId = subscription.channel.endpoint?.replace(/^Bot\//, '') ?? '';
        const handler = handlers[botId];
        if (!handler || !(await matches(subscription, resource, interaction, previous, options.interactionRule))) {
          continue;
        }
        const client = isClient(medplum) ? medplum : medplum[botId];
        if (!client) {
          continue;
        }
        const event: BotEvent<never> = {
          bot: { reference: `Bot/${botId}` },
          contentType: 'application/fhir+json',
          input: resource as never,
          secrets,
        };
        // Like Medplum, a failed run is attempted again, up to the Subscription's max attempts (default 3).
        const attempts = options.retryFailedRuns === false ? 1 : maxAttempts(subscription);
        results.push(await runWithAttempts(() => handler(client, event), attempts, { subscription, botId }));
      }
      return results;
    },
  };
}

/** Whether an active Subscription fires for a change: its interaction (by the server's rule), then its criteria. */
async function matches(
  subscription: Subscription,
  resource: Resource,
  interaction: 'create' | 'update' | 'delete',
  previous: Resource | undefined,
  rule: InteractionRule | undefined
): Promise<boolean> {
  if (subscription.status !== 'active' || !firesFor(subscription, interaction, rule)) {
    return false;
  }
  return resourceMatchesSubscriptionCriteria({
    resource,
    // The interaction was judged above, by the chosen server rule; the criteria are judged here.
    subscription: {
      ...subscription,
      extension: (subscription.extension ?? []).filter((e) => e.url !== INTERACTION_URL),
    },
    context: { interaction },
    getPreviousResource: async () => previous,
  });
}

/** Runs a bot until it succeeds or has been attempted `attempts` times; its last error is returned, not thrown. */
async function runWithAttempts(
  run: () => Promise<unknown>,
  attempts: number,
  base: Pick<DispatchResult, 'subscription' | 'botId'>
): Promise<DispatchResult> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await run();
      return { ...base, result, attempts: attempt, durationMs: performance.now() - started };
    } catch (error) {
      if (attempt >= attempts) {
        return { ...base, error, attempts: attempt, durationMs: performance.now() - started };
      }
    }
  }
}

function isClient(value: MedplumClient | Readonly<Record<string, MedplumClient>>): value is MedplumClient {
  return typeof (value as MedplumClient).readResource === 'function';
}
