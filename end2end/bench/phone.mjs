// What the phone benchmarks share: a real server on a fresh SQLite database
// with the demo data, a mentor logged in on a real Chromium (with the app
// PIN), an outbox of every kind of record made by the app's own code
// (`server/examples/phone_outbox.rs`) and sealed into the phone's storage
// through the app's vault, and what the server holds of it afterwards.
import { chromium } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const binary = process.env.PB_BINARY ?? path.join(root, "target", "release", "parent-bridge");
const example = path.join(root, "target", "debug", "examples", "phone_outbox");
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A server of the optimised build on `port`, with the demo data. */
export function demoServer(port) {
  const folder = mkdtempSync(path.join(os.tmpdir(), "pb-bench-"));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${path.join(folder, "bench.db")}`,
    // Its secret in its own folder, not in the checkout's data/.
    PB_SECRET_FILE: path.join(folder, "server-secret"),
    LEPTOS_SITE_ROOT: path.join(root, "target", "site"),
    RUST_LOG: "warn",
  };
  execFileSync(binary, ["demo"], { env, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  const server = {
    base,
    process: null,
    async start() {
      this.process = spawn(binary, ["serve", "--addr", `127.0.0.1:${port}`], { env, stdio: "inherit" });
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${base}/readyz`)).ok) return;
        } catch {}
        if (i > 300) throw new Error("the server did not start");
        await sleep(100);
      }
    },
    kill(signal) {
      this.process?.kill(signal);
    },
    stop() {
      this.kill("SIGTERM");
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return server;
}

/** A phone with the mentor of the demo logged in, its first sync done. */
export async function mentorPhone(base) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("mentor@example.org");
  await page.getByLabel("Password").fill("parent-bridge-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/mentor$/);
  // The app PIN asked at a mentor's first login on a phone.
  await page.locator(".vault #vault-pin-again").waitFor();
  await page.locator(".vault #vault-pin").fill("258025");
  await page.locator(".vault #vault-pin-again").fill("258025");
  await page.locator(".vault button[type=submit]").click();
  await page.getByRole("heading", { name: "Ioana Marin", exact: true }).waitFor();
  // The phone holds the mentees once the first sync has finished.
  await page.waitForFunction(() => {
    const user = localStorage.getItem("pb.v1.last_user");
    return user && localStorage.getItem(`pb.v1.${user}.pairs`) && document.querySelector("[data-testid=sync-state]")?.textContent?.startsWith("All sent · ");
  });
  return { browser, context, page };
}

/** The mentor's pairs, as the phone keeps them. */
export async function phonePairs(page) {
  return page.evaluate(async () => {
    const vault = await window.__pbVault;
    const user = localStorage.getItem("pb.v1.last_user");
    return JSON.parse(await vault.unseal(user, localStorage.getItem(`pb.v1.${user}.pairs`))).map((p) => p.id);
  });
}

/**
 * `count` records of every kind for `pairs`, dated yesterday, each text
 * starting with `prefix`: made by the app's own code, as the phone makes
 * them.
 */
export function outboxEntries(count, prefix, pairs) {
  const d = new Date(Date.now() - 86_400_000);
  const pad = (n) => String(n).padStart(2, "0");
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const out = execFileSync(example, [String(count), date, prefix, ...pairs], { encoding: "utf8", maxBuffer: 1 << 28 });
  return out.trim().split("\n").map((line) => JSON.parse(line));
}

/**
 * Puts `entries` in the phone's outbox, encrypted as the app keeps them.
 * (Written where the app does not run, or its own copy in memory would
 * write over them; the page is loaded again afterwards.)
 */
export async function fillOutbox(page, entries) {
  await page.evaluate(async (entries) => {
    const vault = await window.__pbVault;
    const user = localStorage.getItem("pb.v1.last_user");
    for (const entry of entries) {
      const key = `pb.v1.${user}.queue.${entry.kind}.${entry.id}.${String(entry.revision).padStart(5, "0")}`;
      localStorage.setItem(key, await vault.seal(user, JSON.stringify(entry)));
    }
  }, entries);
}

/** The kinds of record, in the order a phone sends them. */
export const KINDS = ["concern", "goal", "meeting_log", "report"];

/**
 * What the server holds of `entries`, per kind: rows and distinct records
 * (by their text, or a report by its id), read by the pairs' manager.
 */
export async function storedOf(base, entries, pairs, prefix) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: "email=manager%40example.org&password=parent-bridge-demo",
    redirect: "manual",
  });
  const cookie = login.headers.get("set-cookie").split(";")[0];
  const call = async (endpoint, body, form = null) => {
    const response = await fetch(`${base}/api/${endpoint}`, {
      method: "POST",
      headers: { origin: base, cookie, "content-type": form === null ? "application/json" : "application/x-www-form-urlencoded" },
      body: form ?? JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const ours = (text) => text.startsWith(prefix);
  const texts = { concern: [], goal: [], meeting_log: [], report: [] };
  const reportIds = new Set(entries.filter((e) => e.kind === "report").map((e) => e.id));
  for (const pair of pairs) {
    // One pair at a time, every page of its logs.
    let after = "";
    do {
      const form = new URLSearchParams({ "query[pair]": pair, "query[after]": after }).toString();
      const page = await call("manager/logs", null, form);
      texts.meeting_log.push(...page.logs.map((l) => l.description).filter(ours));
      after = page.next ?? "";
    } while (after);
    texts.goal.push(...(await call("goals/of_pair", { pair })).goals.map((g) => g.what).filter(ours));
    texts.concern.push(...(await call("concerns/of_pair", { pair })).concerns.map((c) => c.happened).filter(ours));
    texts.report.push(...(await call("reports/mirror", { pair })).reports.map((r) => r.id).filter((id) => reportIds.has(id)));
  }
  const result = {};
  for (const kind of KINDS) {
    const made = entries.filter((e) => e.kind === kind).length;
    const rows = texts[kind].length;
    const distinct = new Set(texts[kind]).size;
    result[kind] = { made, rows, lost: made - distinct, duplicated: rows - distinct };
  }
  return result;
}
