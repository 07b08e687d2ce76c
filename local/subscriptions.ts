/**
 * The product's Subscriptions as data (medplum/subscriptions.json), and an in-process dispatcher that evaluates
 * them with @medplum/core's own `resourceMatchesSubscriptionCriteria` and runs the bot each one points to: the same
 * wiring the deploy command installs on a Medplum project, usable locally and in tests.
 */
import { deepClone, resourceMatchesSubscriptionCriteria } from '@medplum/core';
import type { BotEvent, MedplumClient } from '@medplum/core';
import type { Resource, Subscription } from '@medplum/fhirtypes';

/** A bot's entry point. */
export type BotHandler = (medplum: MedplumClient, event: BotEvent<never>) => Promise<unknown>;

/** Placeholder in a Subscription template's endpoint: `Bot/{{bot-name}}`. */
const PLACEHOLDER = /^Bot\/\{\{([\w-]+)\}\}$/;

/** The bot name a Subscription template points to, or undefined. */
export function templateBotName(subscription: Subscription): string | undefined {
  return PLACEHOLDER.exec(subscription.channel.endpoint ?? '')?.[1];
}

/**
 * Subscriptions from the templates, with `Bot/{{name}}` endpoints resolved to bot ids.
 *
 * @example
 * resolveSubscriptions(templates, { 'schedule-slots': 'b1' })[0].channel.endpoint; // 'Bot/b1'
 */
export function resolveSubscriptions(
  templates: readonly Subscription[],
  botIds: Readonly<Record<string, string>>
): Subscription[] {
  return templates.map((template) => {
    const name = templateBotName(template);
    if (!name) {
      return deepClone(template);
    }
    const id = botIds[name];
    if (!id) {
      throw new Error(`Subscription "${template.reason ?? template.criteria}" points to unknown bot "${name}".`);
    }
    return { ...deepClone(template), channel: { ...template.channel, endpoint: `Bot/${id}` } };
  });
}

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

/**
 * Builds a dispatcher over resolved Subscriptions and the bots they point to.
 *
 * @example
 * const dispatcher = createDispatcher(medplum, subscriptions, { b1: scheduleHandler });
 * await dispatcher.dispatch(schedule, 'create');
 */
export interface DispatcherOptions {
  readonly secrets?: BotEvent['secrets'];
  /** Run a failed bot run again, up to the Subscription's max attempts (default true); Medplum 5.1 does not. */
  readonly retryFailedRuns?: boolean;
  /** Medplum 5.0.x reads only the first interaction extension (default: 5.1's rule, any of them). */
  readonly interactionRule?: InteractionRule;
}

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
        if (subscription.status !== 'active') {
          continue;
        }
        const botId = subscription.channel.endpoint?.replace(/^Bot\//, '') ?? '';
        const handler = handlers[botId];
        if (!handler) {
          continue;
        }
        if (!firesFor(subscription, interaction, options.interactionRule)) {
          continue;
        }
        const matches = await resourceMatchesSubscriptionCriteria({
          resource,
          // The interaction was judged above, by the chosen server rule; the criteria are judged here.
          subscription: {
            ...subscription,
            extension: (subscription.extension ?? []).filter((e) => e.url !== INTERACTION_URL),
          },
          context: { interaction },
          getPreviousResource: async () => previous,
        });
        if (!matches) {
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
        const client = isClient(medplum) ? medplum : medplum[botId];
        if (!client) {
          continue;
        }
        const started = performance.now();
        for (let attempt = 1; ; attempt++) {
          try {
            const result = await handler(client, event);
            results.push({ subscription, botId, result, attempts: attempt, durationMs: performance.now() - started });
            break;
          } catch (error) {
            if (attempt >= attempts) {
              results.push({ subscription, botId, error, attempts: attempt, durationMs: performance.now() - started });
              break;
            }
          }
        }
      }
      return results;
    },
  };
}

function isClient(value: MedplumClient | Readonly<Record<string, MedplumClient>>): value is MedplumClient {
  return typeof (value as MedplumClient).readResource === 'function';
}
