import { expect, Page, test } from "@playwright/test";
import { hydrated, signedIn } from "./helpers";

// The organisation by hand: an administrator adds a department, renames it, moves it to
// another agency, names its head and closes it; then creates a job position and changes
// the agencies that use it. Everything happens under Sở Tài chính and UBND xã Cam Ranh (the
// home spec counts Sở Nội vụ's departments and officers), with codes of their own for each
// project and run, so the spec runs again on the same server.

const row = (page: Page, code: string) =>
  page.locator(`[data-testid="unit-row"][data-code="${code}"]`);

/** A suffix of its own for this project and run. */
const stamp = (project: string) => `${project === "phone" ? "p" : "d"}${Date.now() % 1_000_000}`;

test("an admin creates a department, renames, moves, heads and closes it", async ({ browser }, info) => {
  const code = `stc/e2e-${stamp(info.project.name)}`;
  const head = info.project.name === "phone" ? "cb.xcr.kt.12" : "cb.xcr.kt.11";
  const admin = await signedIn(browser, "admin", "/quan-tri/don-vi");
  await expect(admin.getByRole("heading", { name: "Đơn vị và cây tổ chức" })).toBeVisible();
  await expect(row(admin, "khh")).toBeVisible();
  await expect(row(admin, "stc/dt")).toHaveAttribute("data-parent", "stc");

  // Create: the server opens the new unit's editor.
  await admin.getByTestId("unit-new-code").fill(code);
  await admin.getByTestId("unit-new-name").fill("Phòng Thử nghiệm");
  await admin.getByTestId("unit-new-kind").selectOption("department");
  await admin.getByTestId("unit-new-parent").selectOption({ label: "· stc — Sở Tài chính" });
  await admin.getByTestId("unit-create").click();
  const editor = admin.getByTestId("unit-editor");
  await expect(editor).toHaveAttribute("data-code", code);
  await expect(row(admin, code).getByTestId("unit-name")).toHaveText("Phòng Thử nghiệm");
  await expect(row(admin, code)).toHaveAttribute("data-parent", "stc");
  await hydrated(admin);

  // The same code again is refused with its reason.
  await admin.getByTestId("unit-new-code").fill(code);
  await admin.getByTestId("unit-new-name").fill("Phòng trùng mã");
  await admin.getByTestId("unit-new-parent").selectOption({ label: "· stc — Sở Tài chính" });
  await admin.getByTestId("unit-create").click();
  await expect(admin.getByRole("alert")).toContainText("đã được dùng");

  // Rename: the name changes, the code stays.
  await editor.getByTestId("unit-rename-name").fill("Phòng Thử nghiệm – Đổi tên");
  await editor.getByTestId("unit-rename").click();
  await expect(row(admin, code).getByTestId("unit-name")).toHaveText("Phòng Thử nghiệm – Đổi tên");
  await expect(admin.getByTestId("unit-saved")).toBeVisible();

  // Move under another agency.
  await editor.getByTestId("unit-move-parent").selectOption({ label: "· xcr — UBND xã Cam Ranh" });
  await editor.getByTestId("unit-move").click();
  await expect(row(admin, code)).toHaveAttribute("data-parent", "xcr");

  // A head: an active user of the agency, by user name.
  await editor.getByTestId("unit-head-username").fill(head);
  await editor.getByTestId("unit-add-head").click();
  await expect(editor.getByTestId("unit-head")).toHaveAttribute("data-username", head);
  await expect(row(admin, code).getByTestId("unit-heads")).toContainText(head);

  // Close from today: the unit stays in the tree, marked closed.
  await editor.getByTestId("unit-close-date").fill(new Date().toISOString().slice(0, 10));
  await editor.getByTestId("unit-close").click();
  await expect(editor.getByTestId("unit-closed-badge")).toBeVisible();
  await expect(row(admin, code)).toHaveAttribute("data-closed", "true");
  await expect(row(admin, code).getByTestId("unit-closed")).toContainText("Đã giải thể");
  await expect(editor.getByTestId("unit-reopen")).toBeVisible();

  // A unit people work in does not close: the message says to move them first.
  await row(admin, "xcr/kt").getByTestId("unit-code").click();
  await expect(editor).toHaveAttribute("data-code", "xcr/kt");
  await editor.getByTestId("unit-close-date").fill("2030-01-01");
  await editor.getByTestId("unit-close").click();
  await expect(admin.getByRole("alert")).toContainText("chuyển người");
  await expect(row(admin, "xcr/kt")).toHaveAttribute("data-closed", "false");
});

test("an admin creates a job position and changes the agencies that use it", async ({ browser }, info) => {
  const code = `CV-E2E-${stamp(info.project.name).toUpperCase()}`;
  const admin = await signedIn(browser, "admin", "/quan-tri/vi-tri");
  const create = admin.getByTestId("position-create-form");
  await create.getByTestId("position-form-code").fill(code);
  await create.getByTestId("position-form-name").fill("Chuyên viên thử nghiệm");
  await create.getByTestId("position-form-kind").selectOption("support");
  await create.getByTestId("position-form-agencies").selectOption([{ label: "stc — Sở Tài chính" }]);
  await create.getByTestId("position-create-submit").click();
  await expect(admin).toHaveURL(/\/quan-tri\/vi-tri\/\d+$/);
  await expect(admin.getByTestId("position-name")).toContainText(`${code} — Chuyên viên thử nghiệm`);

  const settings = admin.getByTestId("position-settings-form");
  await expect(settings.getByTestId("position-form-code-fixed")).toHaveText(code);
  const chosen = settings.locator('[data-testid="position-form-agencies"] option:checked');
  await expect(chosen).toHaveText(["stc — Sở Tài chính"]);
  await hydrated(admin);

  await settings.getByTestId("position-form-name").fill("Chuyên viên thử nghiệm (đã sửa)");
  await settings.getByTestId("position-form-kind").selectOption("professional");
  await settings
    .getByTestId("position-form-agencies")
    .selectOption([{ label: "stc — Sở Tài chính" }, { label: "xcr — UBND xã Cam Ranh" }]);
  await settings.getByTestId("position-settings-save").click();
  await expect(admin.getByTestId("position-settings-saved")).toBeVisible();
  await expect(admin.getByTestId("position-name")).toContainText("Chuyên viên thử nghiệm (đã sửa)");
  await expect(
    admin.getByTestId("position-settings-form").locator('[data-testid="position-form-agencies"] option:checked'),
  ).toHaveText(["stc — Sở Tài chính", "xcr — UBND xã Cam Ranh"]);

  // The list finds it; the same code again is refused.
  await admin.goto(`/quan-tri/vi-tri?q=${code}`);
  await expect(admin.getByTestId("position").filter({ hasText: code })).toContainText("Chuyên môn, nghiệp vụ");
  await hydrated(admin);
  const again = admin.getByTestId("position-create-form");
  await again.getByTestId("position-form-code").fill(code.toLowerCase());
  await again.getByTestId("position-form-name").fill("Trùng mã");
  await again.getByTestId("position-create-submit").click();
  await expect(admin.getByRole("alert")).toContainText("đã được dùng");
});
