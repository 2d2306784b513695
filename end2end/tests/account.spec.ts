// A person's own account, and a lost phone: "sign out everywhere else" ends
// the session of a second browser; a changed password ends the others too;
// a manager signs a mentor out of every device; and a phone whose session
// is older than a fresh password login asks for its PIN after the idle
// time, online too (the server no longer hands it the storage key).
import type { Browser, Page } from "@playwright/test";
import { appReady, expect, logIn, menuLink, PASSWORD, PIN, serviceWorkerReady, test } from "./fixtures";

/** A second browser (its own cookies and storage), logged in as `email`. */
async function secondBrowser(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

/** The server's answer to a call from `page`'s session. */
async function statusOf(page: Page, endpoint: string): Promise<number> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    return response.status;
  }, `/api/${endpoint}`);
}

test("signing out everywhere else from My account ends a second browser's session", async ({ page, browser, server }) => {
  const other = await secondBrowser(browser, server.url, "manager@example.org");
  await logIn(page, "manager@example.org");
  await appReady(page);

  await menuLink(page, "My account");
  await appReady(page);
  const sessions = page.getByTestId("session");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.first()).toContainText("this device");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("sign-out-others").click();

  await expect(sessions).toHaveCount(1);
  expect(await statusOf(other, "account/sessions")).toBe(401);
  expect(await statusOf(page, "account/sessions")).toBe(200);
  await other.context().close();
});

test("a changed password needs the current one and ends every other session", async ({ page, browser, server }) => {
  const other = await secondBrowser(browser, server.url, "manager@example.org");
  await logIn(page, "manager@example.org");
  await page.goto("/account");
  await appReady(page);

  await page.getByRole("region", { name: "Change your password" }).getByLabel("Current password").fill("not the password");
  await page.getByLabel("New password (at least 12 characters)").fill("qwertyuiop123");
  await page.getByLabel("New password again").fill("qwertyuiop123");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByText("This password is known from lists of stolen passwords")).toBeVisible();
  await page.getByLabel("New password (at least 12 characters)").fill("three calm rivers at dawn");
  await page.getByLabel("New password again").fill("three calm rivers at dawn");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByText("This is not your current password.")).toBeVisible();
  await page.getByRole("region", { name: "Change your password" }).getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change the password" }).click();

  await expect(page.getByText("Your password is changed. You are signed out everywhere else.")).toBeVisible();
  expect(await statusOf(other, "account/sessions")).toBe(401);
  await other.context().close();
});

test("a manager signs a mentor who lost their phone out of every device", async ({ page, browser, server }) => {
  const phone = await secondBrowser(browser, server.url, "mentor@example.org");
  await logIn(page, "manager@example.org");
  await menuLink(page, "People");
  await appReady(page);
  await page.getByLabel("Name or email").fill("elena");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByTestId("person-row").getByRole("link", { name: "Elena Ionescu" }).click();
  await appReady(page);

  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Elena Ionescu");
    return dialog.accept();
  });
  await page.getByTestId("sign-out-person").click();

  await expect(page.getByText("Signed out of every device.")).toBeVisible();
  expect(await statusOf(phone, "account/sessions")).toBe(401);
  await phone.context().close();
});

test("online after the idle time a phone with an older session asks for its PIN, and opens with it", async ({
  page,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  // What the server answers once the password login is more than minutes old.
  await page.route("**/api/auth/storage_key", (route) =>
    route.fulfill({ status: 403, contentType: "application/json", body: '{"error":"forbidden"}' }),
  );
  await page.evaluate((ms) => {
    const user = localStorage.getItem("pb.v1.last_user");
    localStorage.setItem(`pb.v1.active.${user}`, String(Date.now() - ms));
  }, 31 * 60_000);

  await page.reload();

  // (Online the page itself comes from the server, to the session; what
  // the PIN guards is what the phone keeps.)
  const gate = page.getByRole("dialog", { name: "Enter your app PIN" });
  await expect(gate).toBeVisible();
  await gate.getByLabel("App PIN").fill(PIN);
  await gate.getByRole("button", { name: "Unlock" }).click();
  await expect(gate).toBeHidden();
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
});

test("with an older session and no PIN tries left, the login page is not covered and a login opens the phone's data", async ({
  page,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  const refuseKey = (route: import("@playwright/test").Route) =>
    route.fulfill({ status: 403, contentType: "application/json", body: '{"error":"forbidden"}' });
  await page.route("**/api/auth/storage_key", refuseKey);
  await page.evaluate((ms) => {
    const user = localStorage.getItem("pb.v1.last_user");
    localStorage.setItem(`pb.v1.active.${user}`, String(Date.now() - ms));
    const key = `pb.v1.vault.${user}`;
    const record = JSON.parse(localStorage.getItem(key) || "{}");
    record.tries = 5;
    localStorage.setItem(key, JSON.stringify(record));
  }, 31 * 60_000);
  await page.reload();
  const gate = page.getByRole("dialog", { name: "Log in" });
  await expect(gate).toBeVisible();

  await gate.getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login\?again$/);
  await expect(gate).toBeHidden();
  await page.unroute("**/api/auth/storage_key", refuseKey);
  await page.getByLabel("Email").fill("mentor@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/mentor$/);
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
});
