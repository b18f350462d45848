import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { firstDemoMonth, signedIn } from "./helpers";

// The reports an agency signs: the committee opens an agency's classification list from its
// dashboard, sees the counts by grade add up to the rows, downloads the workbook and opens
// an officer's evaluation sheet from the list; a head sees only the agency they head; an
// officer prints their own sheet from "my score".

test("the committee opens an agency's classification list, downloads it and opens a sheet", async ({
  browser,
}) => {
  const month = firstDemoMonth();
  const bcd = await signedIn(browser, "bcd", `/ban-chi-dao?ky=${month}`);
  await bcd.getByTestId("classification-link").click();
  await expect(bcd).toHaveURL(/\/bao-cao\/xep-loai/);
  await expect(bcd.getByTestId("list-period")).toHaveValue(month);
  // Several agencies to choose from; the list of the first one with officers.
  const options = bcd.getByTestId("list-agency").locator("option");
  expect(await options.count()).toBeGreaterThan(1);
  await expect(bcd.getByTestId("list-table")).toBeVisible();
  const rows = await bcd.getByTestId("list-row").count();
  let counted = Number(await bcd.getByTestId("count-not-scored").textContent());
  for (const g of ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]) {
    counted += Number(await bcd.getByTestId(`count-${g}`).textContent());
  }
  expect(counted).toBe(rows);
  await expect(bcd.getByTestId("signatures")).toContainText("Thủ trưởng cơ quan");

  // Another agency through the chooser (a plain GET form).
  const second = await options.nth(1).getAttribute("value");
  await bcd.getByTestId("list-agency").selectOption(second!);
  await bcd.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(bcd).toHaveURL(new RegExp(`co-quan=${second}`));
  await expect(bcd.getByTestId("list-agency")).toHaveValue(second!);

  // The workbook: one row per officer listed.
  const listed = await bcd.getByTestId("list-row").count();
  const [download] = await Promise.all([
    bcd.waitForEvent("download"),
    bcd.getByTestId("download-classification").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^xep-loai-.+-${month}\\.xlsx$`));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await readFile(await download.path()));
  expect(book.worksheets.length).toBe(2);
  const sheet = book.worksheets[0];
  expect(String(sheet.getCell("A1").value)).toContain("Danh sách kết quả đánh giá");
  let officers = 0;
  sheet.eachRow((row, n) => {
    if (n > 5 && typeof row.getCell(1).value === "number") officers += 1;
  });
  expect(officers).toBe(listed);

  // An officer's evaluation sheet from the list.
  if (listed > 0) {
    const name = await bcd.getByTestId("list-row").first().getByRole("rowheader").textContent();
    await bcd.getByTestId("list-row").first().getByRole("link").click();
    await expect(bcd.getByTestId("sheet-title")).toHaveText(/PHIẾU ĐÁNH GIÁ/);
    await expect(bcd.getByTestId("sheet-officer")).toHaveText(name!);
    await expect(bcd.getByTestId("signatures")).toContainText("Người được đánh giá");
  }
});

test("a head lists only the agency they head; an officer prints their own sheet", async ({
  browser,
}) => {
  const month = firstDemoMonth();
  const head = await signedIn(browser, "gd.snv", `/chot-ky?ky=${month}`);
  await head.getByTestId("classification-link").click();
  await expect(head.getByTestId("list-agency").locator("option")).toHaveCount(1);
  await expect(head.getByTestId("list-row").first()).toBeVisible();

  const officer = await signedIn(browser, "cb.snv.tccb.02", `/can-bo/diem?ky=${month}`);
  const total = await officer.getByTestId("score-total").textContent();
  await officer.getByTestId("print-sheet").click();
  await expect(officer).toHaveURL(/\/phieu-danh-gia\/\d+\?ky=/);
  await expect(officer.getByTestId("sheet-period")).toContainText("tháng");
  await expect(officer.getByTestId("sheet-total")).toHaveText(total!);
  await expect(officer.getByTestId("sheet-rule").first()).toBeVisible();
  await expect(officer.getByTestId("signatures")).toContainText("Thủ trưởng đơn vị");
  // Another officer's sheet is not theirs to read.
  const other = await officer.evaluate(() => location.pathname.replace(/\d+$/, "1"));
  await officer.goto(other);
  await expect(officer.getByTestId("sheet-officer")).toHaveCount(0);
});
