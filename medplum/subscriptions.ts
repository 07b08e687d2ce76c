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

/** `{{bot-name}}` anywhere in a FHIRPath criteria expression (`Bot/{{booking}}`: writes the booking bot made). */
const NAME_IN_EXPRESSION = /\{\{([\w-]+)\}\}/g;
const FHIRPATH_CRITERIA_URL = 'https://medplum.com/fhir/StructureDefinition/fhir-path-criteria-expression';

/**
 * Subscriptions from the templates, with `Bot/{{name}}` endpoints, and `{{name}}` in FHIRPath criteria, resolved
 * to bot ids.
 *
 * @example
 * resolveSubscriptions(SUBSCRIPTION_TEMPLATES, { 'schedule-slots': 'b1' })[0].channel.endpoint; // 'Bot/b1'
 */
export function resolveSubscriptions(
  templates: readonly Subscription[],
  botIds: Readonly<Record<string, string>>
): Subscription[] {
  return templates.map((template) => {
    const idOf = (name: string): string => {
      const id = botIds[name];
      if (!id) {
        throw new Error(`Subscription "${template.reason ?? template.criteria}" points to unknown bot "${name}".`);
      }
      return id;
    };
    const name = templateBotName(template);
    const endpoint = name ? `Bot/${idOf(name)}` : template.channel.endpoint;
    const resolved = deepClone(template);
    for (const ext of resolved.extension ?? []) {
      if (ext.url === FHIRPATH_CRITERIA_URL && ext.valueString) {
        ext.valueString = ext.valueString.replace(NAME_IN_EXPRESSION, (_, bot: string) => idOf(bot));
      }
    }
    return endpoint ? { ...resolved, channel: { ...template.channel, endpoint } } : resolved;
  });
}
