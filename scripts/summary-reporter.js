import { unsupportedBecause } from '../test/helpers/unsupported.js';

/**
 * A Web Test Runner reporter that ends the run with the tests skipped, by reason (from
 * test/helpers/unsupported.js), the failed ones, and one plain line,
 * `<browser>: N passed, N failed, N skipped`, so CI can read the totals.
 * A test file that failed to load counts as one failure.
 * @param {import('../test/helpers/unsupported.js').Browser} browser the one the run's config launches
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryReporter(browser) {
  /** @type {{ passed: number, failed: number, skipped: number, names: string[], skips: Map<string, string[]> } | undefined} */
  let totals;
  // Printed on exit so it is the last line, after the default reporter's own summary.
  process.once('exit', () => {
    if (!totals) return;
    for (const [reason, names] of totals.skips) {
      process.stdout.write(`skipped in ${browser}, ${reason}:\n${names.map((name) => `  ${name}\n`).join('')}`);
    }
    for (const name of totals.names) process.stdout.write(`failed: ${name}\n`);
    process.stdout.write(`${browser}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  });
  return {
    stop({ sessions }) {
      /** @type {NonNullable<typeof totals>} */
      const run = { passed: 0, failed: 0, skipped: 0, names: [], skips: new Map() };
      totals = run;
      /** @param {import('@web/test-runner').TestSuiteResult} suite @param {string[]} path */
      const count = (suite, path) => {
        for (const test of suite.tests) {
          const name = [...path, test.name].join(' > ');
          if (test.skipped) {
            run.skipped++;
            // The tags of the test's and its suites' names, as when it was skipped.
            const reason = unsupportedBecause(name, browser) ?? 'by the test itself, not by test/helpers/unsupported.js';
            run.skips.set(reason, [...(run.skips.get(reason) ?? []), name]);
          } else if (test.passed) run.passed++;
          else {
            run.failed++;
            run.names.push(name);
          }
        }
        for (const child of suite.suites) count(child, [...path, child.name]);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, []);
        if (!session.passed && (session.errors?.length ?? 0) > 0) run.failed++;
      }
    },
  };
}
