import {
  appReady,
  expect,
  fillMeetingLog,
  logIn,
  choosePinIfAsked,
  openNewLog,
  phoneData,
  serviceWorkerReady,
  submitMeetingLog,
  syncState,
  test,
} from "./fixtures";
import type { Page } from "@playwright/test";

async function outboxStates(page: Page): Promise<string[]> {
  await page.goto("/mentor/outbox");
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  return page.getByTestId("outbox-state").allTextContents();
}

test("after one online visit the app starts offline: home page and form", async ({ page, context }) => {
  await logIn(page, "mentor@example.org");
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
  await serviceWorkerReady(page);

  await context.setOffline(true);
  await page.reload();

  await expect(page.getByRole("heading", { name: "My mentees" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
  await expect(syncState(page)).toHaveText("Offline · nothing waiting");
  await openNewLog(page);
  await expect(page.getByLabel("Mentee", { exact: true }).locator("option", { hasText: "Gabriela Radu" })).toHaveCount(1);
  await expect(page.getByLabel("Date")).toBeVisible();
  await page.goto("/mentor/logs");
  await expect(page.getByTestId("log-card").first()).toBeVisible();
});

test("a phone whose saved data is gone keeps the mentees its page came with, even if the first sync never finishes", async ({
  page,
  context,
}) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  // The browser evicted the site's data; the session is still valid. The
  // sync never finishes: the server's list of mentees does not answer.
  await page.evaluate(() => localStorage.clear());
  await page.route("**/api/mentor/pairs*", (route) => route.abort());
  await page.goto("/mentor");
  // With the vault's records gone, the phone asks for a new app PIN.
  await choosePinIfAsked(page);
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state === "activated" && navigator.serviceWorker.controller !== null;
  });
  await expect(syncState(page)).not.toHaveText(/^All sent · /);

  await context.setOffline(true);
  await page.reload();

  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();
  await openNewLog(page);
  await expect(page.getByLabel("Mentee", { exact: true }).locator("option", { hasText: "Gabriela Radu" })).toHaveCount(1);
});

test("logs saved offline survive a reload and sync exactly once when back online", async ({ page, context, server }) => {
  const before = (await server.managerLogs()).length;
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);

  for (const n of [1, 2, 3]) {
    await openNewLog(page);
    await fillMeetingLog(page, { mentee: "Ioana Marin", description: `Offline meeting number ${n}` });
    await submitMeetingLog(page);
  }
  await expect(syncState(page)).toHaveText("Offline · 3 saved on this phone");
  await page.reload();
  expect(await outboxStates(page)).toEqual(["Waiting to sync", "Waiting to sync", "Waiting to sync"]);

  await context.setOffline(false);

  await expect(syncState(page)).toHaveText(/^All sent/);
  await expect(page.getByTestId("outbox-state")).toHaveText(["Synced", "Synced", "Synced"]);
  await expect(page.getByTestId("sync-last")).not.toHaveText("Not synced yet");
  const logs = await server.managerLogs();
  expect(logs.length).toBe(before + 3);
  for (const n of [1, 2, 3]) {
    expect(logs.filter((l) => l.description === `Offline meeting number ${n}`)).toHaveLength(1);
  }
});

test("a draft survives a reload in the middle of typing", async ({ page }) => {
  await logIn(page, "mentor@example.org");
  await openNewLog(page);
  await page.getByLabel("Mentee", { exact: true }).selectOption({ label: "Gabriela Radu" });
  await page.getByLabel(/Write a brief description/).fill("Half of what I wanted to s");
  await expect(page.getByTestId("draft-status")).toHaveText("Draft saved on this phone");

  await page.reload();

  await expect(page.getByLabel(/Write a brief description/)).toHaveValue("Half of what I wanted to s");
  await expect(page.getByLabel("Mentee", { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel("Mentee", { exact: true }).locator("option:checked")).toHaveText("Gabriela Radu");
});

test("a draft open in two tabs becomes one log", async ({ page, context, server }) => {
  const before = (await server.managerLogs()).length;
  await logIn(page, "mentor@example.org");
  await openNewLog(page);
  const other = await context.newPage();
  await other.goto("/mentor/log");
  await expect(other.getByLabel("Mentee", { exact: true })).toBeVisible();

  await fillMeetingLog(page, { mentee: "Ioana Marin", description: "Typed in the first tab" });
  await expect(other.getByLabel(/Write a brief description/)).toHaveValue("Typed in the first tab");
  await submitMeetingLog(page);
  await other.getByRole("button", { name: "Save meeting log" }).click();

  await expect(page.getByTestId("log-card").filter({ hasText: "Typed in the first tab" }).getByTestId("log-state")).toHaveText("Synced");
  const logs = await server.managerLogs();
  expect(logs.filter((l) => l.description === "Typed in the first tab")).toHaveLength(1);
  expect(logs.length).toBe(before + 1);
});

test("when the server is down the sync fails visibly, then resumes and stores each log once", async ({ page, server }) => {
  const before = (await server.managerLogs()).length;
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await server.stop();

  for (const n of [1, 2]) {
    await openNewLog(page);
    await fillMeetingLog(page, { mentee: "Gabriela Radu", description: `While the server was down ${n}` });
    await submitMeetingLog(page);
  }
  await expect(syncState(page)).toHaveText(/^(2 waiting · trying again soon|Offline · 2 saved on this phone)$/);

  await server.start();

  await expect(syncState(page)).toHaveText(/^All sent/, { timeout: 60_000 });
  const logs = await server.managerLogs();
  expect(logs.length).toBe(before + 2);
  for (const n of [1, 2]) {
    expect(logs.filter((l) => l.description === `While the server was down ${n}`)).toHaveLength(1);
  }
});

test("a conflicting log needs attention while the others still sync", async ({ page, context, server }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await openNewLog(page);
  await fillMeetingLog(page, { mentee: "Ioana Marin", description: "The original, on the server" });
  await submitMeetingLog(page);
  await expect(page.getByTestId("log-card").filter({ hasText: "The original" }).getByTestId("log-state")).toHaveText("Synced");

  await context.setOffline(true);
  for (const text of ["Will collide", "Will sync"]) {
    await openNewLog(page);
    await fillMeetingLog(page, { mentee: "Ioana Marin", description: text });
    await submitMeetingLog(page);
  }
  // Give "Will collide" the id of the log already on the server, as a second
  // phone with a copied outbox would.
  // (Written back in plain text, as a phone from before encryption holds
  // it: the app reads it and encrypts it. Written where the app does not
  // run, or its own copy in memory would write over it.)
  const items = (await phoneData(page))
    .filter(([k]) => k.includes(".queue.meeting_log."))
    .map(([key, value]) => ({ key, item: JSON.parse(value) }));
  const original = items.find((i) => i.item.input.description === "The original, on the server")!;
  const colliding = items.find((i) => i.item.input.description === "Will collide")!;
  await page.goto("about:blank");
  await context.setOffline(false);
  await page.goto("/healthz");
  await page.evaluate(
    ([remove, key, value]) => {
      localStorage.removeItem(remove);
      localStorage.setItem(key, value);
    },
    [colliding.key, original.key, JSON.stringify({ ...colliding.item, id: original.item.id })],
  );

  await page.goto("/mentor");
  await appReady(page);
  await page.getByRole("button", { name: "Sync now" }).click();

  const attention = page.getByTestId("outbox-item").filter({ hasText: "Will collide" });
  await page.goto("/mentor/outbox");
  await expect(attention.getByTestId("outbox-state")).toHaveText("Needs attention");
  await expect(attention).toContainText("A different log with the same id is already on the server");
  await expect(page.getByTestId("outbox-item").filter({ hasText: "Will sync" }).getByTestId("outbox-state")).toHaveText("Synced");
  const logs = await server.managerLogs();
  expect(logs.filter((l) => l.description === "Will sync")).toHaveLength(1);
  expect(logs.filter((l) => l.description === "Will collide")).toHaveLength(0);
  expect(logs.filter((l) => l.description === "The original, on the server")).toHaveLength(1);

  // The mentor sends it as a new log: now it is stored too.
  await attention.getByRole("link", { name: "Send as a new log" }).click();
  await expect(page.getByLabel(/Write a brief description/)).toHaveValue("Will collide");
  await submitMeetingLog(page);
  await expect(page.getByTestId("log-card").filter({ hasText: "Will collide" }).getByTestId("log-state")).toHaveText("Synced");
  expect((await server.managerLogs()).filter((l) => l.description === "Will collide")).toHaveLength(1);
});
