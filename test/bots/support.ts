import type { BotEvent, MedplumClient } from '@medplum/core';
import type { Appointment, Resource, Schedule, Slot, Task } from '@medplum/fhirtypes';
import { TASK_TYPE_SYSTEM } from '../../core/tasks';
import type { MockClient } from '@medplum/mock';
import { vi } from 'vitest';
import { withAvailability, type AvailabilityInput } from '../../core/availability/write';

/** A Subscription-style bot event carrying a resource. */
export function eventFor<T extends Resource>(input: T, secrets: BotEvent['secrets'] = {}): BotEvent<T> {
  return { bot: { reference: 'Bot/test-bot' }, contentType: 'application/fhir+json', input, secrets };
}

/** Saves a Schedule with availability (or none, for a manual schedule). */
export async function createSchedule(
  medplum: MedplumClient,
  input: AvailabilityInput | undefined,
  horizon: { start: string; end: string },
  extra: Partial<Schedule> = {}
): Promise<Schedule & { id: string }> {
  return medplum.createResource(
    withAvailability(
      {
        resourceType: 'Schedule',
        active: true,
        actor: [{ reference: 'Practitioner/dr-1' }],
        planningHorizon: horizon,
        ...extra,
      },
      input
    )
  ) as Promise<Schedule & { id: string }>;
}

/** Every Slot of a Schedule, sorted by start. */
export async function slotsOf(medplum: MedplumClient, scheduleId: string): Promise<Slot[]> {
  const slots = await medplum.searchResources(
    'Slot',
    { schedule: `Schedule/${scheduleId}`, _count: '1000' },
    { cache: 'no-cache' }
  );
  return [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.end.localeCompare(b.end));
}

/** Slots as `start/end status`, the readable form asserted. */
export async function slotLines(medplum: MedplumClient, scheduleId: string): Promise<string[]> {
  return (await slotsOf(medplum, scheduleId)).map((s) => `${s.start}/${s.end} ${s.status}`);
}

/** Books a Slot directly in the store (as Medplum's $book or the front desk would): busy + Appointment. */
export async function bookSlot(
  medplum: MedplumClient,
  slot: Slot,
  patientId = 'pat-1'
): Promise<Appointment & { id: string }> {
  await medplum.updateResource({ ...slot, status: 'busy' });
  return medplum.createResource<Appointment>({
    resourceType: 'Appointment',
    status: 'booked',
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    participant: [
      { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
      { actor: { reference: 'Practitioner/dr-1' }, status: 'accepted' },
    ],
  }) as Promise<Appointment & { id: string }>;
}

/** The reschedule worklist Tasks (not the bots' own slot-sync bookkeeping Tasks). */
export async function rescheduleTasks(medplum: MedplumClient): Promise<Task[]> {
  return medplum.searchResources(
    'Task',
    { code: `${TASK_TYPE_SYSTEM}|reschedule-appointment`, _count: '1000' },
    { cache: 'no-cache' }
  );
}

/** Everything in the store of the given types (slot-sync Tasks aside), for before/after comparisons. */
export async function snapshot(
  medplum: MedplumClient,
  types: ('Slot' | 'Appointment' | 'Task' | 'Schedule')[]
): Promise<Resource[]> {
  const all: Resource[] = [];
  for (const type of types) {
    const found = await medplum.searchResources(type, { _count: '1000' }, { cache: 'no-cache' });
    all.push(
      ...found.filter((r) => !(r.resourceType === 'Task' && r.code?.coding?.[0]?.code !== 'reschedule-appointment'))
    );
  }
  return all.sort((a, b) => `${a.resourceType}/${a.id}`.localeCompare(`${b.resourceType}/${b.id}`));
}

/** Spies on every write path of a client; `count()` says how many writes were attempted. */
export function watchWrites(medplum: MockClient): { count: () => number; calendar: () => number } {
  const spies = [
    vi.spyOn(medplum, 'executeBatch'),
    vi.spyOn(medplum, 'createResource'),
    vi.spyOn(medplum, 'updateResource'),
    vi.spyOn(medplum, 'deleteResource'),
    vi.spyOn(medplum, 'patchResource'),
  ];
  const count = (): number => spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
  // Writes of anything but the bot's own bookkeeping (the slot-sync Task).
  const bookkeeping = (): number =>
    spies.reduce(
      (n, spy) =>
        n +
        spy.mock.calls.filter((call) => {
          const resource = call[0] as { resourceType?: string } | string;
          return (typeof resource === 'string' ? resource : resource?.resourceType) === 'Task';
        }).length,
      0
    );
  return { count, calendar: () => count() - bookkeeping() };
}

/**
 * Makes the k-th request (1-based) of the client fail: before it reaches the store (`before`), or after the store
 * applied it but before the answer came back (`after`, a lost response).
 */
export function failKthRequest(medplum: MockClient, k: number, when: 'before' | 'after'): void {
  let n = 0;
  const methods = ['readResource', 'readReference', 'searchResources', 'executeBatch', 'executeBot'] as const;
  for (const name of methods) {
    const original = (medplum[name] as (...args: unknown[]) => Promise<unknown>).bind(medplum);
    vi.spyOn(medplum, name).mockImplementation((async (...args: unknown[]) => {
      n++;
      if (n === k && when === 'before') {
        throw new Error(`injected failure before request ${k}`);
      }
      const result = await original(...args);
      if (n === k) {
        throw new Error(`injected failure after request ${k}`);
      }
      return result;
    }) as never);
  }
}
