/**
 * The bots the local runtime runs (the same code that is deployed to Medplum), and the client each runs with: its own
 * membership of the simulated server (its own quota), on the runtime's clock.
 */
import { MedplumClient } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { handler as appointmentSlots } from '../bots/appointment-slots';
import { handler as scheduleSlots } from '../bots/schedule-slots';
import { bindClock, type Clock } from '../engine/transport/clock';
import type { Fetch, SimulatedServer } from './server-sim';
import type { BotHandler } from './subscriptions';

/** The bots the local runtime runs, by the names medplum.config.json and the Subscriptions use. */
export const LOCAL_BOTS: Readonly<Record<string, BotHandler>> = {
  'schedule-slots': scheduleSlots as BotHandler,
  'appointment-slots': appointmentSlots as BotHandler,
};

/** Starts a bot run by name, as `$execute` with `Prefer: respond-async` does. */
export type ExecuteBot = (name: string, input: unknown) => OperationOutcome;

/** Makes `medplum.executeBot(id, body)` start a local bot run (a bot resumes itself this way). */
export function routeExecuteBot(medplum: MedplumClient, execute: ExecuteBot): void {
  medplum.executeBot = (async (id: unknown, body: unknown) => execute(String(id), body)) as MedplumClient['executeBot'];
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
  execute: ExecuteBot
): Record<string, MedplumClient> {
  const clients: Record<string, MedplumClient> = {};
  for (const name of Object.keys(LOCAL_BOTS)) {
    const client = new MedplumClient({ baseUrl, fetch: server.fetchFor(`bot:${name}`, engine), cacheTime: 0 });
    bindClock(client, clock);
    routeExecuteBot(client, execute);
    clients[name] = client;
  }
  return clients;
}
