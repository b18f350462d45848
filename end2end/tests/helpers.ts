import { Browser, BrowserContextOptions, expect, Page } from "@playwright/test";

// What several specs share: the demo password, waiting for hydration, signing in in a
// fresh browser context, and the demo's scored month.
export const PASSWORD = "Rubric@2025";

export async function hydrated(page: Page) {
  await expect(page.getByTestId("app-root")).toHaveAttribute("data-hydrated", "true");
}

/** Signs `username` in, in a new browser context, and lands on `next`. */
export async function signedIn(
  browser: Browser,
  username: string,
  next = "/",
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("signed-in-user")).toBeAttached();
  await hydrated(page);
  return page;
}

/** On a phone the navigation and the user menu sit behind the menu button: open it. */
export async function openMenu(page: Page) {
  const button = page.getByTestId("menu-button");
  if (!(await button.isVisible())) return;
  if ((await page.getByTestId("site-menu").getAttribute("open")) === null) await button.click();
}

/** The demo's first month (two months before this one), which the demo scores. */
export function firstDemoMonth(): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 2, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}
