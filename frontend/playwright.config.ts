import { defineConfig } from '@playwright/test';

// The suite runs against a real server seeded with the demo data; it never starts one itself.
const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) {
  throw new Error(
    'E2E_BASE_URL is not set. Start the server (for example `make run`) and run e.g.\n' +
      '  E2E_BASE_URL=http://127.0.0.1:8080 npm run e2e',
  );
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two cores: two workers at most. Every test makes its own users, so files may run side by side.
  workers: Number(process.env.E2E_WORKERS || 2),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'sr-Latn-RS',
    timezoneId: 'Europe/Belgrade',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
