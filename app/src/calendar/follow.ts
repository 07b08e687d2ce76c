/**
 * How the calendar follows the bots after a change made in this page, and what it says meanwhile. A change to the
 * schedule itself (an edit, a deactivation, a reactivation) is followed on the schedule's slot-sync Task until the
 * bots say they are done with that very Schedule version (or refused it), so "Updating" lasts exactly as long as
 * they work. A booking, a cancellation or a move is written at once by the booking operation; the bots only tidy
 * the slots around it (other visit types' times), so the calendar reloads at once and then until the slots settle.
 * In local mode the bots run in the page and are simply awaited.
 */
import type { MedplumClient } from '@medplum/core';
import type { Slot } from '@medplum/fhirtypes';
import { scheduleSyncStatus, type ScheduleSyncStatus } from '../../../api/index';
import type { BotActivity } from '../runtime-context';
import { fingerprint } from './load';

/** A change made in this page, to follow. */
export interface Follow {
  /** When it was saved (epoch ms). */
  readonly since: number;
  readonly what: 'edit' | 'deactivation' | 'activation' | 'booking' | 'cancellation' | 'move';
  /** For a change to the schedule: the Schedule version whose slots the bots must finish. */
  readonly version?: string;
}

/** How the calendar follows the bots on a Medplum server. */
export const FOLLOW = { intervalMs: 1500, stablePolls: 2, minPolls: 2, maxMs: 45_000, maxSyncMs: 180_000 };

const SAYS: Record<Follow['what'], string> = {
  edit: 'the bots are making the slots for your change',
  deactivation: "the bots are withdrawing this schedule's free slots",
  activation: "the bots are making this schedule's slots",
  booking: 'the calendar is catching up with the booking',
  cancellation: 'the calendar is catching up with the cancellation',
  move: 'the calendar is catching up with the move',
};

/**
 * What the calendar says while it follows a change.
 *
 * @example
 * followMessage({ since: 0, what: 'deactivation' }); // "Updating: the bots are withdrawing this schedule's free slots…"
 */
export function followMessage(follow: Pick<Follow, 'what'>): string {
  return `Updating: ${SAYS[follow.what]}…`;
}

export interface FollowDeps {
  readonly medplum: MedplumClient;
  readonly bots: BotActivity;
  readonly scheduleId: string;
  /** Reloads the calendar, returning the slots it shows. */
  readonly load: () => Promise<readonly Slot[]>;
  readonly stopped: () => boolean;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows a change until the bots are done with it (or the time runs out); resolves with the slot-sync status when
 * the change was to the schedule, so that a refusal can be shown.
 *
 * @example
 * const status = await followChange(follow, { medplum, bots, scheduleId, load, stopped: () => false });
 */
export async function followChange(follow: Follow, deps: FollowDeps): Promise<ScheduleSyncStatus | undefined> {
  const settled = deps.bots.settled();
  if (settled) {
    await settled;
    if (!deps.stopped()) await deps.load();
    return undefined;
  }
  if (follow.version) return followSyncTask(follow.version, follow.since, deps);
  await followSlots(follow.since, deps);
  return undefined;
}

/** Reloads until the slot-sync Task names `version` as done or refused. */
async function followSyncTask(
  version: string,
  since: number,
  deps: FollowDeps
): Promise<ScheduleSyncStatus | undefined> {
  for (let poll = 0; !deps.stopped() && Date.now() - since < FOLLOW.maxSyncMs; poll++) {
    if (poll > 0) await pause(FOLLOW.intervalMs);
    if (deps.stopped()) return undefined;
    const status = await scheduleSyncStatus(deps.medplum, deps.scheduleId);
    await deps.load();
    if (status && status.state !== 'working' && status.version === version) return status;
  }
  return undefined;
}

/** Reloads at once, then until the slots stop changing. */
async function followSlots(since: number, deps: FollowDeps): Promise<void> {
  let last = '';
  let stable = 0;
  for (let poll = 0; !deps.stopped() && Date.now() - since < FOLLOW.maxMs; poll++) {
    if (poll > 0) await pause(FOLLOW.intervalMs);
    if (deps.stopped()) return;
    const print = fingerprint(await deps.load());
    stable = print === last ? stable + 1 : 0;
    last = print;
    if (poll >= FOLLOW.minPolls && stable >= FOLLOW.stablePolls) return;
  }
}
