/** Time as the I/O layer sees it: injectable, so tests, the local runtime and benchmarks control it. */
export interface Clock {
  /** The current instant, epoch milliseconds. */
  now(): number;
  /**
   * Waits `ms` milliseconds. Absent where the runtime has no timers at all: callers then stop and report instead of
   * waiting.
   */
  sleep?(ms: number): Promise<void>;
}

type SetTimeout = (callback: () => void, ms: number) => unknown;

/**
 * The host's `setTimeout`. Medplum's self-hosted `vmcontext` bot sandbox has no timer globals, but it hands the
 * bot Node's `require` (and, from 5.1, `process`), through which `node:timers` is reachable.
 */
function findSetTimeout(): SetTimeout | undefined {
  if (typeof setTimeout === 'function') {
    return setTimeout;
  }
  const scope = globalThis as {
    require?: (id: string) => unknown;
    process?: { getBuiltinModule?: (id: string) => unknown };
  };
  for (const load of [scope.require, scope.process?.getBuiltinModule]) {
    try {
      const timers = load?.('node:timers') as { setTimeout?: SetTimeout } | undefined;
      if (typeof timers?.setTimeout === 'function') {
        return timers.setTimeout;
      }
    } catch {
      // not available here
    }
  }
  return undefined;
}

const hostSetTimeout = findSetTimeout();

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  ...(hostSetTimeout
    ? { sleep: (ms: number) => new Promise<void>((resolve) => void hostSetTimeout(resolve, Math.max(0, ms))) }
    : {}),
};

const BOUND = new WeakMap<object, Clock>();

/**
 * Binds a clock to a client: `clockOf(client)` returns it from then on. The local runtime binds its own (a simulated
 * server's time) to its clients.
 *
 * @example
 * bindClock(medplum, createWarpClock());
 */
export function bindClock(medplum: object, clock: Clock): void {
  BOUND.set(medplum, clock);
}

/** The clock a client runs on: the one bound to it with {@link bindClock}, else the system clock. */
export function clockOf(medplum: object): Clock {
  return BOUND.get(medplum) ?? systemClock;
}
