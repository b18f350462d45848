import { expect, test } from "@playwright/test";
import { hydrated, signedIn } from "./helpers";

// Practice mode: a new officer logs and "submits" practice work with the diary's form and
// sees what the month's score would be; the practice entry never reaches the head's review
// queue nor the officer's real diary; starting over deletes it.
test("a new officer practises logging and submitting, sees the preview, and nothing reaches the head", async ({ browser }, info) => {
  const who = info.project.name === "phone" ? "cb.snv.ccvc.09" : "cb.snv.ccvc.08";
  const document = `TH-${info.project.name}-${Date.now()}`;
  const page = await signedIn(browser, who, "/can-bo");
  await page.getByTestId("practice-link").click();
  await expect(page).toHaveURL(/\/can-bo\/thuc-hanh$/);
  await expect(page.getByRole("heading", { name: "Thực hành ghi nhật ký", level: 1 })).toBeVisible();
  await expect(page.getByTestId("practice-banner")).toContainText("không được gửi tới thủ trưởng");
  await hydrated(page);
  await expect(page.getByTestId("practice-no-preview")).toBeVisible();

  // The diary's own form: search the catalog, pick the task, the quantity, a document.
  await page.getByTestId("task-search").fill("bao cao dinh ky");
  await page.getByTestId("task").selectOption({ index: 0 });
  await page.getByTestId("quantity").fill("2");
  await page.getByTestId("document").fill(document);
  await page.getByTestId("save-practice").click();
  await expect(page.getByTestId("practice-saved")).toBeVisible();
  const entry = page.getByTestId("practice-entry").filter({ hasText: document });
  await expect(entry).toHaveAttribute("data-submitted", "false");
  await expect(entry.getByTestId("practice-status")).toHaveText("Nháp");

  await page.getByTestId("submit-practice").click();
  await expect(page.getByTestId("practice-submitted")).toContainText("1");
  await expect(entry).toHaveAttribute("data-submitted", "true");
  await expect(entry.getByTestId("practice-status")).toHaveText("Đã nộp thử");

  // The preview, with the general-criteria points the officer expects.
  await page.getByTestId("practice-general").fill("25");
  await page.getByTestId("practice-show").click();
  await expect(page).toHaveURL(/chung=25/);
  await expect(page.getByTestId("practice-total")).toBeVisible();
  await expect(page.getByTestId("practice-counted")).toContainText("1");
  await expect(page.getByTestId("practice-preview").getByTestId("components")).toContainText("Tiêu chí chung");

  // The head's queue and the real diary know nothing of it.
  const head = await signedIn(browser, "tp.snv.ccvc", "/duyet");
  await expect(head.getByTestId("queue-count").or(head.getByTestId("queue-empty")).first()).toBeVisible();
  await expect(head.getByText(document)).toHaveCount(0);
  await page.goto("/can-bo");
  await hydrated(page);
  await expect(page.getByTestId("entry-form")).toBeVisible();
  await expect(page.getByText(document)).toHaveCount(0);

  // Starting over deletes the practice data.
  await page.goto("/can-bo/thuc-hanh");
  await hydrated(page);
  await expect(page.getByTestId("practice-entry").filter({ hasText: document })).toHaveCount(1);
  await page.getByTestId("clear-practice").click();
  await expect(page.getByTestId("practice-cleared")).toBeVisible();
  await expect(page.getByTestId("practice-empty")).toBeVisible();
});
