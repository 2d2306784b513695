import { defineConfig } from "@playwright/test";

// Each test starts its own server on its own port with a fresh SQLite
// database and the demo data (see tests/fixtures.ts).
export default defineConfig({
  testDir: "./tests",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // (`make test` gives a failed test one more try, where two workers share
  // two cores; one that passes only then is still named after the phase
  // times, by failures-reporter.ts, so a flaky test is seen and fixed.)
  retries: 0,
  reporter: [["list"], ["./failures-reporter.ts"]],
  use: {
    trace: "retain-on-failure",
    serviceWorkers: "allow",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
