import { defineConfig } from 'vitest/config';

const db = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';

export default defineConfig({
  test: {
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: `test-results/unit-${db}.json` }]]
      : ['default'],
    include: [
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      'packages/shared/src/**/*.test.ts',
      'apps/web/src/**/*.test.ts',
    ],
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Each test file gets its own database copy, so files run in parallel safely.
    fileParallelism: true,
  },
});
