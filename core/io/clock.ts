/** Time as the I/O layer sees it: injectable, so tests and benchmarks control it. */
export interface Clock {
  /** The current instant, epoch milliseconds. */
  now(): number;
  /**
   * Waits `ms` milliseconds. Absent where the runtime has no timers (Medplum's `vmcontext` bot sandbox has no
   * `setTimeout`): callers then stop and report instead of waiting.
   */
  sleep?(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  ...(typeof setTimeout === 'function'
    ? { sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) }
    : {}),
};
