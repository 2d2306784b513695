// What a lost phone gives away: nothing readable. Everything Parent Bridge
// keeps in the browser is encrypted with a key that cannot be taken out of
// it; offline after the idle time the app asks for its PIN; a logout deletes
// everything of the person once nothing waits to be sent.
import type { Page } from "@playwright/test";
import {
  expect,
  fillMeetingLog,
  logIn,
  menuButton,
  openNewLog,
  PASSWORD,
  phoneData,
  PIN,
  serviceWorkerReady,
  submitMeetingLog,
  syncState,
  test,
} from "./fixtures";

// What the demo mentor's phone must never show in plain text.
const SECRETS = ["Ioana Marin", "Gabriela Radu", "Elena Ionescu", "mentor@example.org"];

/** Every value in local storage, as anyone holding the phone could read it. */
async function plainStorage(page: Page): Promise<string> {
  return page.evaluate(() => Object.entries(localStorage).flat().join("\n"));
}

/** The keys IndexedDB holds: [name, extractable]. */
async function keptKeys(page: Page): Promise<[string, boolean][]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("parent-bridge", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("keys");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const out: [string, boolean][] = [];
          const cursor = open.result.transaction("keys").objectStore("keys").openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve(out);
            out.push([String(c.key), (c.value as CryptoKey).extractable]);
            c.continue();
          };
        };
      }),
  );
}

async function expectNothingReadable(page: Page): Promise<void> {
  const plain = await plainStorage(page);
  for (const secret of SECRETS) expect(plain).not.toContain(secret);
}

/** Makes the phone look unused for `minutes`. */
async function idleFor(page: Page, minutes: number): Promise<void> {
  await page.evaluate((ms) => {
    const user = localStorage.getItem("pb.v1.last_user");
    localStorage.setItem(`pb.v1.active.${user}`, String(Date.now() - ms));
  }, minutes * 60_000);
}

async function writeLogOffline(page: Page, description: string): Promise<void> {
  await openNewLog(page);
  await fillMeetingLog(page, { mentee: "Gabriela Radu", description });
  await submitMeetingLog(page);
}

test("after login and offline the phone holds the mentor's data only encrypted, under a key that cannot be extracted", async ({
  page,
  context,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);

  await expectNothingReadable(page);
  const keys = await keptKeys(page);
  expect(keys).toHaveLength(1);
  expect(keys[0][1]).toBe(false);
  // The app itself reads it: the mentees are on the phone.
  const kept = (await phoneData(page)).map(([, v]) => v).join("\n");
  expect(kept).toContain("Ioana Marin");

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
  await writeLogOffline(page, "Written offline, kept encrypted");

  await expectNothingReadable(page);
  expect(await plainStorage(page)).not.toContain("Written offline, kept encrypted");
  expect((await phoneData(page)).map(([, v]) => v).join("\n")).toContain("Written offline, kept encrypted");
});

test("a logout with nothing waiting deletes everything of the mentor from the phone, the key too", async ({ page }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);

  await menuButton(page, "Log out");

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("You are logged out. Nothing of yours is kept on this phone.")).toBeVisible();
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pb.")));
  expect(left.filter((k) => /^pb\.v1\.[0-9a-f-]{36}\./.test(k) || k.includes(".vault.") || k.includes(".last_user"))).toEqual([]);
  expect(await keptKeys(page)).toEqual([]);
});

test("a logout with a log waiting keeps only that log, encrypted, says so, and sends it after the next login", async ({
  page,
  context,
  server,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await writeLogOffline(page, "Waiting through a logout");

  await menuButton(page, "Log out");
  await page.getByRole("button", { name: "Log out anyway" }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText(/Not sent yet: 1 \(logs, reports or drafts\)\. They stay on this phone, encrypted/)).toBeVisible();
  await expectNothingReadable(page);
  expect(await plainStorage(page)).not.toContain("Waiting through a logout");
  // The key is no longer usable on the phone: an online login opens it.
  expect(await keptKeys(page)).toEqual([]);

  await context.setOffline(false);
  await logIn(page, "mentor@example.org");
  await expect(syncState(page)).toHaveText(/^All sent · /);
  expect((await server.managerLogs()).filter((l) => l.description === "Waiting through a logout")).toHaveLength(1);
});

test("offline after the idle time the app asks for its PIN before it shows anything, and opens with the right one", async ({
  page,
  context,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await idleFor(page, 31);
  await context.setOffline(true);

  await page.reload();

  const gate = page.getByRole("dialog", { name: "Enter your app PIN" });
  await expect(gate).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toHaveCount(0);
  expect(await keptKeys(page)).toEqual([]);
  await gate.getByLabel("App PIN").fill("000000");
  await gate.getByRole("button", { name: "Unlock" }).click();
  await expect(gate.getByRole("alert")).toHaveText("That PIN is not right. Tries left: 4.");
  await gate.getByLabel("App PIN").fill(PIN);
  await gate.getByRole("button", { name: "Unlock" }).click();
  await expect(gate).toBeHidden();
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
});

test("within the idle time the app opens offline without the PIN", async ({ page, context }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await idleFor(page, 29);
  await context.setOffline(true);

  await page.reload();

  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("five wrong PINs require an online login, and the log waiting offline is still sent after it", async ({
  page,
  context,
  server,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await writeLogOffline(page, "Kept through five wrong PINs");
  await idleFor(page, 45);
  await page.reload();

  const gate = page.getByRole("dialog", { name: "Enter your app PIN" });
  for (let left = 4; left >= 1; left--) {
    await gate.getByLabel("App PIN").fill("111111");
    await gate.getByRole("button", { name: "Unlock" }).click();
    await expect(gate.getByRole("alert")).toHaveText(`That PIN is not right. Tries left: ${left}.`);
  }
  await gate.getByLabel("App PIN").fill("111111");
  await gate.getByRole("button", { name: "Unlock" }).click();

  const login = page.getByRole("dialog", { name: "Log in" });
  await expect(login).toContainText("Nothing is lost: work not sent yet stays on this phone, encrypted");
  // Even the right PIN no longer opens it.
  await page.reload();
  await expect(login).toBeVisible();

  await context.setOffline(false);
  await login.getByRole("link", { name: "Log in" }).click();
  // The password again, even with a session: only a fresh login opens it.
  await page.getByLabel("Email").fill("mentor@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/mentor$/);
  await expect(syncState(page)).toHaveText(/^All sent · /);
  expect((await server.managerLogs()).filter((l) => l.description === "Kept through five wrong PINs")).toHaveLength(1);
});
