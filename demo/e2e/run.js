#!/usr/bin/env node
// End-to-end check of the framework examples: each one signs a fresh user in against the stand-in
// tenant, enrolls an authenticator through <mfa-otp-enroll> in Chromium, and must end with
// `#status` = "enrolled", one POST /mfa/associate, and a clean console. And of the demo page
// itself (demo/index.html): enroll, sign in again with the app's next code, sign in again with
// the saved recovery code (see runDemo). And of the examples that work through Auth0's SDK
// (sdk-*): sign in with the SDK, enroll, sign out and in again, verify, the API's token each time
// from the SDK's cache (see runSdkExample), with several published versions of the SDK and on
// tenants that answer as some real ones do; and the settings page through auth0.myAccount (see
// runSdkAccount). And of the account-settings page (demo/account.html,
// <mfa-authenticators>) in Chromium and in Firefox ESR: sign in with the app's code, add an app,
// remove the old one, replace the recovery code (see runAccount).
//
//   node demo/e2e/run.js [--build] [example ...]
//
// Examples: react, react-element, vue, script-classic, script-module, angular, demo, sdk-spa-js,
// sdk-spa-js-dpop, the SDK matrix (sdk-spa-js-2.13.0, -2.21.1, -2.21.2, -2.13.0-global,
// -2.21.2-global, sdk-spa-js-typed), sdk-account, sdk-account-2.21.1, sdk-react, sdk-vue,
// sdk-angular, account. Without names,
// every example whose build exists, and the demo page (built by Vite into a temporary folder on
// every run). --build builds the named framework examples first (npm run build -w demo/<fw>);
// the package itself must be built already (npm run build at the root).
// E2E_SCREENSHOTS=<dir> saves full-page screenshots of the demo page's steps there (and of the
// account page's, in Chromium). FIREFOX_PATH overrides /usr/bin/firefox-esr.
// E2E_SDK_LOG=1 prints the tenant's request log of each SDK example (grant types, audiences,
// token types, DPoP proofs, the names of body fields; no values), and of the demo page, whose
// elements call Auth0 themselves, for comparison.
//
// The contract every example page keeps (see demo/e2e/README.md):
//   - it reads ./tenant.json (relative to the page) → { "domain": "<tenant base URL>", "clientId": "…" };
//   - it has an email input #email (prefilled with a fresh address) and a button #sign-in that runs
//     the password grant against `domain` and hands the mfa_token to <mfa-otp-enroll>;
//   - #status reads "enrolled" once the `enrolled` event reached the app's state, or
//     "error: <code>" on `enroll-error`.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { startTenant } from '../../tenant/server.js';
import { listen } from '../../tenant/listen.js';
import { totp } from '../../tenant/totp.js';
import { launchWebKit, WATCH_QUERY } from './webkit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const CLIENT_ID = 'demo-spa-client';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STEP_TIMEOUT = 15_000;

/**
 * @typedef {object} Example
 * @property {string} workspace the npm workspace that builds it ('' when there is nothing to build)
 * @property {() => string | undefined} dir the folder served under /<name>/, once built
 * @property {string} page the page to open, relative to /<name>/
 * @property {Record<string, string>} [buildEnv] extra environment for the build
 * @property {(tenantUrl: string) => Promise<void>} [prepare] builds it on every run, whatever --build says
 * @property {typeof runExample} [run] how to check it, when not runExample's contract
 * @property {SdkRun} [sdk] an example that works through Auth0's SDK (runSdkExample, runSdkAccount)
 * @property {boolean} [webkit] runs in WebKit too, after Chromium: a line of its own (see webkit.js)
 *
 * @typedef {object} SdkRun how an SDK example runs
 * @property {boolean} [useDpop] its tenant.json turns on the SDK's DPoP
 * @property {string} [version] the published @auth0/auth0-spa-js its page loads from the pretend
 *   CDN (a devDependency alias, node_modules/auth0-spa-js-<version>); else the installed one
 * @property {{ mfaPolicy?: 'per-app' | 'global', typedAuthenticators?: boolean }} [tenant] the
 *   default tenant's settings for the run (tenant/README.md), set back afterwards
 * @property {boolean} [challengeById] the sign-in's challenge names the authenticator: the SDK's
 *   list had the user's app in it (rows with `type`, or 2.21.2+ with a global policy)
 * @property {'sms' | 'push'} [factor] the page offers only this factor (its tenant.json's
 *   `factors`): a phone, its codes read from the stand-in's outbox, or push, which the stand-in's
 *   fake Guardian scans and approves; else the authenticator app
 */

/** @type {Record<string, Example>} */
const EXAMPLES = {
  react: {
    workspace: 'demo/react',
    dir: () => built('demo/react/dist', 'index.html'),
    page: '',
    // React's development build, so <StrictMode> really renders and runs effects twice.
    buildEnv: { NODE_ENV: 'development' },
  },
  'react-element': {
    workspace: 'demo/react',
    dir: () => built('demo/react/dist', 'native.html'),
    page: 'native.html',
    buildEnv: { NODE_ENV: 'development' },
  },
  vue: { workspace: 'demo/vue', dir: () => built('demo/vue/dist', 'index.html'), page: '' },
  'script-classic': {
    workspace: '',
    dir: () => (existsSync(path.join(ROOT, 'dist/mfa-otp-enroll.global.js')) ? built('demo/script-tag', 'classic.html') : undefined),
    page: 'classic.html',
    webkit: true,
  },
  'script-module': {
    workspace: '',
    dir: () => (existsSync(path.join(ROOT, 'dist/index.js')) ? built('demo/script-tag', 'module.html') : undefined),
    page: 'module.html',
    webkit: true,
  },
  angular: { workspace: 'demo/angular', dir: angularDir, page: '' },
  // The demo page of `npm start`, built for the harness's stand-in tenant (see buildDemoPage).
  demo: { workspace: '', dir: () => demoBuilds.get('index.html')?.dir, page: '', prepare: (url) => buildDemoPage('index.html', url), run: runDemo, webkit: true },
  // The account-settings page (demo/account.html, <mfa-authenticators>), built like the demo page,
  // in Chromium, Firefox ESR and WebKit: one line each (see runAccount).
  account: { workspace: '', dir: () => demoBuilds.get('account.html')?.dir, page: 'account.html', prepare: (url) => buildDemoPage('account.html', url), run: runAccount },
  // Through Auth0's SDK: sign in with it, the API's token needs MFA, the element enrolls, sign out
  // and in again, the element verifies; the tokens land in the SDK's cache (see runSdkExample).
  'sdk-spa-js': scriptTagSdk('sdk.html', {}),
  // The same page with the SDK's DPoP: every token bound to a key the SDK keeps.
  'sdk-spa-js-dpop': scriptTagSdk('sdk.html', { useDpop: true }),
  // The SDK matrix: the same page with older published SDKs (2.13.0, the first with `mfa`;
  // 2.21.1, the last whose getAuthenticators needs a challenge list; 2.21.2, the first without),
  // and on tenants that answer as some real ones do: a global MFA policy (no mfa_requirements),
  // Auth0's flag that gives authenticators a `type` (see demo/e2e/README.md).
  'sdk-spa-js-2.13.0': scriptTagSdk('sdk.html', { version: '2.13.0' }),
  'sdk-spa-js-2.21.1': scriptTagSdk('sdk.html', { version: '2.21.1' }),
  'sdk-spa-js-2.21.2': scriptTagSdk('sdk.html', { version: '2.21.2' }),
  'sdk-spa-js-2.13.0-global': scriptTagSdk('sdk.html', { version: '2.13.0', tenant: { mfaPolicy: 'global' } }),
  'sdk-spa-js-2.21.2-global': scriptTagSdk('sdk.html', { version: '2.21.2', tenant: { mfaPolicy: 'global' }, challengeById: true }),
  'sdk-spa-js-typed': scriptTagSdk('sdk.html', { tenant: { typedAuthenticators: true }, challengeById: true }),
  // A phone instead of the app: auth0.mfa.enroll({ factorType: 'sms' }), a text challenge by id,
  // auth0.mfa.verify({ oobCode, bindingCode }), the codes from the stand-in's outbox.
  'sdk-spa-js-sms': scriptTagSdk('sdk.html', { factor: 'sms', challengeById: true }),
  // Push: auth0.mfa.enroll({ factorType: 'push' }), then verify({ oobCode }) polled by the element
  // (the SDK has no polling of its own) until the fake Guardian scans, and at sign-in approves.
  'sdk-spa-js-push': scriptTagSdk('sdk.html', { factor: 'push', challengeById: true }),
  // The account-settings page through the SDK's auth0.myAccount (2.21.1 or newer; see runSdkAccount).
  'sdk-account': { ...scriptTagSdk('sdk-account.html', {}), run: runSdkAccount },
  'sdk-account-2.21.1': { ...scriptTagSdk('sdk-account.html', { version: '2.21.1' }), run: runSdkAccount },
  'sdk-react': {
    workspace: 'demo/react',
    dir: () => built('demo/react/dist', 'sdk.html'),
    page: 'sdk.html',
    buildEnv: { NODE_ENV: 'development' },
    run: runSdkExample,
    sdk: {},
  },
  'sdk-vue': { workspace: 'demo/vue', dir: () => built('demo/vue/dist', 'sdk.html'), page: 'sdk.html', run: runSdkExample, sdk: {} },
  // A second project in demo/angular/angular.json (`npm run build -w demo/angular` builds both).
  'sdk-angular': { workspace: 'demo/angular', dir: () => built('demo/angular/sdk/dist/browser', 'index.html'), page: '', run: runSdkExample, sdk: {} },
};

/**
 * A page of demo/script-tag that loads Auth0's SDK and the package's dist/ from the pretend CDN.
 * @param {string} page
 * @param {SdkRun} sdk
 * @returns {Example}
 */
function scriptTagSdk(page, sdk) {
  return { workspace: '', dir: () => (existsSync(path.join(ROOT, 'dist/index.js')) ? built('demo/script-tag', page) : undefined), page, run: runSdkExample, sdk };
}

/** `dir` (relative to the root) when it holds `file`. */
function built(dir, file) {
  const full = path.join(ROOT, dir);
  return existsSync(path.join(full, file)) ? full : undefined;
}

/** Angular's application builder writes dist/<project>/browser/; older setups dist/<project>/ or dist/. */
function angularDir() {
  const dist = path.join(ROOT, 'demo/angular/dist');
  if (!existsSync(dist)) return undefined;
  const candidates = [path.join(dist, 'browser'), dist];
  for (const entry of readdirSync(dist)) {
    const sub = path.join(dist, entry);
    if (statSync(sub).isDirectory()) candidates.push(path.join(sub, 'browser'), sub);
  }
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
}

/** Where buildDemoPage put each demo page, by its HTML file: temporary folders, removed when the run ends. */
const demoBuilds = /** @type {Map<string, { dir?: string, temp: string }>} */ (new Map());

/**
 * Builds a page of `npm start` (demo/index.html with demo/main.ts, or demo/account.html with
 * demo/account.ts, and the elements from src/) with Vite into a temporary folder: as
 * demo/serve.js serves it (demo/ as root, not the library's build config), with
 * `__TENANT_URL__` pointed at the harness's stand-in tenant (its default tenant, as with
 * `npm start`). A build, not a dev server: nothing left listening, no reload channel.
 * @param {string} html the page's file in demo/
 * @param {string} tenantUrl
 */
async function buildDemoPage(html, tenantUrl) {
  const temp = await mkdtemp(path.join(os.tmpdir(), `mfa-otp-${path.basename(html, '.html')}-`));
  const build = { temp, dir: /** @type {string | undefined} */ (undefined) };
  demoBuilds.set(html, build);
  await viteBuild({
    configFile: false,
    root: path.join(ROOT, 'demo'),
    base: './',
    cacheDir: path.join(temp, 'vite-cache'),
    logLevel: 'warn',
    clearScreen: false,
    define: { __TENANT_URL__: JSON.stringify(tenantUrl) },
    build: {
      outDir: path.join(temp, 'site'),
      emptyOutDir: true,
      rolldownOptions: { input: path.join(ROOT, 'demo', html) },
      // Every asset a file of its own: the page's CSP allows no data: URLs.
      assetsInlineLimit: 0,
      reportCompressedSize: false,
    },
  });
  build.dir = path.join(temp, 'site');
}

// ---- command line ---------------------------------------------------------------------------

const args = process.argv.slice(2);
const doBuild = args.includes('--build');
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = [...args.filter((arg) => arg.startsWith('--') && arg !== '--build'), ...names.filter((name) => !(name in EXAMPLES))];
if (unknown.length > 0) {
  console.error(`e2e: unknown ${unknown.join(', ')}. Usage: node demo/e2e/run.js [--build] [${Object.keys(EXAMPLES).join(' ')}]`);
  process.exit(2);
}

// ---- building -------------------------------------------------------------------------------

/** Runs `npm run build -w <workspace>` at the root; resolves with its output, rejects on failure. */
function buildWorkspace(workspace, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '-w', workspace], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`npm run build -w ${workspace} exited ${code}\n${output}`))));
  });
}

// ---- static server: the examples, their tenant.json, and a pretend CDN ------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file under `dir`, or undefined (never outside it). */
function fileIn(dir, relative) {
  const file = path.resolve(dir, `.${path.posix.normalize(`/${relative}`)}`);
  if (file !== dir && !file.startsWith(dir + path.sep)) return undefined;
  if (!existsSync(file)) return undefined;
  if (statSync(file).isDirectory()) return existsSync(path.join(file, 'index.html')) ? path.join(file, 'index.html') : undefined;
  return file;
}

/** jsDelivr-style `/+esm`: a CommonJS file as one ES module (its dependencies bundled in). */
const esmCache = new Map();
async function toEsm(file) {
  if (!esmCache.has(file)) {
    const result = await esbuild({ entryPoints: [file], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', minify: true });
    esmCache.set(file, result.outputFiles[0].text);
  }
  return esmCache.get(file);
}

/**
 * `/cdn/<name>@<version>/<path>` like jsDelivr or unpkg: the version is exact or a prefix of the
 * installed one (`lit@3` → 3.3.3), or exactly that of a devDependency alias
 * `<name without scope>-<version>` (`@auth0/auth0-spa-js@2.13.0` → node_modules/auth0-spa-js-2.13.0).
 * The package itself is served from the root with only what it publishes (dist/, package.json);
 * the others from node_modules.
 */
async function serveCdn(pathname, res) {
  const match = /^\/cdn\/((?:@[^/@]+\/)?[^/@]+)@([^/]+)(\/.*)?$/.exec(pathname);
  if (!match) return send(res, 404, 'not a CDN path: /cdn/<name>@<version>/<file>');
  const [, name, spec, rest = '/'] = match;
  const self = name === PACKAGE.name;
  const dir = self ? ROOT : (aliasOf(name, spec) ?? path.join(ROOT, 'node_modules', name));
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) return send(res, 404, `${name} is not installed`);
  const { version } = JSON.parse(await readFile(manifest, 'utf8'));
  if (spec !== version && spec !== 'latest' && !version.startsWith(`${spec}.`)) {
    return send(res, 404, `${name}@${spec} asked for, ${version} installed (update the page's URL)`);
  }
  const esm = rest.endsWith('/+esm');
  const relative = esm ? rest.slice(0, -'/+esm'.length) : rest;
  if (self && !/^\/(dist\/|package\.json$)/.test(relative)) return send(res, 404, 'not published');
  const file = fileIn(dir, relative);
  if (!file) return send(res, 404, `no ${name}@${version}${relative}`);
  if (esm) return send(res, 200, await toEsm(file), TYPES['.js']);
  return send(res, 200, await readFile(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
}

/** node_modules/<name without scope>-<version> when it holds exactly `name`@`version`. */
function aliasOf(name, version) {
  const dir = path.join(ROOT, 'node_modules', `${name.split('/').pop()}-${version}`);
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const installed = JSON.parse(readFileSync(manifest, 'utf8'));
  return installed.name === name && installed.version === version ? dir : undefined;
}

/** The SDK's URL in the SDK pages' import maps: the installed 2.x, unless a run pins a version. */
const SDK_ON_CDN = '/cdn/@auth0/auth0-spa-js@2/';

/**
 * A page's import map pinned to one published version of the SDK, as an app pins it on a CDN.
 * @param {string} html
 * @param {string} version
 */
function pinSdk(html, version) {
  if (!html.includes(SDK_ON_CDN)) throw new Error(`the page's import map has no ${SDK_ON_CDN}`);
  return html.replaceAll(SDK_ON_CDN, `/cdn/@auth0/auth0-spa-js@${version}/`);
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** @param {Map<string, { domain: string, clientId: string, audience?: string, useDpop?: boolean }>} tenantFor what each example's tenant.json says */
async function startStatic(tenantFor) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, String(error?.message ?? error)));
  });
  async function handle(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
    if (pathname === '/favicon.ico') return send(res, 204, '');
    if (pathname === '/__e2e/watch.js') return send(res, 200, await readFile(path.join(ROOT, 'demo/e2e/watch.js')), TYPES['.js']);
    // WebKit's runs: what the page does, recorded by a first script (WebDriver classic reports nothing).
    const watched = (html) =>
      new URL(req.url ?? '/', 'http://localhost').searchParams.has(WATCH_QUERY) ? html.replace(/<head>/i, '$&<script src="/__e2e/watch.js"></script>') : html;
    if (pathname.startsWith('/cdn/')) return serveCdn(decodeURIComponent(pathname), res);
    const [, name, rest] = /^\/([^/]+)(\/.*)?$/.exec(pathname) ?? [];
    const example = EXAMPLES[name];
    if (!example) return send(res, 404, 'unknown example');
    if (rest === undefined) {
      res.writeHead(301, { Location: `/${name}/` });
      return res.end();
    }
    if (rest === '/tenant.json') {
      const tenant = tenantFor.get(name);
      return tenant ? send(res, 200, JSON.stringify(tenant), TYPES['.json']) : send(res, 404, 'no tenant for this example yet');
    }
    const dir = example.dir();
    const file = dir && fileIn(dir, decodeURIComponent(rest));
    if (!file) return send(res, 404, 'not found');
    const version = example.sdk?.version;
    if (version && file.endsWith('.html')) return send(res, 200, watched(pinSdk(await readFile(file, 'utf8'), version)), TYPES['.html']);
    if (file.endsWith('.html')) return send(res, 200, watched(await readFile(file, 'utf8')), TYPES['.html']);
    return send(res, 200, await readFile(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
  }
  const { port, close } = await listen(server, 0, 'localhost');
  return { url: `http://localhost:${port}`, close };
}

// ---- one example ------------------------------------------------------------------------------

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${response.status}`);
  return response.json();
}

/** The current TOTP, from a fresh 30-second step when this one is about to end. */
async function currentCode(secret) {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 28) await new Promise((resolve) => setTimeout(resolve, (30.2 - intoStep) * 1000));
  return totp(secret);
}

/**
 * @param {string} name
 * @param {{ browser: import('playwright-core').Browser, tenantUrl: string, siteUrl: string, tenantFor: Map<string, object> }} env
 */
async function runExample(name, { browser, tenantUrl, siteUrl, tenantFor }) {
  const started = performance.now();
  const { id, base } = await json(`${tenantUrl}/__control/tenants`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  tenantFor.set(name, { domain: base, clientId: CLIENT_ID });

  const context = await browser.newContext();
  const problems = [];
  let signInRefusalSeen = false;
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      // Chromium reports every 4xx answer to fetch as a console error. The password grant's
      // 403 mfa_required is the expected answer, not a fault: that one is allowed, once.
      if (/status of 403/.test(message.text()) && where === `${base}/oauth/token` && !signInRefusalSeen) {
        signInRefusalSeen = true;
        return;
      }
      problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
    });

    await page.goto(`${siteUrl}/${name}/${EXAMPLES[name].page}`);
    const email = await page.locator('#email').inputValue();
    if (!/^\S+@\S+$/.test(email)) throw new Error(`#email is not prefilled with an address: ${JSON.stringify(email)}`);
    await page.locator('#sign-in').click();

    const element = page.locator('mfa-otp-enroll');
    await element.locator('[part~=qr]').waitFor({ state: 'visible' }).catch(async (error) => {
      throw new Error(`no QR (#status: ${await page.locator('#status').textContent().catch(() => '?')}): ${error.message.split('\n')[0]}`);
    });
    const secret = (await element.locator('[part~=secret] .groups').textContent()).replace(/\s+/g, '');
    await element.locator('[part~=code-input]').pressSequentially(await currentCode(secret)); // the 6th digit submits
    await element.locator('[part~=recovery-ack]').check();
    await element.locator('[part~=finish]').click();

    await page
      .waitForFunction(() => {
        const text = document.querySelector('#status')?.textContent?.trim() ?? '';
        return text === 'enrolled' || text.startsWith('error');
      })
      .catch(async () => {
        const text = await page.locator('#status').textContent({ timeout: 1000 }).catch(() => null);
        throw new Error(`#status is ${JSON.stringify(text?.trim() ?? null)} ${STEP_TIMEOUT / 1000} s after Finish (want "enrolled")`);
      });
    const status = (await page.locator('#status').textContent()).trim();
    // The page may show a token's first 8 characters, never a whole one (JWTs start "eyJ").
    const leaked = await page.evaluate(() => /eyJ[\w-]{9,}/.test(document.body.innerText));
    const requests = await json(`${tenantUrl}/__control/tenants/${id}/requests`);
    const associates = requests.filter((r) => r.method === 'POST' && r.path === '/mfa/associate').length;
    const seconds = (performance.now() - started) / 1000;
    // Let late errors (a second render, an unhandled rejection) surface before judging.
    await page.waitForTimeout(100);

    const failures = [...problems];
    if (status !== 'enrolled') failures.unshift(`#status is "${status}"`);
    if (leaked) failures.push('the page shows more than 8 characters of a token');
    if (associates !== 1) failures.push(`${associates} POST /mfa/associate (want exactly 1)`);
    return { name, ok: failures.length === 0, line: `${name}: ${status}, ${associates} associate, ${seconds.toFixed(1)} s`, failures };
  } finally {
    await context.close();
    tenantFor.delete(name);
  }
}

// ---- the demo page ------------------------------------------------------------------------------

const DEMO_EVENTS = ['associated', 'enrolled', 'enroll-error', 'verified', 'verify-error'];

/** A recovery code as a person types it from the paper: lower case, in groups of four with dashes. */
function asTyped(code) {
  return code.toLowerCase().match(/.{1,4}/g).join('-');
}

/** Letters and digits only, upper case: a code however it is grouped. */
function flat(text) {
  return text.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/**
 * The demo page (demo/index.html) as a person uses it, against the stand-in's default tenant:
 * (a) a fresh user enrolls with <mfa-otp-enroll> and saves the recovery code; (b) signs in again
 * and <mfa-otp-verify> takes the app's next code; (c) signs in again, "Lost your phone?", types
 * the saved recovery code in lower case with dashes, saves the new code, Finish. Along the way: the
 * tenant's view of the user, a clean console, and nothing secret in the light DOM or the URL.
 * @param {string} name
 * @param {{ browser: import('playwright-core').Browser, tenantUrl: string, siteUrl: string }} env
 */
async function runDemo(name, { browser, tenantUrl, siteUrl }) {
  const started = performance.now();
  // The default tenant's log is shared with the SDK examples: only this run's requests count.
  const logStart = (await json(`${tenantUrl}/__control/tenants/default/requests`)).length;
  const shotsDir = process.env.E2E_SCREENSHOTS;
  if (shotsDir) await mkdir(shotsDir, { recursive: true });
  const tokenUrl = `${tenantUrl}/oauth/token`;
  const context = await browser.newContext();
  const problems = [];
  /** What the page must never show: tokens whole, and codes and the secret in any grouping. */
  const tokens = new Set();
  const codes = new Set();
  let refusals = 0; // the password grant's 403 mfa_required answers
  const reading = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    const consoleRefusals = watchForErrors(page, tokenUrl, problems);
    page.on('response', (response) => {
      if (response.url() !== tokenUrl || response.request().method() !== 'POST') return;
      const grant = new URLSearchParams(response.request().postData() ?? '').get('grant_type');
      reading.push(
        response.json().then(
          (body) => {
            if (grant === 'password' && response.status() === 403 && body.error === 'mfa_required') refusals++;
            for (const key of ['mfa_token', 'access_token', 'id_token', 'refresh_token']) {
              if (typeof body[key] === 'string' && body[key].length > 8) tokens.add(body[key]);
            }
            if (typeof body.recovery_code === 'string') codes.add(body.recovery_code);
          },
          () => {},
        ),
      );
    });
    // The events as the page heard them (only what is not secret), to check what fired when.
    await page.addInitScript((types) => {
      const seen = [];
      Object.defineProperty(window, '__e2eEvents', { value: seen });
      for (const type of types) {
        document.addEventListener(type, (event) => seen.push({ type, method: event.detail?.method, code: event.detail?.code }));
      }
    }, DEMO_EVENTS);
    const events = () => page.evaluate(() => window.__e2eEvents);
    const shoot = async (file) => {
      if (shotsDir) await page.screenshot({ path: path.join(shotsDir, file), fullPage: true });
    };
    const step = (tag, value) => page.locator(`${tag}[step="${value}"]`).waitFor({ state: 'attached' });
    const outcome = async (pattern, what) => {
      await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('#element-status')?.textContent ?? ''), pattern.source).catch(async () => {
        const text = await page.locator('#element-status').textContent({ timeout: 1000 }).catch(() => null);
        const error = await page.locator('#element-host > [step]').evaluate((el) => el.shadowRoot?.querySelector('[part~=error]')?.textContent?.trim() ?? '').catch(() => '');
        throw new Error(`${what}: #element-status is ${JSON.stringify(text?.trim() ?? null)}${error ? `, the element says ${JSON.stringify(error)}` : ''}`);
      });
    };
    const leaks = (when) => noSecretsShown(page, { tokens, codes, reading }, when, problems);

    // (a) A fresh user enrolls.
    await page.goto(`${siteUrl}/${name}/`);
    await page.getByRole('button', { name: 'Use a fresh demo user' }).click();
    const email = await page.locator('#email').inputValue();
    if (!/^demo\+\w+@example\.com$/.test(email)) throw new Error(`"Use a fresh demo user" set #email to ${JSON.stringify(email)}`);
    const user = () => json(`${tenantUrl}/__control/tenants/default/users/${encodeURIComponent(email)}`);
    await page.locator('#signin-button').click();
    const enroll = page.locator('mfa-otp-enroll');
    // The demo offers the app, text, call and email: the app is the first choice.
    await enroll.locator('[part~=factor-option]').first().click();
    await enroll.locator('[part~=qr]').waitFor({ state: 'visible' }).catch(async (error) => {
      throw new Error(`(a) no QR (${(await page.locator('#signin-status').textContent())?.trim()}): ${error.message.split('\n')[0]}`);
    });
    const secret = (await enroll.locator('[part~=secret] .groups').textContent()).replace(/\s+/g, '');
    codes.add(secret);
    await enroll.locator('[part~=code-input]').pressSequentially(await currentCode(secret)); // the 6th digit submits
    const saved = (await enroll.locator('[part~=recovery-codes] code').first().textContent()).trim();
    codes.add(saved);
    await enroll.locator('[part~=recovery-ack]').check();
    await enroll.locator('[part~=finish]').click();
    await outcome(/^Enrolled: /, '(a) after Finish');
    await page.locator('#authenticators-status.status-ok').waitFor().catch(() => problems.push('(a) the page did not show an active OTP authenticator'));
    const enrolled = await user();
    if (!enrolled.authenticators.some((a) => a.authenticator_type === 'otp' && a.active)) problems.push('(a) the tenant lists no active otp authenticator');
    if (enrolled.recoveryCode !== flat(saved)) problems.push('(a) the recovery code shown is not the one the tenant holds');
    await leaks('(a) enrolled');

    // (b) The same user signs in again: the app's next code (the tenant takes each code once).
    await page.getByRole('button', { name: `Sign in again as ${email}` }).click();
    await step('mfa-otp-verify', 'code').catch((error) => {
      throw new Error(`(b) <mfa-otp-verify> did not ask for the code: ${error.message.split('\n')[0]}`);
    });
    const verify = page.locator('mfa-otp-verify');
    const title = (await page.locator('#element-title').textContent()).replace(/\s+/g, ' ').trim();
    if (!title.endsWith('Sign in with <mfa-otp-verify>')) problems.push(`(b) panel 2 is titled ${JSON.stringify(title)}`);
    if ((await page.locator('#step-value').textContent()) !== 'code') problems.push('(b) the step readout does not follow <mfa-otp-verify>');
    if ((await page.locator('#email').inputValue()) !== email) problems.push('(b) #email no longer holds the user\'s email');
    await shoot('verify-code.png');
    await verify.locator('[part~=code-input]').pressSequentially(totp(secret, { time: Date.now() + 30_000 }));
    await outcome(/^Signed in \(otp\) as /, '(b) after the code');
    const afterOtp = (await events()).filter((e) => e.type === 'verified');
    if (afterOtp.length !== 1 || afterOtp[0].method !== 'otp') problems.push(`(b) verified events: ${JSON.stringify(afterOtp)}`);
    await shoot('signed-in-otp.png');
    await leaks('(b) signed in');

    // (c) Again, with the recovery code saved in (a), typed as a person would.
    await page.locator('#signin-button').click();
    await step('mfa-otp-verify', 'code');
    await verify.locator('[part~=use-recovery-code]').click();
    await step('mfa-otp-verify', 'recovery-code');
    await verify.locator('[part~=recovery-input]').pressSequentially(asTyped(saved));
    await shoot('verify-recovery-code.png');
    await verify.locator('[part~=submit]').click();
    await step('mfa-otp-verify', 'new-recovery-code').catch(async (error) => {
      const said = await verify.evaluate((el) => el.shadowRoot?.querySelector('[part~=error]')?.textContent?.trim() ?? '').catch(() => '');
      throw new Error(`(c) no new recovery code${said ? ` (the element says ${JSON.stringify(said)})` : ''}: ${error.message.split('\n')[0]}`);
    });
    const fresh = (await verify.locator('[part~=new-recovery-code] code').first().textContent()).trim();
    codes.add(fresh);
    if (flat(fresh) === flat(saved)) problems.push('(c) the new recovery code is the one just used');
    if ((await events()).filter((e) => e.type === 'verified').length !== 1) problems.push('(c) verified fired before the new code was saved');
    await leaks('(c) new recovery code shown');
    await shoot('verify-new-recovery-code.png');
    await verify.locator('[part~=recovery-ack]').check();
    await verify.locator('[part~=finish]').click();
    await outcome(/^Signed in \(recovery-code\) as /, '(c) after Finish');
    const verified = (await events()).filter((e) => e.type === 'verified');
    if (verified.length !== 2 || verified[1].method !== 'recovery-code') problems.push(`(c) verified events: ${JSON.stringify(verified)}`);
    await shoot('signed-in-recovery-code.png');
    const after = await user();
    if (after.recoveryCode !== flat(fresh)) problems.push('(c) the tenant\'s recovery code is not the new one shown');

    // Reset puts <mfa-otp-verify> back to idle and clears the page's outcome.
    await page.getByRole('button', { name: 'Reset' }).click();
    await step('mfa-otp-verify', 'idle').catch(() => problems.push('Reset did not put <mfa-otp-verify> back to idle'));
    if ((await page.locator('#step-value').textContent()) !== 'idle') problems.push('after Reset, the step readout is not idle');
    if ((await page.locator('#element-status').textContent()) !== '') problems.push('after Reset, the signed-in status is still shown');

    // Let late errors surface, then judge the whole run.
    await page.waitForTimeout(100);
    await Promise.all(reading);
    await leaks('at the end');
    const errors = (await events()).filter((e) => e.type.endsWith('error'));
    if (errors.length > 0) problems.push(`error events: ${JSON.stringify(errors)}`);
    if (consoleRefusals.count > refusals) problems.push(`${consoleRefusals.count - refusals} console error(s) for 403 answers of ${tokenUrl} other than mfa_required`);
    const requests = (await json(`${tenantUrl}/__control/tenants/default/requests`)).slice(logStart);
    const associates = requests.filter((r) => r.method === 'POST' && r.path === '/mfa/associate').length;
    if (associates !== 1) problems.push(`${associates} POST /mfa/associate (want exactly 1)`);
    // The same log as the SDK examples print: the element's own fetch path, to compare with theirs.
    if (process.env.E2E_SDK_LOG) {
      const detailed = (await json(`${tenantUrl}/__control/tenants/default/requests?detail=1`)).slice(logStart);
      console.log(indent(detailed.map(describeRequest).join('\n')));
    }
    const seconds = (performance.now() - started) / 1000;
    const methods = verified.map((e) => `verified (${e.method})`).join(', ');
    return { name, ok: problems.length === 0, line: `${name}: enrolled, ${methods}, ${associates} associate, ${seconds.toFixed(1)} s`, failures: problems };
  } catch (error) {
    // What went wrong before it stopped (a console error, say) often explains why.
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { problems });
  } finally {
    await context.close();
  }
}

// ---- the SDK examples ---------------------------------------------------------------------------

/** The API the SDK examples ask a token for: the stand-in's audience that needs MFA. */
const MFA_AUDIENCE = 'https://api.stand-in.example/';
const GRANT_MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';
const GRANT_MFA_OOB = 'http://auth0.com/oauth/grant-type/mfa-oob';
const SDK_EVENTS = ['enrolled', 'enroll-error', 'verified', 'verify-error'];

/**
 * An example that works through Auth0's SDK, against the stand-in's default tenant over HTTPS (the
 * SDK only calls https://{domain}; its refresh worker only {origin}/oauth/token), with a fresh user:
 * (a) sign in on the tenant's login page; the API's token needs MFA, so the page shows
 *     <mfa-otp-enroll>: type the current code, save the recovery code, Finish; the page's next
 *     token must come from the SDK's cache (no token request after the MFA grant);
 * (b) sign out (the SDK's logout, through the tenant's /v2/logout and back), sign in again: now
 *     <mfa-otp-verify>; type the app's next code; again a token from the cache.
 * Along the way: a clean console (the refresh grants' 403 mfa_required aside), no *-error event,
 * one associate, and nothing secret in the light DOM, the URL, the title or web storage.
 * With a global MFA policy (`sdk.tenant`), mfa_required doesn't say which: the page shows
 * <mfa-otp-verify> first, and <mfa-otp-enroll> on its `not_enrolled`, which must come from
 * Auth0's answer to the challenge (one 401 unsupported_challenge_type, its console error counted).
 * The SDK the page loaded from the pretend CDN must be `sdk.version` (else the installed one), and
 * the sign-in's challenge must name the authenticator exactly when `sdk.challengeById`.
 * @param {string} name
 * @param {{ browser: import('playwright-core').Browser, tenantUrl: string, tenantHttpsUrl: string, siteUrl: string, tenantFor: Map<string, object> }} env
 */
async function runSdkExample(name, { browser, tenantUrl, tenantHttpsUrl, siteUrl, tenantFor }) {
  const started = performance.now();
  const { useDpop = false, tenant: mode = {}, challengeById = false, factor } = EXAMPLES[name].sdk ?? {};
  const global = mode.mfaPolicy === 'global';
  // A phone is confirmed and signs in with the mfa-oob grant (a code sent), the app with mfa-otp.
  const mfaGrant = factor ? GRANT_MFA_OOB : GRANT_MFA_OTP;
  const method = factor ?? 'otp';
  const tenantOrigin = new URL(tenantHttpsUrl).origin;
  const tokenUrl = `${tenantOrigin}/oauth/token`;
  const log = () => json(`${tenantUrl}/__control/tenants/default/requests?detail=1`);
  const logStart = (await log()).length;
  // The SDK's `domain` is a host: it always calls https://{domain}.
  tenantFor.set(name, { domain: new URL(tenantHttpsUrl).host, clientId: CLIENT_ID, audience: MFA_AUDIENCE, useDpop, ...(factor && { factors: factor }) });
  const email = `sdk-${crypto.randomUUID().slice(0, 8)}@example.com`;
  // A number of the stand-in's pretend range (+1 555 01xx), new for each run; its texts in the outbox.
  const phone = `+1555010${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
  /** The code of the `count`th text to the phone, once the stand-in has sent it. */
  const sentCode = async (count) => {
    const deadline = Date.now() + STEP_TIMEOUT;
    for (;;) {
      const texts = await json(`${tenantUrl}/__control/tenants/default/outbox?to=${encodeURIComponent(phone)}`);
      if (texts.length >= count) return texts[0].code; // newest first
      if (Date.now() > deadline) throw new Error(`no text number ${count} to the phone (${texts.length} in the outbox)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const restoreTenant = await useTenantSettings(tenantUrl, mode);
  const context = await browser.newContext();
  const problems = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    const consoleRefusals = watchForErrors(page, tokenUrl, problems, global ? `${tenantOrigin}/mfa/challenge` : undefined);
    const secrets = collectSecrets(context, tenantOrigin);
    const sdkServed = sdkFromCdn(context, secrets.reading);
    // The events as the pages heard them (only what is not secret), across the sign-in redirects.
    const seen = [];
    await page.exposeFunction('__e2eEvent', (event) => void seen.push(event));
    await page.addInitScript((types) => {
      for (const type of types) {
        document.addEventListener(type, (event) => window.__e2eEvent({ type, method: event.detail?.method, code: event.detail?.code }));
      }
    }, SDK_EVENTS);
    const status = async () => (await page.locator('#status').textContent({ timeout: 1000 }).catch(() => null))?.trim() ?? null;
    const waitForStatus = (want, what) =>
      page.waitForFunction((text) => document.querySelector('#status')?.textContent?.trim() === text, want).catch(async () => {
        throw new Error(`${what}: #status is ${JSON.stringify(await status())}, not ${JSON.stringify(want)}`);
      });
    const leaks = (when) => noSecretsShown(page, secrets, when, problems);
    /** The framework set `auth0` and `mfaToken` as properties: no attribute for either. */
    const properties = async (what, element) => {
      const attributes = await element.evaluate((el) => el.getAttributeNames());
      const wrong = attributes.filter((attribute) => /^(auth0|mfa-?token)$/i.test(attribute));
      if (wrong.length > 0) problems.push(`${what} has the attribute(s) ${wrong.join(', ')}: set them as properties`);
    };
    const signIn = (what) => signInWithSdk(page, { what, tenantOrigin, email, back: `${siteUrl}/${name}/`, status });
    /**
     * After `enrolled` / `verified`: the page's token is for the API, of the mode's type, and came
     * from the SDK's cache: exactly one successful MFA grant since `from`, no token request after it.
     */
    const tokenFromCache = async (phase, from) => {
      await waitForStatus('got a token', `${phase} after MFA`);
      const entries = (await log()).slice(from);
      const grants = entries.flatMap((entry, index) => (entry.path === '/oauth/token' && entry.grantType === mfaGrant && entry.status === 200 ? [index] : []));
      if (grants.length !== 1) problems.push(`${phase}: ${grants.length} successful ${mfaGrant.split('/').at(-1)} grants (want 1)`);
      const grant = entries[grants.at(-1) ?? -1];
      const after = entries.slice((grants.at(-1) ?? entries.length) + 1).filter((entry) => entry.path === '/oauth/token');
      if (after.length > 0) problems.push(`${phase}: ${after.length} token request(s) after the MFA grant (${after.map((entry) => entry.grantType).join(', ')}): not from the SDK's cache`);
      const type = useDpop ? 'DPoP' : 'Bearer';
      // (The SDK sends the MFA grant without `audience`: Auth0 takes it from the mfa_token.)
      if (grant && (grant.tokenType !== type || grant.dpop !== useDpop)) problems.push(`${phase}: the MFA grant answered token_type ${grant.tokenType} (DPoP proof: ${grant.dpop}), want ${type}`);
      const shown = { audience: await page.locator('#audience').textContent(), type: await page.locator('#token-type').textContent() };
      if (shown.audience !== MFA_AUDIENCE) problems.push(`${phase}: #audience is ${JSON.stringify(shown.audience)}`);
      if (shown.type !== type) problems.push(`${phase}: #token-type is ${JSON.stringify(shown.type)} (want ${type})`);
      return { entries, after: after.length };
    };

    // (a) Sign in; the API needs MFA; enroll (with a global policy: after <mfa-otp-verify>'s not_enrolled).
    await page.goto(`${siteUrl}/${name}/${EXAMPLES[name].page}`);
    await waitForStatus('signed out', '(a) on load');
    await signIn('(a)');
    const enroll = page.locator('mfa-otp-enroll');
    const firstStep = enroll.locator(factor === 'sms' ? '[part~=phone-input]' : '[part~=qr]');
    await firstStep.waitFor({ state: 'visible' }).catch(async (error) => {
      throw new Error(`(a) no ${factor === 'sms' ? 'phone number field' : 'QR'} (#status: ${JSON.stringify(await status())}): ${error.message.split('\n')[0]}`);
    });
    await properties('(a) <mfa-otp-enroll>', enroll);
    if ((await status()) !== 'mfa: enroll') problems.push(`(a) with <mfa-otp-enroll> on screen, #status is ${JSON.stringify(await status())} (want "mfa: enroll")`);
    /** The app's secret (a phone has none: its codes come by text). */
    let secret = '';
    /** The fake Guardian app on the user's phone: it scans the QR, approves a sign-in. */
    const guardian = (step) =>
      json(`${tenantUrl}/__control/tenants/default/guardian/${step}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
    if (factor === 'push') {
      await guardian('scan');
    } else if (factor) {
      secrets.codes.add(phone);
      await enroll.locator('[part~=phone-input]').fill(phone);
      await enroll.locator('[part~=send]').click();
      const code = await sentCode(1);
      secrets.codes.add(code);
      await enroll.locator('[part~=code-input]').pressSequentially(code); // the 6th digit submits
    } else {
      secret = (await enroll.locator('[part~=secret] .groups').textContent()).replace(/\s+/g, '');
      secrets.codes.add(secret);
      await enroll.locator('[part~=code-input]').pressSequentially(await currentCode(secret)); // the 6th digit submits
    }
    const saved = (await enroll.locator('[part~=recovery-codes] code').first().textContent()).trim();
    secrets.codes.add(saved);
    await enroll.locator('[part~=recovery-ack]').check();
    await enroll.locator('[part~=finish]').click();
    const a = await tokenFromCache('(a)', logStart);
    const refusedChallenges = a.entries.filter((entry) => entry.method === 'POST' && entry.path === '/mfa/challenge' && entry.status === 401).length;
    if (refusedChallenges !== (global ? 1 : 0)) problems.push(`(a) ${refusedChallenges} POST /mfa/challenge answered 401 (want ${global ? 1 : 0})`);
    const user = await json(`${tenantUrl}/__control/tenants/default/users/${encodeURIComponent(email)}`);
    const channel = factor === 'push' ? 'auth0' : factor;
    const enrolled = factor ? (entry) => entry.authenticator_type === 'oob' && entry.oob_channel === channel : (entry) => entry.authenticator_type === 'otp';
    if (!user.authenticators.some((entry) => enrolled(entry) && entry.active)) problems.push(`(a) the tenant lists no active ${factor ?? 'otp'} authenticator`);
    await leaks('(a) enrolled');

    // (b) Sign out and in again: Auth0 now asks for a code from the app.
    const signOutAt = (await log()).length;
    await page.locator('#sign-out').click();
    await waitForStatus('signed out', '(b) after #sign-out');
    await signIn('(b)');
    // A phone's sign-in sends its text at once: the code field opens once it's sent.
    const verify = page.locator(`mfa-otp-verify[step="${factor === 'push' ? 'push-sent' : factor ? 'code-sent' : 'code'}"]`);
    await verify.waitFor({ state: 'attached' }).catch(async (error) => {
      throw new Error(`(b) <mfa-otp-verify> did not ask for the code (#status: ${JSON.stringify(await status())}): ${error.message.split('\n')[0]}`);
    });
    await properties('(b) <mfa-otp-verify>', verify);
    if ((await status()) !== 'mfa: challenge') problems.push(`(b) with <mfa-otp-verify> on screen, #status is ${JSON.stringify(await status())} (want "mfa: challenge")`);
    if (factor === 'push') {
      await guardian('approve');
    } else if (factor) {
      const code = await sentCode(2);
      secrets.codes.add(code);
      await verify.locator('[part~=code-input]').pressSequentially(code);
    } else {
      // The code enrolling used is spent: the app's next one (within the tenant's window).
      await verify.locator('[part~=code-input]').pressSequentially(totp(secret, { time: Date.now() + 30_000 }));
    }
    const b = await tokenFromCache('(b)', signOutAt);
    if (!b.entries.some((entry) => entry.method === 'GET' && entry.path === '/v2/logout')) problems.push('(b) #sign-out did not end the tenant session (no GET /v2/logout)');
    const challenged = b.entries.find((entry) => entry.method === 'POST' && entry.path === '/mfa/challenge' && entry.status === 200);
    if (!challenged) problems.push('(b) no successful POST /mfa/challenge');
    const byId = challenged?.bodyKeys.includes('authenticator_id') === true;
    if (challenged && byId !== challengeById) problems.push(`(b) the challenge ${byId ? 'named' : 'named no'} authenticator_id (want ${challengeById ? 'the app\'s id' : 'none: the SDK\'s list is empty or refused'})`);

    // Let late errors surface, then judge the whole run.
    await page.waitForTimeout(100);
    await leaks('at the end');
    const said = seen.map((event) => `${event.type}${event.method ? ` (${event.method})` : ''}${event.code ? ` (${event.code})` : ''}`).join(', ');
    const want = `${global ? 'verify-error (not_enrolled), ' : ''}enrolled, verified (${method})`;
    if (said !== want) problems.push(`events: ${said} (want ${want})`);
    const entries = (await log()).slice(logStart);
    const associates = entries.filter((entry) => entry.method === 'POST' && entry.path === '/mfa/associate').length;
    if (associates !== 1) problems.push(`${associates} POST /mfa/associate (want exactly 1)`);
    const refusals = entries.filter((entry) => entry.path === '/oauth/token' && entry.status === 403).length;
    if (consoleRefusals.count > refusals) problems.push(`${consoleRefusals.count - refusals} console error(s) for 403 answers of ${tokenUrl} beyond the log's ${refusals}`);
    if (consoleRefusals.challenges > refusedChallenges) problems.push(`${consoleRefusals.challenges - refusedChallenges} console error(s) for 401 answers of /mfa/challenge beyond the log's ${refusedChallenges}`);
    const sdk = await sdkServed.version(EXAMPLES[name].sdk?.version, problems);
    if (useDpop) {
      const unproven = entries.filter((entry) => entry.method === 'POST' && entry.path === '/oauth/token' && !entry.dpop).length;
      if (unproven > 0) problems.push(`${unproven} token request(s) without a DPoP proof`);
    }
    if (process.env.E2E_SDK_LOG) console.log(indent(entries.map(describeRequest).join('\n')));
    const seconds = (performance.now() - started) / 1000;
    const requestsAfter = a.after + b.after;
    const setup = [sdk && `@auth0/auth0-spa-js ${sdk}`, global && 'global MFA policy', mode.typedAuthenticators && 'type flag'].filter(Boolean).join(', ');
    return {
      name,
      ok: problems.length === 0,
      line: `${name}: ${setup ? `${setup}: ` : ''}${global ? 'not_enrolled → ' : ''}enrolled, verified (${method}), challenge ${byId ? 'by id' : 'without id'}, token from cache twice${useDpop ? ' (DPoP)' : ''}, ${requestsAfter} token request${requestsAfter === 1 ? '' : 's'} after MFA, ${seconds.toFixed(1)} s`,
      failures: problems,
    };
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { problems });
  } finally {
    await context.close();
    await restoreTenant();
    tenantFor.delete(name);
  }
}

/**
 * Sets some of the default tenant's settings for one run: it is shared (the SDK's refresh worker
 * only calls <origin>/oauth/token) and the runs take turns. Answers what sets them back.
 * @param {string} tenantUrl
 * @param {Record<string, unknown>} settings
 * @returns {Promise<() => Promise<void>>}
 */
async function useTenantSettings(tenantUrl, settings) {
  const url = `${tenantUrl}/__control/tenants/default/settings`;
  const keys = Object.keys(settings);
  if (keys.length === 0) return async () => {};
  const post = (body) => json(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const before = await json(url);
  await post(settings);
  return async () => void (await post(Object.fromEntries(keys.map((key) => [key, before[key]]))));
}

/**
 * Which @auth0/auth0-spa-js the page loaded from the pretend CDN: the version inside the module
 * served (its telemetry), not the URL's. Pages that bundle the SDK load none.
 * @param {import('playwright-core').BrowserContext} context
 * @param {Promise<unknown>[]} reading
 */
function sdkFromCdn(context, reading) {
  const served = new Set();
  context.on('response', (response) => {
    if (!response.url().includes('/cdn/@auth0/auth0-spa-js@')) return;
    reading.push(response.text().then((text) => served.add(/name:"auth0-spa-js",version:"([^"]+)"/.exec(text)?.[1] ?? 'unknown'), () => {}));
  });
  return {
    /**
     * The version served (once all responses are read), checked against `pinned` (else the
     * installed one); problems go to `problems`.
     * @param {string | undefined} pinned
     * @param {string[]} problems
     */
    async version(pinned, problems) {
      await Promise.all(reading);
      const want = pinned ?? JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@auth0/auth0-spa-js/package.json'), 'utf8')).version;
      if (served.size === 0) {
        if (pinned) problems.push(`the page loaded no @auth0/auth0-spa-js from the CDN (want ${pinned})`);
        return undefined;
      }
      if (served.size > 1 || !served.has(want)) problems.push(`the page loaded @auth0/auth0-spa-js ${[...served].join(' and ')} (want ${want})`);
      return [...served].join(' and ');
    },
  };
}

/**
 * #sign-in, then the tenant's login page (the user's email, the demo password), then back to the
 * app at `back` (the SDK handles the callback).
 * @param {import('playwright-core').Page} page
 * @param {{ what: string, tenantOrigin: string, email: string, back: string, status: () => Promise<string | null> }} options
 */
async function signInWithSdk(page, { what, tenantOrigin, email, back, status }) {
  await page.locator('#sign-in').click();
  await page.waitForURL((url) => url.origin === tenantOrigin).catch(async (error) => {
    throw new Error(`${what}: #sign-in did not go to the tenant (#status: ${JSON.stringify(await status())}): ${error.message.split('\n')[0]}`);
  });
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('demo-password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.href.startsWith(back));
}

/**
 * @typedef {object} Secrets what the tenant answered a page that the page must never show
 * @property {Set<string>} tokens whole tokens and `auth_session`s
 * @property {Set<string>} codes recovery codes and setup keys (shown in any grouping, they count)
 * @property {Promise<unknown>[]} reading the answers still being read
 */

/**
 * Collects the secrets in the tenant's answers to the token endpoint and the My Account API, as
 * the page (or the SDK's worker, where Chromium reports it) received them.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} tenantOrigin
 * @returns {Secrets}
 */
function collectSecrets(context, tenantOrigin) {
  const secrets = { tokens: new Set(), codes: new Set(), reading: [] };
  context.on('response', (response) => {
    const url = response.url();
    if (response.request().method() === 'OPTIONS' || (url !== `${tenantOrigin}/oauth/token` && !url.startsWith(`${tenantOrigin}/me/`))) return;
    secrets.reading.push(
      response.json().then(
        (body) => {
          for (const key of ['mfa_token', 'access_token', 'id_token', 'refresh_token', 'auth_session']) {
            if (typeof body?.[key] === 'string' && body[key].length > 8) secrets.tokens.add(body[key]);
          }
          for (const key of ['recovery_code', 'manual_input_code']) if (typeof body?.[key] === 'string') secrets.codes.add(body[key]);
        },
        () => {},
      ),
    );
  });
  return secrets;
}

/**
 * Records in `problems` any secret the page shows in its light DOM (markup, text, field values),
 * its URL, its title or web storage: a whole token, a code in any grouping or case, or more than 8
 * characters of a JWT. A Playwright or a Puppeteer page.
 * @param {{ evaluate: Function }} page
 * @param {Secrets} secrets
 * @param {string} when
 * @param {string[]} problems
 */
async function noSecretsShown(page, { tokens, codes, reading }, when, problems) {
  await Promise.all(reading);
  const haystack = await page.evaluate(() =>
    [
      location.href,
      document.title,
      document.documentElement.outerHTML,
      document.body.innerText,
      ...Array.from(document.querySelectorAll('input, textarea, select'), (field) => field.value),
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
    ].join('\n'),
  );
  const found = new Set();
  if ([...tokens].some((token) => haystack.includes(token))) found.add('a token');
  if ([...codes].some((code) => flat(haystack).includes(flat(code)))) found.add('a recovery code or a setup key');
  if (/eyJ[\w-]{9,}/.test(haystack)) found.add('more than 8 characters of a JWT');
  for (const what of found) problems.push(`${when}: the page's light DOM, URL or storage shows ${what}`);
}

/**
 * The account-settings page through Auth0's SDK (demo/script-tag/sdk-account.html): <mfa-authenticators>
 * with `.auth0`, whose calls go to `auth0.myAccount`, which gets its tokens for the My Account API
 * (https://{domain}/me/) from the SDK, one scope per call. Against the default tenant over HTTPS,
 * with a fresh user:
 * (a) sign in; the page asks the SDK for one /me/ token with the list's three scopes (no MFA: the
 *     user has no factor yet); the list; add an app inline with a real code: it is listed; get a
 *     recovery code, tick saved, Finish; no token request meanwhile: the SDK's cache answers each
 *     call's single scope from the page's token, although the user is enrolled by now;
 * (b) sign out and in again: now the /me/ token needs MFA, so the page shows <mfa-otp-verify>
 *     (through auth0.mfa, which caches the token): the app's next code; the list shows the app and
 *     the recovery code; remove the app, after the confirmation.
 * The tenant must agree at each step; no error event, a clean console (the 403 mfa_required
 * counted), nothing secret in the light DOM, the URL, the title or web storage, and the SDK from
 * the CDN must be `sdk.version` (else the installed one).
 * @param {string} name
 * @param {{ browser: import('playwright-core').Browser, tenantUrl: string, tenantHttpsUrl: string, siteUrl: string, tenantFor: Map<string, object> }} env
 */
async function runSdkAccount(name, { browser, tenantUrl, tenantHttpsUrl, siteUrl, tenantFor }) {
  const started = performance.now();
  const tenantOrigin = new URL(tenantHttpsUrl).origin;
  const tokenUrl = `${tenantOrigin}/oauth/token`;
  const meAudience = `${tenantOrigin}/me/`;
  const log = () => json(`${tenantUrl}/__control/tenants/default/requests?detail=1`);
  const logStart = (await log()).length;
  tenantFor.set(name, { domain: new URL(tenantHttpsUrl).host, clientId: CLIENT_ID });
  const email = `sdk-account-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const user = () => json(`${tenantUrl}/__control/tenants/default/users/${encodeURIComponent(email)}`);
  const context = await browser.newContext();
  const problems = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    const consoleRefusals = watchForErrors(page, tokenUrl, problems);
    const secrets = collectSecrets(context, tenantOrigin);
    const sdkServed = sdkFromCdn(context, secrets.reading);
    const seen = [];
    await page.exposeFunction('__e2eEvent', (event) => void seen.push(event));
    await page.addInitScript((types) => {
      for (const type of types) {
        document.addEventListener(type, (event) => window.__e2eEvent({ type, code: event.detail?.code, id: event.detail?.authenticationMethod?.id }));
      }
    }, ACCOUNT_EVENTS);
    const status = async () => (await page.locator('#status').textContent({ timeout: 1000 }).catch(() => null))?.trim() ?? null;
    const list = page.locator('mfa-authenticators');
    /** Waits for the list at `step`; says what the page shows when it doesn't come. */
    const atStep = (step, what) =>
      page.locator(`mfa-authenticators[step="${step}"]`).waitFor({ state: 'attached' }).catch(async (error) => {
        const said = await list.locator('[part~=error]').textContent({ timeout: 500 }).catch(() => '');
        throw new Error(`${what}: <mfa-authenticators> not at ${step} (#status: ${JSON.stringify(await status())}${said ? `, it says ${JSON.stringify(said.trim())}` : ''}): ${error.message.split('\n')[0]}`);
      });
    const untilEvent = async (type, what) => {
      const deadline = performance.now() + STEP_TIMEOUT;
      while (!seen.some((event) => event.type === type)) {
        if (performance.now() > deadline) throw new Error(`${what}: no ${type} event (#status: ${JSON.stringify(await status())})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const items = () => list.locator('[part~=item]').evaluateAll((nodes) => nodes.map((node) => ({ id: node.dataset.id, name: node.querySelector('.name')?.textContent.trim() })));
    const tokenRequests = (entries) => entries.filter((entry) => entry.method === 'POST' && entry.path === '/oauth/token');
    const leaks = (when) => noSecretsShown(page, secrets, when, problems);
    const signIn = (what) => signInWithSdk(page, { what, tenantOrigin, email, back: `${siteUrl}/${name}/`, status });

    // (a) Sign in: one /me/ token with the list's scopes, no MFA (no factor yet); the list.
    await page.goto(`${siteUrl}/${name}/${EXAMPLES[name].page}`);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'signed out');
    await signIn('(a)');
    await atStep('list', '(a) after signing in');
    const signedIn = (await log()).slice(logStart);
    const meGrants = tokenRequests(signedIn).filter((entry) => entry.audience === meAudience);
    if (meGrants.length !== 1 || meGrants[0].grantType !== 'refresh_token' || meGrants[0].status !== 200) {
      problems.push(`(a) token requests for ${meAudience}: ${JSON.stringify(meGrants.map((entry) => [entry.grantType, entry.status]))} (want one refresh_token grant, 200)`);
    }
    const listedFrom = (await log()).length;

    // Add an app inline, with a real code.
    await list.locator('[part~=add]').click();
    const inline = list.locator('mfa-otp-enroll');
    await inline.locator('[part~=qr]').waitFor({ state: 'visible' });
    const secret = (await inline.locator('[part~=secret] .groups').textContent()).replace(/\s+/g, '');
    secrets.codes.add(secret);
    await inline.locator('[part~=code-input]').pressSequentially(await currentCode(secret)); // the 6th digit submits
    await untilEvent('authenticator-added', '(a) adding the app');
    await atStep('list', '(a) after adding the app');
    const app = (await items()).find((item) => item.id?.startsWith('totp|'));
    if (!app || app.id !== seen.find((event) => event.type === 'authenticator-added')?.id) problems.push(`(a) the list shows ${JSON.stringify(await items())}, not the app just added`);
    if (!(await user()).authenticators.some((entry) => entry.id === app?.id && entry.active)) problems.push('(a) the tenant has no active app of that id');

    // A recovery code (the user's first: an app added through the My Account API comes without).
    await list.locator('[part~=regenerate-recovery-code]').click();
    await atStep('new-recovery-code', '(a) Get a recovery code');
    const recoveryCode = (await list.locator('[part~=recovery-codes]').textContent()).trim();
    secrets.codes.add(recoveryCode);
    await leaks('(a) recovery code shown');
    await list.locator('[part~=recovery-ack]').check();
    await list.locator('[part~=finish]').click();
    await untilEvent('recovery-code-regenerated', '(a) Finish');
    await atStep('list', '(a) after Finish');
    if ((await user()).recoveryCode !== flat(recoveryCode)) problems.push('(a) the tenant\'s recovery code is not the one shown');
    const meanwhile = tokenRequests((await log()).slice(listedFrom));
    if (meanwhile.length > 0) problems.push(`(a) ${meanwhile.length} token request(s) while the list added and got a code (${meanwhile.map((entry) => `${entry.grantType} ${entry.status}`).join(', ')}): not from the SDK's cache`);
    await leaks('(a) done');

    // (b) Sign out and in again: the /me/ token needs MFA now; <mfa-otp-verify>, then the list; remove the app.
    const signOutAt = (await log()).length;
    await page.locator('#sign-out').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'signed out');
    await signIn('(b)');
    const verify = page.locator('mfa-otp-verify[step="code"]');
    await verify.waitFor({ state: 'attached' }).catch(async (error) => {
      throw new Error(`(b) <mfa-otp-verify> did not ask for the code (#status: ${JSON.stringify(await status())}): ${error.message.split('\n')[0]}`);
    });
    // The code adding the app used is spent: the app's next one.
    await verify.locator('[part~=code-input]').pressSequentially(totp(secret, { time: Date.now() + 30_000 }));
    await atStep('list', '(b) after the code');
    const again = (await items()).map((item) => item.id?.split('|')[0]).sort();
    if (again.join() !== 'password,recovery-code,totp') problems.push(`(b) the list shows ${JSON.stringify(await items())}`);
    const verifiedAt = (await log()).length;
    const b = tokenRequests((await log()).slice(signOutAt)).filter((entry) => entry.audience === meAudience || entry.grantType === GRANT_MFA_OTP);
    const bSaid = b.map((entry) => `${entry.grantType.replace('http://auth0.com/oauth/grant-type/', '')} ${entry.status}`).join(', ');
    if (bSaid !== `refresh_token 403, mfa-otp 200`) problems.push(`(b) the /me/ token's requests: ${bSaid} (want refresh_token 403 mfa_required, then mfa-otp 200)`);
    await list.locator(`[part~=item][data-id="${app?.id}"] [part~=remove]`).click();
    await atStep('confirm-remove', '(b) Remove');
    await list.locator('[part~=confirm-remove]').click();
    await untilEvent('authenticator-removed', '(b) removing the app');
    await atStep('list', '(b) after removing');
    if ((await items()).some((item) => item.id === app?.id)) problems.push('(b) the app is still listed');
    if ((await user()).authenticators.some((entry) => entry.authenticator_type === 'otp')) problems.push('(b) the tenant still has an app');
    const removing = tokenRequests((await log()).slice(verifiedAt));
    if (removing.length > 0) problems.push(`(b) ${removing.length} token request(s) after the sign-in: not from the SDK's cache`);

    // Let late errors surface, then judge the whole run.
    await page.waitForTimeout(100);
    await leaks('at the end');
    const order = seen.map((event) => `${event.type}${event.code ? ` (${event.code})` : ''}`).join(', ');
    const want = 'authenticator-added, recovery-code-regenerated, verified, authenticator-removed';
    if (order !== want) problems.push(`events: ${order} (want ${want})`);
    const refusals = tokenRequests((await log()).slice(logStart)).filter((entry) => entry.status === 403).length;
    if (consoleRefusals.count > refusals) problems.push(`${consoleRefusals.count - refusals} console error(s) for 403 answers of ${tokenUrl} beyond the log's ${refusals}`);
    const sdk = await sdkServed.version(EXAMPLES[name].sdk?.version, problems);
    const seconds = (performance.now() - started) / 1000;
    return {
      name,
      ok: problems.length === 0,
      line: `${name}: @auth0/auth0-spa-js ${sdk}: added an app, got a recovery code, signed in again (otp), removed the app; /me/ tokens from the SDK's cache, ${seconds.toFixed(1)} s`,
      failures: problems,
    };
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { problems });
  } finally {
    await context.close();
    tenantFor.delete(name);
  }
}

/** One line of the tenant's request log (E2E_SDK_LOG=1): what went over the wire, names but no values. */
function describeRequest(entry) {
  const grant = entry.grantType?.replace('http://auth0.com/oauth/grant-type/', '');
  const parts = [`${entry.method} ${entry.path}`, `${entry.status}`];
  if (grant) parts.push(`grant_type=${grant}`);
  if (entry.audience) parts.push(`audience=${entry.audience}`);
  if (entry.tokenType) parts.push(`token_type=${entry.tokenType}`);
  if (entry.dpop) parts.push('DPoP proof');
  if (entry.bodyKeys?.length) parts.push(`body: ${entry.bodyKeys.join(' ')}`);
  return parts.join('  ');
}

// ---- the account page ---------------------------------------------------------------------------

const ACCOUNT_EVENTS = ['authenticator-added', 'authenticator-removed', 'recovery-code-regenerated', 'authenticators-error', 'verified', 'verify-error'];
const MY_ACCOUNT_SCOPE = 'read:me:authentication_methods delete:me:authentication_methods create:me:authentication_methods read:me:factors';
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/**
 * Records what a page must not do, into `problems`: throw, or log a console error. Chromium logs
 * every 4xx answer to fetch as a console error: those of the token endpoint with 403 are Auth0's
 * `mfa_required` ("MFA first"), expected, and only counted; the caller checks the count against
 * the 403 answers the tenant logged, so any other 403 still shows up.
 * @param {{ on: Function }} page a Playwright or Puppeteer page
 * @param {string} tokenUrl
 * @param {string[]} problems
 * @param {string} [challengeUrl] where 401 answers are expected too, and counted: /mfa/challenge
 *   for a user with no authenticator (a tenant with a global MFA policy)
 * @returns {{ readonly count: number, readonly challenges: number }} the console errors for 403
 *   answers of `tokenUrl`, and for 401 answers of `challengeUrl`
 */
function watchForErrors(page, tokenUrl, problems, challengeUrl) {
  const refusals = { count: 0, challenges: 0 };
  page.on('pageerror', (/** @type {Error} */ error) => problems.push(`page error: ${error.message}`));
  page.on('console', (/** @type {any} */ message) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url;
    if (/status of 403/.test(message.text()) && where === tokenUrl) {
      refusals.count++;
      return;
    }
    if (challengeUrl && /status of 401/.test(message.text()) && where === challengeUrl) {
      refusals.challenges++;
      return;
    }
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  return refusals;
}

/**
 * Finds an element through open shadow roots: `a >>> b` is the first `b` inside `a` (its shadow
 * root first, then its light DOM, then shadow roots nested in them). Runs in the page.
 * @param {string[]} chain
 */
function deepFind(chain) {
  let scope = document;
  let found = null;
  for (const selector of chain) {
    found = null;
    const roots = [scope];
    for (let i = 0; i < roots.length && !found; i++) {
      found = roots[i].querySelector(selector);
      if (!found) for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    if (!found) return null;
    scope = found.shadowRoot ?? found;
  }
  return found;
}

/** A page-side expression for the element `selector` names (see deepFind), or null. */
function find(selector) {
  return `(${deepFind})(${JSON.stringify(selector.split(/\s*>>>\s*/))})`;
}

/**
 * The few things the account scenario does with a browser, the same over Playwright (Chromium, CDP)
 * and puppeteer-core (Firefox, WebDriver BiDi): their Page objects agree on evaluate,
 * evaluateHandle (an element handle's focus and click), keyboard.type, screenshot and the events
 * (pageerror, console, response). Waiting is polled from here: the page's CSP forbids the eval that
 * Playwright's waitForFunction needs for an expression.
 * @typedef {object} Driver
 * @property {string} browser
 * @property {any} page a Playwright or puppeteer Page
 * @property {(expression: string, what: string) => Promise<void>} until waits for a page-side expression to be truthy
 * @property {() => Promise<void>} close
 */

/**
 * @param {string} browser
 * @param {any} page
 * @param {() => Promise<void>} close
 * @returns {Driver}
 */
function driver(browser, page, close) {
  return {
    browser,
    page,
    async until(expression, what) {
      const deadline = performance.now() + STEP_TIMEOUT;
      let last;
      for (;;) {
        try {
          if (await page.evaluate(expression)) return;
        } catch (error) {
          last = error;
        }
        if (performance.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const state = await page.evaluate(describeAccountPage).catch(() => '?');
      const why = last ? `; the last check threw ${String(last.message ?? last).split('\n')[0]}` : '';
      throw new Error(`${what}: not within ${STEP_TIMEOUT / 1000} s (${state}${why})`);
    },
    close,
  };
}

/** What the account page shows now, for a failure's message. Runs in the page. */
function describeAccountPage() {
  const manager = document.querySelector('mfa-authenticators');
  const verify = document.querySelector('mfa-otp-verify');
  const said = (el) => el?.shadowRoot?.querySelector('[part~=error]')?.textContent?.replace(/\s+/g, ' ').trim();
  return [
    `<mfa-authenticators> step ${manager?.getAttribute('step') ?? '-'}${said(manager) ? ` says ${JSON.stringify(said(manager))}` : ''}`,
    verify ? `<mfa-otp-verify> step ${verify.getAttribute('step')}${said(verify) ? ` says ${JSON.stringify(said(verify))}` : ''}` : '',
    `#signin-status ${JSON.stringify(document.querySelector('#signin-status')?.textContent?.trim() ?? null)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** @param {Driver} d @param {string} selector */
async function click(d, selector) {
  await d.until(`(() => { const el = ${find(selector)}; return el && !el.disabled; })()`, `${selector} to be there and enabled`);
  const handle = await d.page.evaluateHandle(find(selector));
  try {
    await handle.asElement().click();
  } finally {
    await handle.dispose();
  }
}

/** Types into a field as a person does, key by key. @param {Driver} d @param {string} selector @param {string} text */
async function type(d, selector, text) {
  await d.until(`(() => { const el = ${find(selector)}; return el && !el.disabled; })()`, `${selector} to be there and enabled`);
  const handle = await d.page.evaluateHandle(find(selector));
  try {
    await handle.asElement().focus();
  } finally {
    await handle.dispose();
  }
  await d.page.keyboard.type(text);
}

/** @param {Driver} d @param {string} selector */
async function textOf(d, selector) {
  await d.until(`${find(selector)} !== null`, `${selector} to be there`);
  return d.page.evaluate(`${find(selector)}.textContent`);
}

/**
 * A user with an authenticator app and a recovery code, enrolled straight through the MFA API
 * (the password grant's mfa_token, /mfa/associate, the mfa-otp grant), as the main demo page would.
 * @param {string} tenantUrl
 * @param {string} email
 */
async function enrollUser(tenantUrl, email) {
  const form = (params) => ({ method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, ...params }) });
  const refused = await fetch(`${tenantUrl}/oauth/token`, form({ grant_type: 'password', username: email, password: 'demo-password', scope: 'openid' }));
  const { mfa_token: mfaToken } = await refused.json();
  if (refused.status !== 403 || typeof mfaToken !== 'string') throw new Error(`enrolling ${email}: the password grant answered ${refused.status}, no mfa_token`);
  const association = await json(`${tenantUrl}/mfa/associate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${mfaToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ authenticator_types: ['otp'] }),
  });
  const confirmed = await fetch(`${tenantUrl}/oauth/token`, form({ grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp', mfa_token: mfaToken, otp: await currentCode(association.secret) }));
  if (!confirmed.ok) throw new Error(`enrolling ${email}: the mfa-otp grant answered ${confirmed.status}`);
  return { secret: association.secret, recoveryCode: association.recovery_codes[0], mfaToken };
}

/**
 * The account page (demo/account.html) in Chromium, in Firefox ESR and in WebKit, each with a fresh user who
 * enrolled through the MFA API first: sign in (the password grant for the My Account audience
 * answers mfa_required; <mfa-otp-verify> takes the app's next code and its `verified` event hands
 * the token to <mfa-authenticators>); the list shows the app and the recovery code; add a second
 * app inline with a real code; remove the old one (after the confirmation); get a new recovery
 * code, tick saved, Finish. Then the tenant must hold one active otp, the new one, and the new
 * recovery code. The browsers run side by side; each gets a line of its own.
 * @param {string} name
 * @param {{ browser: import('playwright-core').Browser, webkit: Awaited<ReturnType<typeof launchWebKit>>, tenantUrl: string, siteUrl: string }} env
 */
async function runAccount(name, { browser, webkit, tenantUrl, siteUrl }) {
  const chromiumRun = (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    return driver('chromium', page, () => context.close());
  })();
  const firefoxRun = (async () => {
    const launching = performance.now();
    const { default: puppeteer } = await import('puppeteer-core');
    const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    try {
      const page = await firefox.newPage();
      return Object.assign(driver('firefox', page, () => firefox.close()), { startup: (performance.now() - launching) / 1000 });
    } catch (error) {
      await firefox.close();
      throw error;
    }
  })();
  const webkitRun = (async () => {
    const context = await webkit.newContext();
    return driver('webkit', await context.newPage(), () => context.close());
  })();
  const one = async (opened) => {
    /** @type {(Driver & { startup?: number }) | undefined} */
    let d;
    const problems = [];
    try {
      d = await opened;
      const result = await accountSteps(name, d, { tenantUrl, siteUrl, problems, started: performance.now() });
      // Firefox takes seconds to start (side by side with the Chromium run): said apart.
      if (d.startup !== undefined) result.line += ` (+${d.startup.toFixed(1)} s to start Firefox)`;
      return result;
    } catch (error) {
      const browserName = d?.browser ?? (opened === chromiumRun ? 'chromium' : opened === firefoxRun ? 'firefox' : 'webkit');
      return { name, ok: false, line: `${name} (${browserName}): failed`, failures: [String(error?.message ?? error).split('\n')[0], ...problems] };
    } finally {
      await d?.close().catch(() => {});
    }
  };
  return Promise.all([one(chromiumRun), one(firefoxRun), one(webkitRun)]);
}

/**
 * The steps, once for any driver.
 * @param {string} name
 * @param {Driver} d
 * @param {{ tenantUrl: string, siteUrl: string, problems: string[], started: number }} env
 */
async function accountSteps(name, d, { tenantUrl, siteUrl, problems, started }) {
  const { page, browser } = d;
  const shotsDir = browser === 'chromium' ? process.env.E2E_SCREENSHOTS : undefined;
  if (shotsDir) await mkdir(shotsDir, { recursive: true });
  const tokenUrl = `${tenantUrl}/oauth/token`;
  /** What the page must never show: tokens whole, and codes and secrets in any grouping. */
  const tokens = new Set();
  const codes = new Set();
  const reading = [];
  let refusals = 0; // 403 mfa_required answers of the token endpoint
  const consoleRefusals = watchForErrors(page, tokenUrl, problems);
  page.on('response', (response) => {
    const url = response.url();
    if (response.request().method() === 'OPTIONS' || (url !== tokenUrl && !url.startsWith(`${tenantUrl}/me/`))) return;
    reading.push(
      response.json().then(
        (body) => {
          if (url === tokenUrl && response.status() === 403 && body?.error === 'mfa_required') refusals++;
          for (const key of ['mfa_token', 'access_token', 'id_token', 'refresh_token', 'auth_session']) {
            if (typeof body?.[key] === 'string' && body[key].length > 8) tokens.add(body[key]);
          }
          for (const key of ['recovery_code', 'manual_input_code']) if (typeof body?.[key] === 'string') codes.add(body[key]);
        },
        () => {},
      ),
    );
  });
  const shoot = async (file) => {
    if (shotsDir) await page.screenshot({ path: path.join(shotsDir, file), fullPage: true });
  };
  const events = () => page.evaluate(() => window.__e2eEvents);
  const eventCount = async (type) => (await events()).filter((event) => event.type === type).length;
  const step = (value, what) => d.until(`${find(`mfa-authenticators[step="${value}"]`)} !== null`, `${what}: <mfa-authenticators> at ${value}`);
  /** The list as the element shows it: each item's id and name. */
  const listed = () =>
    page.evaluate(`Array.from(${find('mfa-authenticators')}.shadowRoot.querySelectorAll('[part~=item]'), (item) => ({ id: item.dataset.id, name: item.querySelector('.name')?.textContent.trim() }))`);
  const leaks = (when) => noSecretsShown(page, { tokens, codes, reading }, when, problems);

  // A fresh user enrolls through the MFA API, straight from here.
  const email = `account-${browser}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const enrolled = await enrollUser(tenantUrl, email);
  codes.add(enrolled.secret);
  codes.add(enrolled.recoveryCode);
  tokens.add(enrolled.mfaToken);
  const user = () => json(`${tenantUrl}/__control/tenants/default/users/${encodeURIComponent(email)}`);

  // (a) Sign in on the account page: mfa_required, so <mfa-otp-verify> takes the app's next code.
  await page.goto(`${siteUrl}/${name}/${EXAMPLES[name].page}`);
  await page.evaluate((types) => {
    const seen = [];
    Object.defineProperty(window, '__e2eEvents', { value: seen });
    for (const type of types) {
      document.addEventListener(type, (event) => seen.push({ type, method: event.detail?.method, scope: event.detail?.scope, code: event.detail?.code, id: event.detail?.authenticationMethod?.id }));
    }
  }, ACCOUNT_EVENTS);
  await d.until(`${find('mfa-authenticators[step="idle"]')} !== null && document.querySelector('#step-value').textContent === 'idle'`, '(a) the page to load');
  await click(d, '#fresh-user');
  const fresh = await page.evaluate(() => document.querySelector('#email').value);
  if (!/^demo\+\w+@example\.com$/.test(fresh)) problems.push(`"Use a fresh demo user" set #email to ${JSON.stringify(fresh)}`);
  await page.evaluate(() => {
    document.querySelector('#email').value = '';
  });
  await type(d, '#email', email);
  await click(d, '#signin-button');
  await d.until(`${find('mfa-otp-verify[step="code"]')} !== null`, '(a) <mfa-otp-verify> asking for the code');
  // The code enrolling used is spent: the app's next one (within the tenant's window).
  await type(d, 'mfa-otp-verify >>> [part~=code-input]', totp(enrolled.secret, { time: Date.now() + 30_000 })); // the 6th digit submits
  await step('list', '(a) after the code');
  const verified = (await events()).filter((event) => event.type === 'verified');
  if (verified.length !== 1 || verified[0].method !== 'otp') problems.push(`(a) verified events: ${JSON.stringify(verified)}`);
  // The token the page asked for: the My Account API's scopes, exactly (the grant answers what was asked).
  if (verified[0]?.scope !== MY_ACCOUNT_SCOPE) problems.push(`(a) the token's scope is ${JSON.stringify(verified[0]?.scope)}, want ${JSON.stringify(MY_ACCOUNT_SCOPE)}`);
  if (await page.evaluate(() => document.querySelector('mfa-otp-verify') !== null)) problems.push('(a) <mfa-otp-verify> is still on the page after verified');
  const signedIn = await page.evaluate(() => document.querySelector('#signin-status').textContent);
  if (!signedIn.startsWith(`Signed in as ${email}`)) problems.push(`(a) #signin-status says ${JSON.stringify(signedIn)}`);
  const first = await listed();
  const oldApp = first.filter((item) => item.id?.startsWith('totp|'));
  if (oldApp.length !== 1 || oldApp[0].name !== 'Authenticator app') problems.push(`(a) the list shows ${JSON.stringify(first.map((item) => item.name))}, not one authenticator app`);
  if (!first.some((item) => item.id?.startsWith('recovery-code|') && item.name === 'Recovery code')) problems.push(`(a) the list shows no recovery code: ${JSON.stringify(first.map((item) => item.name))}`);
  const oldId = oldApp[0]?.id;
  if ((await page.evaluate(() => document.querySelector('#step-value').textContent)) !== 'list') problems.push('(a) the step readout does not say list');
  await shoot('account-list.png');
  await leaks('(a) signed in');

  // (b) Add a second authenticator app inline, with a real code.
  await click(d, 'mfa-authenticators >>> [part~=add]');
  await step('adding', '(b) Add');
  const secret = (await textOf(d, 'mfa-authenticators >>> mfa-otp-enroll >>> [part~=secret] .groups')).replace(/\s+/g, '');
  codes.add(secret);
  await d.until(`${find('mfa-authenticators >>> mfa-otp-enroll >>> [part~=qr]')} !== null`, '(b) the QR code');
  await shoot('account-add.png');
  await type(d, 'mfa-authenticators >>> mfa-otp-enroll >>> [part~=code-input]', await currentCode(secret)); // the 6th digit submits
  await d.until(`window.__e2eEvents.some((event) => event.type === 'authenticator-added') && ${find('mfa-authenticators[step="list"]')} !== null`, '(b) authenticator-added');
  const second = await listed();
  const newApp = second.filter((item) => item.id?.startsWith('totp|') && item.id !== oldId);
  if (newApp.length !== 1 || !second.some((item) => item.id === oldId)) problems.push(`(b) the list has ${JSON.stringify(second.map((item) => item.name))}, not the old app and one new`);
  const newId = newApp[0]?.id;
  const added = (await events()).filter((event) => event.type === 'authenticator-added');
  if (added[0]?.id !== newId) problems.push(`(b) authenticator-added names ${JSON.stringify(added[0]?.id)}, the list's new app is ${JSON.stringify(newId)}`);

  // (c) Remove the old one: the element asks first.
  await click(d, `mfa-authenticators >>> [part~=item][data-id="${oldId}"] [part~=remove]`);
  await step('confirm-remove', '(c) Remove');
  await d.until(`${find('mfa-authenticators >>> [part~=confirm-remove]')} !== null`, '(c) the confirmation');
  await shoot('account-confirm-remove.png');
  await click(d, 'mfa-authenticators >>> [part~=confirm-remove]');
  await d.until(`window.__e2eEvents.some((event) => event.type === 'authenticator-removed') && ${find('mfa-authenticators[step="list"]')} !== null`, '(c) authenticator-removed');
  const removed = (await events()).filter((event) => event.type === 'authenticator-removed');
  if (removed.length !== 1 || removed[0].id !== oldId) problems.push(`(c) authenticator-removed events: ${JSON.stringify(removed)} (want the old app ${oldId})`);
  const third = await listed();
  const apps = third.filter((item) => item.id?.startsWith('totp|')).map((item) => item.id);
  if (apps.length !== 1 || apps[0] !== newId) problems.push(`(c) the list's apps are ${JSON.stringify(apps)}, want only the new one`);

  // (d) A new recovery code: it differs; tick saved; Finish.
  await click(d, 'mfa-authenticators >>> [part~=regenerate-recovery-code]');
  await step('new-recovery-code', '(d) Get a new recovery code');
  const fresher = (await textOf(d, 'mfa-authenticators >>> [part~=recovery-codes]')).trim();
  codes.add(fresher);
  if (flat(fresher).length < 8) problems.push(`(d) the new recovery code reads ${JSON.stringify(fresher)}`);
  if (flat(fresher) === flat(enrolled.recoveryCode)) problems.push('(d) the new recovery code is the old one');
  if ((await user()).recoveryCode !== flat(enrolled.recoveryCode)) problems.push('(d) the old recovery code stopped working before the new one was saved');
  if ((await eventCount('recovery-code-regenerated')) !== 0) problems.push('(d) recovery-code-regenerated fired before Finish');
  await shoot('account-new-recovery-code.png');
  await leaks('(d) new recovery code shown');
  await click(d, 'mfa-authenticators >>> [part~=recovery-ack]');
  await click(d, 'mfa-authenticators >>> [part~=finish]');
  await d.until(`window.__e2eEvents.some((event) => event.type === 'recovery-code-regenerated') && ${find('mfa-authenticators[step="list"]')} !== null`, '(d) recovery-code-regenerated');

  // The tenant agrees: one active otp, the new one; the new recovery code in force.
  const after = await user();
  const active = after.authenticators.filter((entry) => entry.authenticator_type === 'otp' && entry.active);
  if (active.length !== 1 || active[0].id !== newId) problems.push(`the tenant's active otp authenticators are ${JSON.stringify(active.map((entry) => entry.id))}, want only ${newId}`);
  if (after.recoveryCode !== flat(fresher)) problems.push('the tenant\'s recovery code is not the new one shown');

  // Let late errors surface, then judge the whole run.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await leaks('at the end');
  const seen = await events();
  const errors = seen.filter((event) => event.type.endsWith('error'));
  if (errors.length > 0) problems.push(`error events: ${JSON.stringify(errors)}`);
  const order = seen.map((event) => event.type).join(', ');
  if (order !== 'verified, authenticator-added, authenticator-removed, recovery-code-regenerated') problems.push(`events: ${order}`);
  if (consoleRefusals.count > refusals) problems.push(`${consoleRefusals.count - refusals} console error(s) for 403 answers of ${tokenUrl} other than mfa_required`);
  const seconds = (performance.now() - started) / 1000;
  return {
    name,
    ok: problems.length === 0,
    line: `${name} (${browser}): verified (otp), added, removed the old app, new recovery code, ${active.length} active otp, ${seconds.toFixed(1)} s`,
    failures: problems,
  };
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  let selected = names.length > 0 ? [...new Set(names)] : Object.keys(EXAMPLES).filter((name) => doBuild || EXAMPLES[name].prepare || EXAMPLES[name].dir());
  if (names.length === 0 && doBuild) selected = selected.filter((name) => EXAMPLES[name].workspace === '' || existsSync(path.join(ROOT, EXAMPLES[name].workspace, 'package.json')));
  // The demo page builds the elements from src/; every other example uses the package's dist/.
  if (selected.some((name) => !EXAMPLES[name].prepare) && !existsSync(path.join(ROOT, 'dist/index.js'))) {
    console.error('e2e: the package is not built: run `npm run build` at the root first');
    return 1;
  }

  // The stand-in first: the demo page is built with its URL. HTTPS too, for the SDK examples.
  const tenant = await startTenant({ port: 0, https: { port: 0 } });
  const tenantFor = new Map();
  let site;
  let browser;
  /** @type {Awaited<ReturnType<typeof launchWebKit>> | undefined} */
  let webkit;
  const results = [];
  const toRun = [];
  try {
    const builds = new Map();
    const since = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    for (const name of selected) {
      const { workspace, buildEnv, prepare } = EXAMPLES[name];
      const t0 = performance.now();
      if (prepare) {
        builds.set(name, { names: [name], promise: prepare(tenant.url).then(() => `built the ${name} page in ${since(t0)}`, (error) => error) });
      } else if (doBuild && workspace) {
        const same = builds.get(workspace);
        if (same) same.names.push(name);
        else builds.set(workspace, { names: [name], promise: buildWorkspace(workspace, buildEnv).then(() => `built ${workspace} in ${since(t0)}`, (error) => error) });
      }
    }
    for (const [what, { names: built, promise }] of builds) {
      const outcome = await promise;
      if (outcome instanceof Error) {
        console.log(`build failed: ${what}\n${indent(outcome.stack ?? outcome.message)}`);
        for (const name of built) results.push({ name, ok: false, line: `${name}: not built`, failures: [] });
      } else {
        console.log(outcome);
      }
    }
    const runnable = selected.filter((name) => !results.some((r) => r.name === name));
    for (const name of runnable.filter((n) => !EXAMPLES[n].dir())) {
      results.push({ name, ok: false, line: `${name}: no build (run with --build)`, failures: [] });
    }
    toRun.push(...runnable.filter((name) => EXAMPLES[name].dir()));
    if (toRun.some((name) => EXAMPLES[name].workspace === 'demo/react') && !isReactDevBuild()) {
      console.log('note: demo/react/dist is React\'s production build, where <StrictMode> does nothing; --build makes a development build');
    }

    site = await startStatic(tenantFor);
    if (toRun.length > 0) {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          // Trust exactly the stand-in's certificate (made at its start), nothing else.
          `--ignore-certificate-errors-spki-list=${tenant.certificate.spkiSha256}`,
        ],
      });
    }
    if (toRun.some((name) => EXAMPLES[name].webkit || EXAMPLES[name].run === runAccount)) webkit = await launchWebKit();
    for (const name of toRun) {
      const run = EXAMPLES[name].run ?? runExample;
      // In Chromium; then, for some, the same run in WebKit (Playwright's calls over WebDriver), a line of its own.
      const engines = EXAMPLES[name].webkit ? [browser, webkit] : [browser];
      for (const engine of engines) {
        const label = engine === webkit ? `${name} (webkit)` : name;
        const result = await run(name, { browser: engine, webkit, tenantUrl: tenant.url, tenantHttpsUrl: tenant.httpsUrl, siteUrl: site.url, tenantFor }).catch((error) => ({
          name,
          ok: false,
          line: `${name}: failed`,
          failures: [error.message.split('\n')[0], ...(error.problems ?? [])],
        }));
        // A scenario may answer one result per browser (the account page: Chromium, Firefox, WebKit).
        for (const each of [result].flat()) {
          if (label !== name) each.line = each.line.replace(name, label);
          results.push(each);
          console.log(each.line);
          for (const failure of each.failures) console.log(indent(failure));
        }
      }
    }
  } finally {
    await browser?.close();
    await webkit?.close();
    await site?.close();
    await tenant.close();
    for (const { temp } of demoBuilds.values()) await rm(temp, { recursive: true, force: true });
  }
  for (const result of results.filter((r) => !toRun.includes(r.name))) console.log(result.line);

  const passed = results.filter((r) => r.ok).length;
  console.log(`e2e: ${passed} passed, ${results.length - passed} failed`);
  return passed === results.length && results.length > 0 ? 0 : 1;
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}

/** Whether the React example was built with React's development build (StrictMode active). */
function isReactDevBuild() {
  const assets = path.join(ROOT, 'demo/react/dist/assets');
  if (!existsSync(assets)) return false;
  return readdirSync(assets).some((file) => file.endsWith('.js') && readFileSync(path.join(assets, file), 'utf8').match(/react[-_]stack[-_]bottom[-_]frame/));
}

// A full --build run takes about three minutes on two busy cores; this only catches a hang.
const timer = setTimeout(() => {
  console.error('e2e: still running after 420 s, giving up');
  process.exit(1);
}, 420_000);
timer.unref();

process.exitCode = await main().catch((error) => {
  console.error(`e2e: ${error.stack ?? error}`);
  return 1;
});
