import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// An auditor finds a position without accents, reads its job-description versions and
// compares the approved version with the pilot's draft: the text line added, the norm of
// C08 cut from 30 to 25 minutes, C14 added.
test("positions are found without accents and two job-description versions compare", async ({ browser }) => {
  const auditor = await signedIn(browser, "thanhtra", "/quan-tri/vi-tri");
  await auditor.getByTestId("position-search").fill("to chuc can bo");
  await auditor.getByTestId("position-search").press("Enter");
  const row = auditor.getByTestId("position").filter({ hasText: "CV-TCCB" });
  await expect(row).toContainText("v1");
  await expect(row).toContainText("Nháp");
  await row.getByRole("link", { name: "CV-TCCB" }).click();
  await expect(auditor.getByTestId("position-name")).toContainText("Chuyên viên tổ chức cán bộ");
  await expect(auditor.getByTestId("version")).toHaveCount(2);
  await expect(auditor.getByTestId("shown-version")).toContainText("v1");
  await expect(auditor.getByTestId("catalog-item").filter({ hasText: "C08" })).toContainText("30");
  await expect(auditor.getByTestId("line-added")).toContainText("Sau thí điểm");
  await expect(auditor.getByTestId("item-changed").filter({ hasText: "C08" })).toContainText("30 → 25");
  await expect(auditor.getByTestId("item-added")).toContainText("C14");
  // The comparison the other way round.
  await auditor.getByTestId("compare-tu").selectOption("2");
  await auditor.getByTestId("compare-den").selectOption("1");
  await auditor.getByTestId("compare").click();
  await expect(auditor.getByTestId("item-removed")).toContainText("C14");
});

// The first of the admin journeys: an admin changes a catalog item's norm and
// submits; a second admin approves it with the decision number and the effective date.
test("an admin changes a norm and submits, a second admin approves", async ({ browser }, info) => {
  // Each project its own position (the demo's pilot draft of CV-TCCB stays for the
  // comparison above); both start a new draft from the approved version.
  const [code, task] = info.project.name === "phone" ? ["CV-CCHC", "C11"] : ["CV-TH", "C04"];
  const admin = await signedIn(browser, "admin", `/quan-tri/vi-tri?q=${code}`);
  await admin.getByTestId("position").filter({ hasText: code }).getByRole("link", { name: code }).click();
  await expect(admin.getByTestId("position-name")).toContainText(code);
  await admin.getByTestId("new-draft").click();
  const row = admin.locator(`[data-testid="jd-row"][data-code="${task}"]`);
  await row.getByTestId("row-norm").fill("20");
  await admin.getByTestId("jd-save").click();
  await expect(admin.getByTestId("jd-saved")).toBeVisible();
  await expect(row.getByTestId("row-norm")).toHaveValue("20");
  await admin.getByTestId("jd-submit").click();
  await expect(admin.getByTestId("jd-decide")).toBeVisible();
  // Its author cannot approve it.
  await admin.getByTestId("jd-decision").fill("215/QĐ-SNV");
  await admin.getByTestId("jd-effective").fill("2026-12-01");
  await admin.getByTestId("jd-approve").click();
  await expect(admin.getByRole("alert")).toContainText("nguyên tắc hai người");

  const second = await signedIn(browser, "admin2", new URL(admin.url()).pathname);
  await second.getByTestId("jd-decision").fill("215/QĐ-SNV");
  await second.getByTestId("jd-effective").fill("2026-12-01");
  await second.getByTestId("jd-approve").click();
  await expect(second.getByTestId("jd-decide")).toHaveCount(0);
  const newest = second.getByTestId("version").first();
  await expect(newest).toContainText("Đã duyệt");
  await expect(newest).toContainText("215/QĐ-SNV");
  await expect(second.getByTestId("version").nth(1)).toContainText("Đã thay thế");
  await expect(second.getByTestId("catalog-item").filter({ hasText: task })).toContainText("20");
});

test("an admin pastes a catalog from a spreadsheet into a draft; a bad line is named", async ({ browser }, info) => {
  const code = info.project.name === "phone" ? "TP" : "VT";
  const admin = await signedIn(browser, "admin", `/quan-tri/vi-tri?q=${code}`);
  await admin.getByTestId("position").filter({ hasText: code }).first().getByRole("link", { name: code, exact: true }).click();
  await admin.getByTestId("new-draft").click();
  await admin.getByTestId("open-import").click();
  await admin.getByTestId("import-text").fill("Mã\tNhóm\tCông việc\tĐơn vị tính\tĐịnh mức (phút)\tMức độ phức tạp\tCần số văn bản\nC05\tC\tTiếp nhận văn bản đến\tvăn bản\tsáu\t1\tkhông");
  await admin.getByTestId("import").click();
  await expect(admin.getByRole("alert")).toContainText("Dòng 2");
  await admin.getByTestId("import-text").fill("C05\tC\tTiếp nhận văn bản đến\tvăn bản\t6\t1\tkhông\nC06\tC\tPhát hành văn bản đi\tvăn bản\t9\t1\tcó");
  await admin.getByTestId("import").click();
  await expect(admin.getByTestId("jd-saved")).toBeVisible();
  await expect(admin.getByTestId("jd-row")).toHaveCount(2);
  await expect(admin.locator('[data-testid="jd-row"][data-code="C06"]').getByTestId("row-norm")).toHaveValue("9");
});
