/**
 * A lease per actor (practitioner, room, device): whoever books, holds, moves or makes a slot for an actor first
 * takes that actor's lease, checks the actor's busy time across all of its schedules, writes, and hands the lease
 * back. Two concurrent bookings that would put one actor into overlapping time on two schedules are so serialized:
 * the second sees the first's booking and is refused. If-Match on one Slot alone cannot do that.
 *
 * The lease is a `Basic` resource per actor (identifier {@link ACTOR_LEASE_SYSTEM}|`Practitioner/123`), created on
 * first use with If-None-Exist and taken with If-Match; it records its holder and an expiry, so that a caller that
 * died never blocks an actor for longer than {@link LEASE_MS}. Several actors are taken in sorted order (no
 * deadlock between two callers taking the same pair).
 *
 * @example
 * const result = await withActorLeases({ medplum }, ['Practitioner/dr-1', 'Location/room-2'], () => bookIt());
 */
import type { WithId } from '@medplum/core';
import type { Basic, Extension } from '@medplum/fhirtypes';
import { PRODUCT_URI } from '../../core/fhir';
import { createIfNoneExist, type Io, readOrUndefined, updateIfMatch } from '../transport/conditional-write';
import { clockOf } from '../transport/clock';
import { isPreconditionError } from '../transport/errors';
import { nonce } from '../transport/nonce';

export const ACTOR_LEASE_SYSTEM = `${PRODUCT_URI}/actor-lease`;
const LEASE_CODE = { system: `${PRODUCT_URI}/CodeSystem/lease`, code: 'actor-booking' } as const;
const HOLDER_URL = `${PRODUCT_URI}/StructureDefinition/lease-holder`;
const EXPIRES_URL = `${PRODUCT_URI}/StructureDefinition/lease-expires`;

/** How long a lease is held at most (a booking takes well under a second). */
export const LEASE_MS = 15_000;
/** How long a caller waits for a busy actor before it is refused. */
export const WAIT_MS = 10_000;

/** Thrown when an actor stays leased by others for longer than {@link WAIT_MS}. */
export class ActorBusyError extends Error {
  constructor(readonly actor: string) {
    super(`Another booking for ${actor} is being made at this moment; try again.`);
  }
}

type Lease = WithId<Basic>;

/**
 * The lease each client last handed back, per actor: the next booking for that actor tries it at once with
 * If-Match (one request instead of a search and a write); a 412 means someone took it since, and the lease is
 * looked up again.
 */
const lastHandedBack = new WeakMap<object, Map<string, Lease>>();

function remembered(io: Io): Map<string, Lease> {
  let known = lastHandedBack.get(io.medplum);
  if (!known) {
    known = new Map();
    lastHandedBack.set(io.medplum, known);
  }
  return known;
}

/** Runs `work` holding the leases of `actors`; the leases are handed back however `work` ends. */
export async function withActorLeases<T>(io: Io, actors: readonly string[], work: () => Promise<T>): Promise<T> {
  const holder = nonce();
  const held: Lease[] = [];
  try {
    for (const actor of [...new Set(actors)].sort()) {
      held.push(await take(io, actor, holder));
    }
    return await work();
  } finally {
    await Promise.all(held.map((lease) => handBack(io, lease)));
  }
}

async function take(io: Io, actor: string, holder: string): Promise<Lease> {
  const clock = clockOf(io.medplum); // the server's clock: the local runtime's, or the host's (no timers in a vm)
  const deadline = clock.now() + WAIT_MS;
  let seen: Lease | undefined; // after the first look, the lease is re-read by id (cheaper than a search)
  for (let attempt = 0; clock.now() < deadline; attempt++) {
    const known = attempt === 0 ? remembered(io).get(actor) : undefined;
    const lease = known ?? (seen ? await reread(io, seen, actor) : await findLease(io, actor));
    seen = lease;
    if (!isHeld(lease, clock.now())) {
      try {
        return await updateIfMatch(io, withHolder(lease, holder, clock.now() + LEASE_MS), lease);
      } catch (err) {
        if (!isPreconditionError(err)) {
          throw err;
        }
      }
    }
    // A short randomized pause that grows a little with each attempt (no lock-step retries).
    await clock.sleep?.(Math.min(200, 10 + attempt * 10) * (0.5 + Math.random()));
  }
  throw new ActorBusyError(actor);
}

/** The lease as it is now (a search again should it have gone). */
async function reread(io: Io, lease: Lease, actor: string): Promise<Lease> {
  return (await readOrUndefined(io, 'Basic', lease.id)) ?? findLease(io, actor);
}

/** The actor's lease; every caller picks the same one (the lowest id) should two ever have been created. */
async function findLease(io: Io, actor: string): Promise<Lease> {
  const identifier = `${ACTOR_LEASE_SYSTEM}|${actor}`;
  const found = await io.medplum.searchResources('Basic', { identifier, _count: '10' }, { cache: 'no-cache' });
  const first = [...found].sort((a, b) => a.id.localeCompare(b.id))[0];
  if (first) {
    return first;
  }
  return createIfNoneExist<Basic>(
    io,
    {
      resourceType: 'Basic',
      code: { coding: [{ ...LEASE_CODE }] },
      identifier: [{ system: ACTOR_LEASE_SYSTEM, value: actor }],
    },
    `identifier=${encodeURIComponent(identifier)}`
  );
}

function isHeld(lease: Lease, now: number): boolean {
  const expires = lease.extension?.find((e) => e.url === EXPIRES_URL)?.valueInstant;
  return expires !== undefined && Date.parse(expires) > now;
}

function withHolder(lease: Lease, holder: string, expires: number): Lease {
  const extension: Extension[] = [
    { url: HOLDER_URL, valueString: holder },
    { url: EXPIRES_URL, valueInstant: new Date(expires).toISOString() },
  ];
  return { ...lease, extension };
}

/** Hands the lease back with If-Match on the version we wrote: one that expired and was taken since is left alone. */
async function handBack(io: Io, lease: Lease): Promise<void> {
  const actor = lease.identifier?.[0]?.value ?? '';
  try {
    remembered(io).set(actor, await updateIfMatch(io, { ...lease, extension: undefined }, lease));
  } catch (err) {
    remembered(io).delete(actor);
    if (!isPreconditionError(err)) {
      // Medplum's bot sandbox has console.log only.
      console.log(
        `Could not hand back the lease of ${lease.identifier?.[0]?.value}: it expires by itself. ${String(err)}`
      );
    }
  }
}
