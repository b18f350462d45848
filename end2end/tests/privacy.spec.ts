import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { signedIn } from "./helpers";

// Personal data (Decree 13/2023): anyone reads the privacy notice from the footer; a
// signed-in officer downloads everything held about them as one JSON file, which holds
// their own account and entries and no password hash.

test("anyone reads the privacy notice; an officer downloads their data", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByTestId("privacy-link").click();
  await expect(page).toHaveURL(/\/quyen-rieng-tu$/);
  await expect(page.getByRole("heading", { name: "Quyền riêng tư và dữ liệu cá nhân", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Quyền của bạn" })).toBeVisible();
  await expect(page.getByTestId("personal-data-download")).toHaveCount(0);
  await expect(page.getByText("Đăng nhập để tải về dữ liệu của bạn.")).toBeVisible();

  const officer = await signedIn(browser, "cb.snv.tccb.03", "/quyen-rieng-tu");
  const link = officer.getByRole("link", { name: "Tải về toàn bộ dữ liệu của tôi (JSON)" });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([officer.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^du-lieu-ca-nhan-cb\.snv\.tccb\.03-\d{8}\.json$/);
  const text = await readFile(await download.path(), "utf-8");
  expect(text).not.toContain("$argon2");
  const doc = JSON.parse(text);
  expect(doc.tables.users).toHaveLength(1);
  expect(doc.tables.users[0].username).toBe("cb.snv.tccb.03");
  const id = doc.tables.users[0].id;
  expect(doc.tables.work_log_entries.length).toBeGreaterThan(0);
  for (const e of doc.tables.work_log_entries) expect(e.officer_id).toBe(id);
});
