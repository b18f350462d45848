import { expect, Page, test } from "@playwright/test";

// The officer's work diary on the demo province (the current month starts empty).
const PASSWORD = "Rubric@2025";

async function hydrated(page: Page) {
  await expect(page.getByTestId("app-root")).toHaveAttribute("data-hydrated", "true");
}

test("an officer logs work, sees the warnings, corrects the entry and submits the period", async ({ page }, info) => {
  const who = info.project.name === "phone" ? "cb.snv.ccvc.07" : "cb.snv.ccvc.06";
  await page.goto("/dang-nhap?next=/can-bo");
  await hydrated(page);
  await page.getByTestId("username").fill(who);
  await page.getByTestId("password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/can-bo$/);
  await expect(page.getByRole("heading", { name: "Nhật ký công việc" })).toBeVisible();
  await hydrated(page);

  // "bao cao dinh ky" finds "Báo cáo định kỳ tháng" without accents.
  await page.getByTestId("task-search").fill("bao cao dinh ky");
  const options = page.getByTestId("task").locator("option");
  await expect(options).toHaveCount(2); // the task and "off-catalog"
  await expect(options.first()).toContainText("B03 — Báo cáo định kỳ tháng");
  await page.getByTestId("task").selectOption({ index: 0 });
  await page.getByTestId("quantity").fill("2");
  await page.getByTestId("save-entry").click();
  await expect(page.getByTestId("form-ok")).toBeVisible();

  const entry = page.getByTestId("entry").filter({ hasText: "Báo cáo định kỳ tháng" });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId("entry-status")).toHaveText("Nháp");
  await expect(entry).toContainText("14,40 Giờ chuẩn");
  // Two reports a day are 14,4 standard hours, and the task needs a document number.
  await expect(page.getByTestId("warn-heavy")).toContainText("14,4");
  await expect(page.getByTestId("warn-evidence")).toContainText("B03");

  await entry.getByTestId("edit-entry").click();
  await expect(page.getByRole("heading", { name: "Sửa công việc" })).toBeVisible();
  await hydrated(page);
  await page.getByTestId("quantity").fill("1");
  await page.getByTestId("document").fill("125/SNV-CCVC");
  await page.getByTestId("save-entry").click();
  await expect(page.getByTestId("form-ok")).toBeVisible();
  await expect(page.getByTestId("warn-heavy")).toHaveCount(0);
  await expect(page.getByTestId("warn-evidence")).toHaveCount(0);
  await expect(entry).toContainText("125/SNV-CCVC");

  await page.getByTestId("submit-period").click();
  await expect(page.getByTestId("submitted-count")).toContainText("1");
  await expect(entry.getByTestId("entry-status")).toHaveText("Đã gửi");
  await expect(entry.getByTestId("edit-entry")).toHaveCount(0);
});
