import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// The KPI terms: anyone reaches the glossary from the footer; an officer opens the "?"
// beside a field by keyboard, reads the term's one-line explanation and follows it to the
// term's entry; the English glossary has the same terms.

test("anyone reads the KPI terms; an officer opens the help beside a field", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByTestId("glossary-link").click();
  await expect(page).toHaveURL(/\/thuat-ngu$/);
  await expect(page.getByRole("heading", { name: "Thuật ngữ KPI", level: 1 })).toBeVisible();
  const terms = await page.getByTestId("glossary-term").count();
  expect(terms).toBeGreaterThanOrEqual(15);
  await expect(page.locator("dt#gioi-han-20")).toContainText("20 %");
  await page.getByRole("navigation", { name: "Mục lục thuật ngữ" }).getByRole("link", { name: "Định mức thời gian" }).click();
  await expect(page).toHaveURL(/#dinh-muc$/);

  const officer = await signedIn(browser, "cb.snv.tccb.02", "/can-bo");
  const help = officer.getByTestId("help-gio-chuan");
  await expect(help.getByRole("note")).toBeHidden();
  await help.locator("summary").focus();
  await officer.keyboard.press("Enter");
  await expect(help.getByRole("note")).toContainText("định mức");
  await help.getByRole("link", { name: "Xem thêm" }).click();
  await expect(officer).toHaveURL(/\/thuat-ngu#gio-chuan$/);
  await expect(officer.locator("dt#gio-chuan")).toBeVisible();
  expect(await officer.getByTestId("glossary-term").count()).toBe(terms);
});
