// Sync benchmark: fills a mentor's outbox in a real Chromium with N records
// of every kind (mostly meeting logs), then lets the app's own sync engine
// send them to a real server and prints how long it took and the server's
// ingest rate.
//
//   node bench/bench-sync.mjs [N]     (scripts/bench-sync.sh builds and runs it)
import { KINDS, demoServer, fillOutbox, mentorPhone, outboxEntries, phonePairs, storedOf } from "./phone.mjs";

const count = Number(process.argv[2] ?? 1000);
const prefix = "Benchmark record";

const server = demoServer(3917);
await server.start();
try {
  const { browser, context, page } = await mentorPhone(server.base);
  const pairs = await phonePairs(page);
  const entries = outboxEntries(count, prefix, pairs);

  // Offline while the outbox fills, as on a phone without data.
  await context.setOffline(true);
  await fillOutbox(page, entries);
  await page.reload();
  await page.getByTestId("sync-state").filter({ hasText: `Offline · ${count} saved on this phone` }).waitFor();

  let serverMs = 0;
  let requests = 0;
  page.on("requestfinished", (request) => {
    if (request.url().endsWith("/api/sync")) {
      const timing = request.timing();
      serverMs += timing.responseEnd - timing.requestStart;
      requests += 1;
    }
  });
  const started = performance.now();
  await context.setOffline(false);
  await page.getByTestId("sync-state").filter({ hasText: /^All sent/ }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  await browser.close();

  const stored = await storedOf(server.base, entries, pairs, prefix);
  const arrived = KINDS.reduce((n, kind) => n + stored[kind].made - stored[kind].lost, 0);
  console.log(`records in the outbox:     ${count} (${KINDS.map((k) => `${stored[k].made} ${k}`).join(", ")})`);
  console.log(`on the server:             ${arrived}${arrived === count ? "" : "  (NOT ALL: check the server log)"}`);
  console.log(`sync requests:             ${requests} (up to 50 records and 512 KiB each)`);
  console.log(`whole sync, as the mentor waits: ${seconds.toFixed(2)} s`);
  console.log(`server time (sum of requests):   ${(serverMs / 1000).toFixed(2)} s`);
  console.log(`server ingest rate:        ${(count / (serverMs / 1000)).toFixed(0)} records/s`);
  console.log(`end-to-end rate:           ${(count / seconds).toFixed(0)} records/s`);
  if (arrived !== count) process.exitCode = 1;
} finally {
  server.stop();
}
