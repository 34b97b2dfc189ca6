import { defaultReporter } from '@web/test-runner';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import config, { savedFiles } from './web-test-runner.config.js';
import { summaryReporter } from './scripts/summary-reporter.js';
import { startWebKitDriver } from './scripts/webkit-driver.js';

/**
 * Safari's engine, WebKit, as Debian's WebKitGTK ships it: its MiniBrowser driven by
 * `WebKitWebDriver` over WebDriver classic (it speaks no BiDi), which this launcher starts
 * on a display of its own and stops at the end.
 */
class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({
      hostname: '127.0.0.1',
      capabilities: { browserName: 'MiniBrowser', 'wdio:enforceWebDriverClassic': true },
    });
  }

  async initialize(...args) {
    this.webkitDriver = await startWebKitDriver();
    this.options.port = this.webkitDriver.port;
    await super.initialize(...args);
  }

  async stop() {
    await super.stop();
    await this.webkitDriver?.stop();
  }

  /**
   * One key at a time, each pressed and released: webdriverio presses a sequence all down,
   * then all up, and WebKit then types a repeated character once ("000000" becomes "0").
   */
  async sendKeys(sessionId, keys) {
    for (const key of keys) await super.sendKeys(sessionId, [key]);
  }
}

const webkit = new WebKitLauncher();

/**
 * The same suite in WebKit. What its driver can't do (the DevTools protocol, element screenshots)
 * skips itself: see test/helpers/unsupported.js. One session per driver: one test file at a
 * time, as in the other browsers.
 */
export default {
  ...config,
  reporters: [defaultReporter(), summaryReporter('webkit')],
  browsers: [webkit],
  // The browser saves downloads in its home, a new folder the driver's start made.
  plugins: [savedFiles(() => webkit.webkitDriver.home), ...config.plugins],
};
