import { expect, test } from 'vitest';
import { renderFind, runFindBench } from '../../bench/find';

test('the slots.find benchmark runs at a tiny size and reports its figure', async () => {
  const result = await runFindBench({ schedules: 3, days: 5 });
  expect(result.slots).toBeGreaterThan(0);
  // The figure is a measured time in whole ms, and it is the one the report prints.
  expect(Number.isInteger(result.firstPageMs)).toBe(true);
  expect(renderFind(result)).toContain(`first page ${result.firstPageMs} ms`);
  expect(renderFind(result)).toMatch(/^7\. slots\.find over 3 schedules × 5 days/);
});
