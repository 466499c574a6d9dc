// The example page's service worker (built into dist/sw.js by vite.config.ts, which fills in the
// version and the asset list). It lets the page open with no network, where the elements then
// show the workshop from the offline copy they keep on the device:
// - the page itself: network first (a new version is seen at once), the cached copy when the
//   network fails or takes longer than a few seconds (any ?room=…&token=… address gets it);
// - /assets/ (hashed file names, never changed in place): from the cache, else the network;
// - everything else (the sync socket, /join, /invite, /time, /healthz): not touched.
const VERSION = self.__COPRODUCE_VERSION__;
const ASSETS = self.__COPRODUCE_ASSETS__;
const CACHE = `coproduce-example-${VERSION}`;
const PAGE = new URL('./', self.registration.scope).href;
/** How long the page waits for the network before it opens the cached copy. */
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([PAGE, ...ASSETS]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('coproduce-example-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS)),
    ]);
    if (response.ok) await cache.put(PAGE, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(PAGE);
    if (cached) return cached;
    throw err;
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === new URL(PAGE).pathname) {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith(new URL('./assets/', self.registration.scope).pathname)) {
    event.respondWith(asset(request));
  }
});
