import { expect, test } from "@playwright/test";
import { openMenu } from "./helpers";

// Forms work before (and without) hydration: server functions answer plain form posts
// with a redirect, and errors come back in the URL.
test.use({ javaScriptEnabled: false });

test("sign in, log an entry and sign out without JavaScript", async ({ page }, info) => {
  const who = info.project.name === "phone" ? "cb.xcr.vp.07" : "cb.xcr.vp.06";
  await page.goto("/dang-nhap?next=/can-bo");
  await page.getByTestId("username").fill(who);
  await page.getByTestId("password").fill("sai-mat-khau-0");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");

  await page.getByTestId("username").fill(who);
  await page.getByTestId("password").fill("Rubric@2025");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/can-bo$/);
  await expect(page.getByTestId("signed-in-user")).toBeAttached();

  const logged = page.getByTestId("entry").filter({ hasText: "B02 — Dự họp, hội nghị" });
  const before = await logged.count();
  // Without the search box's help the whole catalog is listed; pick a task by its label.
  const option = page.getByTestId("task").locator("option", { hasText: "B02 — Dự họp, hội nghị" });
  await page.getByTestId("task").selectOption(await option.getAttribute("value") ?? "");
  await page.getByTestId("quantity").fill("1");
  await page.getByTestId("save-entry").click();
  await expect(logged).toHaveCount(before + 1);

  await openMenu(page);
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-in-link")).toBeAttached();
});

test("submit, approve, enter general points, score and appeal without JavaScript", async ({ browser }, info) => {
  const who = info.project.name === "phone" ? "cb.xcr.vp.09" : "cb.xcr.vp.08";
  const signIn = async (username: string, next: string) => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
    await page.getByTestId("username").fill(username);
    await page.getByTestId("password").fill("Rubric@2025");
    await page.getByTestId("sign-in-submit").click();
    await expect(page.getByTestId("signed-in-user")).toBeAttached();
    return page;
  };
  const officer = await signIn(who, "/can-bo");
  const option = officer.getByTestId("task").locator("option", { hasText: "B03 — Báo cáo định kỳ tháng" });
  await officer.getByTestId("task").selectOption(await option.getAttribute("value") ?? "");
  await officer.getByTestId("quantity").fill("1");
  await officer.getByTestId("document").fill("15/BC-VP");
  await officer.getByTestId("save-entry").click();
  await officer.getByTestId("submit-period").click();
  await expect(officer.getByTestId("entry").filter({ hasText: "15/BC-VP" }).getByTestId("entry-status")).toHaveText("Đã gửi");

  const head = await signIn("tp.xcr.vp", "/duyet");
  const id = await head.getByTestId("filter-officer").locator("option", { hasText: who }).getAttribute("value");
  await head.getByTestId("filter-officer").selectOption(id ?? "");
  await head.getByTestId("review-filter").getByRole("button").click();
  const entry = head.getByTestId("queue-entry").filter({ hasText: "15/BC-VP" });
  // An entry's findings form opens by a link (the page with that form open) and saves.
  await entry.getByTestId("open-findings").click();
  await expect(head).toHaveURL(/[?&]mo=\d+#muc-\d+$/);
  await entry.getByTestId("delays").fill("1");
  await entry.getByTestId("save-findings").click();
  await expect(entry.getByTestId("delays")).toHaveValue("1");
  await entry.getByTestId("pick").check();
  await head.getByTestId("approve-picked").click();
  await expect(head.getByTestId("queue-entry").filter({ hasText: "15/BC-VP" })).toHaveCount(0);

  await head.goto("/don-vi");
  const row = head.locator(`[data-testid="unit-officer"][data-username="${who}"]`);
  await row.getByTestId("general-points").fill("26");
  await row.getByTestId("save-points").click();
  await expect(row.getByTestId("general-points")).toHaveValue("26");
  await head.getByTestId("compute").click();
  await expect(row.getByTestId("officer-total")).toHaveText(/^\d{1,3},\d{2}$/);

  await officer.goto("/can-bo/diem");
  await expect(officer.getByTestId("score-total")).toHaveText(/^\d{1,3},\d{2}$/);
  // A trace line's entries open by a link, without JavaScript too.
  const folded = officer.getByTestId("show-entries").first();
  const href = await folded.getAttribute("href");
  const index = href!.split("#muc-")[1];
  await folded.click();
  await expect(officer.locator(`#muc-${index}`).getByTestId("trace-entry").first()).toBeVisible();
  await officer.getByTestId("open-appeal").click();
  await officer.getByTestId("appeal-comment-input").fill(`Đề nghị xem lại điểm tiêu chí chung (${who})`);
  await officer.getByTestId("send-appeal").click();
  await expect(officer.getByTestId("appeal").filter({ hasText: who }).getByTestId("appeal-status")).toHaveText("Chờ trả lời");
});
