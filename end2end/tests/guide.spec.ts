import { expect, test } from "@playwright/test";
import { openMenu, signedIn } from "./helpers";

// First use: an officer signing in for the first time is walked through the diary step by
// step, each step marking the part of the page it explains; "Got it" hides the guide for
// good, and the help page opens it again. A head sees the review queue's guide, and the
// unit page on a month without work points to the last month that has some.
test("a new officer is guided through the diary once, and finds the guide again in Help", async ({ browser }, info) => {
  const who = info.project.name === "phone" ? "cb.snv.ccvc.11" : "cb.snv.ccvc.10";
  const page = await signedIn(browser, who, "/can-bo");
  const guide = page.getByTestId("guide");
  await expect(guide).toBeVisible();
  await expect(guide.getByRole("heading", { name: "Hướng dẫn nhanh cho cán bộ" })).toBeVisible();
  await expect(page.getByTestId("guide-progress")).toHaveText("Bước 1/4");
  await expect(page.getByTestId("guide-step")).toContainText("Chọn công việc trong danh mục");
  await expect(page.getByTestId("task-search")).toHaveCSS("outline-style", "solid");
  await page.getByTestId("guide-next").click();
  await expect(page.getByTestId("guide-progress")).toHaveText("Bước 2/4");
  await expect(page.getByTestId("guide-step")).toContainText("giờ chuẩn");
  await expect(page.getByTestId("quantity")).toHaveCSS("outline-style", "solid");
  await expect(page.getByTestId("task-search")).not.toHaveCSS("outline-style", "solid");
  await page.getByTestId("guide-next").click();
  await page.getByTestId("guide-next").click();
  await expect(page.getByTestId("guide-progress")).toHaveText("Bước 4/4");
  await expect(page.getByTestId("guide-next")).toBeDisabled();
  await page.getByTestId("guide-prev").click();
  await expect(page.getByTestId("guide-progress")).toHaveText("Bước 3/4");

  await page.getByTestId("guide-dismiss").click();
  await expect(guide).toHaveCount(0);
  await expect(page.getByTestId("quantity")).not.toHaveCSS("outline-style", "solid");
  await page.reload();
  await expect(page.getByTestId("entry-form")).toBeVisible();
  await expect(guide).toHaveCount(0);

  // Help opens it again.
  await openMenu(page);
  await page.getByTestId("help-link").click();
  await expect(page.getByRole("heading", { name: "Trợ giúp", level: 1 })).toBeVisible();
  await page.locator('[data-testid="open-guide"][data-guide="officer"]').click();
  await expect(page).toHaveURL(/\/can-bo\?huong-dan=1$/);
  await expect(guide).toBeVisible();

  // A head of department is both officer and reviewer: the queue has its own guide.
  const head = await signedIn(browser, "tp.snv.ccvc", "/duyet");
  await expect(head.getByTestId("guide")).toHaveAttribute("data-guide", "reviewer");
  await expect(head.getByTestId("guide-step")).toContainText("Lọc theo cán bộ");

  // A month nobody has logged in yet points to the last month with work.
  const now = new Date();
  const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  const nextCode = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, "0")}`;
  await head.goto(`/don-vi?ky=${nextCode}`);
  const last = head.getByTestId("unit-last-data");
  await expect(last).toContainText("Tháng gần nhất có dữ liệu");
  await last.getByRole("link").click();
  await expect(head).toHaveURL(/ky=\d{4}-\d{2}$/);
  await expect(head.getByTestId("unit-last-data")).toHaveCount(0);
  await expect(head.getByTestId("unit-officers")).toBeVisible();
});
