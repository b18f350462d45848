// Time to interactive of a page for a signed-in user on a slow mobile network (used by
// scripts/bench-web.sh): Chromium throttled through the DevTools protocol to 1.6 Mbps down,
// 750 kbps up, 150 ms round trip, cache disabled; from navigation start until the app marks
// itself hydrated (data-hydrated="true" on the root). Prints each run (with the bytes the
// browser received for it, every response counted as sent: HTML, CSS, JS, the wasm and any
// split chunk it loaded) and the median of 3.
// Usage: node bench-tti.mjs BASE_URL USERNAME PATH
import { chromium } from "@playwright/test";

const [base, username, path] = process.argv.slice(2);
if (!base || !username || !path) {
  console.error("usage: node bench-tti.mjs BASE_URL USERNAME PATH");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
});
const times = [];
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  // Sign in unthrottled: what is measured is the page, not the sign-in.
  await page.goto(`${base}/dang-nhap`);
  await page.getByTestId("app-root").and(page.locator('[data-hydrated="true"]')).waitFor();
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill("Rubric@2025");
  await page.getByTestId("sign-in-submit").click();
  await page.getByTestId("signed-in-user").waitFor({ state: "attached" });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  let received = 0;
  let responses = 0;
  cdp.on("Network.loadingFinished", (e) => {
    received += e.encodedDataLength;
    responses += 1;
  });
  const started = Date.now();
  await page.goto(`${base}${path}`, { waitUntil: "commit", timeout: 120_000 });
  await page
    .getByTestId("app-root")
    .and(page.locator('[data-hydrated="true"]'))
    .waitFor({ timeout: 120_000 });
  const ms = Date.now() - started;
  times.push(ms);
  console.log(
    `  run ${run + 1}: ${(ms / 1000).toFixed(2)} s, ${responses} responses, ${Math.round(received / 1024)} KiB received`,
  );
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`  time to interactive (median of 3): ${(times[1] / 1000).toFixed(2)} s`);
