#!/usr/bin/env node
// `npm run bench` (= `npm run build && node bench/run.js`): figures, not pass/fail. Sizes of the
// built outputs, and timings in Debian's Chromium for the widget against a naive baseline. Prints a
// table and writes the same to docs/benchmarks.md. Everything runs on this machine: the pages on
// localhost, the stand-in tenant on 127.0.0.1, both on free ports, both closed at the end.
//
// BENCH_RUNS (default 15, at least 10) sets the runs per timed figure.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { measureEnroll, measureEval, measureHeap, measurePush, measureQr, measureSignIn } from './measure.js';
import { startPageServer } from './server.js';
import { buildReport } from './report.js';
import { measureSizes } from '../scripts/sizes.js';
import { startBenchTenant } from './tenant.js';

const RUNS = Math.max(10, Number(process.env.BENCH_RUNS) || 15);
const HEAP_CYCLES = 200;
/** What the stand-in adds to each answer for the sign-in figures: a round trip to a far tenant. */
const LATENCY_MS = 150;
/** How long the push figures watch: six polls' worth of waiting, then two away spells of two polls' worth each. */
const PUSH_WAIT = { waitMs: 30_000, awayMs: 10_000 };
/**
 * The default bench must end well within 4 minutes, plus the push figures' fixed watch; past
 * this it gives up and says so. More runs (BENCH_RUNS=41 steadies the cold figures) get
 * proportionally more time.
 */
const DEADLINE_MS = Math.round((230_000 * Math.max(RUNS, 15)) / 15) + PUSH_WAIT.waitMs + 2 * PUSH_WAIT.awayMs;

// Two otpauth URIs of Auth0's shape: a typical one (~120 characters) and a long one (~300: long
// issuer and account names), both with a 160-bit secret as Auth0 issues.
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const otpauth = (issuer, account) =>
  `otpauth://totp/${issuer}:${account}?secret=${SECRET}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30`;
const URIS = {
  typical: otpauth('Acme', 'jane%40example.com'),
  long: otpauth(
    'Northwind%20Traders%20Customer%20Identity%20Platform',
    'alexandra.konstantinopoulou%2Bmfa-enrollment%40accounts.eu-west.northwind-traders.example.com',
  ),
};

const dist = new URL('../dist/mfa-otp-enroll.global.js', import.meta.url);
if (!existsSync(dist)) {
  console.error('bench: dist/ is missing: run `npm run build` first (`npm run bench` does).');
  process.exit(1);
}

const started = performance.now();
let pages;
let tenant;
let browser;

async function closeAll() {
  const results = await Promise.allSettled([browser?.close(), pages?.close(), tenant?.close()]);
  for (const result of results) if (result.status === 'rejected') console.error('bench: while closing:', result.reason);
}

const watchdog = setTimeout(async () => {
  console.error(`bench: not done after ${DEADLINE_MS / 1000} s, giving up`);
  await closeAll();
  process.exit(1);
}, DEADLINE_MS);
watchdog.unref();

/** Logs progress to stderr, so stdout holds only the tables. */
const progress = (text) => process.stderr.write(`bench: ${text} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);

try {
  progress('sizes');
  const sizes = await measureSizes();

  pages = await startPageServer();
  tenant = await startBenchTenant();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--js-flags=--expose-gc', // window.gc() for the heap figure
      '--enable-precise-memory-info', // performance.memory not rounded
    ],
  });

  progress(`script evaluation, ${RUNS} fresh pages`);
  const evaluation = await measureEval(browser, pages.url, RUNS);
  progress(`QR encode + render, ${RUNS} runs × 2 ways × 2 URIs, cold and warm`);
  const qr = await measureQr(browser, pages.url, URIS, RUNS);
  progress(`associate response → QR painted, ${RUNS} runs × widget and baseline`);
  const enroll = await measureEnroll(browser, pages.url, await tenant.createTenant(), RUNS);
  progress(`sign-in again, mount → code usable → verified, ${LATENCY_MS} ms per answer, ${RUNS} runs × widget and baseline`);
  const signIn = await measureSignIn(browser, pages.url, await tenant.createTenant({ latencyMs: LATENCY_MS }), RUNS);
  progress(`heap, ${HEAP_CYCLES} insert/remove cycles and the control`);
  const heap = await measureHeap(browser, pages.url, await tenant.createTenant(), HEAP_CYCLES);

  progress(`waiting for a push: polls in ${PUSH_WAIT.waitMs / 1000} s, then ${PUSH_WAIT.awayMs / 1000} s removed and ${PUSH_WAIT.awayMs / 1000} s in a hidden tab`);
  const push = await measurePush(browser, pages.url, await tenant.createTenant({}), PUSH_WAIT);
  const report = buildReport({ runs: RUNS, uris: URIS, sizes, evaluation, qr, enroll, signIn, push, pushWait: PUSH_WAIT, latencyMs: LATENCY_MS, heap, chromiumVersion: browser.version() });
  console.log(report.text);
  const docs = new URL('../docs/', import.meta.url);
  mkdirSync(docs, { recursive: true });
  writeFileSync(new URL('benchmarks.md', docs), report.markdown);
  progress('done; wrote docs/benchmarks.md');
  await closeAll();
  clearTimeout(watchdog);
} catch (error) {
  console.error('bench: failed:', error);
  await closeAll();
  process.exit(1);
}
