/**
 * Work-conserving pacing on the simulated server at Medplum's default quota (50,000 points a minute per
 * membership), with a real server's latency (20 ms a request, 10 ms a batch entry: about 5,000 slots a minute, the
 * throughput measured on a self-hosted server). The clock is simulated and deterministic: CPU time costs nothing,
 * so the figures do not depend on the machine's load.
 */
import { describe, expect, test } from 'vitest';
import { DAY, runtime, saveSchedule, stored, timeUntil, WEEKDAYS_8_TO_18_15MIN } from './sim-support';

const SERVER = { version: '5.1' as const, quota: { userQuota: 50_000 }, latencyMs: 20, entryMs: 10 };
const HOURLY = { ...WEEKDAYS_8_TO_18_15MIN, slotMinutes: 60 };
/** Weekdays 09:00–17:00 in 30-minute slots: 16 a weekday, 320 in four weeks. */
const NINE_TO_FIVE = {
  ...WEEKDAYS_8_TO_18_15MIN,
  slotMinutes: 30,
  weekly: [{ ...WEEKDAYS_8_TO_18_15MIN.weekly[0]!, start: '09:00', end: '17:00' }],
};

/** Lets the bot's quota window reset (Medplum's windows are one minute). */
async function nextWindow(m: ReturnType<typeof runtime>): Promise<void> {
  await m.idle();
  await m.clinikClock.sleep?.(61_000);
}

describe('an idle quota is used at once', () => {
  test('a new 4-week weekday schedule (320 slots, starting a week out) is complete within 5 s of its save, after other bot work', async () => {
    const m = runtime({ server: SERVER });
    await saveSchedule(m, 14, HOURLY); // other bot work, in the previous quota window
    await nextWindow(m);
    const start = m.clinikClock.now();
    const schedule = await saveSchedule(m, 28, NINE_TO_FIVE, 7);
    const took = await timeUntil(m, async () => (await stored(m, schedule.id as string)).length >= 320, 120_000);
    expect(took).toBeLessThanOrEqual(5_000);
    const slots = await stored(m, schedule.id as string);
    expect(slots).toHaveLength(320); // weeks 2–5: 20 weekdays × 16 half-hours, no duplicate
    expect(slots.every((s) => Date.parse(s.start) >= start + 7 * DAY)).toBe(true);
    expect(m.server.stats.throttled).toBe(0);
  });

  test('in a window other work has partly spent, the next 14 days come at once and the rest right after the reset', async () => {
    const m = runtime({ server: SERVER });
    await saveSchedule(m, 14, HOURLY); // 100 slots: 10,000 of this window's points
    await m.idle();
    const start = m.clinikClock.now();
    const schedule = await saveSchedule(m, 28, NINE_TO_FIVE, 7);
    const firstWeekEnds = Date.parse(schedule.planningHorizon?.start as string) + 7 * DAY;
    expect(firstWeekEnds - start).toBeLessThanOrEqual(15 * DAY);
    const nearTook = await timeUntil(
      m,
      async () => (await stored(m, schedule.id as string, firstWeekEnds)).length >= 80,
      120_000
    );
    expect(nearTook).toBeLessThanOrEqual(5_000); // the first week (days 7–14): urgent, within what the window has left
    const allTook = await timeUntil(m, async () => (await stored(m, schedule.id as string)).length >= 320, 180_000);
    expect(allTook).toBeLessThanOrEqual(60_000 + 5_000); // the rest at the next reset, not a window later
    expect(m.server.stats.throttled).toBe(0);
  });

  test('a deactivation withdraws every free slot within 5 s, the far ones as urgently as the near ones', async () => {
    const m = runtime({ server: SERVER });
    const schedule = await saveSchedule(m, 28, NINE_TO_FIVE, 7);
    await nextWindow(m);
    expect((await stored(m, schedule.id as string)).length).toBe(320);
    await m.updateResource({ ...schedule, active: false, comment: 'Closed' });
    const took = await timeUntil(
      m,
      async () => (await stored(m, schedule.id as string)).every((s) => s.status !== 'free'),
      120_000
    );
    expect(took).toBeLessThanOrEqual(5_000);
    expect(m.botRuns.filter((r) => r.error)).toEqual([]);
  });
});
