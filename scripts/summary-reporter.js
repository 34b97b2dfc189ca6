/**
 * A Web Test Runner reporter that ends the run with one plain line,
 * `browser: N passed, N failed, N skipped`, so CI can read the totals.
 * A test file that failed to load counts as one failure.
 */
export function summaryReporter() {
  let totals;
  // Printed on exit so it is the last line, after the default reporter's own summary.
  process.once('exit', () => {
    if (totals) process.stdout.write(`browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  });
  return {
    stop({ sessions }) {
      totals = { passed: 0, failed: 0, skipped: 0 };
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) totals.skipped++;
          else if (test.passed) totals.passed++;
          else totals.failed++;
        }
        suite.suites.forEach(count);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
    },
  };
}
