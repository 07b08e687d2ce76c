import { describe, expect, test } from 'vitest';
import { idleTargets, renderIdle, runIdleScenario } from '../../bench/idle';

describe('the idle-quota benchmark scenario (simulation)', () => {
  test('a 4-week schedule right after another is complete by the next reset; with the quota idle, complete and withdrawn within 5 s each', async () => {
    const result = await runIdleScenario({ quota: 50_000 });
    expect(result.slots).toBe(320);
    expect(idleTargets(result).map((t) => t.met)).toEqual([true, true, true]);
    expect(renderIdle(result)).toContain(`complete ≤ 5 s: ${(result.fillMs / 1000).toFixed(1)} s`);
  }, 60_000);
});
