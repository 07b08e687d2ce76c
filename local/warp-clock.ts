/**
 * A clock for simulations, deterministic: simulated time moves only when everything is waiting on this clock's
 * timers (a bot waiting for the FHIR quota to reset, a request's simulated latency), and then jumps to the next
 * timer. CPU work takes no simulated time, so what the simulation reports (the server's latencies, the quota's
 * waits) does not depend on how busy the machine running it is. Half an hour of quota-bound slot generation runs in
 * seconds.
 *
 * Everything that does work must touch the clock (`busy`/`done`), so that a jump never skips past work in flight:
 * the simulated server marks each request it is processing.
 */
import type { Clock } from '../engine/transport/clock';

export interface WarpClock extends Clock {
  sleep(ms: number): Promise<void>;
  /** Marks work in flight (no jump while any is), and its end. */
  busy(): void;
  done(): void;
  /** Simulated milliseconds skipped so far. */
  readonly skippedMs: number;
  /** Stops the pump (pending timers still fire when real time reaches them). */
  stop(): void;
}

interface Timer {
  readonly due: number;
  readonly resolve: () => void;
}

/** Macrotask turns with no activity before the clock jumps. */
const QUIET_TURNS = 3;

/** The clock's mutable state, shared by its methods and its pump. */
interface WarpState {
  /** Simulated now, epoch ms. */
  virtual: number;
  skipped: number;
  timers: Timer[];
  /** Work in flight (`busy` without `done`). */
  inFlight: number;
  /** Counts every sleep, timer fired and busy/done: unchanged across turns means quiet. */
  activity: number;
  quiet: number;
  lastSeen: number;
  pumping: boolean;
  stopped: boolean;
}

/**
 * @example
 * const clock = createWarpClock();
 * await clock.sleep(60_000); // returns at once when nothing else is running; clock.now() has moved a minute
 */
export function createWarpClock(start = Date.now()): WarpClock {
  const state: WarpState = {
    virtual: start,
    skipped: 0,
    timers: [],
    inFlight: 0,
    activity: 0,
    quiet: 0,
    lastSeen: -1,
    pumping: false,
    stopped: false,
  };
  const now = (): number => state.virtual;
  return {
    now,
    sleep(ms) {
      state.activity++;
      return new Promise<void>((resolve) => {
        state.timers.push({ due: now() + Math.max(0, ms), resolve });
        ensurePump(state);
      });
    },
    busy() {
      state.inFlight++;
      state.activity++;
    },
    done() {
      state.inFlight = Math.max(0, state.inFlight - 1);
      state.activity++;
    },
    get skippedMs() {
      return state.skipped;
    },
    stop() {
      state.stopped = true;
    },
  };
}

function ensurePump(state: WarpState): void {
  if (!state.pumping && !state.stopped) {
    state.pumping = true;
    setTimeout(() => pump(state), 0);
  }
}

/** One macrotask turn: fire due timers; after enough quiet turns, jump to the next timer. */
function pump(state: WarpState): void {
  if (state.stopped || state.timers.length === 0) {
    state.pumping = false;
    return;
  }
  fireDue(state);
  if (state.activity === state.lastSeen && state.inFlight === 0) {
    state.quiet++;
  } else {
    state.quiet = 0;
    state.lastSeen = state.activity;
  }
  if (state.quiet >= QUIET_TURNS && state.timers.length > 0) {
    const next = Math.min(...state.timers.map((timer) => timer.due));
    const jump = Math.max(0, next - state.virtual);
    state.virtual += jump;
    state.skipped += jump;
    state.quiet = 0;
    fireDue(state);
  }
  setTimeout(() => pump(state), 0);
}

function fireDue(state: WarpState): void {
  const t = state.virtual;
  const due = state.timers.filter((timer) => timer.due <= t);
  if (due.length > 0) {
    state.timers = state.timers.filter((timer) => timer.due > t);
    state.activity++;
    due.forEach((timer) => timer.resolve());
  }
}
