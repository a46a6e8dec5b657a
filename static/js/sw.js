// The shop's service worker. /sw.js serves this file after a line that sets self.SHELL:
// { version, shell: [hashed asset URLs], offline: "/offline", signOut: "/account/sign-out" }.
//
// - The shell (CSS, JS, icons, the offline page) is cached when a version installs; a new
//   version waits until the shopper accepts "a new version is ready" (pwa.js).
// - Pages are fetched from the network first. Only pages worth reading offline are kept:
//   the home page, the last 20 product pages, the wishlist and the pickup orders. Nothing
//   else (cart, checkout, account, staff, fragments, any POST) is ever stored.
// - Offline, or when the network takes longer than 3 s, a kept copy is shown, marked so
//   that the page says it is what the shopper last saw; without one, the offline page.
// - Signing out on this phone forgets every kept page before the request leaves.
// - A heart or an add to cart that cannot reach the shop is kept here (IndexedDB) and sent
//   once the phone is back online (Background Sync, or the page's "online" event), with an
//   Idempotency-Key so that a second sending changes nothing.
"use strict";

const { version, shell, offline, signOut } = self.SHELL;
const SHELL_CACHE = `shell-${version}`;
const PAGES = "pages";
const PRODUCT_PAGES_KEPT = 20;
const NETWORK_TIMEOUT_MS = 3000;
const KEPT = [/^\/$/, /^\/p\/[^/]+$/, /^\/wishlist(\/[^/]+)?$/, /^\/orders(\/[^/]+)?$/];
const isProduct = (url) => url.pathname.startsWith("/p/");
const QUEUEABLE = [/^\/wishlist\/heart\/\d+$/, /^\/cart\/lines$/];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll([...shell, offline])));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("shell-") && name !== SHELL_CACHE).map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "replay") event.waitUntil(replay());
  if (event.data === "waiting?") event.waitUntil(tell(0));
});

self.addEventListener("sync", (event) => {
  if (event.tag === "replay") event.waitUntil(replay());
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method === "POST" && url.pathname === signOut) {
    event.respondWith(caches.delete(PAGES).then(() => fetch(request)));
    return;
  }
  if (request.method === "POST" && request.mode !== "navigate" && QUEUEABLE.some((p) => p.test(url.pathname))) {
    event.respondWith(sendOrKeep(request));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (shell.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (request.headers.has("HX-Request")) {
    // Offline, a part of a kept page that loads itself (the associate panel) stays as printed.
    event.respondWith(fetch(request).catch(() => new Response(null, { status: 204, headers: { "HX-Reswap": "none" } })));
  }
});

async function page(request, url) {
  const network = fetch(request).then(async (response) => {
    if (response.ok && !response.redirected && KEPT.some((pattern) => pattern.test(url.pathname))) {
      await keep(request, url, response.clone());
    }
    return response;
  });
  network.catch(() => {}); // when a kept copy answered first, a failure later is no news
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, "late"));
  try {
    const first = await Promise.race([network, late]);
    if (first !== "late") return first;
    return (await copy(request)) || (await network);
  } catch {
    return (await copy(request)) || (await caches.match(offline)) || Response.error();
  }
}

async function keep(request, url, response) {
  const cache = await caches.open(PAGES);
  await cache.delete(request); // a page seen again becomes the newest
  await cache.put(request, response);
  if (!isProduct(url)) return;
  const products = (await cache.keys()).filter((kept) => isProduct(new URL(kept.url)));
  await Promise.all(products.slice(0, -PRODUCT_PAGES_KEPT).map((old) => cache.delete(old)));
}

// The kept page, its <html> marked data-offline-copy (base.html shows a banner for it).
async function copy(request) {
  const cache = await caches.open(PAGES);
  const kept = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
  if (!kept) return null;
  const html = (await kept.text()).replace("<html ", "<html data-offline-copy ");
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// -- notifications ------------------------------------------------------------------------

self.addEventListener("push", (event) => {
  const { title, body, url } = event.data?.json() ?? {};
  if (!title) return;
  event.waitUntil(self.registration.showNotification(title, {
    body,
    data: { url },
    icon: shell.find((asset) => asset.includes("/icons/")),
    badge: shell.find((asset) => asset.includes("/icons/")),
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || "/", location.origin);
  if (url.origin !== location.origin) return; // only ever opens the shop
  // An open window of the shop (the installed app) goes to the page rather than a second
  // window opening beside it.
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window" });
    const open = windows.find((c) => c.url === url.href);
    if (open) return open.focus();
    if (!windows.length) return self.clients.openWindow(url.href);
    return (await windows[0].navigate(url.href))?.focus();
  })());
});

// -- what was done offline ----------------------------------------------------------------

async function sendOrKeep(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch {
    await waiting("readwrite", (store) => store.put({
      key: crypto.randomUUID(),
      url: request.url,
      type: request.headers.get("Content-Type"),
      body,
    }));
    await self.registration.sync?.register("replay").catch(() => {});
    await tell(0);
    return new Response(null, { status: 202, headers: { "HX-Reswap": "none" } });
  }
}

let replaying = null;

function replay() {
  replaying ??= (async () => {
    let sent = 0;
    for (const kept of await waiting("readonly", (store) => store.getAll())) {
      let answer;
      try {
        answer = await fetch(kept.url, {
          method: "POST",
          body: kept.body,
          credentials: "same-origin",
          headers: { "Content-Type": kept.type, "Idempotency-Key": kept.key, "HX-Request": "true" },
        });
      } catch {
        break; // still offline: the rest waits for the next chance
      }
      if (answer.status >= 500) break;
      await waiting("readwrite", (store) => store.delete(kept.key));
      sent += 1;
    }
    await tell(sent);
  })().finally(() => {
    replaying = null;
  });
  return replaying;
}

// Every open page learns how many changes wait, and how many were just sent.
async function tell(sent) {
  const count = await waiting("readonly", (store) => store.count());
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ waiting: count, sent });
  }
}

function waiting(mode, action) {
  return new Promise((done, failed) => {
    const opening = indexedDB.open("cairn-offline", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("waiting", { keyPath: "key" });
    opening.onerror = () => failed(opening.error);
    opening.onsuccess = () => {
      const asked = action(opening.result.transaction("waiting", mode).objectStore("waiting"));
      asked.onsuccess = () => done(asked.result);
      asked.onerror = () => failed(asked.error);
    };
  });
}
