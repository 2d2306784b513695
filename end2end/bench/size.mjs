// What a first visit costs on the wire, measured the way a browser pays for
// it: each landing page opened in Chromium with a cold cache (a new browser
// context each time), for each role and each language, summing the bytes the
// server sent (compressed bodies and headers, preloads included) until the
// network is quiet. Reported apart: what the service worker then downloads
// to keep the app for offline use (the phones' pages only).
//
//   node bench/size.mjs BASE_URL        (scripts/size.sh starts the server)
import { chromium } from "@playwright/test";

const base = process.argv[2];
if (!base) {
  console.error("usage: node bench/size.mjs BASE_URL");
  process.exit(2);
}
const PASSWORD = "parent-bridge-demo";
const LANGUAGES = ["en", "ro"];
const PAGES = [
  { path: "/login", who: null },
  { path: "/mentor", who: "mentor@example.org" },
  { path: "/mentee", who: "mentee@example.org" },
  { path: "/manager", who: "manager@example.org" },
  { path: "/coordinator", who: "coordinator@example.org" },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});

async function measure(path, who, lang) {
  const context = await browser.newContext({ baseURL: base, serviceWorkers: "allow" });
  const host = new URL(base).hostname;
  await context.addCookies([{ name: "pb_lang", value: lang, domain: host, path: "/" }]);
  if (who) {
    // Logged in without loading a page: nothing is in the cache.
    const login = await context.request.post("/api/auth/login", {
      form: { email: who, password: PASSWORD },
      headers: { origin: base },
    });
    if (!login.ok()) throw new Error(`${who} could not log in: ${login.status()}`);
  }
  const bytes = { page: 0, worker: 0, requests: 0 };
  const pending = [];
  context.on("requestfinished", (request) => {
    pending.push(
      (async () => {
        try {
          // (A worker's request may never say its size once it ended.)
          const sizes = await Promise.race([
            request.sizes(),
            new Promise((_, reject) => setTimeout(() => reject(new Error("no size")), 5_000)),
          ]);
          const n = sizes.responseBodySize + sizes.responseHeadersSize;
          if (request.serviceWorker()) bytes.worker += n;
          else bytes.page += n;
          bytes.requests += 1;
        } catch {
          // A request of a worker that ended: its size is not known.
        }
      })(),
    );
  });
  const page = await context.newPage();
  await page.goto(path, { waitUntil: "networkidle", timeout: 60_000 });
  const pageBytes = bytes.page;
  // The phones' pages install the service worker, which keeps the app.
  if (/^\/(mentor|mentee)/.test(path)) {
    await page
      .waitForFunction(
        async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.active?.state === "activated";
        },
        null,
        { timeout: 30_000 },
      )
      .catch(() => {});
    await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => {});
  }
  await Promise.all(pending);
  await context.close();
  return { page: pageBytes, worker: bytes.worker, requests: bytes.requests };
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8);
console.log(`${"first visit, cold cache".padEnd(26)} ${"lang".padEnd(5)} ${"page KB".padStart(8)} ${"offline KB".padStart(10)}`);
let worst = 0;
for (const { path, who } of PAGES) {
  for (const lang of LANGUAGES) {
    const { page, worker } = await measure(path, who, lang);
    worst = Math.max(worst, page);
    console.log(`${path.padEnd(26)} ${lang.padEnd(5)} ${kb(page)} ${worker ? kb(worker).padStart(10) : "–".padStart(10)}`);
  }
}
console.log(`\nlargest first visit: ${kb(worst).trim()} KB on the wire (the goal: 200 KB); "offline" is what the service worker then keeps for offline use`);
await browser.close();
