import { expect, Page, test } from "@playwright/test";
import { firstDemoMonth, hydrated, signedIn } from "./helpers";

/** The month after the demo's scored month (the demo's second month). */
function secondDemoMonth(): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

/** Takes every failing case's actual values as its new expectations, in the table. */
async function acceptActuals(admin: Page) {
  const results = admin.getByTestId("case-result");
  const count = await results.count();
  for (let c = 0; c < count; c++) {
    const result = results.nth(c);
    if ((await result.getAttribute("data-passed")) === "true") continue;
    const failures = result.getByTestId("case-failure");
    for (let f = 0; f < (await failures.count()); f++) {
      const cells = failures.nth(f).locator("td");
      const officer = (await cells.nth(0).innerText()).trim();
      const field = (await cells.nth(1).innerText()).trim();
      const actual = (await cells.nth(3).innerText()).trim();
      const row = admin
        .locator(`[data-testid="case-row"][data-case="${c}"]`)
        .filter({ has: admin.locator("code", { hasText: new RegExp(`^${officer}$`) }) });
      if (field === "total") {
        await row.getByTestId("expect-total").fill(actual);
      } else if (field === "grade") {
        await row.getByTestId("expect-grade").fill(actual);
      } else if (field.startsWith("components.")) {
        const name = field.slice("components.".length);
        const input = row.getByTestId("expect-components");
        const text = await input.inputValue();
        const pattern = new RegExp(`(^|; )${name} = [^;]*`);
        await input.fill(pattern.test(text) ? text.replace(pattern, `$1${name} = ${actual}`) : `${text}; ${name} = ${actual}`);
      } else {
        throw new Error(`unexpected failing field ${field}`);
      }
    }
  }
}

// The formula journey: an admin drafts a formula raising the quality weight; its
// tests fail and the admin fixes them; the committee simulates it on the last scored month,
// reads the transition matrix, approves it with a note and activates it from the next month;
// the next month's score of an officer uses the new version and its trace names it.
// It runs once, in the "last" project, after every other spec (see playwright.config.ts).
test("a formula goes from draft to the scores of the next month, never blind", async ({ browser }) => {
  test.setTimeout(120_000);
  const scored = firstDemoMonth();
  const next = secondDemoMonth();

  // The admin opens the version in force of the province's default formula (listed first;
  // earlier specs add formulas of their own, each with its v1) and starts a draft from it.
  const admin = await signedIn(browser, "admin", "/quan-tri/cong-thuc");
  await admin
    .getByTestId("rule-set")
    .first()
    .getByTestId("rule-version")
    .filter({ has: admin.getByRole("link", { name: "v1", exact: true }) })
    .getByTestId("rule-version-open")
    .click();
  await expect(admin.getByTestId("rule-status")).toHaveAttribute("data-status", "active");
  await hydrated(admin);
  await admin.getByTestId("new-rule-draft").click();
  await expect(admin.getByTestId("rule-status")).toHaveAttribute("data-status", "draft");
  const title = (await admin.getByTestId("rule-title").innerText()).match(/v(\d+)/)![1];

  // A typing mistake shows at its line while typing; putting it back clears it.
  const script = admin.getByTestId("script-input");
  const original = await script.inputValue();
  await script.fill(original.replace("fn score(officer, params, period) {", "fn score(officer, params, period) {\n    let broken = ;"));
  await expect(admin.getByTestId("script-problem")).toContainText("Dòng");
  await expect(admin.locator(".gutter .bad")).toHaveCount(1);
  await script.fill(original);
  await expect(admin.getByTestId("script-ok")).toBeVisible();
  // The same by keyboard alone: typed at the end of the script, flagged in the live
  // status, erased; Tab then leaves the editor (it does not trap the keyboard).
  const mistake = "\nlet broken = ;";
  await script.focus();
  await admin.keyboard.press("Control+End");
  await admin.keyboard.type(mistake);
  await expect(admin.getByTestId("script-problem")).toContainText("Dòng");
  for (let i = 0; i < mistake.length; i++) await admin.keyboard.press("Backspace");
  await expect(admin.getByTestId("script-ok")).toBeVisible();
  await expect(script).toHaveValue(original);
  await admin.keyboard.press("Tab");
  await expect(script).not.toBeFocused();

  // Raise the quality weight: the tests that pinned the old totals fail, expected vs actual.
  await admin.getByTestId("param-weight_quality").fill("2");
  await admin.getByTestId("save-rule").click();
  await expect(admin.getByTestId("rule-saved")).toBeVisible();
  await expect(admin.getByTestId("case-results")).toHaveAttribute("data-passed", "false");
  await expect(admin.getByTestId("case-failure").first()).toBeVisible();
  await admin.getByTestId("submit-rule").click();
  await expect(admin.getByRole("alert").filter({ hasText: "ca kiểm thử không đạt" })).toBeVisible();

  // The admin takes the new values as expected and submits.
  await admin.reload();
  await hydrated(admin);
  await expect(admin.getByTestId("param-weight_quality")).toHaveValue("2");
  await acceptActuals(admin);
  await admin.getByTestId("save-rule").click();
  await expect(admin.getByTestId("case-results")).toHaveAttribute("data-passed", "true");
  await admin.reload();
  await hydrated(admin);
  await admin.getByTestId("submit-rule").click();
  await expect(admin.getByTestId("rule-status")).toHaveAttribute("data-status", "submitted");
  const versionUrl = new URL(admin.url()).pathname;

  // The committee simulates it on the last scored month and reads the matrix.
  const member = await signedIn(browser, "bcd", versionUrl);
  await member.getByTestId("sim-period").selectOption(scored);
  await member.getByTestId("simulate").click();
  await expect(member.getByTestId("sim-status")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  const matrix = member.getByTestId("transition-matrix");
  await expect(matrix).toBeVisible();
  // Every active demo officer (200, less the accounts other specs on this server have
  // locked) is in the matrix once and has a row.
  const officers = Number(await member.getByTestId("sim-officers").innerText());
  expect(officers).toBeGreaterThanOrEqual(195);
  expect(officers).toBeLessThanOrEqual(200);
  const cells = await matrix.locator("td").allInnerTexts();
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(officers);
  await expect(member.getByTestId("sim-row")).toHaveCount(officers);
  await expect(member.getByTestId("dist-chart")).toBeVisible();
  await expect(member.getByTestId("sim-row").first()).toBeVisible();
  await expect(member.getByTestId("sim-export")).toHaveAttribute("href", /\/api\/xuat-mo-phong\/\d+$/);
  // Why an officer's result moves: the rules whose points differ, and the entries behind.
  await member.getByTestId("sim-why").first().click();
  const change = member.getByTestId("sim-change");
  await expect(change).toBeVisible();
  await expect(change.getByTestId("change-rule").first()).toBeVisible();
  await expect(change.getByTestId("sim-change-totals")).toContainText("Dự thảo");

  // Approval with a note; the evidence packet is on the version.
  await member.goto(versionUrl);
  await hydrated(member);
  await member.getByTestId("approval-note").fill("Tăng trọng số chất lượng sau thí điểm; đã xem ma trận chuyển xếp loại.");
  await member.getByTestId("approve-rule").click();
  await expect(member.getByTestId("rule-status")).toHaveAttribute("data-status", "approved");
  const evidence = member.getByTestId("evidence");
  await expect(evidence.getByTestId("evidence-note")).toContainText("Tăng trọng số chất lượng");
  await expect(evidence.getByTestId("evidence-simulation")).toContainText(scored);
  await expect(evidence.getByTestId("evidence-diff")).toContainText("weight_quality: 1 → 2");

  // Activation from the next month (suggested), then the explicit re-score of that month.
  await expect(member.getByTestId("effective-from")).toHaveValue(`${next}-01`);
  await member.getByTestId("activate-rule").click();
  await expect(member.getByTestId("rule-status")).toHaveAttribute("data-status", "active");
  await member.getByTestId("rescore-period").filter({ hasText: next }).click();
  // The re-score runs as a background job; the page follows it to its result.
  const job = member.getByTestId("job");
  await expect(job.getByTestId("job-status")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect(job.getByTestId("job-result")).toBeVisible();
  await expect(job.getByTestId("job-cancel")).toHaveCount(0);

  // An officer's score of the next month names the new version.
  const officer = await signedIn(browser, "cb.snv.tccb.02", `/can-bo/diem?ky=${next}`);
  await expect(officer.getByTestId("score-period")).toHaveText(next);
  await expect(officer.getByTestId("formula-link")).toContainText(`v${title}`);
  // The month already scored keeps the version that scored it.
  await officer.goto(`/can-bo/diem?ky=${scored}`);
  await expect(officer.getByTestId("formula-link")).toContainText("v1");
});
