import { describe, expect, test } from 'vitest';
import { runBench } from '../../bench/bench';

// A smoke run at a tiny size, so that the benchmark cannot rot. Its speed targets live in `npm run bench`'s output;
// here only the counts it reports are checked, which do not depend on the machine.
describe('npm run bench (smoke, tiny size)', () => {
  test('runs every scenario and reports consistent counts', async () => {
    const result = await runBench({ latencies: [0], weeks: 1, schedules: 2, manyDays: 7, searchSchedules: 50 });
    const [run] = result.runs;
    expect(run?.slots).toBe(200); // 5 weekdays × 40 quarter-hours
    expect(run?.seedLoop.writes).toBe(200);
    expect(run?.botFirstRun.writes).toBe(200);
    expect(run?.botFirstRun.requests).toBeLessThanOrEqual(Math.ceil(200 / 500) + Math.ceil(200 / 1000) + 5);
    expect(run?.noChangeRerun.writes).toBe(0);
    expect(run?.smallEdit.daySlots).toBe(40);
    expect(run?.smallEdit.writes).toBe(8); // Wednesday 08:00–09:00 and 17:00–18:00 cancelled
    expect(run?.deactivation.booked).toBe(10);
    expect(run?.deactivation.tasks).toBe(10);
    expect(run?.deactivation.writes).toBe(200 - 8 - 10 + 10); // the free slots left after the edit deleted, one Task per booking
    expect(run?.manySchedules.schedules).toBe(2);
    expect(run?.manySchedules.slots).toBeGreaterThan(0);
    expect(result.targets.find((t) => t.name.startsWith('scenario 2'))?.met).toBe(true);
    expect(result.targets.find((t) => t.name.startsWith('scenario 3'))?.met).toBe(true);
    expect(result.quota.points).toBeGreaterThan(200 * 100);
    expect(result.scheduleSearch).toMatchObject({ schedules: 50, matches: 5 }); // every 5th Cardiology, half of those inactive
  }, 60_000);
});
