import { describe, expect, test } from 'vitest';
import { idleTargets, renderIdle, runIdleScenario } from '../../bench/idle';

describe('the idle-quota benchmark scenario (simulation)', () => {
  test('a 4-week schedule is complete, and its deactivation withdrawn, within 5 s each, and the report says so', async () => {
    const result = await runIdleScenario({ quota: 50_000 });
    expect(result.slots).toBe(320);
    expect(idleTargets(result).map((t) => t.met)).toEqual([true, true]);
    expect(renderIdle(result)).toContain(`complete ≤ 5 s: ${(result.fillMs / 1000).toFixed(1)} s`);
  }, 60_000);
});
