import { expect, test } from "@playwright/test";
import { firstDemoMonth, hydrated, signedIn } from "./helpers";

// An administrator registers an agency's e-office system, issues it a token (shown once),
// and the e-office uses it: reads the officers and a catalog, sends the same batch twice
// (the second changes nothing), reads the unit's scores; revoked, the token is refused.
test("an administrator issues an API token that an e-office system uses, then revokes it", async ({ browser }, info) => {
  const stamp = `${info.project.name}-${Date.now() % 1_000_000}`;
  const client = `eoffice-${stamp}`;
  const admin = await signedIn(browser, "admin", "/quan-tri/ket-noi");
  await expect(admin.getByRole("heading", { name: "Kết nối API", level: 1 })).toBeVisible();

  await admin.getByTestId("api-client-name").fill(client);
  await admin.getByTestId("api-client-agency").selectOption("snv");
  await admin.getByTestId("api-client-create").click();
  const card = admin.getByTestId("api-client").filter({ hasText: client });
  await expect(card).toHaveCount(1);

  await card.getByTestId("api-new-token").click();
  await card.getByTestId("api-token-name").fill("văn thư");
  for (const scope of ["entries:write", "catalog:read", "org:read", "scores:read"]) {
    await card.getByTestId(`api-scope-${scope}`).check();
  }
  await card.getByTestId("api-token-issue").click();
  const token = ((await admin.getByTestId("api-token-value").textContent()) ?? "").trim();
  expect(token).toMatch(/^rbk_[0-9A-Za-z]{43}$/);
  await expect(card.getByTestId("api-token")).toHaveCount(1);
  await expect(card.getByTestId("api-token-state")).toHaveText("Đang dùng");

  // The e-office system: no session, only the bearer token.
  const auth = { authorization: `Bearer ${token}` };
  const eoffice = {
    get: (path: string) => admin.request.get(path, { headers: auth }),
    post: (path: string, data: unknown) => admin.request.post(path, { headers: auth, data }),
  };
  const officers = await (await eoffice.get("/api/v1/officers?per_page=500")).json();
  // The last officer of the department: drafts on a day of the scored month change nothing
  // the other journeys look at.
  const officer = officers.officers
    .filter((o: any) => o.unit_code === "snv/tccb" && o.position_code && o.person_id && o.active)
    .pop();
  expect(officer).toBeTruthy();
  const day = `${firstDemoMonth()}-03`;
  const catalog = await (await eoffice.get(`/api/v1/positions/${officer.position_code}/catalog?date=${day}`)).json();
  expect(catalog.tasks.length).toBeGreaterThan(0);
  const batch = {
    entries: [
      { external_id: `${stamp}-1`, person_id: officer.person_id, work_date: day, task_code: catalog.tasks[0].code, quantity: 1, document: "15/SNV-VP" },
      { external_id: `${stamp}-2`, person_id: officer.person_id, work_date: day, task_code: "KHONG-CO", quantity: 1 },
    ],
  };
  const first = await (await eoffice.post("/api/v1/entries:batch", batch)).json();
  expect(first.created).toBe(1);
  expect(first.results[1].problem.code).toBe("unknown-task");
  expect(first.results[1].problem.title).toContain("danh mục");
  const second = await (await eoffice.post("/api/v1/entries:batch", batch)).json();
  expect(second.unchanged).toBe(1);
  expect(second.results[0].id).toBe(first.results[0].id);

  const scores = await eoffice.get(`/api/v1/units/snv/scores?period=${firstDemoMonth()}`);
  expect(scores.status()).toBe(200);
  expect(scores.headers()["etag"]).toBeTruthy();

  // The page shows when the token was last used; revoked, it is refused.
  await admin.reload();
  await hydrated(admin);
  const row = admin.getByTestId("api-client").filter({ hasText: client }).getByTestId("api-token");
  await expect(row).not.toContainText("Chưa dùng");
  await row.getByTestId("api-token-revoke").click();
  await expect(row.getByTestId("api-token-state")).toHaveText("Đã thu hồi");
  const refused = await eoffice.get("/api/v1/units");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).code).toBe("token-revoked");

  // The reference page works without anything from elsewhere.
  await admin.goto("/api/v1/docs");
  await expect(admin.getByRole("heading", { name: /Rubric API/ })).toBeVisible();
  await expect(admin.locator("#op-sendEntries")).toBeVisible();
});
