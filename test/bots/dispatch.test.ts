import { resourceMatchesSubscriptionCriteria } from '@medplum/core';
import type { Appointment, Schedule, Subscription } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { handler as appointmentHandler } from '../../bots/appointment-slots';
import { handler as scheduleHandler } from '../../bots/schedule-slots';
import {
  createDispatcher,
  firesFor,
  INTERACTION_URL,
  resolveSubscriptions,
  type BotHandler,
} from '../../local/subscriptions';
import templates from '../../medplum/subscriptions.json';
import config from '../../medplum.config.json';
import { emptyMockClient } from '../medplum-setup';
import { createSchedule, slotLines } from './support';

const NOW = '2025-03-01T00:00:00-05:00';
const subscriptions = resolveSubscriptions(templates as Subscription[], {
  'schedule-slots': 'bot-schedule',
  'appointment-slots': 'bot-appointment',
  booking: 'bot-booking',
});
const handlers: Record<string, BotHandler> = {
  'bot-schedule': scheduleHandler as BotHandler,
  'bot-appointment': appointmentHandler as BotHandler,
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Subscriptions from the data files route changes to the bots', () => {
  test('every bot has one Subscription per interaction (create, update), each with a single interaction extension', () => {
    const names = config.bots
      .filter((b) => !b.operation)
      .map((b) => b.name)
      .sort();
    const routes = (templates as Subscription[])
      .map((s) => {
        const interactions = (s.extension ?? []).filter((e) => e.url === INTERACTION_URL).map((e) => e.valueCode);
        return `${s.channel.endpoint} ${interactions.join('+')}`;
      })
      .sort();
    expect(routes).toEqual(names.flatMap((n) => [`Bot/{{${n}}} create`, `Bot/{{${n}}} update`]));
  });

  test('Medplum 5.0 reads only the first interaction extension: the old combined form missed updates, ours does not', async () => {
    const combined: Subscription = {
      resourceType: 'Subscription',
      status: 'active',
      reason: 'old form',
      criteria: 'Schedule',
      channel: { type: 'rest-hook', endpoint: 'Bot/bot-schedule' },
      extension: [
        { url: INTERACTION_URL, valueCode: 'create' },
        { url: INTERACTION_URL, valueCode: 'update' },
      ],
    };
    expect(firesFor(combined, 'update', 'first')).toBe(false);
    expect(firesFor(combined, 'update', 'any')).toBe(true);
    const ran = vi.fn(async () => 'ok');
    const medplum = emptyMockClient();
    const schedule: Schedule = { resourceType: 'Schedule', id: 's1', actor: [{ reference: 'Practitioner/p' }] };
    const old = createDispatcher(medplum, [combined], { 'bot-schedule': ran }, { interactionRule: 'first' });
    expect(await old.dispatch(schedule, 'update')).toEqual([]);
    const ours = createDispatcher(medplum, subscriptions, { 'bot-schedule': ran }, { interactionRule: 'first' });
    expect((await ours.dispatch(schedule, 'create')).map((r) => r.botId)).toEqual(['bot-schedule']);
    expect((await ours.dispatch(schedule, 'update')).map((r) => r.botId)).toEqual(['bot-schedule']);
    expect(await ours.dispatch(schedule, 'delete')).toEqual([]);
  });

  test('a created Schedule reaches the schedule bot only, and its slots appear', async () => {
    const medplum = emptyMockClient();
    const dispatcher = createDispatcher(medplum, subscriptions, handlers);
    const schedule = await createSchedule(
      medplum,
      { timeZone: 'Europe/London', slotMinutes: 30, weekly: [{ days: ['mon'], start: '09:00', end: '10:00' }] },
      { start: '2025-03-03T00:00:00Z', end: '2025-03-04T00:00:00Z' }
    );
    const results = await dispatcher.dispatch(schedule, 'create');
    expect(results.map((r) => r.botId)).toEqual(['bot-schedule']);
    expect(results[0]?.error).toBeUndefined();
    expect(await slotLines(medplum, schedule.id)).toEqual([
      '2025-03-03T09:00:00+00:00/2025-03-03T09:30:00+00:00 free',
      '2025-03-03T09:30:00+00:00/2025-03-03T10:00:00+00:00 free',
    ]);
  });

  test('updates route too; deletes do not (create and update only)', async () => {
    const medplum = emptyMockClient();
    const dispatcher = createDispatcher(medplum, subscriptions, handlers);
    const schedule: Schedule = { resourceType: 'Schedule', id: 's1', actor: [{ reference: 'Practitioner/p' }] };
    expect((await dispatcher.dispatch(schedule, 'update', schedule)).map((r) => r.botId)).toEqual(['bot-schedule']);
    expect(await dispatcher.dispatch(schedule, 'delete')).toEqual([]);
    const appointment: Appointment = { resourceType: 'Appointment', id: 'a1', status: 'booked', participant: [] };
    expect((await dispatcher.dispatch(appointment, 'create')).map((r) => r.botId)).toEqual(['bot-appointment']);
    expect(
      await dispatcher.dispatch(
        { resourceType: 'Slot', id: 'x', status: 'free', start: '', end: '', schedule: {} },
        'create'
      )
    ).toEqual([]);
  });

  test('an Appointment the booking bot wrote does not wake the appointment bot (it did the slot work); any other does', async () => {
    const appointmentSubscriptions = subscriptions.filter((sub) => sub.criteria === 'Appointment');
    expect(appointmentSubscriptions).toHaveLength(2);
    const written = (author?: string): Appointment => ({
      resourceType: 'Appointment',
      id: 'a1',
      status: 'booked',
      participant: [],
      ...(author ? { meta: { author: { reference: author } } } : {}),
    });
    const fires = async (resource: Appointment, interaction: 'create' | 'update'): Promise<boolean[]> =>
      Promise.all(
        appointmentSubscriptions
          .filter((sub) => firesFor(sub, interaction))
          .map((subscription) =>
            resourceMatchesSubscriptionCriteria({
              resource,
              subscription: {
                ...subscription,
                extension: subscription.extension?.filter((e) => e.url !== INTERACTION_URL),
              },
              context: { interaction },
              getPreviousResource: async () => undefined,
            })
          )
      );
    for (const interaction of ['create', 'update'] as const) {
      expect(await fires(written('Bot/bot-booking'), interaction)).toEqual([false]);
      expect(await fires(written('Practitioner/dr-1'), interaction)).toEqual([true]);
      expect(await fires(written('Bot/bot-schedule'), interaction)).toEqual([true]);
      expect(await fires(written(), interaction)).toEqual([true]);
    }
  });

  test('an unknown bot name in a template is refused', () => {
    expect(() => resolveSubscriptions(templates as Subscription[], { 'schedule-slots': 'b1' })).toThrow(
      'unknown bot "appointment-slots"'
    );
  });
});
