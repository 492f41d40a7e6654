import { defineConfig } from '@playwright/test';
import { E2E } from './env.js';

/** Journeys in Debian's Chromium (never a downloaded browser), with axe on every page. */
export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [
        ['list'],
        [
          'json',
          {
            outputFile: `../test-results/e2e-${process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite'}.json`,
          },
        ],
      ]
    : [['list']],
  outputDir: '../test-results/e2e-artifacts',
  use: {
    baseURL: E2E.baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx e2e/serve.ts',
    cwd: '..',
    url: `${E2E.baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
