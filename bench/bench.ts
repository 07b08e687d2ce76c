/**
 * The benchmark: slot generation at scale on the local runtime, with an injected per-request latency standing in for
 * a network, side by side with the seed's one-request-per-slot loop (the seed's Schedules API, see README).
 * `npm run bench` prints a table and writes JSON; `test/bench/bench.test.ts` runs it at a tiny size so that it cannot
 * rot. The scenarios are in `scenarios.ts` and `search.ts`, the meter in `meter.ts`, the report in `render.ts`.
 */
import { cpus, totalmem } from 'node:os';
import { formatInstant } from '../core/time';
import { DAY_MS, NOW, START, ZONE } from './fixtures';
import { runAtLatency, type LatencyRun } from './scenarios';
import { measureScheduleSearch, type ScheduleSearchResult } from './search';

export type { Traffic } from './meter';
export type { LatencyRun } from './scenarios';

export interface BenchOptions {
  /** Latencies to run at, milliseconds per request (default [20, 0]). */
  readonly latencies?: readonly number[];
  /** Weeks of weekday 08:00–18:00 15-minute slots for scenarios 1–4 (default 52: about 10,400 slots). */
  readonly weeks?: number;
  /** Schedules of scenario 5 (default 200), each with `manyDays` days of slots (default 30). */
  readonly schedules?: number;
  readonly manyDays?: number;
  /** Share of slots booked before the deactivation of scenario 4 (default 0.05). */
  readonly bookedShare?: number;
  /** Schedules in the store for the search measurement (default 10,000). */
  readonly searchSchedules?: number;
  readonly log?: (line: string) => void;
}

export interface BenchTarget {
  readonly name: string;
  readonly value: string;
  readonly met: boolean;
}

export interface BenchResult {
  readonly date: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGb: number;
    readonly node: string;
  };
  readonly options: Required<Omit<BenchOptions, 'log'>>;
  readonly runs: readonly LatencyRun[];
  readonly targets: readonly BenchTarget[];
  /** The app's schedule search over many schedules in local mode (latency 0). */
  readonly scheduleSearch: ScheduleSearchResult;
  readonly quota: {
    readonly points: number;
    readonly minutesAtDefaultQuota: number;
    readonly syncRunsAtDefaultQuota: number;
    readonly asyncJobs: number;
  };
}

/** Medplum's default FHIR quota, points a minute. */
const DEFAULT_QUOTA = 50_000;

/** Runs every scenario at every latency. */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const opts = {
    latencies: options.latencies ?? [20, 0],
    weeks: options.weeks ?? 52,
    schedules: options.schedules ?? 200,
    manyDays: options.manyDays ?? 30,
    bookedShare: options.bookedShare ?? 0.05,
    searchSchedules: options.searchSchedules ?? 10_000,
  };
  const log = options.log ?? (() => undefined);
  const realNow = Date.now;
  const offset = NOW - realNow();
  Date.now = () => realNow() + offset; // the bots plan from "now": the start of the benchmark year
  try {
    const horizon = { start: START, end: formatInstant(Date.parse(START) + opts.weeks * 7 * DAY_MS, ZONE) };
    const runs: LatencyRun[] = [];
    for (const latencyMs of opts.latencies) {
      log(`latency ${latencyMs} ms`);
      runs.push(await runAtLatency(latencyMs, horizon, opts, log));
    }
    log(`6. schedule search over ${opts.searchSchedules} schedules`);
    const scheduleSearch = await measureScheduleSearch(opts.searchSchedules);
    const first = runs[0] as LatencyRun;
    return {
      date: new Date(realNow()).toISOString(),
      machine: machine(),
      options: opts,
      runs,
      scheduleSearch,
      targets: benchTargets(runs),
      quota: {
        points: first.botFirstRun.quotaPoints,
        minutesAtDefaultQuota: Math.ceil(first.botFirstRun.quotaPoints / DEFAULT_QUOTA),
        syncRunsAtDefaultQuota: Math.ceil(first.botFirstRun.quotaPoints / DEFAULT_QUOTA),
        asyncJobs: Math.ceil(first.slots / 2500),
      },
    };
  } finally {
    Date.now = realNow;
  }
}

function machine(): BenchResult['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** The benchmark's targets, judged on the first run (and on every run for the write counts). */
export function benchTargets(runs: readonly LatencyRun[]): BenchTarget[] {
  const first = runs[0] as LatencyRun;
  const n = first.slots;
  const requestTarget = Math.ceil(n / 500) + Math.ceil(n / 1000) + 5;
  const at20 = runs.find((r) => r.latencyMs === 20) ?? first;
  return [
    {
      name: `scenario 1 bot requests ≤ ceil(N/500)+ceil(N/1000)+5 = ${requestTarget}`,
      value: String(first.botFirstRun.requests),
      met: first.botFirstRun.requests <= requestTarget,
    },
    {
      name: `bot ≥ 50× faster than the seed loop at ${at20.latencyMs} ms`,
      value: `${at20.speedup}×`,
      met: at20.speedup >= 50,
    },
    {
      name: 'scenario 2 (no-change rerun) writes 0',
      value: String(first.noChangeRerun.writes),
      met: runs.every((r) => r.noChangeRerun.writes === 0),
    },
    {
      name: `scenario 3 writes ≤ 2 × that weekday's slots (${2 * first.smallEdit.daySlots})`,
      value: String(first.smallEdit.writes),
      met: runs.every((r) => r.smallEdit.writes <= 2 * r.smallEdit.daySlots),
    },
  ];
}
