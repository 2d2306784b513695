// Parent Bridge service worker.
//
// The server fills in BUILD and FILES when it serves this file, so every
// build gets a cache of its own and the browser sees a new worker after each
// deployment. Drafts and the outbox are in local storage, not here: an update
// or a cleared cache never touches them.

const BUILD = "__BUILD_ID__";
const CACHE = "parent-bridge-" + BUILD;
const PREFIX = "parent-bridge-";
// This build's files (hashed names): the app, every lazily loaded part of it,
// each language's texts, the manifest and icons.
const FILES = ["__PRECACHE_FILES__"];
// The pages a mentor needs offline, kept as *shells*: rendered for nobody
// (the server leaves out every person's data when asked with this header),
// then filled by the app from the phone's own data.
const PAGES = [
  "/",
  "/login",
  "/mentor",
  "/mentor/log",
  "/mentor/logs",
  "/mentor/outbox",
  "/mentor/reports",
  "/mentor/report",
  "/mentor/goals",
  "/mentor/concerns",
];
const SHELL_HEADER = "x-pb-shell";
const NAVIGATION_TIMEOUT_MS = 6000;

function shellRequest(url) {
  return new Request(url, {
    cache: "reload",
    credentials: "same-origin",
    headers: { [SHELL_HEADER]: "1" },
  });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(FILES.map((url) => new Request(url, { cache: "reload", credentials: "same-origin" })));
      await Promise.all(
        PAGES.map(async (url) => {
          const response = await fetch(shellRequest(url));
          if (!response.ok) throw new Error(`could not keep ${url} for offline use`);
          await cache.put(url, response);
        }),
      );
    }),
  );
  // No skipWaiting here: an update waits until the person chooses to reload.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

// Build files have hashed names and never change: the cache first, else the
// network (kept for next time). Never an HTML page in place of a file.
async function buildFile(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// Pages: the network first (the server renders them with the person's data;
// those pages are never kept), the shell when the network is down or too slow.
async function page(request) {
  const url = new URL(request.url);
  const cache = await caches.open(CACHE);
  try {
    return await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
  } catch (error) {
    const shell = PAGES.includes(url.pathname) ? await cache.match(url.pathname) : undefined;
    if (shell) return shell;
    const home = await cache.match("/");
    if (home) return Response.redirect("/", 302);
    return new Response(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
        "<title>Parent Bridge</title></head><body><h1>Parent Bridge</h1>" +
        "<p>You are offline. / Sunteți offline.</p></body></html>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
    );
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;
  if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(buildFile(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (FILES.includes(url.pathname)) {
    event.respondWith(buildFile(request));
  }
});
