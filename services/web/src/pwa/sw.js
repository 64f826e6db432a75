/* Canopy's service worker: the app shell offline. Written by hand (see vite-plugin.ts for why);
   the build fills in VERSION and PRECACHE (src/pwa/vite-plugin.ts).
   - install: cache index.html, every built asset and the public files (one cache per build);
   - page loads: the network first (a fresh index.html names the newest assets), the cached
     index.html when the network fails or takes longer than NAVIGATION_TIMEOUT_MS;
   - /config.json: the network first, the last answer kept for offline starts;
   - /assets/*: from the cache (their names change with their content);
   - the services' APIs (other origins) are not touched: the app keeps its own data offline. */
const VERSION = "__CANOPY_VERSION__";
const PRECACHE = __CANOPY_PRECACHE__;
const SHELL = `canopy-shell-${VERSION}`;
const RUNTIME = "canopy-runtime";
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      // /config.json is the launcher's, not the build's: kept too, so an offline start finds it.
      .then((cache) => cache.addAll([...PRECACHE, "/config.json"]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("canopy-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
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

async function page(request) {
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) {
      const cache = await caches.open(SHELL);
      await cache.put("/index.html", response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match("/index.html");
    if (cached) return cached;
    throw error;
  }
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(SHELL)).put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(RUNTIME)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") event.respondWith(page(request));
  else if (url.pathname === "/config.json") event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith("/assets/")) event.respondWith(cacheFirst(request));
  else if (PRECACHE.includes(url.pathname)) event.respondWith(cacheFirst(request));
});
