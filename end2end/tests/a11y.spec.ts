import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { firstDemoMonth, hydrated, signedIn } from "./helpers";

// WCAG 2.1 AA on every page, at desktop and phone width (the two projects): axe-core finds
// no serious or critical violation. Each role opens its own pages; pages with an id in
// their address are reached through the link that leads there.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Each test checks many pages.
test.describe.configure({ timeout: 120_000 });

async function check(page: Page, path: string) {
  if (path) {
    await page.goto(path);
  }
  await hydrated(page);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n    ")}`);
  expect(bad, `${page.url()}:\n  ${bad.join("\n  ")}`).toEqual([]);
}

/** Follows the first link whose address matches `pattern` on `from`, then checks it. */
async function checkLinked(page: Page, from: string, pattern: RegExp) {
  await page.goto(from);
  await hydrated(page);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `${from} links to ${pattern}`).toBeTruthy();
  await check(page, href!);
}

test("the public pages", async ({ page }) => {
  for (const path of ["/", "/dang-nhap", "/kich-hoat", "/thuat-ngu", "/quyen-rieng-tu", "/khong-co-trang-nay"]) {
    await check(page, path);
  }
});

test("the officer's pages", async ({ browser }) => {
  const month = firstDemoMonth();
  const page = await signedIn(browser, "cb.snv.tccb.12", "/can-bo");
  for (const path of ["/can-bo", `/can-bo/diem?ky=${month}`, "/can-bo/thuc-hanh", "/thong-bao", "/tro-giup", "/doi-mat-khau"]) {
    await check(page, path);
  }
  await checkLinked(page, `/can-bo/diem?ky=${month}`, /^\/cong-thuc\/\d+/);
  await checkLinked(page, `/can-bo/diem?ky=${month}`, /^\/phieu-danh-gia\/\d+/);
});

test("the reviewer's pages", async ({ browser }) => {
  const month = firstDemoMonth();
  const page = await signedIn(browser, "tp.snv.tccb", "/duyet");
  for (const path of ["/duyet", `/don-vi?ky=${month}`, "/chot-ky"]) {
    await check(page, path);
  }
  await checkLinked(page, `/don-vi?ky=${month}`, /^\/don-vi\/can-bo\/\d+/);
});

test("the administrator's pages", async ({ browser }) => {
  const page = await signedIn(browser, "admin", "/quan-tri");
  for (const path of [
    "/quan-tri",
    "/quan-tri/to-chuc",
    "/quan-tri/don-vi",
    "/quan-tri/ket-noi",
    "/quan-tri/nguoi-dung",
    "/quan-tri/nguoi-dung/moi",
    "/quan-tri/cong-thuc",
    "/quan-tri/vi-tri",
    "/thanh-tra",
  ]) {
    await check(page, path);
  }
  await checkLinked(page, "/quan-tri/nguoi-dung", /^\/quan-tri\/nguoi-dung\/\d+/);
  await checkLinked(page, "/quan-tri/cong-thuc", /^\/quan-tri\/cong-thuc\/\d+/);
  await checkLinked(page, "/quan-tri/vi-tri", /^\/quan-tri\/vi-tri\/\d+/);
});

test("the committee's pages", async ({ browser }) => {
  const month = firstDemoMonth();
  const page = await signedIn(browser, "bcd", "/ban-chi-dao");
  for (const path of ["/ban-chi-dao", `/bao-cao/xep-loai?ky=${month}`]) {
    await check(page, path);
  }
});
