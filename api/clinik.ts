/**
 * `createClinik`: the API client over a MedplumClient. Schedules are written with the caller's own rights; every
 * write of Slots and Appointments (book, hold, cancel, reschedule, slots.create, slots.update) goes to the booking
 * operation (./operation), where one server-side path checks it and serializes it per actor, unless the client is
 * the booking operation itself (`booking: 'direct'`).
 */
import type { MedplumClient } from '@medplum/core';
import { appointmentsApi } from './appointments';
import { viaBookingOperation } from './operation/remote';
import { schedulesApi } from './schedules';
import { slotsApi } from './slots';
import type { Clinik } from './types';

export interface ClinikOptions {
  /**
   * The clock (epoch ms) of the calls this client runs itself (default `Date.now`). Calls that go to the booking
   * operation run on the server's clock: a client cannot book in the past by setting its own.
   */
  readonly now?: () => number;
  /**
   * Where Slots and Appointments are written. `'server'` (the default): by the booking Bot (`Bot/$execute`), the
   * only writer a front desk's AccessPolicy allows (README, "Booking guarantees"). `'direct'`: with this client's
   * own rights, as the booking Bot itself does (and an administrator's script may, under the same leases).
   */
  readonly booking?: 'server' | 'direct';
}

/**
 * Creates the API client over a MedplumClient (a signed-in client, or the local runtime's).
 *
 * @example
 * const clinik = createClinik(medplum);
 */
export function createClinik(medplum: MedplumClient, options: ClinikOptions = {}): Clinik {
  const now = options.now ?? (() => Date.now());
  const direct: Clinik = {
    schedules: schedulesApi(medplum, now),
    slots: slotsApi(medplum, now),
    appointments: appointmentsApi(medplum, now),
  };
  return options.booking === 'direct' ? direct : viaBookingOperation(medplum, direct);
}
