import { expect, test } from "@playwright/test";
import { firstDemoMonth, hydrated, signedIn } from "./helpers";

// An administrator makes a position's own formula from the template for unit leaders,
// takes the proposed boundary cases into it and submits it; a committee member simulates
// it on the scored month and approves it. (Not activated: the demo's scores stay as they
// are for the specs after this one.)
test("a position's own formula from the leader template, approved after a simulation", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await signedIn(browser, "admin", "/quan-tri/cong-thuc");
  const form = admin.getByTestId("new-formula");
  await form.locator("summary").click();
  const positions = form.getByTestId("new-formula-position");
  const cchc = await positions.locator("option", { hasText: "CV-CCHC —" }).getAttribute("value");
  await positions.selectOption(cchc!);
  await form.getByTestId("new-formula-template").selectOption("lanh-dao");
  await form.getByTestId("new-formula-position-submit").click();
  await expect(admin.getByTestId("rule-status")).toHaveAttribute("data-status", "draft");
  await hydrated(admin);
  await expect(admin.getByTestId("script-input")).toHaveValue(/led_unit/);
  await expect(admin.getByTestId("param-unit_weight")).toBeVisible();

  // The editor proposes cases on each side of each grade threshold; the admin keeps them.
  await admin.getByTestId("boundary-propose").click();
  const proposed = admin.getByTestId("boundary-case");
  await expect(proposed).toHaveCount(9);
  await expect(proposed.filter({ hasText: "89,99" }).first()).toContainText("HTTNV");
  await expect(proposed.filter({ hasText: "90,00" }).first()).toContainText("HTXSNV");
  await admin.getByTestId("boundary-accept").click();
  await expect(admin.getByTestId("case-results").last()).toHaveAttribute("data-passed", "true");
  await admin.reload();
  await hydrated(admin);
  await expect(admin.getByTestId("case-row").filter({ hasText: "90,00" }).first()).toBeVisible();
  await admin.getByTestId("submit-rule").click();
  await expect(admin.getByTestId("rule-status")).toHaveAttribute("data-status", "submitted");
  const versionUrl = new URL(admin.url()).pathname;

  // A second person, on the committee, simulates it and approves it.
  const member = await signedIn(browser, "bcd", versionUrl);
  await member.getByTestId("sim-period").selectOption(firstDemoMonth());
  await member.getByTestId("simulate").click();
  await expect(member.getByTestId("sim-status")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await member.goto(versionUrl);
  await hydrated(member);
  await member.getByTestId("approval-note").fill("Mẫu lãnh đạo cho vị trí CV-CCHC; đã xem kết quả mô phỏng.");
  await member.getByTestId("approve-rule").click();
  await expect(member.getByTestId("rule-status")).toHaveAttribute("data-status", "approved");
});
