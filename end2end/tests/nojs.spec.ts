import { expect, test } from "@playwright/test";

// Forms work before (and without) hydration: server functions answer plain form posts
// with a redirect, and errors come back in the URL.
test.use({ javaScriptEnabled: false });

test("sign in, log an entry and sign out without JavaScript", async ({ page }, info) => {
  const who = info.project.name === "phone" ? "cb.xcr.vp.07" : "cb.xcr.vp.06";
  await page.goto("/dang-nhap?next=/can-bo");
  await page.getByTestId("username").fill(who);
  await page.getByTestId("password").fill("sai-mat-khau-0");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");

  await page.getByTestId("username").fill(who);
  await page.getByTestId("password").fill("Rubric@2025");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/can-bo$/);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  const logged = page.getByTestId("entry").filter({ hasText: "B02 — Dự họp, hội nghị" });
  const before = await logged.count();
  // Without the search box's help the whole catalog is listed; pick a task by its label.
  const option = page.getByTestId("task").locator("option", { hasText: "B02 — Dự họp, hội nghị" });
  await page.getByTestId("task").selectOption(await option.getAttribute("value") ?? "");
  await page.getByTestId("quantity").fill("1");
  await page.getByTestId("save-entry").click();
  await expect(logged).toHaveCount(before + 1);

  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-in-link")).toBeVisible();
});
