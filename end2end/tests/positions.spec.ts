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
