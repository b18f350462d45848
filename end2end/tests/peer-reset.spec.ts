import { expect, test } from "@playwright/test";
import { hydrated, signedIn } from "./helpers";

// Two persons: an administrator asks to reset the password of an account that configures,
// approves or oversees (here a new auditor); it waits for a second administrator, the
// requester cannot confirm it, the second one does, and the account must then change the
// temporary password.
test("a peer's password reset waits for a second administrator", async ({ browser }, info) => {
  const username = `thanhtra.${info.project.name}.${Date.now() % 100000}`;
  const admin = await signedIn(browser, "admin", "/quan-tri/nguoi-dung");

  // A new auditor account, created the way the form posts it.
  const created = await admin.request.post("/api/create_user", {
    headers: { Origin: new URL(admin.url()).origin, Accept: "application/json" },
    form: {
      "input[username]": username,
      "input[full_name]": "Thanh tra thử nghiệm",
      "input[unit_id]": "",
      "input[position_id]": "",
      "input[roles][]": "auditor",
      "input[password]": "Kiem-tra-2026-q",
    },
  });
  expect(created.ok()).toBeTruthy();
  const id = (await created.json()).id as number;

  await admin.goto(`/quan-tri/nguoi-dung/${id}`);
  await hydrated(admin);
  await admin.getByTestId("temporary-password").fill("Tam-thoi-2026-x");
  await admin.getByTestId("reset-password").click();
  await expect(admin.getByTestId("reset-form").getByRole("status")).toContainText("quản trị viên khác xác nhận");
  await expect(admin.getByTestId("pending-reset")).toContainText("admin");

  // The requester's own confirmation is refused, naming the rule.
  await admin.getByTestId("confirm-reset").click();
  await expect(admin.getByTestId("confirm-outcome").getByRole("alert")).toContainText("nguyên tắc hai người");

  // A second administrator confirms it.
  const second = await signedIn(browser, "admin2", `/quan-tri/nguoi-dung/${id}`);
  await expect(second.getByTestId("pending-reset")).toBeVisible();
  await second.getByTestId("confirm-reset").click();
  await expect(second.getByTestId("confirm-outcome").getByRole("status")).toContainText("Đã xác nhận");
  await expect(second.getByTestId("pending-reset")).toHaveCount(0);

  // The temporary password signs in and leads to changing it.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/dang-nhap");
  await hydrated(page);
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill("Tam-thoi-2026-x");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/doi-mat-khau/);
});
