import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// A Steering Committee member reads the province's formulas: the Decree 335 version in
// force (v1) and the Khánh Hòa 2025 draft (v2), compared script and parameters. (The rule
// editor's journey may add versions before this runs: the comparison is asked by number.)
test("the committee compares the draft formula with the one in force", async ({ browser }) => {
  const member = await signedIn(browser, "bcd", "/quan-tri/cong-thuc?tu=1&den=2");
  const set = member.getByTestId("rule-set").first();
  const version = (no: number) =>
    set.getByTestId("rule-version").filter({ has: member.getByRole("link", { name: `v${no}`, exact: true }) });
  await expect(version(2)).toContainText("Dự thảo");
  await expect(version(1)).toContainText("Đang áp dụng");
  await expect(set.getByTestId("params-diff")).toContainText("reform_it");
  await expect(set.getByTestId("script-diff").locator("ins").first()).toBeVisible();
  await version(1).getByRole("link", { name: "v1", exact: true }).click();
  await expect(member.getByTestId("formula-name")).toContainText("v1");
});
