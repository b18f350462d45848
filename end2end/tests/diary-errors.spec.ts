import { expect, test } from "@playwright/test";
import { signedIn } from "./helpers";

// A refusal reaches the browser with its text in both languages: the browser's code holds
// no table of messages (only the ones its pages name), so the server sends a refusal's
// texts with it. The diary's forms are posted with fetch after hydration: the page stays.

test("the diary shows a refused form in the officer's language, on the same page", async ({ browser }, info) => {
  const who = info.project.name === "phone" ? "cb.snv.ccvc.13" : "cb.snv.ccvc.12";
  const page = await signedIn(browser, who, "/can-bo");
  await expect(page.getByRole("heading", { name: "Nhật ký công việc" })).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { samePage: boolean }).samePage = true;
  });
  const samePage = () => page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage === true);

  await page.getByTestId("task").selectOption({ index: 0 });
  await page.getByTestId("quantity").fill("mười");
  await page.getByTestId("save-entry").click();
  await expect(page.getByTestId("form-error")).toHaveText("Vui lòng nhập một số (ví dụ 1,5).");
  expect(await samePage()).toBe(true);
  await expect(page.getByTestId("no-entries")).toBeVisible();

  // The browser was sent both texts: the English one shows without asking the server.
  await page.getByTestId("lang-switch").click();
  await expect(page.getByTestId("form-error")).toHaveText("Enter a number (e.g. 1.5).");

  await page.getByTestId("quantity").fill("1");
  await page.getByTestId("save-entry").click();
  await expect(page.getByTestId("form-ok")).toBeVisible();
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  await expect(page.getByTestId("entry")).toHaveCount(1);
  expect(await samePage()).toBe(true);

  // Deleting the draft goes through the same kind of form.
  await page.getByTestId("entry").getByTestId("delete-entry").click();
  await expect(page.getByTestId("no-entries")).toBeVisible();
  expect(await samePage()).toBe(true);
});

test("a refusal with data (a bad period) reads in both languages after hydration", async ({ browser }, info) => {
  const who = info.project.name === "phone" ? "cb.snv.ccvc.13" : "cb.snv.ccvc.12";
  const page = await signedIn(browser, who, "/can-bo?ky=2025-13");
  const error = page.getByTestId("form-error");
  await expect(error).toHaveText(
    "Kỳ \u201c2025-13\u201d không hợp lệ: dùng dạng 2025-05 (tháng), 2025-Q2 (quý) hoặc 2025 (năm).",
  );
  await page.getByTestId("lang-switch").click();
  await expect(error).toHaveText(
    "\u201c2025-13\u201d is not a period: write 2025-05 (a month), 2025-Q2 (a quarter) or 2025 (a year).",
  );
});
