import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright's own browser download is not available on our machines. */
const CHROMIUM = process.env.LANVAS_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        },
      },
    },
    // Separate hosts in network namespaces, each launching its own Chromium inside (test/e2e/support/lan.ts).
    { name: 'lan', testDir: 'test/e2e/lan' },
    { name: 'electron', testDir: 'test/e2e/electron' },
  ],
});
