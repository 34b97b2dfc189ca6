/**
 * A Web Test Runner reporter that ends the run with one plain line,
 * `browser: N passed, N failed, N skipped`, so CI can read the totals.
 * A test file that failed to load counts as one failure.
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryReporter() {
  /** @type {{ passed: number, failed: number, skipped: number, names: string[] } | undefined} */
  let totals;
  // Printed on exit so it is the last line, after the default reporter's own summary.
  process.once('exit', () => {
    if (!totals) return;
    for (const name of totals.names) process.stdout.write(`failed: ${name}\n`);
    process.stdout.write(`browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  });
  return {
    stop({ sessions }) {
      const run = { passed: 0, failed: 0, skipped: 0, names: /** @type {string[]} */ ([]) };
      totals = run;
      /** @param {import('@web/test-runner').TestSuiteResult} suite @param {string[]} path */
      const count = (suite, path) => {
        for (const test of suite.tests) {
          if (test.skipped) run.skipped++;
          else if (test.passed) run.passed++;
          else {
            run.failed++;
            run.names.push([...path, test.name].join(' > '));
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
