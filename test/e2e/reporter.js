// Mocha reporter for the end-to-end run: mocha's spec output on the console, plus a JSON summary
// written to $E2E_RESULTS (default test-results/e2e-results.json) when the run ends, which
// scripts/run-e2e.sh turns into its last line "N passed, M failed". Hook failures (a `before` that
// could not open the workbench) count as failures, so a broken setup never reads as "0 failed".
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class E2EReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = process.env.E2E_RESULTS || path.resolve(__dirname, '..', '..', 'test-results', 'e2e-results.json');
    const passed = [];
    const failed = [];
    let pending = 0;
    runner.on(EVENT_TEST_PASS, (t) => passed.push({ title: t.fullTitle(), ms: t.duration }));
    runner.on(EVENT_TEST_FAIL, (t, err) => failed.push({ title: t.fullTitle(), error: String((err && (err.stack || err.message)) || err) }));
    runner.on(EVENT_TEST_PENDING, () => pending++);
    runner.once(EVENT_RUN_END, () => {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const summary = { passes: passed.length, failures: failed.length, pending, passed, failed, finished: new Date().toISOString() };
      fs.writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
    });
  }
}

module.exports = E2EReporter;
