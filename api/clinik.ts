/**
 * `createClinik`: the API client over a MedplumClient. Schedules are written with the caller's own rights; every
 * write of Slots, Appointments and waitlist entries (book, hold, cancel, reschedule, slots.create, slots.update,
 * waitlist.add/accept/decline/remove) goes to the booking
 * operation (./operation), where one server-side path checks it and serializes it per actor, unless the client is
 * the booking operation itself (`booking: 'direct'`).
 */
import { createReference, type MedplumClient } from '@medplum/core';
import type { Reference } from '@medplum/fhirtypes';
import { appointmentsApi } from './appointments';
import { viaBookingOperation } from './operation/remote';
import type { Caller } from './rules/override';
import { schedulesApi } from './schedules';
import { slotsApi } from './slots';
import type { Clinik } from './types';
import { waitlistApi } from './waitlist/entries';

export interface ClinikOptions {
  /**
   * The clock (epoch ms) of the calls this client runs itself (default `Date.now`). Calls that go to the booking
   * operation run on the server's clock: a client cannot book in the past by setting its own.
   */
  readonly now?: () => number;
  /**
   * Where Slots and Appointments are written. `'server'`: by the booking Bot (`Bot/$execute`), the only writer a
   * front desk's AccessPolicy allows (README, "Booking guarantees"). `'direct'`: with this client's own rights,
   * under the same checks and leases, as the booking Bot itself does. By default, each call picks: a project admin
   * bound by no AccessPolicy (who may write Slots directly anyway) writes directly, saving the operation's round
   * trip (the seed's `slots.create` loop); everyone else goes through the operation.
   */
  readonly booking?: 'server' | 'direct';
  /**
   * The user the calls are made for, when the client acts for someone else: the booking Bot passes the caller
   * Medplum names (`event.requester`). Overrides are then allowed only to members of the scheduling supervisors
   * Group (api/rules/override.ts). Without it, the client's own profile is the caller.
   */
  readonly requester?: Reference;
}

/**
 * Creates the API client over a MedplumClient (a signed-in client, or the local runtime's).
 *
 * @example
 * const clinik = createClinik(medplum);
 */
export function createClinik(medplum: MedplumClient, options: ClinikOptions = {}): Clinik {
  const now = options.now ?? (() => Date.now());
  const appointments = appointmentsApi(medplum, now, () => callerOf(medplum, options.requester));
  const direct: Clinik = {
    schedules: schedulesApi(medplum, now, () => callerOf(medplum, options.requester)),
    slots: slotsApi(medplum, now),
    appointments,
    waitlist: waitlistApi(medplum, now, () => appointments),
  };
  if (options.booking === 'direct') {
    return direct;
  }
  const serverSide = viaBookingOperation(medplum, direct);
  if (options.booking === 'server') {
    return serverSide;
  }
  return pickPerCall(direct, serverSide, () => medplum.isProjectAdmin() && !medplum.getAccessPolicy());
}

/** Each call of `direct` or `serverSide`, as `useDirect()` says when it is made (the session may load later). */
function pickPerCall(direct: Clinik, serverSide: Clinik, useDirect: () => boolean): Clinik {
  const pick = <K extends keyof Clinik>(part: K): Clinik[K] =>
    Object.fromEntries(
      Object.keys(serverSide[part]).map((name) => [
        name,
        (...args: unknown[]) =>
          ((useDirect() ? direct : serverSide)[part] as unknown as Record<string, (...a: unknown[]) => unknown>)[
            name
          ]?.(...args),
      ])
    ) as unknown as Clinik[K];
  return {
    schedules: pick('schedules'),
    slots: pick('slots'),
    appointments: pick('appointments'),
    waitlist: pick('waitlist'),
  };
}

/** Who the calls are made for: the given requester, or the client itself (unrestricted if an admin bound by no policy). */
function callerOf(medplum: MedplumClient, requester: Reference | undefined): Caller {
  if (requester) {
    return { requester, unrestricted: false };
  }
  const profile = medplum.getProfile();
  return {
    ...(profile ? { requester: createReference(profile) as Reference } : {}),
    unrestricted: medplum.isProjectAdmin() && !medplum.getAccessPolicy(),
  };
}
