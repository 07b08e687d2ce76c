/**
 * A clock for simulations: real time, except that whenever everything is waiting on this clock's timers (a bot
 * waiting for the FHIR quota to reset, a request's simulated latency), time jumps to the next timer. Work costs its
 * real CPU time; waits cost nothing. Half an hour of quota-bound slot generation runs in seconds, and the times it
 * reports are the times a real server would take.
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

/**
 * @example
 * const clock = createWarpClock();
 * await clock.sleep(60_000); // returns at once when nothing else is running; clock.now() has moved a minute
 */
export function createWarpClock(start = Date.now()): WarpClock {
  let offset = start - Date.now();
  let skipped = 0;
  let timers: Timer[] = [];
  let inFlight = 0;
  let activity = 0;
  let quiet = 0;
  let lastSeen = -1;
  let pumping = false;
  let stopped = false;
  const now = (): number => Date.now() + offset;

  const fireDue = (): void => {
    const t = now();
    const due = timers.filter((timer) => timer.due <= t);
    if (due.length > 0) {
      timers = timers.filter((timer) => timer.due > t);
      activity++;
      due.forEach((timer) => timer.resolve());
    }
  };
  const pump = (): void => {
    if (stopped || timers.length === 0) {
      pumping = false;
      return;
    }
    fireDue();
    if (activity === lastSeen && inFlight === 0) {
      quiet++;
    } else {
      quiet = 0;
      lastSeen = activity;
    }
    if (quiet >= QUIET_TURNS && timers.length > 0) {
      const next = Math.min(...timers.map((timer) => timer.due));
      const jump = Math.max(0, next - now());
      offset += jump;
      skipped += jump;
      quiet = 0;
      fireDue();
    }
    setTimeout(pump, 0);
  };
  const ensurePump = (): void => {
    if (!pumping && !stopped) {
      pumping = true;
      setTimeout(pump, 0);
    }
  };

  return {
    now,
    sleep(ms) {
      activity++;
      return new Promise<void>((resolve) => {
        timers.push({ due: now() + Math.max(0, ms), resolve });
        ensurePump();
      });
    },
    busy() {
      inFlight++;
      activity++;
    },
    done() {
      inFlight = Math.max(0, inFlight - 1);
      activity++;
    },
    get skippedMs() {
      return skipped;
    },
    stop() {
      stopped = true;
    },
  };
}
