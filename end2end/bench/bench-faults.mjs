// Fault benchmark: a mentor's phone (a real Chromium on a slow connection)
// syncs an outbox of N records of every kind (meeting logs, goals, reports,
// safeguarding concerns) while its network is cut and restored 100 times,
// and the server is killed with SIGKILL in the middle of a sync request and
// started again on the same database. Then counts what the server holds,
// per kind: every record once, none lost, none twice.
//
//   node bench/bench-faults.mjs [N] [cuts]     (scripts/bench-faults.sh builds and runs it)
import { KINDS, demoServer, fillOutbox, mentorPhone, outboxEntries, phonePairs, sleep, storedOf } from "./phone.mjs";

const count = Number(process.argv[2] ?? 400);
const cuts = Number(process.argv[3] ?? 100);
const prefix = "Fault test";
const random = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo));

const server = demoServer(3918);
await server.start();
try {
  const { browser, context, page } = await mentorPhone(server.base);
  const pairs = await phonePairs(page);
  const entries = outboxEntries(count, prefix, pairs);

  // A slow phone connection (300 ms, about 200 kbit/s), cut and restored
  // through the same controls.
  const cdp = await context.newCDPSession(page);
  const network = (offline) =>
    cdp.send("Network.emulateNetworkConditions", { offline, latency: 300, downloadThroughput: 25_000, uploadThroughput: 25_000 });
  await network(true);
  await context.setOffline(true);
  await fillOutbox(page, entries);
  await page.reload();
  await page.getByTestId("sync-state").filter({ hasText: `Offline · ${count} saved on this phone` }).waitFor();

  let syncRequests = 0;
  let killed = false;
  page.on("request", async (request) => {
    if (!request.url().endsWith("/api/sync")) return;
    syncRequests += 1;
    // The third sync request: kill the server while it is on its way.
    if (syncRequests === 3 && !killed) {
      killed = true;
      await sleep(150);
      server.kill("SIGKILL");
      console.log("server killed with SIGKILL during a sync request");
      await sleep(1000);
      await server.start();
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

  const stored = await storedOf(server.base, entries, pairs, prefix);
  console.log(`records in the outbox:     ${count}`);
  console.log(`network cuts and restores: ${cuts}`);
  console.log(`server killed mid-sync:    ${killed ? "yes (SIGKILL), restarted" : "NO (the sync ended first)"}`);
  console.log(`sync requests:             ${syncRequests}`);
  console.log(`until all sent:            ${seconds.toFixed(1)} s`);
  console.log("kind          made  stored  lost  duplicated");
  let bad = !killed;
  for (const kind of KINDS) {
    const s = stored[kind];
    console.log(`${kind.padEnd(12)} ${String(s.made).padStart(5)} ${String(s.rows).padStart(7)} ${String(s.lost).padStart(5)} ${String(s.duplicated).padStart(11)}`);
    bad ||= s.lost !== 0 || s.duplicated !== 0;
  }
  if (bad) process.exitCode = 1;
} finally {
  server.stop();
}
