import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// A Steering Committee member reads the province's formulas: the Decree 335 version in
// force and the Khánh Hòa 2025 draft, compared script and parameters.
test("the committee compares the draft formula with the one in force", async ({ browser }) => {
  const member = await signedIn(browser, "bcd", "/quan-tri/cong-thuc");
  const set = member.getByTestId("rule-set").first();
  await expect(set.getByTestId("rule-version")).toHaveCount(2);
  await expect(set.getByTestId("rule-version").first()).toContainText("Dự thảo");
  await expect(set.getByTestId("rule-version").nth(1)).toContainText("Đang áp dụng");
  await expect(set.getByTestId("params-diff")).toContainText("reform_it");
  await expect(set.getByTestId("script-diff").locator("ins").first()).toBeVisible();
  await set.getByTestId("rule-version").nth(1).getByRole("link").click();
  await expect(member.getByTestId("formula-name")).toContainText("v1");
});
