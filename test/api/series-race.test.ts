/**
 * A recurring series racing a single booking of one of its times, through the booking operation: exactly one gets
 * the time, an all-or-none series is whole or gone (an occurrence lost between the check and its write rolls back
 * the ones already booked, through the cancel path), and no slot is left busy without a live booking.
 */
import type { MedplumClient, WithId } from '@medplum/core';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type ClinikError, SERIES_SYSTEM, seriesOf } from '../../api';
import { holdsSlots } from '../../core/appointment-status';
import { occurrences } from '../../core/recurrence';
import type { LocalMedplum } from '../../local';
import { refusal } from './frontdesk-support';
import { expectNothingOrphaned, MON_THU, type SeriesClinic, seriesClinic, ZONE } from './series-support';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a series racing a single booking of one of its times', () => {
  const rule = { ...MON_THU, count: 12 };
  let c: SeriesClinic;
  let medplum: LocalMedplum;
  beforeEach(async () => {
    c = await seriesClinic();
    medplum = c.medplum;
  });

  async function seriesAppointments(): Promise<Appointment[]> {
    const all = await medplum.searchResources('Appointment', { _count: '1000' }, { cache: 'no-cache' });
    return all.filter((a) => a.identifier?.some((i) => i.system === SERIES_SYSTEM));
  }

  /** The slot of occurrence `k` of the rule from `first`. */
  async function occurrenceSlot(first: Slot, k: number): Promise<WithId<Slot>> {
    const wanted = occurrences(Date.parse(first.start), ZONE, rule);
    return c.slotAt(new Date((wanted.ok && wanted.value[k - 1]?.start) || 0).toISOString());
  }

  /** Calls `then` once, right after the booking Bot writes the series' first Appointment. */
  function afterFirstOccurrence(then: (create: MedplumClient['createResource']) => Promise<unknown>): void {
    const bot = medplum.botClients.booking as MedplumClient;
    const create = bot.createResource.bind(bot) as MedplumClient['createResource'];
    vi.spyOn(bot, 'createResource').mockImplementation(async (resource, ...rest) => {
      const created = await create(resource, ...rest);
      if (created.resourceType === 'Appointment' && seriesOf(created as Appointment)?.index === 1) {
        await then(create);
      }
      return created;
    });
  }

  /** Whoever won, exactly one live booking holds the contested slot, and the series is whole or gone. */
  async function expectOneWinner(
    series: PromiseSettledResult<unknown>,
    single: PromiseSettledResult<unknown>,
    slotId: string
  ) {
    const live = (await seriesAppointments()).filter((a) => holdsSlots(a.status));
    if (series.status === 'fulfilled') {
      expect(single.status === 'rejected' && (single.reason as ClinikError).status).toBe(409);
      expect(live).toHaveLength(12);
    } else {
      expect((series.reason as ClinikError).status).toBe(409);
      expect(single.status).toBe('fulfilled');
      expect(live).toEqual([]); // never written, or rolled back
    }
    const holders = await medplum.searchResources('Appointment', { slot: `Slot/${slotId}` }, { cache: 'no-cache' });
    expect(holders.filter((a) => holdsSlots(a.status))).toHaveLength(1);
    await expectNothingOrphaned(medplum);
  }

  test.each([1, 7, 12])('sent at once, over occurrence %i: exactly one gets the time, nothing orphaned', async (k) => {
    const { desk, slotAt } = c;
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const contested = await occurrenceSlot(first, k);
    const [series, single] = await Promise.allSettled([
      desk.appointments.bookSeries({ slotId: first.id, patientId: 'pat-1', rule, mode: 'all-or-none' }),
      desk.appointments.book({ slotId: contested.id, patientId: 'pat-2' }),
    ]);
    await expectOneWinner(series, single, contested.id);
  });

  test.each([2, 12])('sent while the series is being written, over occurrence %i: the same', async (k) => {
    const { desk, slotAt } = c;
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const contested = await occurrenceSlot(first, k);
    let single: Promise<unknown> = Promise.resolve();
    afterFirstOccurrence(async () => {
      single = desk.appointments.book({ slotId: contested.id, patientId: 'pat-2' }); // not awaited: it races
    });
    const series = await Promise.allSettled([
      desk.appointments.bookSeries({ slotId: first.id, patientId: 'pat-1', rule, mode: 'all-or-none' }),
    ]);
    await expectOneWinner(
      series[0] as PromiseSettledResult<unknown>,
      (await Promise.allSettled([single]))[0] as PromiseSettledResult<unknown>,
      contested.id
    );
  });

  test('an occurrence lost between the check and its write: the booked ones are rolled back, and the 409 says so', async () => {
    const { desk, slotAt } = c;
    const first = await slotAt('2025-03-03T09:00:00-05:00');
    const fifth = await occurrenceSlot(first, 5);
    // Right after occurrence 1 is written, someone takes occurrence 5's time around the API (a direct FHIR write).
    afterFirstOccurrence(async (create) => {
      const bot = medplum.botClients.booking as MedplumClient;
      await bot.updateResource({ ...(await bot.readResource('Slot', fifth.id)), status: 'busy' });
      await create({
        resourceType: 'Appointment',
        status: 'booked',
        start: fifth.start,
        end: fifth.end,
        slot: [{ reference: `Slot/${fifth.id}` }],
        participant: [{ actor: { reference: 'Patient/pat-2' }, status: 'accepted' }],
      });
    });
    const error = await refusal(
      desk.appointments.bookSeries({
        slotId: first.id,
        patientId: 'pat-1',
        rule: { ...MON_THU, count: 8 },
        mode: 'all-or-none',
      })
    );
    expect(error.status).toBe(409);
    const lost = error.outcome.issue.find((i) => i.expression?.[0] === 'occurrences[4]');
    expect(lost?.details?.coding?.[0]?.code).toBe('lost-race');
    expect(error.message).toContain('Rolled back: the 4 occurrences booked before it were cancelled');
    const series = await seriesAppointments();
    expect(series.map((a) => [seriesOf(a)?.index, a.status]).sort()).toEqual([1, 2, 3, 4].map((i) => [i, 'cancelled']));
    expect((await medplum.readResource('Slot', fifth.id)).status).toBe('busy');
    await expectNothingOrphaned(medplum);
  });
});
