// The bench pages' web server: plain node:http on localhost, a free port. It serves dist/ (what
// users load), bench/pages/ (the pages), and /bundles/*.js, page scripts bundled in memory by
// esbuild at start-up: qrcode is CommonJS and lit uses bare imports, which browsers can't load as is.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { build } from 'esbuild';
import { listen } from '../tenant/listen.js';

const root = new URL('../', import.meta.url);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** Page scripts that need bundling, by the name they are served under. */
const ENTRIES = ['qr-widget', 'qr-naive', 'enroll', 'enroll-naive', 'heap', 'sign-in', 'sign-in-naive', 'push'];

async function bundlePages() {
  const result = await build({
    entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, new URL(`pages/${name}.js`, import.meta.url).pathname])),
    bundle: true,
    format: 'esm',
    platform: 'browser', // qrcode's "browser" field: its canvas build, as a site would get it
    target: 'es2022',
    write: false,
    outdir: '/bundles', // names the outputs only; nothing is written
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [`/bundles/${file.path.split('/').pop()}`, file.contents]));
}

/** Map a URL path to a file under dist/ or bench/pages/, or undefined (no .. escapes). */
function fileFor(pathname) {
  if (pathname.includes('..')) return undefined;
  if (pathname.startsWith('/dist/')) return new URL(`.${pathname}`, root);
  if (pathname.startsWith('/bench/')) return new URL(`pages/${pathname.slice('/bench/'.length)}`, import.meta.url);
  return undefined;
}

/** @returns {Promise<{ url: string, close(): Promise<void> }>} */
export async function startPageServer() {
  const bundles = await bundlePages();
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    let body = bundles.get(pathname);
    if (!body) {
      const file = fileFor(pathname);
      body = file && (await readFile(file).catch(() => undefined));
    }
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    // no-store: every fresh context loads the bytes anew, as a first visit does.
    res.writeHead(200, { 'Content-Type': TYPES[extname(pathname)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
  });
  const { port, close } = await listen(server, 0, '127.0.0.1');
  // Pages are addressed as localhost and the tenant as 127.0.0.1: two origins, so every call the
  // widget makes is cross-origin with CORS, as it is against Auth0.
  return { url: `http://localhost:${port}`, close };
}
