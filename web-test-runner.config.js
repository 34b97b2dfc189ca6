import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { defaultReporter } from '@web/test-runner';
import { summaryReporter } from './scripts/summary-reporter.js';
import { startTenant } from './tenant/server.js';

/**
 * `qrcode` and `jsqr` ship CommonJS only. Browsers load ES modules, so each is
 * served as one ES module bundled by esbuild (what Vite does for the build).
 */
function commonjsAsEsm(paths) {
  return {
    name: 'commonjs-as-esm',
    async serve(context) {
      if (!paths.some((path) => context.path.endsWith(path))) return undefined;
      const result = await build({
        entryPoints: [new URL(`.${context.path}`, import.meta.url).pathname],
        bundle: true,
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}

let tenant;

/**
 * Starts the stand-in tenant with the test server and tells each test page
 * where it is. It listens on 127.0.0.1 while pages load from localhost, so
 * every call the widget makes is cross-origin, with CORS, as with Auth0.
 */
function standInTenant() {
  return {
    name: 'stand-in-tenant',
    async serverStart() {
      tenant = await startTenant({ port: 0 });
    },
    async serverStop() {
      await tenant?.close();
    },
    serve(context) {
      if (context.path === '/__tenant.js') {
        return { body: `export const TENANT_URL = ${JSON.stringify(tenant.url)};`, type: 'js' };
      }
      // The languages the package ships, found in src/locales/ (test/locales.test.ts checks each).
      if (context.path === '/__locales.js') {
        const tags = readdirSync(new URL('./src/locales/', import.meta.url)).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3));
        return { body: `export const LOCALES = ${JSON.stringify(tags)};`, type: 'js' };
      }
    },
  };
}

/** Where the browser saves downloads in this run: a new folder, removed at the end. */
export const downloadDir = mkdtempSync(join(tmpdir(), 'mfa-otp-downloads-'));
process.once('exit', () => rmSync(downloadDir, { recursive: true, force: true }));

/**
 * `downloaded-file` answers the text of a file the browser saved in `folder()`, by name, and
 * deletes it; `false` while there is none (`null` would read as "no such command").
 * @param {() => string} folder
 */
export function savedFiles(folder) {
  return {
    name: 'saved-files',
    async executeCommand({ command, payload }) {
      if (command !== 'downloaded-file') return undefined;
      const path = join(folder(), basename(String(payload)));
      try {
        const text = await readFile(path, 'utf8');
        await rm(path);
        return text;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Test commands that need the browser's own controls, over the DevTools protocol:
 * - `block-tenant` makes every request to the stand-in tenant fail at the network
 *   layer, as when the user loses their connection (the browser's offline switch
 *   would also cut the page off from the test runner);
 * - `heap` collects garbage and returns the page's used JS heap in bytes;
 * - `allow-clipboard-read` grants the page's origin the clipboard-read permission (true), or
 *   takes every grant back (false): Chromium asks the user for it, and no one is there to answer.
 */
function browserControls() {
  const sessions = new Map();
  const cdpFor = async (session) => {
    const page = session.browser.getPage(session.id);
    if (!sessions.has(page)) {
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      sessions.set(page, cdp);
    }
    return sessions.get(page);
  };
  return {
    name: 'browser-controls',
    async executeCommand({ command, payload, session }) {
      if (command === 'block-tenant') {
        const cdp = await cdpFor(session);
        await cdp.send('Network.setBlockedURLs', { urls: payload ? [`${tenant.url}/*`] : [] });
        return true;
      }
      if (command === 'allow-clipboard-read') {
        const page = session.browser.getPage(session.id);
        if (payload) await page.browserContext().overridePermissions(new URL(page.url()).origin, ['clipboard-read']);
        else await page.browserContext().clearPermissionOverrides();
        return true;
      }
      if (command === 'heap') {
        const cdp = await cdpFor(session);
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      }
      return undefined;
    },
  };
}

/**
 * Pages under `test/csp/` are served with the strict policy the README tells
 * sites to use, so a test can prove the widget needs nothing more.
 */
async function strictCsp(context, next) {
  await next();
  if (context.path.startsWith('/test/csp/') && context.path.endsWith('.html')) {
    context.set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src ${tenant.url}; ` +
        `require-trusted-types-for 'script'; trusted-types lit-html mfa-otp-enroll`,
    );
  }
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  // Lit's one-line dev-mode notice, printed by every test page; its other dev warnings still show.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter('chromium')],
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 60000,
  browsers: [
    chromeLauncher({
      // Downloads go to this run's folder (headless Chromium would use ~/Downloads).
      async createBrowserContext({ browser }) {
        const cdp = await browser.target().createCDPSession();
        await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadDir });
        return browser.defaultBrowserContext();
      },
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  middleware: [strictCsp],
  plugins: [
    standInTenant(),
    browserControls(),
    savedFiles(() => downloadDir),
    // Screenshots of each state against stored images in test/screenshots/ (update with
    // `npx wtr --files test/visual.test.ts --update-visual-baseline` after a deliberate change).
    visualRegressionPlugin({
      baseDir: 'test/screenshots',
      update: process.argv.includes('--update-visual-baseline'),
      diffOptions: { threshold: 0.2 },
      failureThreshold: 0.5,
      failureThresholdType: 'percent',
    }),
    commonjsAsEsm(['/node_modules/qrcode/lib/core/qrcode.js', '/node_modules/jsqr/dist/jsQR.js']),
    esbuildPlugin({ ts: true, tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
  ],
};
