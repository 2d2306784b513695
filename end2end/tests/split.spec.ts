// The split bundle: a mentor's home downloads the app's main part, then,
// once it is awake, the parts that open the phone's vault and sync (never a
// group of pages); the pages of managers, coordinators and mentees load
// when first opened, directly or after moving around the app, and the
// service worker keeps every part.
import type { Page } from "@playwright/test";
import { appReady, expect, logIn, menuLink, serviceWorkerReady, test } from "./fixtures";

/** The wasm files the page fetches from now on. */
function wasmFetched(page: Page): string[] {
  const files: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith(".wasm")) files.push(url.pathname.split("/").pop()!);
  });
  return files;
}

test("a mentor's home fetches the main part of the app and the sync's, no page group's; the other pages their group's part", async ({
  page,
}) => {
  await logIn(page, "mentor@example.org");
  const fetched = wasmFetched(page);
  await page.reload();
  await appReady(page);
  await expect(page.getByRole("heading", { name: "Ioana Marin", exact: true })).toBeVisible();

  await expect(page.getByTestId("sync-state")).toHaveText(/^All sent · /);
  expect(fetched.filter((f) => f.startsWith("parent-bridge."))).toHaveLength(1);
  expect(fetched.filter((f) => f.startsWith("split___"))).toEqual([]);

  await menuLink(page, "New meeting log");
  await expect(page.getByLabel("Mentee", { exact: true })).toBeVisible();
  expect(fetched.some((f) => f.startsWith("split___mentor_pages_route_view"))).toBe(true);
  expect(fetched.some((f) => f.startsWith("split___office_route_view"))).toBe(false);
});

test("offline, every mentor page opens from the parts the service worker kept", async ({ page, context }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);

  for (const path of ["/mentor", "/mentor/log", "/mentor/logs", "/mentor/outbox"]) {
    await page.goto(path);
    await appReady(page);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("sync-state")).toHaveText(/^Offline/);
  }
  await menuLink(page, "New meeting log");
  await expect(page.getByLabel("Mentee", { exact: true })).toBeVisible();
});

test("the manager's pages load their part when opened directly and work", async ({ page }) => {
  await logIn(page, "manager@example.org");
  const fetched = wasmFetched(page);

  await page.goto("/manager");
  await appReady(page);
  await expect(page.getByTestId("pair-row")).toHaveCount(4);
  await page.goto("/manager/logs");
  await appReady(page);

  const count = page.getByRole("status").filter({ hasText: /logs shown/ });
  await expect(count).toHaveText("5 logs shown");
  await page.getByLabel("Only logs with a challenge").check();
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/challenge=yes/);
  await expect(count).toHaveText("1 logs shown");
  expect(fetched.some((f) => f.startsWith("split___entry_route_view"))).toBe(true);
  expect(fetched.some((f) => f.startsWith("split___office_route_view"))).toBe(false);
});

test("the coordinator's page loads its part after moving around the app", async ({ page }) => {
  await page.goto("/login");
  await appReady(page);
  await page.getByLabel("Email").fill("coordinator@example.org");
  await page.getByLabel("Password").fill("parent-bridge-demo");
  const fetched = wasmFetched(page);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/coordinator$/);
  await expect(page.getByRole("heading", { name: "Programme overview" })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  // The login page's part holds the coordinator's home too.
  expect(fetched.some((f) => f.startsWith("split___office_route_view"))).toBe(false);

  await menuLink(page, "Programmes");
  await expect(page).toHaveURL(/\/programmes$/);
  await expect(page.getByTestId("programme-card")).toHaveCount(1);
  expect(fetched.some((f) => f.startsWith("split___office_route_view"))).toBe(true);
});

test("the service worker keeps every part of the app and both languages for offline use", async ({ page }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);

  const missing = await page.evaluate(async () => {
    const script = await (await fetch("/sw.js")).text();
    const files: string[] = JSON.parse(script.match(/const FILES = (\[.*\]);/)![1]);
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith("parent-bridge-"))!);
    const missing = [];
    for (const file of files) {
      if (!(await cache.match(file))) missing.push(file);
    }
    return { files, missing };
  });

  expect(missing.missing).toEqual([]);
  for (const part of ["split___mentor_pages_route_view", "split___entry_route_view", "split___office_route_view"]) {
    expect(missing.files.some((f) => f.includes(part))).toBe(true);
  }
  // Both languages, each in its two parts (core and office).
  expect(missing.files.filter((f) => f.startsWith("/i18n/"))).toHaveLength(4);
});

test("offline, the language can still be switched", async ({ page, context }) => {
  await logIn(page, "mentor@example.org");
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);

  const menu = page.locator("details.menu > summary");
  if (await menu.isVisible()) await menu.click();
  await page.getByLabel("Language").selectOption("ro");

  await expect(page.getByRole("heading", { name: "Mentorații mei" })).toBeVisible();
});
