import { expect, test } from "@playwright/test";
import { hydrated, signedIn } from "./helpers";

// A head of department goes on leave: they name an acting head for a week on the unit page;
// the acting head opens the unit's page while the delegation runs, and no longer once the
// head revokes it. Runs after the other specs (it gives an officer a reviewer's access).

test("a head delegates review of the unit to an acting head, then revokes it", async ({ browser }) => {
  const deputy = "cb.snv.tccb.07";
  const head = await signedIn(browser, "tp.snv.tccb", "/don-vi");
  const section = head.getByTestId("delegations");
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await section.getByTestId("delegate-username").fill(deputy);
  await section.getByTestId("delegate-to").fill(inAWeek);
  await section.getByTestId("delegate-note").fill("Nghỉ phép năm");
  await section.getByTestId("delegate").click();
  const row = section.locator(`[data-testid="delegation"][data-delegate="${deputy}"]`);
  await expect(row).toHaveAttribute("data-running", "true");

  // The acting head sees the unit page and the unit's officers.
  const acting = await signedIn(browser, deputy, "/don-vi");
  await expect(acting.getByTestId("unit-officers")).toBeVisible();
  await expect(acting.getByRole("link", { name: "Kết quả đơn vị" })).toBeVisible();

  // Revoked: the acting head's next request is refused.
  await row.getByTestId("revoke-delegation").click();
  await expect(row).toHaveAttribute("data-running", "false");
  await acting.goto("/don-vi");
  await expect(acting.getByTestId("unit-officers")).toHaveCount(0);
  await acting.goto("/can-bo");
  await hydrated(acting);
  await expect(acting.getByRole("link", { name: "Kết quả đơn vị" })).toHaveCount(0);
});
