// WebKit, Safari's engine, for the end-to-end runs: WebKitGTK's MiniBrowser over WebDriver classic
// (webdriverio), behind the few Playwright calls the demo, account and script-tag runs make, so
// they run unchanged. A context is a WebDriver session of its own (one at a time: one session per
// driver). WebDriver classic reports nothing a page does: pages opened here get demo/e2e/watch.js
// first (the harness's server adds it for `?e2e-watch`), whose record is read after every call
// and handed to the page's `console`, `pageerror` and `response` listeners.
import { Buffer } from 'node:buffer';
import { writeFile } from 'node:fs/promises';
import { remote } from 'webdriverio';
import { startWebKitDriver } from '../../scripts/webkit-driver.js';

const POLL_MS = 100;

/** The query that makes the harness's server put watch.js first in a page. */
export const WATCH_QUERY = 'e2e-watch';

/**
 * Finds an element through open shadow roots, as Playwright's CSS locators do: each selector of
 * the chain is looked for in the last one found (its shadow root first, then its light DOM, then
 * shadow roots nested in them). `role` (a button's name) matches on text instead. Runs in the page.
 * @param {string[]} chain
 * @param {string | null} buttonName
 */
function pierce(chain, buttonName) {
  const within = (scope, test) => {
    const roots = [scope];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i].querySelectorAll('*')) {
        if (test(el)) return el;
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return null;
  };
  let scope = document;
  let found = null;
  for (const selector of chain) {
    found = within(scope, (el) => el.matches(selector));
    if (!found) return null;
    scope = found.shadowRoot ?? found;
  }
  if (buttonName !== null) {
    const named = (el) => el.localName === 'button' && (el.getAttribute('aria-label') ?? el.textContent.replace(/\s+/g, ' ').trim()) === buttonName;
    found = within(found ?? document, named);
  }
  return found;
}

/**
 * Starts the driver (on a display of its own) and answers a Playwright-like browser.
 * @returns {Promise<{ newContext(): Promise<{ newPage(): Promise<WebKitPage>, close(): Promise<void> }>, close(): Promise<void> }>}
 */
export async function launchWebKit() {
  const driver = await startWebKitDriver();
  return {
    async newContext() {
      const session = await remote({
        hostname: '127.0.0.1',
        port: driver.port,
        logLevel: 'error',
        capabilities: { browserName: 'MiniBrowser', 'wdio:enforceWebDriverClassic': true },
      });
      return {
        newPage: async () => new WebKitPage(session),
        close: () => session.deleteSession(),
      };
    },
    close: () => driver.stop(),
  };
}

/** The Playwright Page calls the runs make, over one WebDriver session. */
class WebKitPage {
  /** @param {WebdriverIO.Browser} session */
  constructor(session) {
    this.session = session;
    this.timeout = 30_000;
    /** @type {Map<string, Function[]>} */
    this.listeners = new Map();
    /** @type {[Function, unknown][]} */
    this.initScripts = [];
    this.keyboard = { type: (text) => this.type(text) };
  }

  setDefaultTimeout(ms) {
    this.timeout = ms;
  }

  on(event, listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  /** Run after each load (WebDriver classic has no earlier hook; the runs' scripts only listen). */
  async addInitScript(script, arg) {
    this.initScripts.push([script, arg]);
  }

  async goto(url) {
    const watched = new URL(url);
    watched.searchParams.set(WATCH_QUERY, '');
    await this.session.url(String(watched));
    // WebKit's driver answers at DOMContentLoaded's eve, before the page's modules ran; Playwright's
    // goto waits for the load event.
    await this.until(() => this.session.execute(() => document.readyState === 'complete'), `${url} to load`);
    for (const [script, arg] of this.initScripts) await this.session.execute(script, arg);
    await this.collect();
  }

  /** Hands what watch.js recorded since the last call to the page's listeners. */
  async collect() {
    const seen = /** @type {any[]} */ (await this.session.execute(() => window.__e2eWatch?.splice(0) ?? []));
    for (const entry of seen) {
      if (entry.kind === 'pageerror') this.emit('pageerror', new Error(entry.message));
      if (entry.kind === 'console') this.emit('console', { type: () => 'error', text: () => entry.text, location: () => ({}) });
      if (entry.kind === 'response') {
        this.emit('response', {
          url: () => entry.url,
          status: () => entry.status,
          request: () => ({ method: () => entry.method, postData: () => entry.postData }),
          json: async () => JSON.parse(entry.body),
        });
      }
    }
  }

  emit(event, value) {
    for (const listener of this.listeners.get(event) ?? []) listener(value);
  }

  /** A function (with one argument) or an expression, run in the page. */
  async evaluate(script, arg) {
    const result = typeof script === 'function' ? await this.session.execute(script, arg) : await this.session.execute(`return (${script});`);
    await this.collect();
    return result;
  }

  /** An element a page-side expression finds, as a handle that clicks and focuses. */
  async evaluateHandle(expression) {
    const element = await this.session.execute(`return (${expression});`);
    if (!element) throw new Error(`nothing found by ${expression.slice(0, 80)}`);
    return {
      asElement: () => ({
        click: () => this.clickAt(element),
        focus: () => this.session.execute((el) => el.focus(), element),
      }),
      dispose: async () => {},
    };
  }

  /**
   * A person's click: the pointer at the element's middle, pressed and released (a WebDriver
   * element click refuses a field inside a shadow root as "intercepted").
   */
  async clickAt(element) {
    const { x, y } = /** @type {{ x: number, y: number }} */ (
      await this.session.execute((el) => {
        el.scrollIntoView({ block: 'center' });
        const box = el.getBoundingClientRect();
        return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
      }, element)
    );
    await this.session.performActions([
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: 'viewport', x, y },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ]);
    await this.session.releaseActions();
    await this.collect();
  }

  /** Types into the focused element key by key, each pressed and released (see the test runner's WebKit launcher). */
  async type(text) {
    for (const key of text) {
      await this.session.performActions([{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }] }]);
    }
    await this.session.releaseActions();
    await this.collect();
  }

  async waitForFunction(fn, arg) {
    await this.until(() => this.evaluate(fn, arg), `waitForFunction(${String(fn).slice(0, 80)})`);
  }

  async waitForTimeout(ms) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.collect();
  }

  /** Polls `check` until it answers something truthy; throws after the default timeout. */
  async until(check, what, timeout = this.timeout) {
    const deadline = performance.now() + timeout;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (performance.now() > deadline) throw new Error(`${what}: not within ${timeout / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async screenshot({ path }) {
    await writeFile(path, Buffer.from(await this.session.takeScreenshot(), 'base64'));
  }

  locator(selector) {
    return new WebKitLocator(this, [selector], null);
  }

  getByRole(role, { name }) {
    if (role !== 'button') throw new Error(`getByRole(${role}) is not implemented for WebKit`);
    return new WebKitLocator(this, [], name);
  }
}

/** The Playwright Locator calls the runs make: found afresh through shadow roots each time. */
class WebKitLocator {
  /** @param {WebKitPage} page @param {string[]} chain @param {string | null} buttonName */
  constructor(page, chain, buttonName) {
    this.page = page;
    this.chain = chain;
    this.buttonName = buttonName;
  }

  locator(selector) {
    return new WebKitLocator(this.page, [...this.chain, selector], this.buttonName);
  }

  first() {
    return this;
  }

  get expression() {
    return `(${pierce})(${JSON.stringify(this.chain)}, ${JSON.stringify(this.buttonName)})`;
  }

  get description() {
    return this.buttonName === null ? this.chain.join(' >> ') : `the button "${this.buttonName}"`;
  }

  /** Runs `fn(element)` in the page once the element is there (and, for `visible`, shown). */
  async evaluate(fn, { state = 'attached', timeout } = {}) {
    const shown = state === 'visible' ? '&& el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"' : '';
    const script = `const el = ${this.expression}; if (!(el ${shown})) return { missing: true }; return { value: (${fn})(el) };`;
    const { value } = await this.page.until(
      async () => {
        const answer = /** @type {{ missing?: boolean, value?: unknown }} */ (await this.page.session.execute(script));
        return answer.missing ? null : answer;
      },
      `${this.description} to be ${state}`,
      timeout,
    );
    await this.page.collect();
    return value;
  }

  async waitFor({ state = 'visible' } = {}) {
    await this.evaluate(() => true, { state });
  }

  textContent({ timeout } = {}) {
    return this.evaluate((el) => el.textContent, { timeout });
  }

  inputValue() {
    return this.evaluate((el) => el.value);
  }

  /** Clicks once the element is shown and enabled, as Playwright waits for it. */
  async click() {
    const ready = `const el = ${this.expression}; return el && !el.disabled && el.getClientRects().length > 0 ? el : null;`;
    const element = await this.page.until(() => this.page.session.execute(ready), `${this.description} to be shown and enabled`);
    await this.page.clickAt(element);
  }

  async check() {
    if (!(await this.evaluate((el) => el.checked, { state: 'visible' }))) await this.click();
  }

  async pressSequentially(text) {
    await this.evaluate((el) => el.focus(), { state: 'visible' });
    await this.page.type(text);
  }
}
