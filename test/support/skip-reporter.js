// Jest reporter: next to the summary, one line per skipped test with its full name,
// so a full `npm test` says what did not run. A test that can be skipped says why
// in its name, e.g. "demo page in headless Chromium (skipped: /usr/bin/chromium is missing ...)".
// Plain CommonJS: jest loads reporters without a transform.
class SkipReporter {
  /** @param {unknown} _contexts @param {import('@jest/test-result').AggregatedResult} results */
  onRunComplete(_contexts, results) {
    /** @type {string[]} */
    const skipped = [];
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') skipped.push(test.fullName);
      }
    }
    if (skipped.length === 0) return;
    process.stderr.write(`\nSkipped (${skipped.length}):\n${skipped.map((name) => `  - ${name}`).join('\n')}\n`);
  }
}

module.exports = SkipReporter;
