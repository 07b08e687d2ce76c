import { expect, test } from 'vitest';
import { renderFind, runFindBench } from '../../bench/find';

test('the slots.find benchmark runs at a tiny size and reports its figure', async () => {
  const result = await runFindBench({ schedules: 3, days: 5 });
  expect(result.slots).toBeGreaterThan(0);
  expect(result.firstPageMs).toBeGreaterThanOrEqual(0);
  expect(renderFind(result)).toMatch(/^7\. slots\.find over 3 schedules × 5 days/);
});
