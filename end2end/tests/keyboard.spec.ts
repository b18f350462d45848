import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// The review queue by keyboard alone: picking an entry with Space, opening its findings
// with Enter, moving between the fields with Tab, saving with Enter; the result is
// announced in a live region (role="status").
test("a head reviews an entry with the keyboard only", async ({ browser }) => {
  const head = await signedIn(browser, "tp.snv.ccvc", "/duyet");
  const entry = head.getByTestId("queue-entry").first();
  await expect(entry).toBeVisible();

  const pick = entry.getByTestId("pick");
  await pick.focus();
  await head.keyboard.press("Space");
  await expect(pick).toBeChecked();
  await head.keyboard.press("Space");
  await expect(pick).not.toBeChecked();

  // The findings open from their summary with Enter; Tab walks their fields in order.
  const summary = entry.getByTestId("open-findings");
  await summary.focus();
  await head.keyboard.press("Enter");
  const failures = entry.getByTestId("quality-failures");
  await expect(failures).toBeVisible();
  await head.keyboard.press("Tab");
  await expect(failures).toBeFocused();
  await head.keyboard.press("Control+A");
  await head.keyboard.type("0");
  const delays = entry.getByTestId("delays");
  for (let i = 0; i < 3 && !(await delays.evaluate((el) => el === document.activeElement)); i++) {
    await head.keyboard.press("Tab");
  }
  await expect(delays).toBeFocused();
  await head.keyboard.press("Control+A");
  await head.keyboard.type("0");
  await head.keyboard.press("Enter");
  await expect(head.getByRole("status").filter({ hasText: "Đã ghi nhận lỗi chất lượng" })).toBeVisible();
});
