import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteer from 'puppeteer-core';
import config from './web-test-runner.config.js';

/**
 * The same suite in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (the
 * launcher of @web/test-runner-chrome with Firefox's executable: nothing downloads a browser).
 * Left out: the screenshot comparison (its stored images are Chromium's rendering) and
 * the tests tagged [cdp] skip themselves: they need the Chrome DevTools Protocol to emulate
 * media features, block the network or read the heap, and run in the Chromium suite.
 */
export default {
  ...config,
  files: [...config.files, '!test/visual.test.ts'],
  browsers: [
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
      },
    }),
  ],
};
