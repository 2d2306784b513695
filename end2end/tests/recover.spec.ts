// Accounts that look after themselves, with a real SMTP server of the
// test's own: a forgotten password set again from the emailed link, a
// manager's reset link for a mentee who reads no email, a new email
// address confirmed by the link sent to it, an invitation withdrawn, and
// the first run of a new server in the browser.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { appReady, choosePinIfAsked, expect, logIn, PASSWORD, Server, SmtpSink, test as base } from "./fixtures";

const NEW_PASSWORD = "four quiet lanterns glowing";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The demo's server with email on (to `mail`), or a new one with nothing. */
const test = base.extend<{ mail: SmtpSink; server: Server; emptyServer: Server }>({
  mail: async ({}, use) => {
    const sink = new SmtpSink();
    await sink.start();
    await use(sink);
    sink.stop();
  },
  server: async ({ mail }, use) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "pb-e2e-"));
    const server = new Server(await freePort(), folder);
    server.extraEnv = { PB_SMTP_URL: `smtp://127.0.0.1:${mail.port}`, PB_PUBLIC_URL: server.url };
    server.loadDemo();
    await server.start();
    await use(server);
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
    expect(server.panics()).toEqual([]);
  },
  emptyServer: async ({}, use) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "pb-e2e-"));
    const server = new Server(await freePort(), folder);
    await server.start();
    await use(server);
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
    expect(server.panics()).toEqual([]);
  },
});

/** The path of the first link to `prefix` in an email. */
function linkIn(text: string, prefix: string): string {
  const found = text.match(new RegExp(`${prefix}[0-9a-f]{64}`));
  expect(found, text).not.toBeNull();
  return found![0];
}

async function loginStatus(server: Server, email: string, password: string): Promise<number> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
    body: new URLSearchParams({ email, password }),
  });
  return response.status;
}

test("a forgotten password is set again from the link emailed to the account", async ({ page, server, mail }) => {
  await page.goto("/login");
  await appReady(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgotten password" })).toBeVisible();
  await page.getByLabel("Email").fill("manager@example.org");
  await page.getByRole("button", { name: "Send me the link" }).click();
  await expect(page.getByTestId("forgot-sent")).toBeVisible();

  const email = await mail.mailTo("manager@example.org", "/reset/");
  await page.goto(linkIn(email.text, "/reset/"));
  await appReady(page);
  await expect(page.locator(".lead")).toContainText("manager@example.org");
  await page.getByLabel("New password (at least 12 characters)").fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the password and log in" }).click();

  await page.waitForURL((url) => url.pathname === "/manager");
  expect(await loginStatus(server, "manager@example.org", PASSWORD)).toBe(401);
  expect(await loginStatus(server, "manager@example.org", NEW_PASSWORD)).toBe(200);
  await page.goto(linkIn(email.text, "/reset/"));
  await expect(page.getByTestId("link-gone")).toBeVisible();
});

test("a manager makes a reset link for a mentee who reads no email, and the mentee sets a password with it", async ({
  page,
  browser,
  server,
}) => {
  const [mentee] = await server.asManager("privacy/people", { search: "mentee@example.org" });
  await logIn(page, "manager@example.org");
  await page.goto(`/people/${mentee.person}`);
  await appReady(page);
  await page.getByTestId("make-reset-link").click();
  const link = page.getByRole("textbox", { name: "Reset link" });
  await expect(link).toHaveValue(/\/reset\//);
  await expect(page.getByRole("img", { name: "The reset link as a QR code" })).toBeVisible();

  const phone = await (await browser.newContext({ baseURL: server.url })).newPage();
  await phone.goto(await link.inputValue());
  await appReady(phone);
  await phone.getByLabel("New password (at least 12 characters)").fill(NEW_PASSWORD);
  await phone.getByLabel("New password again").fill(NEW_PASSWORD);
  await phone.getByRole("button", { name: "Set the password and log in" }).click();
  await phone.waitForURL((url) => url.pathname.startsWith("/mentee"));
  await choosePinIfAsked(phone);

  expect(await loginStatus(server, "mentee@example.org", NEW_PASSWORD)).toBe(200);
  await phone.context().close();
});

test("a new email address is used once the link sent to it is opened, and the old one is told", async ({
  page,
  server,
  mail,
}) => {
  await logIn(page, "manager@example.org");
  await page.goto("/account");
  await appReady(page);
  await page.locator("#email-current-password").fill(PASSWORD);
  await page.getByLabel("New email address").fill("ioana.new@example.org");
  await page.getByRole("button", { name: "Send the confirmation link" }).click();
  await expect(page.getByText("A link is on its way to the new address.")).toBeVisible();

  const email = await mail.mailTo("ioana.new@example.org", "/confirm-email/");
  expect(await loginStatus(server, "manager@example.org", PASSWORD)).toBe(200);
  await page.goto(linkIn(email.text, "/confirm-email/"));
  await appReady(page);
  await page.getByRole("button", { name: "Confirm the new address" }).click();
  await expect(page.getByTestId("email-changed")).toBeVisible();

  await mail.mailTo("manager@example.org", "logs in with ioana.new@example.org");
  expect(await loginStatus(server, "manager@example.org", PASSWORD)).toBe(401);
  expect(await loginStatus(server, "ioana.new@example.org", PASSWORD)).toBe(200);
});

test("a withdrawn invitation is listed as withdrawn and its link no longer opens", async ({ page, browser, server }) => {
  const [programme] = await server.asManager("programmes/list");
  await logIn(page, "manager@example.org");
  await page.goto(`/programmes/${programme.view.id}`);
  await appReady(page);
  await page.getByRole("button", { name: "Invite a mentee" }).click();
  const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("invitations").getByRole("button", { name: "Withdraw" }).first().click();
  await expect(page.getByTestId("invitations").getByText("Withdrawn")).toBeVisible();

  const other = await (await browser.newContext({ baseURL: server.url })).newPage();
  await other.goto(link);
  await expect(other.getByText("This invitation link does not work")).toBeVisible();
  await other.context().close();
});

test("a new server is set up in the browser with the code it printed, and its coordinator is logged in", async ({
  page,
  emptyServer,
}) => {
  const code = emptyServer.log.match(/^\s+([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})$/m)?.[1];
  expect(code, emptyServer.log).toBeTruthy();
  await page.goto(`${emptyServer.url}/login`);
  await appReady(page);
  await page.getByTestId("setup-needed").getByRole("link", { name: "Set it up" }).click();
  await expect(page.getByRole("heading", { name: "Set up Parent Bridge" })).toBeVisible();

  await page.getByLabel("Setup code").fill("AAAA-AAAA-AAAA-AAAA");
  await page.getByLabel("Your organisation's name").fill("Școala Gimnazială 5");
  await page.getByLabel("Its first programme's name").fill("Parents together 2027");
  await page.getByLabel("Your name").fill("Ana Pop");
  await page.getByLabel("Email").fill("ana@scoala5.example.org");
  await page.getByLabel("New password (at least 12 characters)").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set up and log in" }).click();
  await expect(page.getByText("This is not the setup code.")).toBeVisible();
  await page.getByLabel("Setup code").fill(code!.toLowerCase());
  await page.getByRole("button", { name: "Set up and log in" }).click();

  await page.waitForURL((url) => url.pathname === "/programmes");
  await expect(page.getByText("Parents together 2027")).toBeVisible();
  await page.goto(`${emptyServer.url}/setup`);
  await expect(page.getByTestId("set-up-already")).toBeVisible();
});

test("a person downloads their own data and withdraws a consent from My account", async ({ page }) => {
  await logIn(page, "manager@example.org");
  await page.goto("/account");
  await appReady(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-my-data").click()]);
  const consents = page.getByTestId("my-consent");
  const email = consents.filter({ hasText: "Email" });
  page.once("dialog", (dialog) => dialog.accept());
  await email.getByRole("button", { name: "Withdraw" }).click();

  expect(download.suggestedFilename()).toMatch(/^parent-bridge-my-data-.*\.json$/);
  await expect(email.getByText("Withdrawn")).toBeVisible();
  await expect(email.getByRole("button", { name: "Give" })).toBeVisible();
  await expect(email.getByRole("button", { name: "Withdraw" })).toHaveCount(0);
});

test("a manager removes a mentee from the programme after a confirmation, and the mentee's records stay", async ({
  page,
  server,
}) => {
  const [mentee] = await server.asManager("privacy/people", { search: "mentee@example.org" });
  await logIn(page, "manager@example.org");
  await page.goto(`/people/${mentee.person}`);
  await appReady(page);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("memberships").getByRole("button", { name: "Remove from this programme" }).first().click();

  await expect(page.getByTestId("memberships")).toHaveCount(0);
  expect(await loginStatus(server, "mentee@example.org", PASSWORD)).toBe(200);
});
