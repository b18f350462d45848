import { expect, Page, test } from "@playwright/test";
import { hydrated, openMenu, signedIn } from "./helpers";

// The journey: an officer logs three entries and submits; the head of department
// returns one and approves two; the officer fixes and resubmits; the head records a delay,
// approves, enters the general points and scores the period; the officer sees the total,
// the grade and the delay penalty's trace line, linked to its line of the formula.

async function logTask(page: Page, search: string, code: string, document?: string) {
  await page.getByTestId("task-search").fill(search);
  await expect(page.getByTestId("task").locator("option").first()).toContainText(code);
  await page.getByTestId("task").selectOption({ index: 0 });
  await page.getByTestId("quantity").fill("1");
  if (document) await page.getByTestId("document").fill(document);
  await page.getByTestId("save-entry").click();
  await expect(page.getByTestId("entry").filter({ hasText: code })).toHaveCount(1);
}

test("log, review, return, fix, record a delay and approve", async ({ browser }, info) => {
  const who = info.project.name === "phone" ? "cb.snv.tccb.09" : "cb.snv.tccb.08";
  const now = new Date();
  const monthStart = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-01`;

  const officer = await signedIn(browser, who, "/can-bo");
  await logTask(officer, "du hop", "B02");
  await logTask(officer, "bao cao dinh ky", "B03", "88/BC-TCCB");
  await logTask(officer, "nghien cuu", "B04", "412/SNV");
  await officer.getByTestId("submit-period").click();
  await expect(officer.getByTestId("submitted-count")).toContainText("3");

  const head = await signedIn(browser, "tp.snv.tccb", "/duyet");
  const option = head.getByTestId("filter-officer").locator("option", { hasText: who });
  const officerId = await option.getAttribute("value");
  await head.goto(`/duyet?can-bo=${officerId}&tu=${monthStart}`);
  await hydrated(head);
  const queue = head.getByTestId("queue-entry");
  await expect(queue).toHaveCount(3);

  const b02 = queue.filter({ hasText: "B02" });
  await b02.getByTestId("open-return").click();
  await b02.getByTestId("return-reason-input").fill("Ghi rõ tên cuộc họp");
  await b02.getByTestId("return-entry").click();
  await expect(queue).toHaveCount(2);
  for (const code of ["B03", "B04"]) {
    await queue.filter({ hasText: code }).getByTestId("pick").check();
  }
  await head.getByTestId("approve-picked").click();
  await expect(head.getByTestId("approved-count")).toContainText("2");
  await expect(head.getByTestId("queue-empty")).toBeVisible();

  // The officer is told: the header counts it, the notification centre gives the reason
  // and leads to the diary; marking read empties the count.
  await officer.reload();
  await hydrated(officer);
  await openMenu(officer);
  await expect(officer.getByTestId("unread-count")).toBeVisible();
  await officer.getByTestId("notifications-link").click();
  const note = officer.getByTestId("notification").filter({ hasText: "Ghi rõ tên cuộc họp" });
  await expect(note).toHaveAttribute("data-read", "false");
  await expect(note.getByRole("link", { name: "Xem" })).toHaveAttribute("href", /^\/can-bo\?ky=/);
  await note.getByTestId("mark-read").click();
  await expect(note).toHaveAttribute("data-read", "true");
  const all = officer.getByTestId("mark-all-read");
  if (await all.count()) await all.click();
  await expect(officer.getByTestId("unread-count")).toHaveCount(0);
  // The daily digest's address is kept (the server's checks are tested black-box).
  await officer.getByTestId("digest-email").fill(`${who}@sonoivu.khanhhoa.gov.vn`);
  await officer.getByTestId("digest-save").click();
  await expect(officer.getByTestId("digest-saved")).toBeVisible();
  await officer.goto("/can-bo");
  await hydrated(officer);
  const returned = officer.getByTestId("entry").filter({ hasText: "B02" });
  await expect(returned.getByTestId("entry-status")).toHaveText("Bị trả lại");
  await expect(returned.getByTestId("return-reason")).toContainText("Ghi rõ tên cuộc họp");
  await expect(officer.getByTestId("entry").filter({ hasText: "B03" }).getByTestId("entry-status")).toHaveText("Đã duyệt");
  await returned.getByTestId("edit-entry").click();
  await hydrated(officer);
  await officer.getByTestId("document").fill("Họp giao ban tuần");
  await officer.getByTestId("save-entry").click();
  await expect(officer.getByTestId("form-ok")).toBeVisible();
  await officer.getByTestId("submit-period").click();
  await expect(officer.getByTestId("submitted-count")).toContainText("1");

  await head.reload();
  await hydrated(head);
  await expect(queue).toHaveCount(1);
  await queue.getByTestId("open-findings").click();
  await queue.getByTestId("delays").fill("1");
  await queue.getByTestId("save-findings").click();
  await expect(queue.getByTestId("delays")).toHaveValue("1");
  await queue.getByTestId("pick").check();
  await head.getByTestId("approve-picked").click();
  await expect(head.getByTestId("queue-empty")).toBeVisible();

  const period = monthStart.slice(0, 7);
  await head.goto(`/don-vi?ky=${period}`);
  await hydrated(head);
  await expect(head.getByRole("heading", { name: "Kết quả đánh giá của đơn vị" })).toBeVisible();
  const row = head.locator(`[data-testid="unit-officer"][data-username="${who}"]`);
  await expect(row.getByTestId("count-approved")).toHaveText("3");
  await row.getByTestId("general-points").fill("27,5");
  await row.getByTestId("save-points").click();
  await expect(head.getByTestId("points-saved")).toBeVisible();
  await expect(row.getByTestId("general-points")).toHaveValue("27,5");
  await head.getByTestId("compute").click();
  await expect(head.getByTestId("computed-count")).toBeVisible();
  await expect(row.getByTestId("officer-total")).toHaveText(/^\d{1,3},\d{2}$/);
  await expect(row.getByTestId("officer-grade")).toHaveText(/^(HTXSNV|HTTNV|HTNV|KHTNV)$/);
  await expect(head.getByTestId("grade-distribution").getByTestId("grade-count").first()).toBeVisible();

  await officer.goto(`/can-bo/diem?ky=${period}`);
  await hydrated(officer);
  await expect(officer.getByTestId("score-total")).toHaveText(/^\d{1,3},\d{2}$/);
  await expect(officer.getByTestId("score-grade")).toContainText(/HTXSNV|HTTNV|HTNV|KHTNV/);
  const delay = officer.locator('[data-testid="trace-line"][data-rule="penalty.delay"]');
  await expect(delay).toContainText("Trừ điểm trễ hạn");
  await delay.getByTestId("show-entries").click();
  await expect(delay.getByTestId("trace-entry")).toContainText("B02");
  const link = delay.getByTestId("script-line");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/cong-thuc\/\d+#L\d+$/);
  const line = href!.split("#L")[1];
  await link.click();
  await expect(officer.locator(`#L${line}`)).toContainText("penalty.delay");
});

test("the queue comes a page at a time, and the pager keeps the filter", async ({ browser }) => {
  const head = await signedIn(browser, "tp.snv.tccb", "/duyet");
  const queue = head.getByTestId("queue-entry");
  await expect(queue).toHaveCount(25);
  const pager = head.getByRole("navigation", { name: "Phân trang" });
  await expect(pager).toContainText(/1\/\d+/);
  const firstId = await queue.first().getByTestId("pick").getAttribute("value");
  await pager.getByRole("link", { name: "Trang sau" }).click();
  await expect(head).toHaveURL(/\/duyet\?trang=2$/);
  await expect(pager).toContainText(/2\/\d+/);
  await expect(queue.first().getByTestId("pick")).not.toHaveAttribute("value", firstId ?? "");
  expect(await queue.count()).toBeLessThanOrEqual(25);

  // Filtered by a date, the pager's links keep it.
  await head.goto("/duyet?tu=2000-01-01");
  await hydrated(head);
  await expect(pager.getByRole("link", { name: "Trang sau" })).toHaveAttribute("href", "/duyet?tu=2000-01-01&trang=2");
});
