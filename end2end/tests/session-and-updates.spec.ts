import { cpSync, appendFileSync } from "node:fs";
import path from "node:path";
import {
  expect,
  fillMeetingLog,
  logIn,
  menuButton,
  openNewLog,
  PASSWORD,
  phoneData,
  serviceWorkerReady,
  submitMeetingLog,
  syncState,
  test,
} from "./fixtures";

test("logging out with unsynced logs warns and offers to sync first", async ({ page, context, server }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await openNewLog(page);
  await fillMeetingLog(page, { mentee: "Ioana Marin", description: "Not sent before logging out" });
  await submitMeetingLog(page);

  await menuButton(page, "Log out");

  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Some meeting logs have not reached the server yet (1)");
  await context.setOffline(false);
  await dialog.getByRole("button", { name: "Sync first" }).click();
  await expect(dialog).toBeHidden();
  await expect(syncState(page)).toHaveText(/^All sent · /);
  await menuButton(page, "Log out");
  await expect(page).toHaveURL(/\/login$/);
  expect((await server.managerLogs()).filter((l) => l.description === "Not sent before logging out")).toHaveLength(1);
});

test("a logout cut short by leaving the page is finished by the next page, which forgets the person", async ({ page }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  // The logout request never reaches the server (the page is left while it
  // is on its way): the session stays valid for now.
  let cut = false;
  await page.route("**/api/auth/logout", async (route) => {
    if (cut) return route.continue();
    cut = true;
    await route.abort();
  });

  await menuButton(page, "Log out");
  await expect(page).toHaveURL(/\/login$/);
  // The server still knows the session, so it sends the person home; that
  // page carries out the logout and goes back to the login page.
  await page.goto("/mentor");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(cut).toBe(true);
  await page.goto("/mentor");
  await expect(page).toHaveURL(/\/login$/);
});

test("when the session ends while offline the outbox is kept and syncs after logging in again", async ({ page, context, server }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await openNewLog(page);
  await fillMeetingLog(page, { mentee: "Gabriela Radu", description: "Written while the session ran out" });
  await submitMeetingLog(page);
  // The session ends (the server no longer knows this browser's session).
  await context.clearCookies();

  await context.setOffline(false);
  await page.getByRole("button", { name: "Sync now" }).click();

  await expect(syncState(page)).toHaveText("Log in again to send 1: kept on this phone until then, nothing else");
  // Only the log waiting to be sent is still on the phone, encrypted: not
  // the mentees' names nor the logs it had fetched.
  const stored = await page.evaluate(() => Object.values(localStorage).join("\n"));
  expect(stored).not.toContain("Written while the session ran out");
  const kept = (await phoneData(page)).map(([, value]) => value).join("\n");
  expect(kept).toContain("Written while the session ran out");
  expect(kept).not.toContain("Ioana Marin");
  expect(kept).not.toContain("Gabriela Radu");
  await page.getByTestId("sync-bar").getByRole("link", { name: "Log in" }).click();
  await page.getByLabel("Email").fill("mentor@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/mentor$/);
  await expect(syncState(page)).toHaveText(/^All sent · /);
  expect((await server.managerLogs()).filter((l) => l.description === "Written while the session ran out")).toHaveLength(1);
});

test("a new version is offered, applied when chosen, and keeps drafts and waiting logs", async ({ page, context, server }) => {
  const site = path.join(server.folder, "site");
  cpSync(server.siteRoot, site, { recursive: true });
  await server.stop();
  server.siteRoot = site;
  await server.start();
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await openNewLog(page);
  await fillMeetingLog(page, { mentee: "Ioana Marin", description: "Waiting through the update" });
  await submitMeetingLog(page);
  await openNewLog(page);
  await page.getByLabel(/Write a brief description/).fill("A draft through the update");
  await expect(page.getByTestId("draft-status")).toHaveText("Draft saved on this phone");

  // A new version is deployed.
  await server.stop();
  appendFileSync(path.join(site, "sw.js"), "\n// the next version\n");
  await server.start();
  await context.setOffline(false);
  await page.reload();

  const banner = page.getByText("A new version of Parent Bridge is ready.");
  await expect(banner).toBeVisible();
  // Nothing changes until the mentor chooses.
  await expect(page.getByLabel(/Write a brief description/)).toHaveValue("A draft through the update");
  await page.getByRole("button", { name: "Reload now" }).click();

  await expect(banner).toBeHidden();
  await expect(page.getByLabel(/Write a brief description/)).toHaveValue("A draft through the update");
  await expect(syncState(page)).toHaveText(/^All sent · /);
  const newWorker = await page.evaluate(async () => {
    const keys = await caches.keys();
    return keys.filter((k) => k.startsWith("parent-bridge-")).length;
  });
  expect(newWorker).toBe(1);
  expect((await server.managerLogs()).filter((l) => l.description === "Waiting through the update")).toHaveLength(1);
});
