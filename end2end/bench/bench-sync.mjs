// Sync benchmark: fills a mentor's outbox in a real Chromium with N meeting
// logs, then lets the app's own sync engine send them to a real server and
// prints how long it took and the server's ingest rate.
//
//   node bench/bench-sync.mjs [N]     (scripts/bench-sync.sh builds and runs it)
import { chromium } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const count = Number(process.argv[2] ?? 1000);
const root = path.resolve(import.meta.dirname, "..", "..");
const binary = process.env.PB_BINARY ?? path.join(root, "target", "release", "parent-bridge");
const port = 3917;
const base = `http://127.0.0.1:${port}`;
const folder = mkdtempSync(path.join(os.tmpdir(), "pb-bench-"));
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${path.join(folder, "bench.db")}`,
  LEPTOS_SITE_ROOT: path.join(root, "target", "site"),
  RUST_LOG: "warn",
};

execFileSync(binary, ["demo"], { env, stdio: "ignore" });
const server = spawn(binary, ["serve", "--addr", `127.0.0.1:${port}`], { env, stdio: "inherit" });
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (i > 300) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }

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
  await page.getByRole("heading", { name: "Ioana Marin", exact: true }).waitFor();

  // Offline while the outbox fills, as on a phone without data.
  await context.setOffline(true);
  await page.evaluate(async (count) => {
    const identity = JSON.parse(localStorage.getItem("pb.v1.identity"));
    const pairs = JSON.parse(localStorage.getItem(`pb.v1.${identity.user_id}.pairs`));
    const pad = (n) => String(n).padStart(2, "0");
    const d = new Date(Date.now() - 86_400_000);
    const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    for (let n = 0; n < count; n++) {
      const pair = pairs[n % pairs.length];
      const log = {
        pair_id: pair.id, date, form: "telephone", hours: "0", minutes: "45",
        description: `Benchmark meeting ${n}: homework routines and the next school visit.`,
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
      localStorage.setItem(`pb.v1.${identity.user_id}.outbox.${id}`, JSON.stringify(item));
    }
  }, count);
  await page.reload();
  await page.getByTestId("sync-state").filter({ hasText: `Offline · ${count} saved on this phone` }).waitFor();

  let serverMs = 0;
  let requests = 0;
  page.on("requestfinished", (request) => {
    if (request.url().endsWith("/api/mentor/sync")) {
      const timing = request.timing();
      serverMs += timing.responseEnd - timing.requestStart;
      requests += 1;
    }
  });
  const started = performance.now();
  await context.setOffline(false);
  await page.getByTestId("sync-state").filter({ hasText: /^All sent/ }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;

  const states = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.includes(".outbox.")).map((k) => JSON.parse(localStorage.getItem(k)).state.state),
  );
  const synced = states.filter((s) => s === "synced").length;
  await browser.close();

  console.log(`logs in the outbox:        ${count}`);
  console.log(`synced:                    ${synced}${synced === count ? "" : "  (NOT ALL: check the server log)"}`);
  console.log(`sync requests:             ${requests} (batches of up to 50)`);
  console.log(`whole sync, as the mentor waits: ${seconds.toFixed(2)} s`);
  console.log(`server time (sum of requests):   ${(serverMs / 1000).toFixed(2)} s`);
  console.log(`server ingest rate:        ${(count / (serverMs / 1000)).toFixed(0)} logs/s`);
  console.log(`end-to-end rate:           ${(count / seconds).toFixed(0)} logs/s`);
  if (synced !== count) process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  rmSync(folder, { recursive: true, force: true });
}
