#!/usr/bin/env node
// Demo server: `npm start` (= `node demo/serve.js`).
//
// Starts two things on this machine only:
//   1. the stand-in Auth0 tenant (tenant/server.js) on http://127.0.0.1:3001 (TENANT_PORT),
//   2. a Vite dev server for demo/ on http://localhost:5173 (DEMO_PORT).
// The two origins differ on purpose: the widget must work cross-origin, as it does against a real
// Auth0 tenant. The page learns the tenant URL through the compile-time constant __TENANT_URL__
// (Vite `define`), see demo/main.ts.

import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createServer } from 'vite';

const demoDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(demoDir, '..');

const TENANT_HOST = '127.0.0.1';
const DEMO_HOST = 'localhost';
const DEMO_PASSWORD = 'demo-password';
const DEMO_CLIENT_ID = 'demo-spa-client';

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`demo: ${name} must be a port number (0-65535), got "${raw}"`);
    process.exit(2);
  }
  return port;
}

const tenantPort = portFromEnv('TENANT_PORT', 3001);
const demoPort = portFromEnv('DEMO_PORT', 5173);

let tenant;
let vite;
let closing = false;

async function shutdown(code) {
  if (closing) return;
  closing = true;
  const results = await Promise.allSettled([vite?.close(), tenant?.close()]);
  for (const r of results) {
    if (r.status === 'rejected') console.error('demo: error while stopping:', r.reason);
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (closing) {
      // A second Ctrl-C while closing: stop at once.
      process.exit(130);
    }
    console.log(`\ndemo: ${signal} received, stopping the demo and the stand-in tenant…`);
    void shutdown(0);
  });
}

async function main() {
  let startTenant;
  try {
    ({ startTenant } = await import('../tenant/server.js'));
  } catch (err) {
    console.error('demo: could not load the stand-in tenant (tenant/server.js):', err);
    process.exit(1);
  }

  tenant = await startTenant({ port: tenantPort, host: TENANT_HOST });
  const tenantUrl = String(tenant.url).replace(/\/+$/, '');

  vite = await createServer({
    // demo/ is self-contained: don't pick up the library's build config.
    configFile: false,
    root: demoDir,
    clearScreen: false,
    logLevel: 'info',
    // Pre-bundle what the demo's own pages import; the framework examples under demo/ are
    // separate apps with their own builds, and scanning them only finds imports it can't resolve.
    optimizeDeps: { entries: ['index.html', 'account.html', 'gallery.html'] },
    define: {
      __TENANT_URL__: JSON.stringify(tenantUrl),
    },
    server: {
      host: DEMO_HOST,
      port: demoPort,
      strictPort: true,
      fs: {
        // demo/main.ts imports ../src/index.ts and lit from the root node_modules.
        allow: [projectRoot],
      },
    },
  });
  await vite.listen();

  const demoUrl = vite.resolvedUrls?.local?.[0] ?? `http://${DEMO_HOST}:${demoPort}/`;
  const line = '─'.repeat(64);
  console.log(
    [
      '',
      line,
      '  <mfa-otp-enroll>, <mfa-otp-verify> and <mfa-authenticators> demo',
      '',
      `  Demo page:           ${demoUrl}`,
      `  Account settings:    ${new URL('account.html', demoUrl)}   (<mfa-authenticators>)`,
      `  Stand-in tenant:     ${tenantUrl}   (a local fake of Auth0)`,
      '',
      '  Demo credentials:    any email address (e.g. demo@example.com)',
      `                       password "${DEMO_PASSWORD}", client_id "${DEMO_CLIENT_ID}"`,
      '  A fresh email enrolls; signing in again with it asks for the code (or a recovery code).',
      '  Codes "sent" by text message, voice call or email show in each page\'s Messages panel.',
      '  Push: each page\'s Guardian panel plays the Guardian app (scan, approve, deny).',
      '',
      '  Press Ctrl-C to stop both servers.',
      line,
      '',
    ].join('\n'),
  );
}

main().catch(async (err) => {
  console.error('demo: failed to start:', err?.message ?? err);
  if (err?.code === 'EADDRINUSE' || /already in use/i.test(String(err?.message))) {
    console.error('demo: a port is busy; set TENANT_PORT / DEMO_PORT to use other ports.');
  }
  await shutdown(1);
});
