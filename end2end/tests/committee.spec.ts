import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { firstDemoMonth, signedIn } from "./helpers";

// The Steering Committee lands on /ban-chi-dao: the province's scored month by agency, the
// grade chart drawn on the server with its summary and table, the agencies whose logs are
// implausibly high flagged; it drills down to such an agency, to its officer with the most
// standard hours and to that officer's entries; it downloads the monthly report.

test("the committee drills down to an agency with inflated hours and downloads the report", async ({
  browser,
}) => {
  const month = firstDemoMonth();
  const bcd = await signedIn(browser, "bcd", "/ban-chi-dao");
  await expect(bcd.getByTestId("dash-period")).toHaveValue(month);
  const totals = bcd.getByTestId("dash-totals");
  const scored = Number(await totals.getAttribute("data-scored"));
  expect(scored).toBeGreaterThan(0);
  // The rows add up to the totals.
  let sum = 0;
  for (const row of await bcd.getByTestId("dash-row").all()) {
    sum += Number(await row.getAttribute("data-scored"));
  }
  expect(sum).toBe(scored);
  // The chart is an SVG with an accessible name and its figures as a table.
  const chart = bcd.getByTestId("grades-chart");
  await expect(chart.getByRole("img")).toHaveAttribute("aria-label", new RegExp(`^${scored} cán bộ`));
  await expect(chart.getByTestId("chart-summary")).toContainText("HTXSNV");
  await chart.getByText("Bảng số liệu của biểu đồ").click();
  await expect(chart.getByRole("table")).toBeVisible();

  // The monthly report downloads as a workbook with the province's total.
  const [download] = await Promise.all([
    bcd.waitForEvent("download"),
    bcd.getByTestId("download-monthly").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`bao-cao-kpi-${month}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await readFile(await download.path()));
  const sheet = book.worksheets[0];
  expect(String(sheet.getCell("A1").value)).toContain("Báo cáo kết quả");
  let total: number | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(3).value === "Toàn tỉnh") total = Number(row.getCell(5).value);
  });
  expect(total).toBe(scored);

  // An agency flagged for high hours: drill down to it.
  const flagged = bcd.locator('[data-testid="inflation-row"][data-flagged="true"]').first();
  await expect(flagged).toBeVisible();
  await flagged.getByTestId("drill-link").click();
  await expect(bcd.getByTestId("back-to-province")).toBeVisible();
  await expect(bcd).toHaveURL(/co-quan=\d+/);
  // Its officers, most standard hours first: the first logs days above 8 hours.
  const top = bcd.getByTestId("officer-row").first();
  await expect(top).toBeVisible();
  expect(Number(await top.getAttribute("data-days-over"))).toBeGreaterThan(0);
  await top.getByRole("link").click();
  // The officer's score, explained down to the entries.
  await expect(bcd.getByTestId("officer-name")).toBeVisible();
  // Its lines list their entries one at a time, when opened.
  await expect(bcd.getByTestId("trace-entry")).toHaveCount(0);
  await bcd.getByTestId("show-entries").first().click();
  await expect(bcd).toHaveURL(/muc=\d+#muc-\d+$/);
  await expect(bcd.getByTestId("trace-entry").first()).toBeVisible();

  // An officer may not open the dashboard.
  const officer = await signedIn(browser, "cb.snv.tccb.02", "/ban-chi-dao");
  await expect(officer.getByTestId("forbidden")).toBeVisible();
});
