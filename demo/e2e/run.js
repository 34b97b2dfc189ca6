#!/usr/bin/env node
// End-to-end check of the framework examples: each one signs a fresh user in against the stand-in
// tenant, enrolls an authenticator through <mfa-otp-enroll> in Chromium, and must end with
// `#status` = "enrolled", one POST /mfa/associate, and a clean console.
//
//   node demo/e2e/run.js [--build] [example ...]
//
// Examples: react, react-element, vue, script-classic, script-module, angular. Without names, every
// example whose build exists. --build builds the named examples first (npm run build -w demo/<fw>);
// the package itself must be built already (npm run build at the root).
//
// The contract every example page keeps (see demo/e2e/README.md):
//   - it reads ./tenant.json (relative to the page) → { "domain": "<tenant base URL>", "clientId": "…" };
//   - it has an email input #email (prefilled with a fresh address) and a button #sign-in that runs
//     the password grant against `domain` and hands the mfa_token to <mfa-otp-enroll>;
//   - #status reads "enrolled" once the `enrolled` event reached the app's state, or
//     "error: <code>" on `enroll-error`.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';
import { startTenant } from '../../tenant/server.js';
import { listen } from '../../tenant/listen.js';
import { totp } from '../../tenant/totp.js';

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
  },
  'script-module': {
    workspace: '',
    dir: () => (existsSync(path.join(ROOT, 'dist/index.js')) ? built('demo/script-tag', 'module.html') : undefined),
    page: 'module.html',
  },
  angular: { workspace: 'demo/angular', dir: angularDir, page: '' },
};

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
 * installed one (`lit@3` → 3.3.3). The package itself is served from the root with only what it
 * publishes (dist/, package.json); the others from node_modules.
 */
async function serveCdn(pathname, res) {
  const match = /^\/cdn\/((?:@[^/@]+\/)?[^/@]+)@([^/]+)(\/.*)?$/.exec(pathname);
  if (!match) return send(res, 404, 'not a CDN path: /cdn/<name>@<version>/<file>');
  const [, name, spec, rest = '/'] = match;
  const self = name === PACKAGE.name;
  const dir = self ? ROOT : path.join(ROOT, 'node_modules', name);
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

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/** @param {Map<string, { domain: string, clientId: string }>} tenantFor */
async function startStatic(tenantFor) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, String(error?.message ?? error)));
  });
  async function handle(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
    if (pathname === '/favicon.ico') return send(res, 204, '');
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

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(path.join(ROOT, 'dist/index.js'))) {
    console.error('e2e: the package is not built: run `npm run build` at the root first');
    return 1;
  }
  let selected = names.length > 0 ? [...new Set(names)] : Object.keys(EXAMPLES).filter((name) => doBuild || EXAMPLES[name].dir());
  if (names.length === 0 && doBuild) selected = selected.filter((name) => EXAMPLES[name].workspace === '' || existsSync(path.join(ROOT, EXAMPLES[name].workspace, 'package.json')));

  const results = [];
  if (doBuild) {
    const done = new Map();
    for (const name of selected) {
      const { workspace, buildEnv } = EXAMPLES[name];
      if (!workspace) continue;
      if (!done.has(workspace)) {
        const t0 = performance.now();
        done.set(workspace, buildWorkspace(workspace, buildEnv).then(() => `built ${workspace} in ${((performance.now() - t0) / 1000).toFixed(1)} s`, (error) => error));
      }
    }
    for (const [workspace, promise] of done) {
      const outcome = await promise;
      if (outcome instanceof Error) {
        console.log(`build failed: ${workspace}\n${indent(outcome.message)}`);
        for (const name of selected.filter((n) => EXAMPLES[n].workspace === workspace)) {
          results.push({ name, ok: false, line: `${name}: not built`, failures: [] });
        }
      } else {
        console.log(outcome);
      }
    }
  }
  const runnable = selected.filter((name) => !results.some((r) => r.name === name));
  for (const name of runnable.filter((n) => !EXAMPLES[n].dir())) {
    results.push({ name, ok: false, line: `${name}: no build (run with --build)`, failures: [] });
  }
  const toRun = runnable.filter((name) => EXAMPLES[name].dir());
  if (toRun.some((name) => EXAMPLES[name].workspace === 'demo/react') && !isReactDevBuild()) {
    console.log('note: demo/react/dist is React\'s production build, where <StrictMode> does nothing; --build makes a development build');
  }

  const tenant = await startTenant({ port: 0 });
  const tenantFor = new Map();
  const site = await startStatic(tenantFor);
  let browser;
  try {
    if (toRun.length > 0) {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
    }
    for (const name of toRun) {
      const result = await runExample(name, { browser, tenantUrl: tenant.url, siteUrl: site.url, tenantFor }).catch((error) => ({
        name,
        ok: false,
        line: `${name}: failed`,
        failures: [error.message.split('\n')[0]],
      }));
      results.push(result);
      console.log(result.line);
      for (const failure of result.failures) console.log(indent(failure));
    }
  } finally {
    await browser?.close();
    await site.close();
    await tenant.close();
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

const timer = setTimeout(() => {
  console.error('e2e: still running after 110 s, giving up');
  process.exit(1);
}, 110_000);
timer.unref();

process.exitCode = await main().catch((error) => {
  console.error(`e2e: ${error.stack ?? error}`);
  return 1;
});
