/**
 * The idle-quota scenario: how soon a clinician sees a new 4-week weekday schedule's slots (320, starting a week
 * out, 44,800 of the default 50,000 points a minute) and how soon its deactivation takes them off the market.
 *
 * - Right after other bot work (the quota scenario on a server; on the simulation, a first such schedule), in the
 *   same quota window: what the window has left is written at once, the rest at the next reset, not later
 *   (target: one window).
 * - Saved once the window has reset after that work (the quota idle): complete within 5 s; its deactivation, a
 *   window later, withdrawn within 5 s.
 *
 * Runs where the quota scenario runs (simulation or `--server`).
 */
import type { Schedule } from '@medplum/fhirtypes';
import { withAvailability } from '../core/availability/write';
import { days } from '../core/time';
import { localTarget, serverTarget, type ServerCredentials, type Target } from './quota-runtimes';

const WINDOW_MS = 61_000;

export interface IdleScenarioResult {
  readonly target: string;
  readonly slots: number;
  /** Saved right after other bot work, in the same window: from the save until every slot exists. */
  readonly busyFillMs: number;
  /** Saved once the window has reset: from the save until every slot exists. */
  readonly fillMs: number;
  /** From the deactivation until no slot is free. */
  readonly deactivationMs: number;
}

export interface IdleScenarioOptions {
  readonly quota?: number;
  readonly server?: ServerCredentials;
  readonly log?: (line: string) => void;
}

export async function runIdleScenario(options: IdleScenarioOptions = {}): Promise<IdleScenarioResult> {
  const target = options.server ? await serverTarget(options.server) : localTarget(options.quota ?? 50_000);
  const log = options.log ?? (() => undefined);
  try {
    const start = new Date(target.now() + days(7));
    start.setUTCHours(0, 0, 0, 0);
    const busy = await saveFourWeeks(target, 'Practitioner/bench-busy', start);
    log('  idle quota: a 4-week schedule saved right after other bot work');
    const busyFillMs = await until(target, async () => (await target.count(busy.id)).keys >= 320);
    await target.sleep(WINDOW_MS);
    const saved = await saveFourWeeks(target, 'Practitioner/bench-idle', start);
    log('  idle quota: a 4-week schedule (320 slots) saved once the window reset');
    const fillMs = await until(target, async () => (await target.count(saved.id)).keys >= 320);
    const slots = (await target.count(saved.id)).keys;
    await target.sleep(WINDOW_MS);
    const latest = await target.api.readResource('Schedule', saved.id, { cache: 'no-cache' });
    await target.api.updateResource({ ...latest, active: false, comment: 'Benchmark: closed' });
    log('  idle quota: deactivated');
    const free = async (): Promise<number> =>
      (
        await target.api.search(
          'Slot',
          { schedule: `Schedule/${saved.id}`, status: 'free', _summary: 'count' },
          { cache: 'no-cache' }
        )
      ).total ?? 0;
    const deactivationMs = await until(target, async () => (await free()) === 0);
    return { target: target.name, slots, busyFillMs, fillMs, deactivationMs };
  } finally {
    target.close();
  }
}

/** A 4-week weekday schedule (09:00–17:00, 30 minutes) of one actor from `start`. */
async function saveFourWeeks(target: Target, actor: string, start: Date): Promise<Schedule & { id: string }> {
  return (await target.api.createResource(
    withAvailability(
      {
        resourceType: 'Schedule',
        active: true,
        actor: [{ reference: actor, display: 'Benchmark' }],
        planningHorizon: { start: start.toISOString(), end: new Date(start.getTime() + days(28)).toISOString() },
      },
      {
        timeZone: 'UTC',
        slotMinutes: 30,
        weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
      }
    )
  )) as Schedule & { id: string };
}

/** Milliseconds (on the target's clock) until `done`, checked every 250 ms, at most 5 minutes. */
async function until(target: Target, done: () => Promise<boolean>): Promise<number> {
  const t0 = target.now();
  while (!(await done())) {
    if (target.now() - t0 > 300_000) {
      return Number.POSITIVE_INFINITY;
    }
    await target.sleep(250);
  }
  return target.now() - t0;
}

/** Targets: right after other work, by the next reset; with the quota idle, complete and withdrawn within 5 s each. */
export function idleTargets(r: IdleScenarioResult): { name: string; value: string; met: boolean }[] {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return [
    {
      name: 'right after other bot work: 4-week schedule complete by the next reset (≤ 61 s)',
      value: s(r.busyFillMs),
      met: r.busyFillMs <= WINDOW_MS,
    },
    { name: 'idle quota: 4-week schedule (320 slots) complete ≤ 5 s', value: s(r.fillMs), met: r.fillMs <= 5_000 },
    {
      name: 'idle quota: its deactivation withdrawn ≤ 5 s',
      value: s(r.deactivationMs),
      met: r.deactivationMs <= 5_000,
    },
  ];
}

export function renderIdle(r: IdleScenarioResult): string {
  const lines = idleTargets(r).map((t) => `  ${t.met ? 'met ' : 'MISS'} ${t.name}: ${t.value}`);
  return [`Idle quota (${r.target}, ${r.slots} slots):`, ...lines].join('\n');
}
