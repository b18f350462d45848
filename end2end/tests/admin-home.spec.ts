import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// The administrator lands on /quan-tri and sees what is missing for the province to be
// scored, what waits for a decision, and how the background jobs are going.

test("an admin sees the setup checklist", async ({ browser }) => {
  const admin = await signedIn(browser, "admin", "/quan-tri");
  const list = admin.getByTestId("setup-checklist");
  await expect(list.getByTestId("check")).toHaveCount(7);
  const positions = list.locator('[data-testid="check"][data-kind="positions-without-jd"]');
  await expect(positions).toContainText("Vị trí việc làm chưa có bản mô tả công việc được phê duyệt");
  await expect(positions).toHaveAttribute("data-count", /^\d+$/);
  // A check is "to do" exactly when it counts something (jobs running are information).
  for (const check of await list.getByTestId("check").all()) {
    const kind = await check.getAttribute("data-kind");
    const count = Number(await check.getAttribute("data-count"));
    const done = await check.getAttribute("data-done");
    expect(done, `${kind}`).toBe(String(count === 0 || kind === "jobs-running"));
  }
  // An officer is refused the page.
  const officer = await signedIn(browser, "cb.snv.tccb.02", "/quan-tri");
  await expect(officer.getByTestId("forbidden")).toBeVisible();
});
