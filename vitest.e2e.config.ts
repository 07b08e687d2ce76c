import { defineConfig } from 'vitest/config';

// End-to-end journeys in headless Chromium (Debian's `chromium`, driven by playwright-core) against the built app.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
