import { expect, Page, test } from "@playwright/test";
import { firstDemoMonth, hydrated, signedIn } from "./helpers";

// The officer's and the reviewer's pages on a 360-px-wide phone: nothing wider than the
// screen (no sideways scrolling), and the main controls fully on screen.
const WIDTH = 360;

async function fits(page: Page, path: string, controls: string[]) {
  await page.goto(path);
  await hydrated(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
  for (const id of controls) {
    const control = page.getByTestId(id).first();
    await expect(control, `${path}: ${id}`).toBeVisible();
    const box = await control.boundingBox();
    expect(box!.x, `${path}: ${id} starts off screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${path}: ${id} ends off screen`).toBeLessThanOrEqual(WIDTH);
  }
}

test("the diary, the queue, the unit page and my score fit a 360-px screen", async ({ browser }, info) => {
  test.skip(info.project.name === "phone", "sets its own 360-px viewport; once is enough");
  const month = firstDemoMonth();
  const phone = { viewport: { width: WIDTH, height: 780 }, isMobile: true, hasTouch: true };
  const officer = await signedIn(browser, "cb.snv.tccb.02", "/", phone);
  await fits(officer, "/can-bo", ["task-search", "task", "quantity", "save-entry", "submit-period"]);
  await fits(officer, `/can-bo/diem?ky=${month}`, ["score-total", "trace", "open-appeal"]);
  const head = await signedIn(browser, "tp.snv.tccb", "/", phone);
  await fits(head, "/duyet", ["filter-officer", "approve-picked", "pick"]);
  await fits(head, `/don-vi?ky=${month}`, ["unit-select", "compute", "approve-unit", "general-points", "save-points"]);
});

// A 360 × 640 phone: the header is one line (brand, language, menu button), the menu opens
// the navigation and the user menu and closes on a link, and the diary's "add" form starts
// on the first screen.
test("on a 360 × 640 phone the header is one line and the diary's add form is on the first screen", async ({ browser }, info) => {
  test.skip(info.project.name === "phone", "sets its own viewport; once is enough");
  const phone = { viewport: { width: WIDTH, height: 640 }, isMobile: true, hasTouch: true };
  const officer = await signedIn(browser, "cb.snv.tccb.02", "/can-bo", phone);
  // The first-use guide comes first on a first visit; once dismissed, the form does.
  if (await officer.getByTestId("guide").isVisible()) {
    await officer.getByTestId("guide-dismiss").click();
    await expect(officer.getByTestId("guide")).toHaveCount(0);
  }
  const header = await officer.locator("header.site-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(64);
  await expect(officer.getByTestId("main-nav")).toBeHidden();
  await expect(officer.getByTestId("lang-switch")).toBeInViewport();
  const first = officer.getByTestId("task-search");
  await expect(first).toBeInViewport({ ratio: 1 });
  await expect(officer.getByTestId("quantity")).toBeInViewport({ ratio: 1 });

  await officer.getByTestId("menu-button").click();
  const nav = officer.getByRole("navigation", { name: "main" });
  await expect(nav).toBeVisible();
  await expect(officer.getByTestId("sign-out")).toBeInViewport();
  await nav.getByRole("link", { name: "Điểm của tôi" }).click();
  await expect(officer).toHaveURL(/\/can-bo\/diem/);
  await expect(nav).toBeHidden();
  await expect(officer.getByTestId("score-total").or(officer.getByTestId("no-score"))).toBeInViewport();
});
