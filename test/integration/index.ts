// extensionTestsPath entry point. VS Code's extension host require()s the bundled
// dist/test/integration/index.js, calls run(), and exits with 0 if the promise resolves and 1 if it
// rejects; the web workbench then reports that code through window.codeAutomationExit(code).
//
// How the suite files are found: scripts/build-tests.mjs bundles every test/integration/*.ts
// separately, so test/integration/foo.test.ts becomes dist/test/integration/foo.test.js next to
// this file. run() globs its own folder for `*.test.js` (sorted, so the order is stable) and adds
// each one to mocha. Adding a test file therefore needs no registration; just rebuild.
// IMPACT_NOTES_TEST_SUFFIX picks another set of files instead: scripts/run-vscode-tests.sh
// --multi-root sets it to `.multiroot.js`, so test/integration/*.multiroot.ts run only in that pass
// (a multi-root workspace opened from the start) and never in the normal one, and vice versa.
// `mocha` and `vscode` are external in every bundle: mocha is resolved from the repository's
// node_modules, so this file and the test bundles share one mocha and its describe/it globals.
//
// Stack traces of failures point at dist/test/integration/*.js lines, not the .ts sources: the
// extension host installs its own Error.prepareStackTrace, which bypasses Node's source-map support
// (the .js.map files are still written, for debuggers).
//
// Results: a JSON summary (passes, failures, failed titles + errors) is written to
// $IMPACT_NOTES_TEST_RESULTS, default <repo>/test-results/integration-results.json.
// Env read here (it reaches the extension host through code-server's environment):
//   IMPACT_NOTES_TEST_RESULTS  where to write the JSON summary
//   MOCHA_GREP                 only run tests whose full title matches this regular expression
//   IMPACT_NOTES_TEST_SUFFIX   which bundles to load (default `.test.js`; `.multiroot.js`)
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface FailedTest {
  title: string;
  error: string;
}

export interface IntegrationResults {
  passes: number;
  failures: number;
  pending: number;
  passed: string[];
  failed: FailedTest[];
  durationMs: number;
  vscodeVersion: string | null;
  node: string;
  finished: string;
}

// run-in-browser.js shows the extension host's log between these markers (keep in sync).
const SUITE_START = '[impact-notes-tests] suite start';
const SUITE_END = '[impact-notes-tests] suite end';

function resultsFile(): string {
  return (
    process.env.IMPACT_NOTES_TEST_RESULTS ||
    path.resolve(__dirname, '..', '..', '..', 'test-results', 'integration-results.json')
  );
}

function vscodeVersion(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as { version: string }).version;
  } catch {
    return null;
  }
}

function writeResults(results: IntegrationResults): void {
  const file = resultsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`;
  return String(err);
}

export function run(): Promise<void> {
  const started = Date.now();
  const passed: string[] = [];
  const failed: FailedTest[] = [];
  let pending = 0;
  const finish = (failures: number): IntegrationResults => {
    const results: IntegrationResults = {
      passes: passed.length,
      failures,
      pending,
      passed,
      failed,
      durationMs: Date.now() - started,
      vscodeVersion: vscodeVersion(),
      node: process.version,
      finished: new Date().toISOString(),
    };
    writeResults(results);
    console.log(SUITE_END);
    return results;
  };

  return new Promise<void>((resolve, reject) => {
    console.log(SUITE_START);
    try {
      const mocha = new Mocha({ ui: 'bdd', timeout: 60000, reporter: 'spec', color: false });
      if (process.env.MOCHA_GREP) mocha.grep(new RegExp(process.env.MOCHA_GREP));
      const suffix = process.env.IMPACT_NOTES_TEST_SUFFIX || '.test.js';
      const files = fs
        .readdirSync(__dirname)
        .filter((f) => f.endsWith(suffix))
        .sort();
      if (files.length === 0) throw new Error(`no *${suffix} files next to ${__filename}; run scripts/build-tests.mjs`);
      for (const f of files) mocha.addFile(path.join(__dirname, f));

      const runner = mocha.run((failures) => {
        const results = finish(failures);
        if (failures > 0) reject(new Error(`${failures} of ${results.passes + failures} integration tests failed`));
        else resolve();
      });
      runner.on('pass', (test) => passed.push(test.fullTitle()));
      runner.on('pending', () => pending++);
      runner.on('fail', (test, err) => failed.push({ title: test.fullTitle(), error: errorText(err) }));
    } catch (err) {
      // e.g. a test bundle that throws while loading: still leave a results file behind.
      failed.push({ title: '(loading the integration suite)', error: errorText(err) });
      finish(1);
      reject(err);
    }
  });
}
