import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteer from 'puppeteer-core';
import config, { downloadDir } from './web-test-runner.config.js';
import { summaryReporter } from './scripts/summary-reporter.js';

/**
 * The same suite in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (the
 * launcher of @web/test-runner-chrome with Firefox's executable: nothing downloads a browser).
 * What it can't do (the DevTools protocol, Chromium's screenshots) skips itself: see
 * test/helpers/unsupported.js.
 */
export default {
  ...config,
  reporters: [defaultReporter(), summaryReporter('firefox')],
  browsers: [
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
        // Downloads go to this run's folder, without asking, and without the downloads panel
        // (it would take the focus from the page, and the keyboard tests after it need it).
        extraPrefsFirefox: {
          'browser.download.dir': downloadDir,
          'browser.download.folderList': 2,
          'browser.download.useDownloadDir': true,
          'browser.download.alwaysOpenPanel': false,
        },
      },
    }),
  ],
};
