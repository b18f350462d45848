import { expect, test } from "@playwright/test";
import { openMenu } from "./helpers";

test.describe("home page", () => {
  test.beforeEach(async ({ context }) => {
    await context.clearCookies();
  });

  test("renders in Vietnamese with the unit count from the database", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveTitle("Rubric — Đánh giá theo KPI");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByTestId("home-title")).toHaveText(
      "Đánh giá, xếp loại cán bộ, công chức theo KPI",
    );
    // The demo province seeds 11 units; the value is read through a server function.
    await expect(page.getByTestId("stat-units")).toHaveText(/^\d+$/);
    const units = Number(await page.getByTestId("stat-units").textContent());
    expect(units).toBeGreaterThan(0);
    // Anonymous visitors see the public pages only, and the way to sign in.
    await openMenu(page);
    const nav = page.getByRole("navigation", { name: "main" });
    await expect(nav.getByRole("link")).toHaveText(["Trang chủ"]);
    await expect(page.getByTestId("sign-in-link")).toHaveText("Đăng nhập");
  });

  test("hydrates: the formula toggle works only in the browser", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("app-root")).toHaveAttribute("data-hydrated", "true");
    const toggle = page.getByTestId("toggle-formula");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("decree-formula")).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("decree-formula")).toContainText("Tổng điểm");
    await toggle.click();
    await expect(page.getByTestId("decree-formula")).toHaveCount(0);
  });

  test("switches to English and back, and remembers the choice", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("app-root")).toHaveAttribute("data-hydrated", "true");
    await page.getByTestId("lang-switch").click();
    await expect(page.getByTestId("home-title")).toHaveText(
      "KPI-based evaluation of civil servants",
    );
    await expect(page).toHaveTitle("Rubric — KPI evaluation");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await openMenu(page);
    await expect(
      page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "Home" }),
    ).toBeVisible();
    await expect(page.getByTestId("sign-in-link")).toHaveText("Sign in");

    // The server renders the remembered language on reload.
    await page.reload();
    await expect(page.getByTestId("home-title")).toHaveText(
      "KPI-based evaluation of civil servants",
    );

    await expect(page.getByTestId("app-root")).toHaveAttribute("data-hydrated", "true");
    await page.getByTestId("lang-switch").click();
    await expect(page.getByTestId("home-title")).toHaveText(
      "Đánh giá, xếp loại cán bộ, công chức theo KPI",
    );
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  });

  test("shows the demo province, its periods and the formula in force", async ({ page }) => {
    await page.goto("/");
    const overview = page.getByTestId("overview");
    await expect(overview.getByTestId("province-name")).toHaveText("Tỉnh Khánh Hòa");
    const snv = overview.getByTestId("agencies").getByRole("row", { name: /Sở Nội vụ/ });
    await expect(snv.getByRole("cell").nth(1)).toHaveText("4");
    await expect(snv.getByRole("cell").nth(2)).toHaveText("80");
    const periods = overview.getByTestId("periods");
    // The demo's two months (other specs may open this month's period as they run).
    await expect(periods.getByRole("row").nth(2)).toBeVisible();
    await expect(periods.getByRole("cell", { name: "Đã chấm điểm" })).toHaveCount(1);
    await expect(periods.getByRole("cell", { name: "Đang mở" }).first()).toBeVisible();
    // Dates are day first.
    await expect(periods.getByRole("cell").nth(1)).toHaveText(/^01\/\d{2}\/\d{4}$/);
    await expect(overview.getByTestId("formula")).toContainText("Công thức mặc định của tỉnh");
    await expect(overview.getByTestId("formula")).toContainText("01/01/");

    await expect(page.getByTestId("app-root")).toHaveAttribute("data-hydrated", "true");
    await page.getByTestId("lang-switch").click();
    await expect(periods.getByRole("cell", { name: "Scored" })).toHaveCount(1);
    await expect(overview.getByTestId("formula")).toContainText("Formula in force");
  });

  test("an unknown address answers 404 with a way home", async ({ page }) => {
    const res = await page.goto("/khong-co-trang-nay");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Về trang chủ" })).toBeVisible();
  });
});
