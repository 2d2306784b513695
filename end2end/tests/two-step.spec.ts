// Two-step login: a coordinator turns it on from My account with an
// authenticator's code (computed here as the app does, RFC 6238), is asked
// a code at the next login, and requires it of the organisation's office:
// a manager then sets it up at their next login before going on.
import { createHmac } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { appReady, expect, menuLink, PASSWORD, test } from "./fixtures";

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.replace(/\s/g, "")) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

function codeAt(key: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac("sha1", base32Decode(key)).update(counter).digest();
  const at = hash[hash.length - 1] & 0x0f;
  const n = (((hash[at] & 0x7f) << 24) | (hash[at + 1] << 16) | (hash[at + 2] << 8) | hash[at + 3]) % 1_000_000;
  return n.toString().padStart(6, "0");
}

const nowStep = () => Math.floor(Date.now() / 30_000);

/** A code the server has not accepted yet (each is accepted once). */
const used = new Map<string, number>();
async function freshCode(page: Page, key: string): Promise<string> {
  let step = Math.max(nowStep(), (used.get(key) ?? 0) + 1);
  while (step > nowStep() + 1) {
    await page.waitForTimeout(1_000);
    step = Math.max(nowStep(), (used.get(key) ?? 0) + 1);
  }
  used.set(key, step);
  return codeAt(key, step);
}

/** Types the password on the login page of a new browser. */
async function passwordOnly(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/login");
  await appReady(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  return page;
}

/** Adds the authenticator shown (its key), types its first code, keeps the recovery codes. */
async function enrol(page: Page): Promise<string> {
  const key = (await page.getByTestId("two-step-key").textContent())!.trim();
  expect(key).toMatch(/^[A-Z2-7 ]{32,}$/);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await page.getByRole("textbox", { name: "Code", exact: true }).fill(await freshCode(page, key));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByTestId("codes-kept").click();
  return key;
}

test("two-step login set up on My account is asked at the next login, and required of the managers", async ({
  page,
  browser,
  server,
}) => {
  // The coordinator turns it on.
  await page.goto("/login");
  await appReady(page);
  await page.getByLabel("Email").fill("coordinator@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await menuLink(page, "My account");
  await appReady(page);
  const section = page.getByTestId("two-step");
  await expect(section.getByTestId("two-step-state")).toContainText("Off");
  await section.getByLabel("Current password").fill(PASSWORD);
  await section.getByRole("button", { name: "Set up two-step login" }).click();
  const key = await enrol(page);
  await expect(section.getByTestId("two-step-state")).toContainText("On. Recovery codes left: 10.");

  // …and requires it of the organisation's coordinators and managers.
  const require = section.getByLabel(/Require two-step login of .* coordinators and managers/);
  const saved = page.waitForResponse((r) => r.url().includes("/api/two_step/require") && r.ok());
  await require.check();
  await saved;
  await expect(require).toBeChecked();
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("two-step").getByLabel(/Require two-step login of/)).toBeChecked();

  // The next login asks the code after the password; a wrong one is named.
  const again = await passwordOnly(browser, server.url, "coordinator@example.org");
  await expect(again.getByRole("textbox", { name: "Code", exact: true })).toBeVisible();
  await again.getByRole("textbox", { name: "Code", exact: true }).fill("000000");
  await again.getByRole("button", { name: "Verify and log in" }).click();
  await expect(again.getByText("This code is not right, or it was used already.")).toBeVisible();
  await again.getByRole("textbox", { name: "Code", exact: true }).fill(await freshCode(again, key));
  await again.getByRole("button", { name: "Verify and log in" }).click();
  await again.waitForURL((url) => url.pathname === "/coordinator");

  // A manager sets it up at their next login, then goes on to their home.
  const manager = await passwordOnly(browser, server.url, "manager@example.org");
  await expect(manager.getByRole("heading", { name: "Set up two-step login to go on" })).toBeVisible();
  await appReady(manager);
  const managerKey = await enrol(manager);
  await manager.waitForURL((url) => url.pathname === "/manager");
  await appReady(manager);

  // From now on the manager is asked a code too.
  const managerAgain = await passwordOnly(browser, server.url, "manager@example.org");
  await expect(managerAgain.getByRole("textbox", { name: "Code", exact: true })).toBeVisible();
  await managerAgain.getByRole("textbox", { name: "Code", exact: true }).fill(await freshCode(managerAgain, managerKey));
  await managerAgain.getByRole("button", { name: "Verify and log in" }).click();
  await managerAgain.waitForURL((url) => url.pathname === "/manager");
});
