import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// The audit trail as an administrator reads it: filtered by kind of object and by actor,
// each event opened to its before and after.
test("an admin filters the audit trail and reads a change's before and after", async ({ browser }) => {
  const admin = await signedIn(browser, "admin", "/thanh-tra");
  await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  await admin.getByTestId("audit-entity").selectOption("user");
  await admin.getByTestId("audit-apply").click();
  await expect(admin).toHaveURL(/doi-tuong=user/);
  const rows = admin.getByTestId("audit-event");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.locator("td:nth-child(5)").allTextContents()) {
    expect(text).toMatch(/^Người dùng user /);
  }
  const first = rows.first();
  await first.getByTestId("audit-open-change").click();
  await expect(first.getByTestId("audit-after")).toContainText('"username"');

  // The actor by part of the name, in capitals.
  await admin.getByTestId("audit-actor").fill("ADMIN");
  await admin.getByTestId("audit-apply").click();
  await expect(admin).toHaveURL(/nguoi=ADMIN/);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.locator("td:nth-child(3)").allTextContents()) {
    expect(text.trim()).toContain("admin");
  }
});
