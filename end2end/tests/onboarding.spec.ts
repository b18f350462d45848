import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { hydrated, signedIn } from "./helpers";

// Loading people from the template workbook: the template downloads; filled with a bad row
// it is refused cell by cell and writes nothing; fixed, it applies and shows the new
// officer's one-time code; the officer activates the account, signs in and logs work
// against their position's catalog.

/// The downloaded template with its example sheets removed (absent sheets change nothing)
/// and its People sheet holding `rows` instead of the examples.
async function filled(template: Buffer, rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template);
  for (const name of ["Đơn vị", "Vị trí việc làm", "Danh mục công việc"]) {
    const sheet = book.getWorksheet(name);
    expect(sheet, `the template has a sheet ${name}`).toBeTruthy();
    book.removeWorksheet(sheet!.id);
  }
  const people = book.getWorksheet("Nhân sự");
  expect(people, "the template has a sheet Nhân sự").toBeTruthy();
  expect(people!.getRow(1).getCell(1).value).toBe("Tên đăng nhập");
  // Empty the example rows (the import skips blank rows), then write ours from row 2.
  for (let r = people!.rowCount; r >= 2; r--) {
    people!.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.value = null;
    });
  }
  rows.forEach((r, i) => {
    people!.getRow(i + 2).values = r;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("an administrator loads a new officer from the template workbook; the officer activates and logs work", async ({ browser }, info) => {
  const stamp = `${info.project.name === "phone" ? "p" : "d"}${Date.now() % 1_000_000}`;
  const username = `cb.moi.${stamp}`;
  const admin = await signedIn(browser, "admin", "/quan-tri/to-chuc");
  await expect(admin.getByRole("heading", { name: /Tổ chức/ })).toBeVisible();

  // The template is an Excel workbook.
  const response = await admin.request.get(
    (await admin.getByTestId("org-template").getAttribute("href")) ?? "",
  );
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("spreadsheetml");
  const template = await response.body();

  // Filled with one good row and one naming a unit that does not exist.
  const good = [username, "Lê Văn Mới", `NS-${stamp}`, "stc/ns", "CV-TCCB", "Cán bộ", "", "có"];
  const wrongUnit = [`x.${username}`, "Người Sai Đơn Vị", "", "khong-co-don-vi", "CV-TCCB", "Cán bộ", "", "có"];
  await admin.getByTestId("org-file").setInputFiles({
    name: "to-chuc.xlsx",
    mimeType: XLSX,
    buffer: await filled(template, [good, wrongUnit]),
  });
  await admin.getByTestId("org-check").click();
  await expect(admin).toHaveURL(/\/quan-tri\/to-chuc\/nhap\/\d+$/);
  await hydrated(admin);
  await expect(admin.getByTestId("import-error")).toHaveCount(1);
  await expect(admin.getByTestId("import-error")).toContainText("Nhân sự, dòng 3, cột Đơn vị");
  await expect(admin.getByTestId("import-error")).toContainText("khong-co-don-vi");
  await expect(admin.getByTestId("import-apply")).toHaveCount(0);

  // Fixed: the good row alone.
  await admin.goto("/quan-tri/to-chuc");
  await hydrated(admin);
  await admin.getByTestId("org-file").setInputFiles({
    name: "to-chuc.xlsx",
    mimeType: XLSX,
    buffer: await filled(template, [good]),
  });
  await admin.getByTestId("org-check").click();
  await expect(admin).toHaveURL(/\/quan-tri\/to-chuc\/nhap\/\d+$/);
  await hydrated(admin);
  await expect(admin.getByTestId("import-errors")).toHaveText("0");
  await expect(admin.getByTestId("import-create")).toHaveText("1");
  await expect(admin.getByTestId("import-deactivate")).toHaveText("0");
  await admin.getByTestId("import-apply").click();
  await expect(admin.getByTestId("import-done")).toBeVisible();
  const row = admin.getByTestId("activation-row").filter({ hasText: username });
  await expect(row).toHaveCount(1);
  const code = (await row.getByTestId("activation-value").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(admin.getByTestId("codes-download")).toHaveAttribute("href", /^data:text\/csv/);
  // Reloaded, the page no longer shows the code, and the upload cannot be applied again.
  await admin.reload();
  await hydrated(admin);
  await expect(admin.getByTestId("import-applied")).toBeVisible();
  await expect(admin.getByTestId("activation-value")).toHaveCount(0);
  await expect(admin.getByTestId("import-apply")).toHaveCount(0);

  // The new officer activates the account with the code.
  const officer = await (await browser.newContext()).newPage();
  await officer.goto("/dang-nhap");
  await hydrated(officer);
  await officer.getByTestId("activation-link").click();
  await expect(officer.getByRole("heading", { name: "Kích hoạt tài khoản" })).toBeVisible();
  await hydrated(officer);
  await officer.getByTestId("username").fill(username);
  await officer.getByTestId("activation-code").fill("AAAA-BBBB-CCCC");
  await officer.getByTestId("new-password").fill("Mot cau rat de nho 2026");
  await officer.getByTestId("confirm-password").fill("Mot cau rat de nho 2026");
  await officer.getByTestId("activate-submit").click();
  await expect(officer.getByTestId("form-error")).toContainText("mã kích hoạt");
  await officer.getByTestId("activation-code").fill(code.toLowerCase());
  await officer.getByTestId("activate-submit").click();
  await expect(officer.getByTestId("activated")).toBeVisible();

  // Signs in with the chosen password and logs a task of CV-TCCB's catalog.
  await officer.goto("/dang-nhap?next=/can-bo");
  await hydrated(officer);
  await officer.getByTestId("username").fill(username);
  await officer.getByTestId("password").fill("Mot cau rat de nho 2026");
  await officer.getByTestId("sign-in-submit").click();
  await expect(officer).toHaveURL(/\/can-bo$/);
  await hydrated(officer);
  await officer.getByTestId("task-search").fill("tham dinh ho so nang luong");
  await expect(officer.getByTestId("task").locator("option").first()).toContainText("Thẩm định hồ sơ nâng lương");
  await officer.getByTestId("task").selectOption({ index: 0 });
  await officer.getByTestId("quantity").fill("1");
  await officer.getByTestId("document").fill("12/SNV-TCCB");
  await officer.getByTestId("save-entry").click();
  await expect(officer.getByTestId("form-ok")).toBeVisible();
  await expect(officer.getByTestId("entry").filter({ hasText: "Thẩm định hồ sơ nâng lương" })).toHaveCount(1);
});
