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
    // KNOWN ISSUE (see the session note): the import resume test simulates a crash by throwing
    // 'killed while writing' inside a job chunk's transaction on PGlite; the test passes, but the
    // same rejection also surfaces once as unhandled (from the PGlite transaction wrapper). Only
    // that simulated error is ignored here; every other unhandled error still fails the run.
    onUnhandledError: (error) => (error.message === 'killed while writing' ? false : undefined),
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Each test file gets its own database copy, so files run in parallel safely.
    fileParallelism: true,
  },
});
