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
