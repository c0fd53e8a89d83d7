import { defineConfig } from '@playwright/test';

/** e2e in Debian's Chromium against `streamdesk serve` on a real native stack. Never downloads a browser. */
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  globalTeardown: './test/e2e/global-teardown.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  // Specs share one stack and do not depend on each other's order; the one that stops, resets and
  // restarts that stack runs after all of them, as a project of its own.
  projects: [
    { name: 'e2e', testIgnore: /stack-lifecycle\.spec\.ts$/ },
    { name: 'stack-lifecycle', testMatch: /stack-lifecycle\.spec\.ts$/, dependencies: ['e2e'] },
  ],
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
