import { expect, test } from "@playwright/test";
import { firstDemoMonth, hydrated, signedIn } from "./helpers";

// An officer contests the entry behind their delay penalty; the head of department accepts,
// confirms the objective cause and re-scores; the officer's score history shows both
// versions and the appeal's answer.

test("an officer appeals a delay, the head accepts and re-scores, both versions are kept", async ({ browser }, info) => {
  // Demo officers with a delay penalty in the first month.
  const who = info.project.name === "phone" ? "cb.snv.tccb.05" : "cb.snv.tccb.03";
  const period = firstDemoMonth();
  // Both projects run on one server: each appeal names its own day of outage.
  const comment = `Trễ hạn do phần mềm quản lý văn bản ngừng hoạt động (${who})`;
  const officer = await signedIn(browser, who, `/can-bo/diem?ky=${period}`);
  await expect(officer.getByTestId("score-period")).toHaveText(period);
  const before = await officer.getByTestId("score-total").textContent();
  const delay = officer.locator('[data-testid="trace-line"][data-rule="penalty.delay"]');
  // A line's entries are listed when it is opened.
  await delay.getByTestId("show-entries").click();
  await expect(officer).toHaveURL(/muc=\d+#muc-\d+$/);
  const entryId = await delay.getByTestId("trace-entry").first().getAttribute("data-entry-id");
  expect(entryId).toMatch(/^\d+$/);

  await officer.getByTestId("open-appeal").click();
  await officer.getByTestId("appeal-entry").selectOption(entryId!);
  await officer.getByTestId("appeal-comment-input").fill(comment);
  await officer.getByTestId("send-appeal").click();
  await expect(officer.getByTestId("appeal-sent")).toBeVisible();
  const mine = officer.getByTestId("appeal").filter({ hasText: comment });
  await expect(mine.getByTestId("appeal-status")).toHaveText("Chờ trả lời");

  const head = await signedIn(browser, "tp.snv.tccb", `/don-vi?ky=${period}`);
  const appeal = head.getByTestId("unit-appeals").getByTestId("appeal").filter({ hasText: comment });
  await expect(head.getByTestId("approval-blockers")).toContainText("Khiếu nại chờ trả lời");
  await appeal.getByTestId("appeal-accept").check();
  await appeal.getByTestId("appeal-delays").fill("0");
  await appeal.getByTestId("appeal-objective-cause").check();
  await appeal.getByTestId("appeal-answer-text").fill("Xác nhận sự cố phần mềm ngày đó; miễn trừ trễ hạn");
  await appeal.getByTestId("send-answer").click();
  await expect(head.getByTestId("appeal-answered")).toBeVisible();
  await expect(appeal.getByTestId("appeal-status")).toHaveText("Được chấp nhận");

  await officer.reload();
  await hydrated(officer);
  await expect(mine.getByTestId("appeal-status")).toHaveText("Được chấp nhận");
  await expect(mine.getByTestId("appeal-answer")).toContainText("miễn trừ trễ hạn");
  await expect(mine.getByTestId("appeal-score-change")).toContainText(`${before} →`);
  const versions = officer.getByTestId("score-version");
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(1)).toContainText("sau khiếu nại");
  await expect(officer.getByTestId("score-total")).not.toHaveText(before!);
  await expect(officer.getByTestId("trace-line").filter({ hasText: "Miễn trừ do nguyên nhân khách quan" })).toBeVisible();
});
