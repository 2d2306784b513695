// Accessible by test: axe (pinned) on every page of every role, on a
// phone (360 px) and a desk (1280 px), in English and Romanian, with some
// error, empty and offline states: no violation of WCAG 2.0, 2.1 and 2.2
// A and AA that axe can see.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { appReady, expect, logIn, test } from "./fixtures";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [360, 1280];
const LANGS = ["en", "ro"];

// Every page twice (phone and desk): longer than one flow; the roles and
// languages side by side.
test.describe.configure({ mode: "parallel", timeout: 240_000 });

/** The violations axe finds on the page as it is now, one line each. */
async function violations(page: Page, state: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) =>
      `${state}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
}

/** The first link of the page whose address matches `pattern`. */
async function firstLink(page: Page, pattern: RegExp): Promise<string | null> {
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

/** Opens each path in `lang`, on a phone and on a desk, once the app woke it up and its data came, and checks it. */
async function checkPages(page: Page, lang: string, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  await page.context().addCookies([{ name: "pb_lang", value: lang, url: page.url() }]);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      await page.goto(path);
      await appReady(page);
      await expect(page.locator("main h1").first()).toBeVisible();
      await expect(page.locator("p.loading")).toHaveCount(0);
      found.push(...(await violations(page, `${path} ${width}px ${lang}`)));
    }
  }
  // Back to English for what the test does next.
  await page.context().addCookies([{ name: "pb_lang", value: "en", url: page.url() }]);
  await page.setViewportSize({ width: 1280, height: 900 });
  return found;
}

for (const lang of LANGS) {
  test(`axe finds nothing on the pages anyone sees before logging in (${lang})`, async ({ page }) => {
    await page.goto("/login");
    await appReady(page);
    const found = await checkPages(page, lang, ["/login", "/forgot", "/setup", "/nothing/here"]);
    // The login's error.
    await page.goto("/login");
    await appReady(page);
    // (By their ids: the page may still be in the language just checked.)
    await page.locator("#login-email").fill("manager@example.org");
    await page.locator("#login-password").fill("not the password");
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("#login-error")).not.toBeEmpty();
    found.push(...(await violations(page, "/login with its error")));
    expect(found, found.join("\n")).toEqual([]);
  });

  test(`axe finds nothing on a mentor's pages, their errors and offline (${lang})`, async ({ page, context }) => {
    await logIn(page, "mentor@example.org");
    await appReady(page);
    await page.goto("/mentor/reports");
    await appReady(page);
    const report = await firstLink(page, /^\/mentor\/report\?/);
    const paths = [
      "/mentor",
      "/mentor/log",
      "/mentor/logs",
      "/mentor/outbox",
      "/mentor/reports",
      "/mentor/goals",
      "/mentor/checks",
      "/mentor/concerns",
      "/notifications",
      "/account",
    ];
    if (report) paths.push(report);
    const found = await checkPages(page, lang, paths);
    // The meeting log's errors, then the phone offline.
    await page.goto("/mentor/log");
    await appReady(page);
    await page.locator("main form button[type=submit]").first().click();
    await expect(page.locator(".field-error:not(:empty)").first()).toBeVisible();
    found.push(...(await violations(page, "/mentor/log with its errors")));
    await context.setOffline(true);
    await page.goto("/mentor").catch(() => undefined);
    await appReady(page);
    found.push(...(await violations(page, "/mentor offline")));
    await context.setOffline(false);
    expect(found, found.join("\n")).toEqual([]);
  });

  test(`axe finds nothing on a mentee's pages (${lang})`, async ({ page }) => {
    await logIn(page, "mentee@example.org");
    await appReady(page);
    const report = await firstLink(page, /^\/mentee\/report/);
    const paths = ["/mentee", "/account"];
    if (report) paths.push(report);
    const found = await checkPages(page, lang, paths);
    expect(found, found.join("\n")).toEqual([]);
  });

  test(`axe finds nothing on a manager's pages (${lang})`, async ({ page }) => {
    await logIn(page, "manager@example.org");
    await appReady(page);
    const pair = await firstLink(page, /^\/pairs\/[0-9a-f-]{36}\//);
    await page.goto("/programmes");
    await appReady(page);
    const programme = (await firstLink(page, /^\/programmes\/[0-9a-f-]{36}$/))!;
    expect(programme).not.toBeNull();
    await page.goto("/people");
    await appReady(page);
    await page.getByLabel("Name or email").fill("elena");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("person-row").first()).toBeVisible();
    const person = (await firstLink(page, /^\/people\/user/))!;
    const paths = [
      "/manager",
      "/manager/logs",
      "/programmes",
      programme,
      `${programme}/recruitment`,
      `${programme}/candidates/new`,
      `${programme}/training`,
      `${programme}/matching`,
      `${programme}/supervision`,
      `${programme}/report`,
      "/pairs/go-on",
      "/people",
      person,
      "/notifications",
      "/account",
    ];
    if (pair) {
      const id = pair.split("/")[2];
      paths.push(`/pairs/${id}/reports`, `/pairs/${id}/goals`, `/pairs/${id}/concerns`);
    }
    const found = await checkPages(page, lang, paths);
    // A form's errors: a new candidate saved empty.
    await page.goto(`${programme}/candidates/new`);
    await appReady(page);
    await page.locator("main form button[type=submit]").first().click();
    await expect(page.locator(".field-error:not(:empty)").first()).toBeVisible();
    found.push(...(await violations(page, "a new candidate with its errors")));
    expect(found, found.join("\n")).toEqual([]);
  });

  test(`axe finds nothing on a coordinator's pages (${lang})`, async ({ page }) => {
    await logIn(page, "coordinator@example.org");
    await appReady(page);
    await page.goto("/programmes");
    await appReady(page);
    const programme = (await firstLink(page, /^\/programmes\/[0-9a-f-]{36}$/))!;
    const paths = [
      "/coordinator",
      "/programmes",
      "/programmes/new",
      `${programme}/edit`,
      `${programme}/report`,
      "/programmes/compare",
      "/audit",
      "/people",
      "/account",
    ];
    const found = await checkPages(page, lang, paths);
    expect(found, found.join("\n")).toEqual([]);
  });
}
