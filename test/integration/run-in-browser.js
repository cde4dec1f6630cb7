#!/usr/bin/env node
// Runs the integration suite inside a running code-server: opens its workbench in headless
// chromium with VS Code's web test payload (extensionDevelopmentPath + extensionTestsPath) and
// waits for the workbench to call window.codeAutomationExit(code) once the extension host has
// finished the tests. The extension host's console (mocha's spec reporter) arrives through
// window.codeAutomationLog and is printed to stdout. Exit code: the extension host's (0 = all
// tests passed, 1 = failures), 1 on timeout, 2 on a harness error.
//
// Usage (normally called by scripts/run-vscode-tests.sh, which also starts the server):
//   node test/integration/run-in-browser.js --server http://127.0.0.1:PORT --folder <workspace>
//        --tests <abs path of dist/test/integration/index.js> --dev <extensionDevelopmentPath>
//        [--workspace <file.code-workspace> instead of --folder] [--screenshot out.png] [--timeout ms]
//        [--web --results <file.json>]
// --web runs the extension (its `browser` entry) and the tests in the web worker extension host
// (payload extensionDevelopmentKind=web); the worker has no file system of its own, so the test
// entry prints its summary as one line, `[impact-notes-tests] results {json}`, which is written to
// --results here.
// --dev is required: VS Code only runs extensionTestsPath when an extensionDevelopmentPath is
// given too (without one the workbench opens and nothing happens until the timeout). To test an
// installed .vsix instead of the sources, pass an EMPTY folder as --dev.
// Env: VSCODE_TEST_TIMEOUT_MS (default 900000 = 15 min; the per-test limit is mocha's 60 s),
//      VSCODE_TEST_SCREENSHOT, CHROME_BIN, VERBOSE=1 (the whole workbench log; 2: also the raw
//      browser console). On a timeout a screenshot is saved even if none was asked for.
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const wb = require('./workbench');

// Printed by index.ts around the mocha run (keep in sync).
const SUITE_START = '[impact-notes-tests] suite start';
const SUITE_END = '[impact-notes-tests] suite end';
const RESULTS = '[impact-notes-tests] results ';
// Workbench chatter that is never useful in a test log (shown with VERBOSE=1).
const NOISE = new RegExp(
  '^(' +
    [
      'Ignoring fetching additional builtin extensions',
      'Updating additional builtin extensions cache',
      'Canceled: Canceled',
      'Creation of workbench contribution .* took \\d+ms',
      "Timed out waiting for authentication provider 'github'",
      'No search provider registered for scheme',
    ].join('|') +
    ')',
);

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      folder: { type: 'string' },
      workspace: { type: 'string' },
      tests: { type: 'string' },
      dev: { type: 'string' },
      screenshot: { type: 'string' },
      timeout: { type: 'string' },
      web: { type: 'boolean' },
      results: { type: 'string' },
    },
  });
  if (!values.server || !values.tests || !values.dev) {
    throw new Error('usage: run-in-browser.js --server URL --tests <index.js> --dev DIR [--folder DIR | --workspace FILE] [--screenshot FILE] [--timeout MS]');
  }
  const timeoutMs = +(values.timeout || process.env.VSCODE_TEST_TIMEOUT_MS || 900000);
  const screenshot = values.screenshot || process.env.VSCODE_TEST_SCREENSHOT || '';
  const t0 = Date.now();

  const url = wb.workbenchUrl(values.server, {
    folder: values.folder,
    workspace: values.workspace,
    extensionDevelopmentPath: values.dev,
    extensionTestsPath: values.tests,
    extensionDevelopmentKind: values.web ? 'web' : undefined,
  });
  // playwright's own signal handlers close chromium but leave this process running; ours exit.
  const browser = await wb.launchBrowser({ handleSIGINT: false, handleSIGTERM: false });
  // Stopped from outside (run-vscode-tests.sh cleanup, Ctrl-C): close chromium, then exit.
  for (const [sig, rc] of [['SIGTERM', 143], ['SIGINT', 130]]) {
    process.once(sig, () => {
      const force = setTimeout(() => process.exit(rc), 3000);
      browser.close().finally(() => {
        clearTimeout(force);
        process.exit(rc);
      });
    });
  }
  let code;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let done;
    const exited = new Promise((resolve) => (done = resolve));
    // codeAutomationLog carries the workbench's own log as well as the extension host's console.
    // Unless VERBOSE is set, show everything between the suite markers that index.ts prints, and
    // outside them only errors/warnings (e.g. an extension that fails to activate), minus NOISE
    // (such as the "Canceled" errors logged while the workbench shuts the extension host down).
    let inSuite = false;
    await wb.attachLogging(page, (line, type) => {
      const r = line.indexOf(RESULTS);
      if (r >= 0) {
        if (values.results) {
          fs.mkdirSync(path.dirname(path.resolve(values.results)), { recursive: true });
          fs.writeFileSync(values.results, JSON.stringify(JSON.parse(line.slice(r + RESULTS.length)), null, 2) + '\n');
        }
        return;
      }
      if (line.includes(SUITE_START)) return void (inSuite = true);
      if (line.includes(SUITE_END)) return void (inSuite = false);
      if (process.env.VERBOSE) return void console.log(line);
      if (NOISE.test(line)) return;
      if (inSuite) console.log(line);
      else if (type === 'error' || type === 'warn') console.log(`[workbench ${type}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (c) => done(c));
    page.on('crash', () => done('page crashed'));
    console.log(`[run-in-browser] opening workbench${values.web ? ' (web worker extension host)' : ''} (${values.workspace ? `workspace ${values.workspace}` : `folder ${values.folder || '-'}`}, timeout ${timeoutMs / 1000}s)`);
    if (process.env.VERBOSE) console.log(`[run-in-browser] ${url}`);
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    await page.goto(url);
    code = await exited;
    clearTimeout(timer);

    const shot = screenshot || (code === 'timeout' ? path.join(wb.REPO_ROOT, 'test-results', 'integration-timeout.png') : '');
    if (shot) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
        await page.screenshot({ path: shot });
        console.log(`[run-in-browser] screenshot: ${shot}`);
      } catch (e) {
        console.error(`[run-in-browser] screenshot failed: ${e.message}`);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (code === 'timeout') {
    console.error(
      `[run-in-browser] no codeAutomationExit within ${timeoutMs / 1000}s: a test hung, the extension host ` +
        'crashed, or the server lacks --vscode-option enable-smoke-test-driver (VERBOSE=1 shows the workbench log)',
    );
    return 1;
  }
  console.log(`[run-in-browser] codeAutomationExit(${code}) after ${secs}s`);
  return code === 0 ? 0 : 1;
}

main().then(
  (rc) => process.exit(rc),
  (e) => {
    console.error(`[run-in-browser] ${e && e.stack ? e.stack : e}`);
    process.exit(2);
  },
);
