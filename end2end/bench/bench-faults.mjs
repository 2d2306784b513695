// Fault benchmark: a mentor's phone (a real Chromium on a slow connection)
// syncs an outbox of N meeting logs while its network is cut and restored
// 100 times, and the server is killed with SIGKILL in the middle of a sync
// request and started again on the same database. Then counts what the
// server holds: every log once, none lost, none twice.
//
//   node bench/bench-faults.mjs [N] [cuts]     (scripts/bench-faults.sh builds and runs it)
import { chromium } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const count = Number(process.argv[2] ?? 400);
const cuts = Number(process.argv[3] ?? 100);
const root = path.resolve(import.meta.dirname, "..", "..");
const binary = process.env.PB_BINARY ?? path.join(root, "target", "release", "parent-bridge");
const port = 3918;
const base = `http://127.0.0.1:${port}`;
const folder = mkdtempSync(path.join(os.tmpdir(), "pb-faults-"));
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${path.join(folder, "faults.db")}`,
  LEPTOS_SITE_ROOT: path.join(root, "target", "site"),
  RUST_LOG: "warn",
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const random = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo));

let server;
async function start() {
  server = spawn(binary, ["serve", "--addr", `127.0.0.1:${port}`], { env, stdio: "inherit" });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    if (i > 300) throw new Error("the server did not start");
    await sleep(100);
  }
}

/** What the server holds of the benchmark's logs: rows and distinct texts. */
async function countStored() {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: "email=manager%40example.org&password=parent-bridge-demo",
    redirect: "manual",
  });
  const cookie = login.headers.get("set-cookie").split(";")[0];
  const response = await fetch(`${base}/api/manager/logs`, {
    method: "POST",
    headers: { origin: base, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: "",
  });
  const logs = await response.json();
  const ours = logs.filter((l) => l.description.startsWith("Fault test "));
  return { rows: ours.length, distinct: new Set(ours.map((l) => l.description)).size };
}

execFileSync(binary, ["demo"], { env, stdio: "ignore" });
await start();
try {
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
  await page.locator(".vault #vault-pin").fill("2580");
  await page.locator(".vault #vault-pin-again").fill("2580");
  await page.locator(".vault button[type=submit]").click();
  await page.getByRole("heading", { name: "Ioana Marin", exact: true }).waitFor();
  // The phone holds the mentees once the first sync has finished.
  await page.waitForFunction(() => {
    const user = localStorage.getItem("pb.v1.last_user");
    return user && localStorage.getItem(`pb.v1.${user}.pairs`) && document.querySelector("[data-testid=sync-state]")?.textContent?.startsWith("All sent · ");
  });

  // A slow phone connection (300 ms, about 200 kbit/s), cut and restored
  // through the same controls.
  const cdp = await context.newCDPSession(page);
  const network = (offline) =>
    cdp.send("Network.emulateNetworkConditions", { offline, latency: 300, downloadThroughput: 25_000, uploadThroughput: 25_000 });
  await network(true);
  await context.setOffline(true);
  await page.evaluate(async (count) => {
    // What the phone keeps is encrypted: the app's own vault reads and seals it.
    const vault = await window.__pbVault;
    const user = localStorage.getItem("pb.v1.last_user");
    const pairs = JSON.parse(await vault.unseal(user, localStorage.getItem(`pb.v1.${user}.pairs`)));
    const pad = (n) => String(n).padStart(2, "0");
    const d = new Date(Date.now() - 86_400_000);
    const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    for (let n = 0; n < count; n++) {
      const pair = pairs[n % pairs.length];
      const log = {
        pair_id: pair.id, date, form: "telephone", hours: "0", minutes: "45",
        description: `Fault test ${n}: homework routines and the next school visit.`,
        went_well_next_steps: "Yes. Next: the parents' evening.", challenge: "no", challenge_text: "",
      };
      // The content hash as app::model::MeetingLog::content_hash computes it.
      const canonical = JSON.stringify({
        pair_id: log.pair_id, date: log.date, form: log.form, duration_minutes: 45,
        description: log.description, went_well_next_steps: log.went_well_next_steps, challenge: null,
      });
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode("meeting_log.v1\n" + canonical));
      const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
      const id = crypto.randomUUID();
      const item = { id, log, content_hash: hash, saved_at: new Date().toISOString(), state: { state: "waiting" }, failed_attempts: 0 };
      localStorage.setItem(`pb.v1.${user}.outbox.${id}`, await vault.seal(user, JSON.stringify(item)));
    }
  }, count);
  await page.reload();
  await page.getByTestId("sync-state").filter({ hasText: `Offline · ${count} saved on this phone` }).waitFor();

  let syncRequests = 0;
  let killed = false;
  page.on("request", async (request) => {
    if (!request.url().endsWith("/api/mentor/sync")) return;
    syncRequests += 1;
    // The third sync request: kill the server while it is on its way.
    if (syncRequests === 3 && !killed) {
      killed = true;
      await sleep(150);
      server.kill("SIGKILL");
      console.log("server killed with SIGKILL during a sync request");
      await sleep(1000);
      await start();
      console.log("server started again on the same database");
    }
  });

  const started = performance.now();
  for (let cut = 0; cut < cuts; cut++) {
    await context.setOffline(false);
    await network(false);
    await sleep(random(100, 600));
    await network(true);
    await context.setOffline(true);
    await sleep(random(20, 200));
  }
  await context.setOffline(false);
  await network(false);
  // After the cuts: the phone sends what is left (its retry, or the button).
  const allSent = page.getByTestId("sync-state").filter({ hasText: /^All sent/ });
  for (let i = 0; i < 60 && !(await allSent.isVisible()); i++) {
    const button = page.getByRole("button", { name: "Sync now" });
    if (await button.isVisible()) await button.click().catch(() => {});
    await sleep(2000);
  }
  await allSent.waitFor({ timeout: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  await browser.close();

  const { rows, distinct } = await countStored();
  const lost = count - distinct;
  const duplicated = rows - distinct;
  console.log(`logs in the outbox:       ${count}`);
  console.log(`network cuts and restores: ${cuts}`);
  console.log(`server killed mid-sync:    ${killed ? "yes (SIGKILL), restarted" : "NO (the sync ended first)"}`);
  console.log(`sync requests:             ${syncRequests}`);
  console.log(`until all sent:            ${seconds.toFixed(1)} s`);
  console.log(`stored on the server:      ${rows}`);
  console.log(`lost:                      ${lost}`);
  console.log(`duplicated:                ${duplicated}`);
  if (lost !== 0 || duplicated !== 0 || !killed) process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  rmSync(folder, { recursive: true, force: true });
}
