/**
 * The schedule bot's cron, as a Medplum project with the `cron` feature runs it: every (simulated) minute, with the
 * Bot itself as input. It continues deferred work, catches lost events and releases expired holds.
 */
import type { Clock } from '../engine/transport/clock';

/** The bot the cron runs, and its input (Medplum's cron worker hands the bot its own Bot resource). */
export const CRON_BOT = { resourceType: 'Bot', id: 'schedule-slots', name: 'schedule-slots' } as const;

/** A running cron loop. */
export interface Cron {
  /** Stops the loop (a tick already due does not run). */
  stop(): void;
}

/**
 * Calls `tick` at every multiple of `everyMs` on the clock (the start of each minute, as Medplum's cron worker runs
 * `* * * * *`) until stopped. Ticks stay on the minute however long a run or a busy machine takes.
 *
 * @example
 * const cron = startCron(clock, () => runBot(CRON_BOT.name, CRON_BOT));
 */
export function startCron(clock: Clock, tick: () => void, everyMs = 60_000): Cron {
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const now = clock.now();
      await clock.sleep?.((Math.floor(now / everyMs) + 1) * everyMs - now);
      if (!stopped) {
        tick();
      }
    }
  })();
  return {
    stop() {
      stopped = true;
    },
  };
}
