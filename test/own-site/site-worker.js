// A web server for a site of a test's own, run as a service worker: the folder it controls (its
// scope) holds a page and exactly the files the test names, and nothing else, so a test sees
// what a site that self-hosts one file of the package sees. Configured by its URL:
// - `script=<name>`: the folder holds `dist/<name>` under that name, and the page loads it with
//   a classic `<script src>`;
// - `module=<path>` (repeatable): the page loads these ES modules from the test server instead;
// - `missing=<path>`: requests for that module (`.js` or `.ts`) answer 404 until the test calls
//   `__restore`: a file a deploy took away from under an open page, and then put back.
// Requests elsewhere (the test server's modules, the tenant) go to the network. `__requests`
// answers every request the page made, in order: paths on this origin, whole URLs elsewhere.
// The test calls both from inside the page (`frame.contentWindow.fetch`), as only requests of
// the pages it controls reach a service worker.
const params = new URL(location.href).searchParams;
const script = params.get('script');
const modules = params.getAll('module');
const missing = params.get('missing');
let restored = false;
const requests = [];

addEventListener('install', () => self.skipWaiting());
addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const folder = new URL(self.registration.scope);
  const name = url.origin === folder.origin && url.pathname.startsWith(folder.pathname) ? url.pathname.slice(folder.pathname.length) : undefined;
  if (name === '__requests') return event.respondWith(Response.json(requests));
  if (name === '__restore') {
    restored = true;
    return event.respondWith(new Response(null, { status: 204 }));
  }
  requests.push(url.origin === folder.origin ? url.pathname : url.href);
  if (name !== undefined) return event.respondWith(fromFolder(name));
  if (missing && !restored && url.origin === folder.origin && url.pathname.replace(/\.[jt]s$/, '') === missing) {
    event.respondWith(notFound());
  }
});

/** The folder's own files: the page, the one script; a 404 for anything else. */
function fromFolder(name) {
  if (name === '' || name === 'index.html') return page();
  if (script && name === script) return fetch(`/dist/${script}`);
  return notFound();
}

function page() {
  const scripts = script ? `<script src="./${script}"></script>` : modules.map((path) => `<script type="module" src="${path}"></script>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A site of its own</title>${scripts}</head><body></body></html>`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

function notFound() {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}
