// The mentor's phone: a 360 x 740 screen, touch, the work first.
import type { Page } from "@playwright/test";
import { appReady, choosePinIfAsked, expect, logIn, menuLink, syncState, test } from "./fixtures";

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

const SCREEN = 740;

/** Every control a finger presses on the page, with its size. */
async function tapTargets(page: Page): Promise<{ name: string; width: number; height: number }[]> {
  return page.evaluate(() => {
    const selector = "button, a.button, select, summary, input[type=checkbox], input[type=radio], .choice, .menu-panel nav a";
    return [...document.querySelectorAll(selector)]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
      })
      // Radio buttons and checkboxes are pressed through their whole row.
      .filter((el) => !(el instanceof HTMLInputElement && el.closest(".choice")))
      .map((el) => {
        const box = el.getBoundingClientRect();
        return { name: `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}"`, width: box.width, height: box.height };
      });
  });
}

/** The layout shifts since the page started (what Lighthouse's CLS adds up). */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
}

test("the mentees start in the first third of a phone screen and nothing moves when the app wakes up", async ({ page }, testInfo) => {
  await logIn(page, "mentor@example.org");
  await page.reload();
  await appReady(page);
  await expect(syncState(page)).toHaveText(/^All sent/);

  const first = await page.getByTestId("pair-card").first().boundingBox();
  expect(first).not.toBeNull();
  expect(first!.y).toBeLessThan(SCREEN / 3);
  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(60);
  const sync = await page.getByTestId("sync-bar").boundingBox();
  expect(sync!.height).toBeLessThanOrEqual(56);
  expect(await layoutShift(page)).toBe(0);
  await page.screenshot({ path: testInfo.outputPath("mentor-home-360.png") });
});

test("the meeting log form starts near the top and says nothing about a draft until something is typed", async ({ page }, testInfo) => {
  await logIn(page, "mentor@example.org");
  await menuLink(page, "New meeting log");
  await appReady(page);

  const form = await page.locator("form.meeting-log").boundingBox();
  expect(form!.y).toBeLessThan(SCREEN / 3);
  await expect(page.getByTestId("draft-status")).toHaveText("");
  await page.screenshot({ path: testInfo.outputPath("meeting-log-360.png") });

  await page.getByLabel(/Write a brief description/).fill("We met at the school gate.");
  await expect(page.getByTestId("draft-status")).toHaveText("Draft saved on this phone");
});

test("every control a finger presses is at least 44 px tall, in English and in Romanian", async ({ page }) => {
  await logIn(page, "mentor@example.org");
  for (const lang of ["en", "ro"]) {
    await page.context().addCookies([{ name: "pb_lang", value: lang, url: page.url() }]);
    for (const path of ["/mentor", "/mentor/log", "/mentor/logs", "/mentor/outbox"]) {
      await page.goto(path);
      await appReady(page);
      await page.locator("details.menu > summary").click();
      const small = (await tapTargets(page)).filter((t) => t.height < 44);
      expect(small, `${lang} ${path}`).toEqual([]);
    }
  }
});

test("the header stays one row in Romanian and the menu opens over the page", async ({ page }) => {
  await page.context().addCookies([{ name: "pb_lang", value: "ro", url: "http://127.0.0.1" }]);
  await page.goto("/login");
  await page.getByLabel("Adresă de e-mail").fill("mentor@example.org");
  await page.getByLabel("Parolă").fill("parent-bridge-demo");
  await page.getByRole("button", { name: "Autentificare" }).click();
  await page.waitForURL(/\/mentor$/);
  await choosePinIfAsked(page);
  await appReady(page);

  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(60);
  const before = await page.getByTestId("pair-card").first().boundingBox();
  await page.locator("details.menu > summary").click();
  await expect(page.getByRole("link", { name: "Jurnal nou de întâlnire" })).toBeVisible();
  const after = await page.getByTestId("pair-card").first().boundingBox();
  expect(after!.y).toBe(before!.y);
});

test("a page the person may not open shows only the error", async ({ page }) => {
  await logIn(page, "mentor@example.org");

  const response = await page.goto("/manager");

  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "My pairs" })).toHaveCount(0);
  await expect(page.getByLabel("Only logs with a challenge")).toHaveCount(0);
});

test("on a phone the coordinator's table is a list of cards, every figure labelled", async ({ page }, testInfo) => {
  await logIn(page, "coordinator@example.org");
  await appReady(page);

  const row = page.locator("table.responsive tbody tr").first();
  await expect(row).toBeVisible();
  const box = await row.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(360);
  const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(scrolls).toBe(false);
  const labels = await row.locator("td").evaluateAll((cells) => cells.map((c) => getComputedStyle(c, "::before").content));
  expect(labels).toContain('"Hours of mentoring"');
  await expect(row).toContainText(/\d+ h( \d+ min)?|\d+ min/);
  await page.screenshot({ path: testInfo.outputPath("coordinator-360.png") });
});

test("the mentor reaches each mentee the way they prefer, from the home page", async ({ page }) => {
  await logIn(page, "mentor@example.org");
  await appReady(page);

  // Ioana prefers WhatsApp; Gabriela, who has no phone of her own for
  // the app, a call.
  const ioana = page.getByRole("group", { name: "Get in touch with Ioana Marin" });
  const gabriela = page.getByRole("group", { name: "Get in touch with Gabriela Radu" });

  await expect(ioana.getByRole("link").first()).toHaveText("WhatsApp");
  await expect(ioana.getByRole("link", { name: "WhatsApp" })).toHaveAttribute("href", "https://wa.me/40721000407");
  await expect(ioana.getByRole("link", { name: "Call" })).toHaveAttribute("href", "tel:+40721000407");
  await expect(ioana.getByRole("link", { name: "SMS" })).toHaveAttribute("href", "sms:+40721000407");
  await expect(ioana).toContainText("Prefers: WhatsApp");
  await expect(gabriela.getByRole("link").first()).toHaveText("Call");
  await expect(gabriela.getByRole("link", { name: "Call" })).toHaveAttribute("href", "tel:+40721000481");
  await expect(gabriela.getByRole("link", { name: "WhatsApp" })).toHaveCount(0);
});
