import { defineConfig, devices } from "@playwright/test";

// Rubric's browser tests. They run in Debian's Chromium (a Playwright browser download is
// impossible on our machines), against the server that `cargo leptos end-to-end` starts,
// or against RUBRIC_BASE_URL when it is set.
const baseURL = process.env.RUBRIC_BASE_URL ?? "http://127.0.0.1:3000";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const launchOptions = {
  executablePath: chromium,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

// Specs that change the whole demo province for everyone after them.
const JOURNEYS_THAT_CHANGE_THE_PROVINCE = /(rules|closing|delegation)\.spec\.ts$/;
// The closing journey publishes a month, which then refuses every change: after all.
const CLOSING = /(closing|delegation)\.spec\.ts$/;

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    locale: "vi-VN",
  },
  projects: [
    {
      name: "desktop",
      testIgnore: JOURNEYS_THAT_CHANGE_THE_PROVINCE,
      use: { ...devices["Desktop Chrome"], channel: undefined, launchOptions },
    },
    {
      name: "phone",
      testIgnore: JOURNEYS_THAT_CHANGE_THE_PROVINCE,
      use: { ...devices["Pixel 5"], launchOptions },
    },
    {
      // Runs once, after every other spec: it activates a new province formula and
      // re-scores a month, which the other specs (on the same server) must not see.
      name: "last",
      testMatch: JOURNEYS_THAT_CHANGE_THE_PROVINCE,
      testIgnore: CLOSING,
      dependencies: ["desktop", "phone"],
      use: { ...devices["Desktop Chrome"], channel: undefined, launchOptions },
    },
    {
      name: "closing",
      testMatch: CLOSING,
      dependencies: ["last"],
      use: { ...devices["Desktop Chrome"], channel: undefined, launchOptions },
    },
  ],
});
