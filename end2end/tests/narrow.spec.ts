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
