import { expect, Page, test } from "@playwright/test";
import { firstDemoMonth, hydrated, signedIn } from "./helpers";

// The closing chain of the demo's first month, through the pages: the head of a department
// approves it, every agency's director approves the rest of the agency and closes it, the
// Steering Committee publishes the month (then reopens it with a reason and publishes it
// again); the officer sees the published month and the year so far.
//
// It changes the whole province (a published month refuses edits), so it runs last of all.

const month = firstDemoMonth();
const year = month.slice(0, 4);

/** On the unit page shown: compute the scores, then approve them. */
async function computeAndApprove(page: Page) {
  await page.getByTestId("compute").click();
  await expect(page.getByTestId("computed-count")).toBeVisible({ timeout: 120_000 });
  // The board is re-read after scoring; until it is, approving stays disabled (the form
  // would carry the scores seen before, which the server refuses as a conflict).
  await expect(page.getByTestId("unit-board")).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("approve-unit")).toBeEnabled();
  await page.getByTestId("approve-unit").click();
  await expect(page.getByTestId("approved-scores")).toBeVisible();
  await expect(page.getByTestId("approval-blockers")).toContainText("đã được phê duyệt");
}

async function closeAgency(page: Page, code: string) {
  await page.goto(`/chot-ky?ky=${month}`);
  await hydrated(page);
  const agency = page.getByTestId("closing-agency").and(page.locator(`[data-code="${code}"]`));
  await expect(agency.getByTestId("closing-unit").and(page.locator('[data-approved="false"]'))).toHaveCount(0);
  await agency.getByTestId("close-agency").click();
  await expect(page.getByTestId("closing-done")).toBeVisible();
  await expect(agency.getByTestId("agency-state")).toHaveAttribute("data-closed", "true");
}

test("a head approves the unit, the directors close their agencies, the committee publishes the month", async ({ browser }) => {
  test.setTimeout(600_000);

  // The head of department approves the department's month.
  const head = await signedIn(browser, "tp.snv.tccb", `/don-vi?ky=${month}`);
  await computeAndApprove(head);
  // The head's closing page shows their agency only, the department approved, and no
  // closing or publishing forms.
  await head.goto(`/chot-ky?ky=${month}`);
  await hydrated(head);
  await expect(head.getByTestId("closing-agency")).toHaveCount(1);
  await expect(head.locator('[data-testid="closing-unit"][data-code="snv/tccb"]')).toHaveAttribute("data-approved", "false");
  await expect(head.getByTestId("close-agency")).toHaveCount(0);
  await expect(head.getByTestId("publish-period")).toHaveCount(0);

  // The committee cannot publish while agencies are open.
  const committee = await signedIn(browser, "bcd", `/chot-ky?ky=${month}`);
  await expect(committee.getByTestId("period-publication")).toHaveAttribute("data-published", "false");
  await expect(committee.getByTestId("publish-period")).toBeDisabled();

  // Each director approves the agency's remaining results (the head's own included) from
  // the agency's unit page, then closes the agency.
  for (const code of ["snv", "stc", "xcr"]) {
    const director = await signedIn(browser, `gd.${code}`, `/don-vi?ky=${month}`);
    await computeAndApprove(director);
    await closeAgency(director, code);
    if (code === "snv") {
      // Closed, the agency's units cannot be reopened by their head.
      await head.goto(`/don-vi?ky=${month}`);
      await hydrated(head);
      await head.getByTestId("reopen-unit-reason").fill("Bổ sung nhật ký");
      await head.getByTestId("reopen-unit").click();
      await expect(head.getByRole("alert")).toContainText("đã chốt kỳ này");
    }
    await director.context().close();
  }

  // The committee publishes; reopens with a reason; publishes again.
  await committee.reload();
  await hydrated(committee);
  await expect(committee.getByTestId("agency-state").and(committee.locator('[data-closed="false"]'))).toHaveCount(0);
  await committee.getByTestId("publish-period").click();
  await expect(committee.getByTestId("period-publication")).toHaveAttribute("data-published", "true");
  await committee.getByTestId("reopen-period-reason").fill("Thanh tra đề nghị rà soát lại");
  await committee.getByTestId("reopen-period").click();
  await expect(committee.getByTestId("period-publication")).toHaveAttribute("data-published", "false");
  await committee.getByTestId("publish-period").click();
  await expect(committee.getByTestId("period-publication")).toHaveAttribute("data-published", "true");

  // The head gives an officer the year-end assessment and scores the department's year so far.
  await head.goto(`/don-vi?ky=${month}`);
  await hydrated(head);
  await head.locator('[data-testid="period-kind"][data-kind="year"]').click();
  await expect(head.locator('[data-testid="period-kind"][aria-current="page"]')).toHaveAttribute("data-kind", "year");
  const row = head.locator('[data-testid="unit-officer"][data-username="cb.snv.tccb.04"]');
  await row.getByTestId("general-points").fill("27");
  await row.getByTestId("save-points").click();
  await expect(head.getByTestId("points-saved")).toBeVisible();
  await head.getByTestId("compute").click();
  await expect(head.getByTestId("computed-count")).toBeVisible({ timeout: 120_000 });

  // The officer sees the published month as final, and the year so far as provisional,
  // formed from the months, each linking to its month.
  const officer = await signedIn(browser, "cb.snv.tccb.04", `/can-bo/diem?ky=${month}`);
  await expect(officer.getByTestId("score-period")).toHaveText(month);
  await expect(officer.getByTestId("score-publication")).toHaveAttribute("data-published", "true");
  await officer.goto(`/can-bo/diem?ky=${year}`);
  await hydrated(officer);
  await expect(officer.getByTestId("score-period")).toHaveText(year);
  await expect(officer.getByTestId("score-publication")).toHaveAttribute("data-published", "false");
  await expect(officer.getByTestId("score-total")).toBeVisible();
  await expect(officer.locator(`[data-testid="month-link"][href$="ky=${month}"]`).first()).toBeVisible();
  // And was told of the publication in the notification centre.
  await officer.goto("/thong-bao");
  await hydrated(officer);
  await expect(
    officer.getByTestId("notification").filter({ hasText: "đã được công bố chính thức" }).first(),
  ).toBeVisible();
});
