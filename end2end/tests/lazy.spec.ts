import { expect, Page, test } from "@playwright/test";
import { firstDemoMonth, hydrated, openMenu, signedIn } from "./helpers";

// The wasm is split (cargo leptos build --split): an officer's diary runs on the main wasm
// alone; the code of every other page (sign-in, home, my score, the head's, the committee's,
// the administrators') comes in chunks fetched the first time such a page is opened — by a
// client-side navigation, or before hydration when the server rendered it.

/** The wasm files the page fetches from now on. */
function wasmRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith(".wasm")) seen.push(url.pathname.split("/").pop()!);
  });
  return seen;
}

test("the sign-in page loads its chunk, then signs in to the diary", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const wasm = wasmRequests(page);
  await page.goto("/dang-nhap?next=%2Fcan-bo");
  await hydrated(page);
  expect(wasm[0]).toBe("rubric.wasm");
  expect(wasm.length).toBeGreaterThan(1);
  await page.getByTestId("username").fill("cb.snv.tccb.02");
  await page.getByTestId("password").fill("Rubric@2025");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/can-bo$/);
  await hydrated(page);
  await expect(page.getByTestId("signed-in-user")).toBeAttached();
});

test("the diary loads no chunk; my score loads its chunk when opened and works", async ({ browser }) => {
  const officer = await signedIn(browser, "cb.snv.tccb.02", "/can-bo");
  const session = await officer.context().storageState();
  await officer.close();

  // A fresh visit to the diary (a new browser, signed in): one wasm, the main one.
  const page = await (await browser.newContext({ storageState: session })).newPage();
  const wasm = wasmRequests(page);
  await page.goto("/can-bo");
  await hydrated(page);
  await expect(page.getByTestId("signed-in-user")).toBeAttached();
  expect(wasm).toEqual(["rubric.wasm"]);

  // My score, by a client-side navigation: its chunk arrives, then the page.
  await openMenu(page);
  await page.getByTestId("main-nav").getByRole("link", { name: "Điểm của tôi" }).click();
  await expect(page).toHaveURL(/\/can-bo\/diem/);
  await expect(page.getByRole("heading", { level: 1, name: "Kết quả đánh giá" })).toBeVisible();
  expect(wasm.length).toBeGreaterThan(1);
  expect(wasm.slice(1)).not.toContain("rubric.wasm");

  // Rendered by the server, the lazily loaded page hydrates: its period links then navigate
  // in place, without loading a new document.
  const month = firstDemoMonth();
  await page.goto("/can-bo/diem");
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByTestId("score-history").locator(`a[href$="ky=${month}"]`).click();
  await expect(page).toHaveURL(new RegExp(`ky=${month}$`));
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test("an administrator's page rendered by the server hydrates once its chunk is loaded", async ({ browser }) => {
  const admin = await signedIn(browser, "admin", "/");
  const wasm = wasmRequests(admin);
  await admin.goto("/quan-tri/nguoi-dung");
  await hydrated(admin);
  expect(wasm).toContain("rubric.wasm");
  expect(wasm.filter((f) => f !== "rubric.wasm").length).toBeGreaterThan(0);
  // Hydrated, the page's links navigate in place: a user's page (another lazy route) opens
  // without a new document, and its own chunk arrives.
  const before = wasm.length;
  await admin.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await admin.getByTestId("users").getByRole("link", { name: "bcd", exact: true }).click();
  await expect(admin).toHaveURL(/\/quan-tri\/nguoi-dung\/\d+$/);
  await expect(admin.getByTestId("full-name")).toBeVisible();
  expect(await admin.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(wasm.length).toBeGreaterThan(before);
});

// A page the server rendered hydrates from the data it sent: the browser asks the server
// for none of it again (a guarded page built three times on the server once shifted the
// ids its data was sent under).
test("a server-rendered page hydrates without fetching its data again", async ({ browser }) => {
  const page = await signedIn(browser, "cb.snv.tccb.02", "/can-bo");
  for (const path of ["/can-bo", "/can-bo/diem", "/thong-bao"]) {
    const calls: string[] = [];
    const listen = (r: { url(): string }) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/")) calls.push(url.pathname);
    };
    page.on("request", listen);
    await page.goto(path);
    await hydrated(page);
    await page.waitForTimeout(500);
    page.off("request", listen);
    expect(calls, path).toEqual([]);
  }
});
