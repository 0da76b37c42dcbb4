/* Usme Innova service worker: pages visited stay available offline; static files come from the cache. */
const CACHE = "innova-{{ version }}";
const PRECACHE = ["/", "{{ css }}", "{{ offline_js }}", "{{ htmx }}", "{{ icon }}"];

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Byte ranges (the map's PMTiles archive) go straight to the network: never cached, never answered with a page.
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/cuenta/") ||
      request.headers.has("range")) {
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
        return response;
      }))
    );
    return;
  }
  // Pages: network first, the last copy when offline. Only a navigation falls back to the home page: a fragment
  // (htmx) must fail, not get a whole page, with its scripts, swapped into the page.
  const navigate = request.mode === "navigate";
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok && navigate) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || (navigate ? caches.match("/") : Response.error())))
  );
});
