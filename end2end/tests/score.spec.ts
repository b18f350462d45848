import { expect, test } from "@playwright/test";
import { firstDemoMonth, hydrated } from "./helpers";

// "My score": the demo scores the first of its two months; the officer reads the total,
// the grade, the components and the trace, and follows a rule to its script line.
test("an officer reads their score explained rule by rule, down to the script line", async ({ page }) => {
  const month = firstDemoMonth();
  await page.goto(`/dang-nhap?next=${encodeURIComponent(`/can-bo/diem?ky=${month}`)}`);
  await hydrated(page);
  await page.getByTestId("username").fill("cb.snv.tccb.02");
  await page.getByTestId("password").fill("Rubric@2025");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/can-bo\/diem\?ky=/);
  await expect(page.getByTestId("score-period")).toHaveText(month);
  await expect(page.getByRole("heading", { name: "Kết quả đánh giá" })).toBeVisible();
  await expect(page.getByTestId("score-total")).toHaveText(/^\d{1,3},\d{2}$/);
  await expect(page.getByTestId("score-grade")).toContainText(/HTXSNV|HTTNV|HTNV|KHTNV/);
  await expect(page.getByTestId("components")).toContainText("Số lượng");
  const lines = page.getByTestId("trace-line");
  await expect(lines.first()).toBeVisible();
  const general = page.locator('[data-testid="trace-line"][data-rule="general"]');
  await expect(general).toContainText("Tiêu chí chung");
  // A line lists its entries when opened (one line at a time: the page stays light).
  await expect(page.getByTestId("trace-entry")).toHaveCount(0);
  const quantityLine = page.locator('[data-testid="trace-line"][data-rule="task.quantity"]').first();
  const shown = await quantityLine.getByTestId("show-entries").textContent();
  const count = Number(shown!.trim().split(" ")[0]);
  expect(count).toBeGreaterThan(0);
  await quantityLine.getByTestId("show-entries").click();
  await expect(page).toHaveURL(/muc=\d+#muc-\d+$/);
  await expect(quantityLine.getByTestId("trace-entry")).toHaveCount(count);
  await expect(page.getByTestId("trace-entry")).toHaveCount(count);
  // Follow the quantity rule to its line in the formula version that scored the month.
  const quantity = page.locator('[data-testid="trace-line"][data-rule="task.quantity"]');
  const link = quantity.getByTestId("script-line");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/cong-thuc\/\d+#L\d+$/);
  const line = href!.split("#L")[1];
  await link.click();
  await expect(page.getByTestId("formula-name")).toContainText("v1");
  await expect(page.locator(`#L${line}`)).toBeVisible();
  await expect(page.locator(`#L${line}`)).toContainText(/trace|\(/);
});

// "How my score is computed": the walk through the formula in force, with the officer's own
// figures; its total is the page's total and each step leads to its trace line.
test("an officer walks through how their score is computed, with their own figures", async ({ page }) => {
  const month = firstDemoMonth();
  await page.goto(`/dang-nhap?next=${encodeURIComponent(`/can-bo/diem?ky=${month}`)}`);
  await hydrated(page);
  await page.getByTestId("username").fill("cb.snv.tccb.03");
  await page.getByTestId("password").fill("Rubric@2025");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("score-period")).toHaveText(month);
  const walk = page.getByTestId("walkthrough");
  await walk.getByText("Điểm của tôi được tính thế nào?").click();
  const step = (key: string) => walk.locator(`[data-testid="walk-step"][data-step="${key}"]`);
  await expect(step("standard-hours")).toContainText(/định mức \(phút\) ÷ 60 × hệ số phức tạp/);
  await expect(step("standard-hours")).toContainText(/\d+ công việc đã xác nhận/);
  await expect(step("task")).toContainText(/÷ 3 × \d+ = [\d,]+ điểm/);
  const total = (await page.getByTestId("score-total").textContent())!.replace(/,00$/, "").replace(/(,\d)0$/, "$1");
  await expect(step("total")).toContainText(`= ${total} điểm`);
  await expect(step("grade")).toContainText(/HTXSNV từ \d+ điểm/);
  await step("quantity").getByTestId("walk-trace-link").click();
  await expect(page).toHaveURL(/#trace-task\.quantity$/);
  await expect(page.locator("#trace-task\\.quantity")).toBeInViewport();
});
