/**
 * The project's Subscriptions as data: the templates in ./subscriptions.json point to bots by name
 * (`Bot/{{schedule-slots}}`); {@link resolveSubscriptions} turns them into Subscriptions that point to bot ids. The
 * deploy command installs them on a Medplum project; the local runtime's dispatcher evaluates them in process.
 */
import { deepClone } from '@medplum/core';
import type { Subscription } from '@medplum/fhirtypes';
import templates from './subscriptions.json';

/** The Subscription templates of ./subscriptions.json. */
export const SUBSCRIPTION_TEMPLATES: readonly Subscription[] = templates as Subscription[];

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
 * resolveSubscriptions(SUBSCRIPTION_TEMPLATES, { 'schedule-slots': 'b1' })[0].channel.endpoint; // 'Bot/b1'
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
