// The one list of what a browser's automation can't do, and so of every test skipped there, with
// the reason. A test that needs one of these says so with the tag in its title ("… [cdp]"); the
// helpers skip it where the tag is unsupported (`skipUnsupported` in widget-core.ts, before every
// test), and the summary at the end of each run lists each skipped test with its reason (and
// fails a tagged test that ran where it can't). A reason is a capability a driver lacks: never
// "flaky" (a test that fails now and then has a cause to find).
//
// Plain JavaScript: the test pages and the test runner (Node) both read it.

/** @typedef {'chromium' | 'firefox' | 'webkit'} Browser */

/** @type {Record<string, { readonly missingIn: readonly Browser[], readonly reason: string }>} */
export const UNSUPPORTED = {
  cdp: {
    missingIn: ['firefox', 'webkit'],
    reason:
      'needs the Chrome DevTools Protocol (failing requests at the network layer, reading the heap after a garbage collection, ' +
      'emulating prefers-color-scheme): Firefox is driven over WebDriver BiDi and WebKit over WebDriver classic, which have none of these',
  },
  'chromium-screenshots': {
    missingIn: ['firefox', 'webkit'],
    reason:
      "compares with screenshots of Chromium's rendering (fonts and anti-aliasing differ in the other engines); " +
      "WebKit's driver also returns element screenshots black",
  },
};

/**
 * The engine behind a user agent string: Chromium's says Chrome, Firefox's Firefox, and WebKit's
 * (MiniBrowser here, Safari elsewhere) neither.
 * @param {string} userAgent
 * @returns {Browser}
 */
export function browserOf(userAgent) {
  if (/Chrome\//.test(userAgent)) return 'chromium';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  return 'webkit';
}

/**
 * Why `browser` can't run the test of this title (its tags, `[name]`, looked up above), or
 * `undefined` when it can.
 * @param {string} title the test's full title (with its suites', whose tags count too)
 * @param {Browser} browser
 * @returns {string | undefined}
 */
export function unsupportedBecause(title, browser) {
  for (const [, tag] of title.matchAll(/\[([a-z-]+)\]/g)) {
    const entry = tag === undefined ? undefined : UNSUPPORTED[tag];
    if (entry?.missingIn.includes(browser)) return `[${tag}] ${entry.reason}`;
  }
  return undefined;
}
