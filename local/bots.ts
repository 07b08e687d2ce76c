/**
 * The bots the local runtime runs (the same code that is deployed to Medplum), and the client each runs with: its own
 * membership of the simulated server (its own quota), on the runtime's clock.
 */
import { createReference, MedplumClient } from '@medplum/core';
import type { Identifier, OperationOutcome, Reference } from '@medplum/fhirtypes';
import { handler as appointmentSlots } from '../bots/appointment-slots';
import { BOOKING_BOT_NAME } from '../api/operation';
import { handler as booking } from '../bots/booking';
import { handler as scheduleSlots } from '../bots/schedule-slots';
import { bindClock, type Clock } from '../engine/transport/clock';
import type { Fetch, SimulatedServer } from './server-sim';
import type { BotHandler } from './subscriptions';

/** The bots the local runtime runs, by the names medplum.config.json and the Subscriptions use. */
export const LOCAL_BOTS: Readonly<Record<string, BotHandler>> = {
  'schedule-slots': scheduleSlots as BotHandler,
  'appointment-slots': appointmentSlots as BotHandler,
  [BOOKING_BOT_NAME]: booking as BotHandler,
};

/** The bots called as an operation (`$execute` answered with the bot's result), not started in the background. */
const CALLED_BOTS: ReadonlySet<string> = new Set([BOOKING_BOT_NAME]);

/** Starts a bot run by name, as `$execute` with `Prefer: respond-async` does. */
export type ExecuteBot = (name: string, input: unknown) => OperationOutcome;

/** Runs a bot by name and answers with what it returned, as a plain `$execute` does. */
export type CallBot = (name: string, input: unknown, requester?: Reference) => Promise<unknown>;

/**
 * Makes `medplum.executeBot(idOrIdentifier, body)` run a local bot: an operation bot (booking) answers with its result;
 * any other starts in the background (a bot resumes itself this way). The Bot's id and its identifier's value are
 * both its name here.
 */
export function routeExecuteBot(medplum: MedplumClient, execute: ExecuteBot, call: CallBot): void {
  medplum.executeBot = (async (id: string | Identifier, body: unknown) => {
    const name = typeof id === 'string' ? id : String(id.value);
    // As over HTTP: the body and the answer are JSON, nothing shared by reference.
    const input: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
    // As Medplum does, the called bot learns who called it (`event.requester`): the caller's profile.
    const profile = medplum.getProfile();
    const requester = profile ? createReference(profile) : undefined;
    return CALLED_BOTS.has(name)
      ? JSON.parse(JSON.stringify(await call(name, input, requester)))
      : execute(name, input);
  }) as MedplumClient['executeBot'];
}

/**
 * One client per bot: each requests through the simulated server as `bot:<name>`, runs on the runtime's clock, and
 * can resume itself with `executeBot`.
 */
export function createBotClients(
  baseUrl: string,
  server: SimulatedServer,
  engine: Fetch,
  clock: Clock,
  execute: ExecuteBot,
  call: CallBot
): Record<string, MedplumClient> {
  const clients: Record<string, MedplumClient> = {};
  for (const name of Object.keys(LOCAL_BOTS)) {
    const client = new MedplumClient({ baseUrl, fetch: server.fetchFor(`bot:${name}`, engine), cacheTime: 0 });
    bindClock(client, clock);
    routeExecuteBot(client, execute, call);
    clients[name] = client;
  }
  return clients;
}
