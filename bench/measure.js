// The browser measurements. Each function takes the launched browser and the two servers' URLs and
// returns raw per-run values; run.js summarizes and prints them.

/** Opens a page that fails the bench on any uncaught error in it, instead of timing a broken page. */
async function openPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.check = () => {
    if (errors.length) throw new Error(`page error: ${errors[0].message}`);
  };
  return page;
}

/** A fresh browser context per page: its own HTTP and code caches, so nothing is compiled yet (a first visit). */
async function withFreshPage(browser, url, fn) {
  const context = await browser.newContext();
  try {
    return await withPage(context, url, fn);
  } finally {
    await context.close();
  }
}

/**
 * 2. The global script's evaluation and element definition, on a fresh page each run: from the
 * mark before its <script> to the mark after it. Should the script's bytes still be on their way
 * when the first mark runs, the wait is not counted: the time starts at its responseEnd.
 */
export async function measureEval(browser, pagesUrl, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const mark = await withFreshPage(browser, `${pagesUrl}/bench/eval.html`, (page) =>
      page.evaluate(() => {
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dist/mfa-otp-enroll.global.js'));
        return { ...window.benchEval, responseEnd: script?.responseEnd ?? 0 };
      }),
    );
    if (!mark.defined) throw new Error('eval: <mfa-otp-enroll> not defined after its script ran');
    ms.push(mark.end - Math.max(mark.start, mark.responseEnd));
  }
  return { ms };
}

/**
 * 3. QR encode + render until painted, the widget's way against the naive baseline, for each URI.
 * Cold: a fresh page per measurement (the first QR a visitor sees, code not yet compiled).
 * Warm: one page per way, a few unmeasured rounds first (a redraw, JIT-compiled).
 */
export async function measureQr(browser, pagesUrl, uris, runs) {
  const ways = ['qr-widget', 'qr-naive'];
  const results = {};
  for (const way of ways) for (const name of Object.keys(uris)) results[`${way}/${name}/cold`] = [];
  for (const way of ways) for (const name of Object.keys(uris)) results[`${way}/${name}/warm`] = [];

  // Cold, interleaved: each run visits every (way, URI) pair, the order rotated run to run so that
  // neither way always goes first.
  const pairs = ways.flatMap((way) => Object.keys(uris).map((name) => [way, name]));
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < pairs.length; j++) {
      const [way, name] = pairs[(i + j) % pairs.length];
      const result = await withFreshPage(browser, `${pagesUrl}/bench/qr.html?way=${way}`, async (page) => {
        await page.waitForFunction(() => window.bench !== undefined);
        return page.evaluate((uri) => window.bench.measure(uri), uris[name]);
      });
      results[`${way}/${name}/cold`].push(result);
    }
  }

  // Warm, the two ways in turn so that both see the same machine state.
  const context = await browser.newContext();
  try {
    const pages = {};
    for (const way of ways) {
      pages[way] = await openPage(context);
      await pages[way].goto(`${pagesUrl}/bench/qr.html?way=${way}`, { waitUntil: 'load' });
      await pages[way].waitForFunction(() => window.bench !== undefined);
      await pages[way].bringToFront();
      for (let k = 0; k < 5; k++) for (const uri of Object.values(uris)) await pages[way].evaluate((u) => window.bench.measure(u), uri);
    }
    for (let i = 0; i < runs; i++) {
      for (const way of i % 2 ? [...ways].reverse() : ways) {
        // Only the page in front gets frames at full rate.
        await pages[way].bringToFront();
        for (const [name, uri] of Object.entries(uris)) {
          results[`${way}/${name}/warm`].push(await pages[way].evaluate((u) => window.bench.measure(u), uri));
        }
      }
    }
    for (const page of Object.values(pages)) page.check();
  } finally {
    await context.close();
  }
  return results;
}

/**
 * 4 and 5. The real widget against the stand-in tenant: associate response's end → QR painted, in
 * frames and ms, and the enrollment's layout shifts; and the naive baseline page on the same path.
 * A fresh page and a new user's mfa_token per run; widget and baseline alternate who goes first.
 */
export async function measureEnroll(browser, pagesUrl, tenant, runs) {
  const widget = [];
  const naive = [];
  const context = await browser.newContext();
  const once = async (page, list) => {
    const token = await tenant.mfaToken();
    const result = await withPage(context, `${pagesUrl}/bench/${page}`, (p) => p.evaluate((args) => window.enroll(args), { domain: tenant.base, token }));
    list.push(result);
  };
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? [['enroll-naive.html', naive], ['enroll.html', widget]] : [['enroll.html', widget], ['enroll-naive.html', naive]];
      for (const [page, list] of order) await once(page, list);
    }
  } finally {
    await context.close();
  }
  return { widget, naive };
}

/**
 * 5b. Signing in again, the real <mfa-otp-verify> against the naive list → challenge → render page,
 * with the tenant adding `latencyMs` to every answer: mount → code field usable, and mount →
 * `verified` with the code typed (both pages type alike, see pages/typing.js). A fresh page and a
 * freshly enrolled user per run; widget and baseline alternate who goes first.
 */
export async function measureSignIn(browser, pagesUrl, tenant, runs) {
  const widget = [];
  const naive = [];
  const context = await browser.newContext();
  const once = async (page, list) => {
    const { token, code } = await tenant.signInAgain();
    const args = { domain: tenant.base, clientId: 'demo-spa-client', token, code };
    list.push(await withPage(context, `${pagesUrl}/bench/${page}`, (p) => p.evaluate((a) => window.signIn(a), args)));
  };
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? [['sign-in-naive.html', naive], ['sign-in.html', widget]] : [['sign-in.html', widget], ['sign-in-naive.html', naive]];
      for (const [page, list] of order) await once(page, list);
    }
  } finally {
    await context.close();
  }
  return { widget, naive };
}

/**
 * 5c. Waiting for a push (issue 21): <mfa-otp-enroll factors="push"> with its QR up and nothing
 * scanned, against a tenant that polices the pace as Auth0 does: the polls in `waitMs` (per
 * minute), then in `awayMs` with the element out of the page, and in `awayMs` back in a hidden tab
 * (target 0 for both). The real poll interval (5 s): this takes `waitMs + 2 × awayMs`.
 */
export async function measurePush(browser, pagesUrl, tenant, { waitMs, awayMs }) {
  const context = await browser.newContext();
  try {
    const args = { domain: tenant.base, clientId: 'demo-spa-client', token: await tenant.mfaToken(), waitMs, awayMs };
    return await withPage(context, `${pagesUrl}/bench/push.html`, (p) => p.evaluate((a) => window.pushPolling(a), args));
  } finally {
    await context.close();
  }
}

async function withPage(context, url, fn) {
  const page = await openPage(context);
  try {
    await page.goto(url, { waitUntil: 'load' });
    const result = await fn(page);
    page.check();
    return result;
  } finally {
    await page.close();
  }
}

/**
 * 6. Heap before and after `cycles` insert/remove cycles of a widget whose associate request the
 * tenant holds for 2 s (so each is removed with its request pending); then the same for the bare
 * request without the widget (the control). Garbage is collected before each reading (the page's
 * gc() from --expose-gc, then CDP's collectGarbage, twice). WARM_UP unmeasured cycles go first:
 * with only one, the next few dozen cycles still add ~90 KB of optimized code, which is JIT
 * warm-up, not growth.
 */
const WARM_UP = 20;

export async function measureHeap(browser, pagesUrl, tenant, cycles) {
  await tenant.addFault({ method: 'POST', path: '/mfa/associate', status: 200, delayMs: 2000, body: '{}', times: 1000 });
  const token = await tenant.mfaToken();
  const args = { domain: tenant.base, token };
  /** Requests to /mfa/associate the tenant has seen so far, by method. */
  const seen = async () => {
    const log = (await tenant.requests()).filter((r) => r.path === '/mfa/associate');
    return { post: log.filter((r) => r.method === 'POST').length, preflight: log.filter((r) => r.method === 'OPTIONS').length };
  };
  const results = {};
  for (const [name, fn] of [['widget', 'cycles'], ['bare', 'bareCycles']]) {
    const context = await browser.newContext();
    try {
      const page = await openPage(context);
      const cdp = await context.newCDPSession(page);
      await page.goto(`${pagesUrl}/bench/heap.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.cycles !== undefined);
      const heap = async () => {
        for (let i = 0; i < 2; i++) {
          await page.evaluate(() => window.gc());
          await cdp.send('HeapProfiler.collectGarbage');
        }
        // usedSize: V8's JS heap; embedderHeapUsedSize: Blink's C++ heap (DOM, AbortSignals, …).
        const { usedSize, embedderHeapUsedSize } = await cdp.send('Runtime.getHeapUsage');
        const memory = await page.evaluate(() => performance.memory.usedJSHeapSize);
        return { js: usedSize, blink: embedderHeapUsedSize, memory };
      };
      const run = (count) => page.evaluate(([f, a]) => window[f](a), [fn, { ...args, count }]);
      const seenBefore = await seen();
      await run(WARM_UP);
      const before = await heap();
      const started = performance.now();
      await run(cycles);
      const cycleMs = performance.now() - started;
      const after = await heap();
      page.check();
      const seenAfter = await seen();
      // What reached the tenant: a request aborted during its CORS preflight never sends its POST.
      const reached = { post: seenAfter.post - seenBefore.post, preflight: seenAfter.preflight - seenBefore.preflight };
      results[name] = { before, after, cycleMs, reached };
    } finally {
      await context.close();
    }
  }
  return { ...results, cycles, warmUp: WARM_UP };
}
