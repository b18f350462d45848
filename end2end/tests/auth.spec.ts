import { expect, Page, test } from "@playwright/test";
import { openMenu } from "./helpers";

// Sign-in and sign-out for each role, the navigation each role sees, a wrong password,
// a deactivated user, a forced password change — on the demo province.
const PASSWORD = "Rubric@2025";

async function hydrated(page: Page) {
  await expect(page.getByTestId("app-root")).toHaveAttribute("data-hydrated", "true");
}

async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto("/dang-nhap");
  await hydrated(page);
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

async function signOut(page: Page) {
  await openMenu(page);
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-in-link")).toBeAttached();
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
}

const nav = (page: Page) => page.getByRole("navigation", { name: "main" }).getByRole("link");

test.describe("sign-in, roles and sessions", () => {
  test.beforeEach(async ({ context }) => {
    await context.clearCookies();
  });

  const roles: [string, string, string[]][] = [
    ["officer", "cb.snv.tccb.02", ["Trang chủ", "Nhật ký công việc", "Điểm của tôi"]],
    ["reviewer (agency director)", "gd.snv", ["Trang chủ", "Duyệt nhật ký", "Kết quả đơn vị", "Chốt kỳ"]],
    ["head of department (officer and reviewer)", "tp.snv.tccb", ["Trang chủ", "Nhật ký công việc", "Điểm của tôi", "Duyệt nhật ký", "Kết quả đơn vị", "Chốt kỳ"]],
    ["admin", "admin", ["Trang chủ", "Chốt kỳ", "Quản trị", "Tổ chức", "Đơn vị", "Kết nối API", "Người dùng", "Công thức chấm điểm", "Vị trí việc làm", "Tổng quan tỉnh", "Nhật ký kiểm toán"]],
    ["committee", "bcd", ["Trang chủ", "Chốt kỳ", "Công thức chấm điểm", "Vị trí việc làm", "Tổng quan tỉnh"]],
    ["auditor", "thanhtra", ["Trang chủ", "Chốt kỳ", "Người dùng", "Công thức chấm điểm", "Vị trí việc làm", "Tổng quan tỉnh", "Nhật ký kiểm toán"]],
  ];
  for (const [role, username, links] of roles) {
    test(`the ${role} signs in, sees their navigation, and signs out`, async ({ page }) => {
      await signIn(page, username);
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByTestId("signed-in-user")).toBeAttached();
      await expect(page.getByTestId("signed-in-user")).toHaveAttribute("title", username);
      await openMenu(page);
      await expect(nav(page)).toHaveText(links);
      // Each link of the navigation opens (no "forbidden" page).
      for (const name of links.slice(1)) {
        await openMenu(page);
        await nav(page).getByText(name, { exact: true }).click();
        await expect(page.getByTestId("forbidden")).toHaveCount(0);
        await expect(page.locator("main h1")).toBeVisible();
      }
      await signOut(page);
      await openMenu(page);
      await expect(nav(page)).toHaveText(["Trang chủ"]);
    });
  }

  test("a protected page sends an anonymous visitor to sign in, then back", async ({ page }) => {
    await page.goto("/quan-tri/nguoi-dung");
    await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri%2Fnguoi-dung|\/dang-nhap\?next=\/quan-tri\/nguoi-dung/);
    await hydrated(page);
    await page.getByTestId("username").fill("thanhtra");
    await page.getByTestId("password").fill(PASSWORD);
    await page.getByTestId("sign-in-submit").click();
    await expect(page).toHaveURL(/\/quan-tri\/nguoi-dung$/);
    await expect(page.getByRole("heading", { name: "Quản lý người dùng" })).toBeVisible();
    // The auditor reads but cannot add users.
    await expect(page.getByTestId("new-user")).toHaveCount(0);
  });

  test("a page of another role is refused", async ({ page }) => {
    await signIn(page, "cb.snv.tccb.02");
    await expect(page.getByTestId("signed-in-user")).toBeAttached();
    const res = await page.goto("/thanh-tra");
    expect(res?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toContainText("Không có quyền truy cập");
  });

  test("a wrong password gets one generic message", async ({ page }, info) => {
    const who = info.project.name === "phone" ? "cb.snv.vp.04" : "cb.snv.vp.03";
    await signIn(page, who, "Sai-mat-khau-2026");
    await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
    await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
    await signIn(page, "khong.ton.tai", "Sai-mat-khau-2026");
    await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  });

  test("a deactivated user is signed out at once and cannot sign in", async ({ browser }, info) => {
    const who = info.project.name === "phone" ? "cb.xcr.kt.06" : "cb.xcr.kt.05";
    const officer = await (await browser.newContext()).newPage();
    await signIn(officer, who);
    await expect(officer.getByTestId("signed-in-user")).toBeAttached();

    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, "admin");
    await expect(admin.getByTestId("signed-in-user")).toBeAttached();
    await admin.goto(`/quan-tri/nguoi-dung?q=${who}`);
    await admin.getByRole("link", { name: who, exact: true }).click();
    await expect(admin.getByTestId("edit-username")).toHaveText(who);
    await hydrated(admin);
    await admin.getByTestId("toggle-active").click();
    await expect(admin.getByTestId("user-state")).toHaveText("Đã khóa");

    await officer.goto("/can-bo");
    await expect(officer).toHaveURL(/\/dang-nhap\?next=/);
    await hydrated(officer);
    await officer.getByTestId("username").fill(who);
    await officer.getByTestId("password").fill(PASSWORD);
    await officer.getByTestId("sign-in-submit").click();
    await expect(officer.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  });

  test("an admin creates a user who must change the password at first sign-in", async ({ browser }) => {
    const username = `cb.moi.${Date.now()}`;
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, "admin");
    await expect(admin.getByTestId("signed-in-user")).toBeAttached();
    await admin.goto("/quan-tri/nguoi-dung/moi");
    await hydrated(admin);
    await admin.getByTestId("new-username").fill(username);
    await admin.getByTestId("full-name").fill("Nguyễn Thị Mới");
    await admin.getByTestId("unit").selectOption({ label: "snv — Sở Nội vụ" });
    await admin.getByTestId("role-committee").check();
    // A weak initial password is refused with the policy's reason.
    await admin.getByTestId("new-password").fill("1234567890");
    await admin.getByTestId("save-user").click();
    await expect(admin.getByRole("alert")).toContainText("quá phổ biến");
    await admin.getByTestId("new-password").fill("Tam-thoi-Khanh-Hoa-1");
    await admin.getByTestId("save-user").click();
    await expect(admin.getByTestId("edit-username")).toHaveText(username);

    const user = await (await browser.newContext()).newPage();
    await signIn(user, username, "Tam-thoi-Khanh-Hoa-1");
    await expect(user).toHaveURL(/\/doi-mat-khau$/);
    await expect(user.getByTestId("must-change")).toBeVisible();
    await hydrated(user);
    await user.getByTestId("current").fill("Tam-thoi-Khanh-Hoa-1");
    await user.getByTestId("new").fill(`${username}-x1`);
    await user.getByTestId("confirm").fill(`${username}-x1`);
    await user.getByTestId("change-password-submit").click();
    await expect(user.getByRole("alert")).toHaveText("Mật khẩu không được chứa tên đăng nhập.");
    await user.getByTestId("new").fill("Song Cai chay hai dong");
    await user.getByTestId("confirm").fill("Song Cai chay hai dong");
    await user.getByTestId("change-password-submit").click();
    await expect(user.getByTestId("form-ok")).toBeVisible();
    await user.goto("/ban-chi-dao");
    await expect(user.getByRole("heading", { name: "Tổng quan tỉnh", exact: true })).toBeVisible();
  });
});
