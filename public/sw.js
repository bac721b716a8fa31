// Baiqau's service worker: judging through a lost connection.
//
// Registered from the judge's pages only (see OFFLINE_JS in app/src/pages/judge.rs). It keeps
// - the judge's pages (the queue and each scoring page): network first, the kept copy when
//   there is no connection;
// - the site's code and style (/pkg/, hashed names that never change): kept copy first;
// - the files a judge opened from a scoring page (/files/…): network first, the kept copy
//   when there is no connection.
// It never answers for anything else (no POST, no upload, no other page): the server decides.
// Everything kept is dropped when someone logs in or out in this browser (a library's shared
// computer), and so are the score changes the scoring form kept in IndexedDB.

const PAGES = 'baiqau-judge-pages';
const CODE = 'baiqau-code';
const FILES = 'baiqau-judge-files';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const judgePage = (url) => url.pathname === '/judge' || (url.pathname.startsWith('/judge/') && url.pathname !== '/judge/join');
const code = (url) => url.pathname.startsWith('/pkg/');
const file = (url) => url.pathname.startsWith('/files/');
// A file counts as opened by a judge when a scoring page asked for it (the site sends the
// referrer within the same origin).
const fromScoring = (request) => {
  try {
    const from = new URL(request.referrer);
    return from.origin === self.location.origin && judgePage(from);
  } catch (_) {
    return false;
  }
};

// The cache a GET for this URL belongs in, or null for what is never kept.
const cacheFor = (url, request) => {
  if (url.origin !== self.location.origin) return null;
  if (judgePage(url)) return PAGES;
  if (code(url)) return CODE;
  if (file(url) && (!request || fromScoring(request))) return FILES;
  return null;
};

// Only whole answers are kept: not a redirect (to the login page, say), an error, a range,
// or a file too big to hold in this browser (a film stays a download).
const LARGEST = 64 * 1024 * 1024;
const keepable = (response) =>
  response.status === 200 && response.type === 'basic' && Number(response.headers.get('content-length') || 0) <= LARGEST;

// Keeps a copy of the answer; resolves once it is kept (or found not worth keeping).
const store = (name, request, response) =>
  keepable(response) ? caches.open(name).then((cache) => cache.put(request, response.clone())).catch(() => null) : Promise.resolve();

// The answer goes to the page at once; the copy is kept meanwhile.
const answer = (event, name, response) => {
  event.waitUntil(store(name, event.request, response));
  return response;
};

const networkFirst = (event, name) =>
  fetch(event.request)
    .then((response) => answer(event, name, response))
    .catch(() => caches.open(name).then((cache) => cache.match(event.request, { ignoreVary: true })).then((kept) => kept || Response.error()));

const keptFirst = (event, name) =>
  caches
    .open(name)
    .then((cache) => cache.match(event.request, { ignoreVary: true }))
    .then((kept) => kept || fetch(event.request).then((response) => answer(event, name, response)));

const forget = () =>
  caches
    .keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('baiqau-')).map((n) => caches.delete(n))))
    .then(
      () =>
        new Promise((done) => {
          const request = indexedDB.deleteDatabase('baiqau');
          request.onsuccess = done;
          request.onerror = done;
          request.onblocked = done;
        }),
    );

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && (url.pathname === '/api/login' || url.pathname === '/api/logout')) {
    // Forget only once the server has answered: a logout without a connection has not
    // happened, and the changes still waiting must stay.
    event.respondWith(
      fetch(request).then((response) => {
        if (response.type === 'opaqueredirect' || response.ok || response.redirected) {
          return forget().then(() => response);
        }
        return response;
      }),
    );
    return;
  }
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const name = cacheFor(url, request);
  if (name === CODE) {
    event.respondWith(keptFirst(event, name));
  } else if ((name === PAGES && request.mode === 'navigate') || name === FILES) {
    event.respondWith(networkFirst(event, name));
  }
});

// A judge's page, once interactive, lists what it loaded: the page itself, the queue, the
// code and the files it showed. What went through this worker is kept already; the rest
// (the first page of a browser, loaded before this worker was in charge) is fetched once
// more to keep it (code and files then come from the browser's HTTP cache).
self.addEventListener('message', (event) => {
  const urls = (event.data && Array.isArray(event.data.keep) ? event.data.keep : []).map((u) => new URL(u, self.location.origin));
  const wanted = urls.filter((url) => cacheFor(url, null) !== null);
  event.waitUntil(
    Promise.all(
      wanted.map((url) => {
        const name = cacheFor(url, null);
        const request = new Request(url.href, { credentials: 'same-origin' });
        return caches
          .open(name)
          .then((cache) => cache.match(request, { ignoreVary: true }))
          .then((kept) => kept || fetch(request).then((response) => store(name, request, response)))
          .catch(() => null);
      }),
    ).then(() => event.source && event.source.postMessage({ kept: wanted.length })),
  );
});
