// End-to-end: the report as a person sees it. Opens the real VS Code workbench (code-server +
// headless chromium, test/integration/workbench.js) on a copy of examples/voice-clone-study with
// the repository's extension, runs "Impact Notes: Open Report" from the command palette, finds the
// report inside the webview's iframes, checks that the heat map (3 hazards × 9 factors), the
// access ratchet and the release timeline (dated and waiting stages) are drawn, clicks a finding
// and checks that its file opens, and saves screenshots under test-results/:
//   report-e2e.png            the workbench with the report panel
//   report-e2e-matrix.png     the heat map
//   report-e2e-timeline.png   the release timeline
//
// Run: npm run build && node test/e2e/report.e2e.js
// Needs the VS Code host (bash scripts/setup-vscode-host.sh). Prints "N passed, M failed" last and
// exits non-zero on any failure. VERBOSE=1 shows the workbench's log. E2E_THEME='Default Dark Modern'
// (any installed colour theme) runs it under that theme, to see the pictures follow it.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const wb = require('../integration/workbench');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const TIMEOUT = 60000;

async function main() {
  const results = [];
  const check = async (name, fn) => {
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`  ✔ ${name}`);
    } catch (err) {
      results.push({ name, ok: false, err });
      console.log(`  ✖ ${name}\n      ${String(err && err.message ? err.message : err).split('\n').join('\n      ')}`);
    }
  };
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-e2e-report-'));
  const folder = path.join(tmp, 'voice-clone-study');
  fs.cpSync(path.join(ROOT, 'examples', 'voice-clone-study'), folder, { recursive: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  let session;
  console.log('report e2e');
  try {
    session = await wb.openWorkbench({ folder, settings: process.env.E2E_THEME ? { 'workbench.colorTheme': process.env.E2E_THEME } : {} });
    const { page } = session;
    let report;

    await check('"Impact Notes: Open Report" opens the report panel', async () => {
      await session.runCommand('Impact Notes: Open Report', TIMEOUT);
      await page.locator('.tab', { hasText: 'Impact report: voice-clone-study' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
      // A webview is an iframe (class "webview") holding the content iframe (#active-frame).
      report = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await report.locator('h1').waitFor({ state: 'visible', timeout: TIMEOUT });
      assert.equal(await report.locator('h1').innerText(), 'EchoVoice zero-shot voice cloning');
    });

    await check('the hazard × path-to-harm matrix is drawn: 3 hazards × 9 factors, coloured by rating', async () => {
      const matrix = report.locator('svg.heatmap');
      await matrix.waitFor({ state: 'visible', timeout: TIMEOUT });
      assert.equal(await matrix.locator("g.cell").count(), 9, "nine factors, rated once");
      assert.equal(await matrix.locator("rect.heat-high").count(), 5, "five factors rated high");
      const box = await matrix.boundingBox();
      assert.ok(box && box.width > 400 && box.height > 100, `matrix box ${JSON.stringify(box)}`);
      // Theme-aware: the cells take the theme's chart colour, not a fixed one.
      const fill = await matrix.locator('rect.heat-high').first().evaluate((el) => getComputedStyle(el).fill);
      assert.match(fill, /^rgb/, fill);
      await matrix.screenshot({ path: path.join(RESULTS, 'report-e2e-matrix.png') });
      await session.screenshot(path.join(RESULTS, 'report-e2e.png'));
    });

    await check('the access ratchet shows the current position', async () => {
      const current = report.locator('svg.ratchet g.ratchet-current');
      await current.waitFor({ state: 'attached', timeout: TIMEOUT });
      assert.match(await current.locator('text').nth(1).textContent(), /^Attention$/);
    });

    await check('the release timeline is drawn: dated stages on the axis, evented stages waiting', async () => {
      const timeline = report.locator('svg.timeline');
      await timeline.scrollIntoViewIfNeeded({ timeout: TIMEOUT });
      assert.ok((await timeline.locator('g.ev').count()) >= 5);
      assert.equal(await timeline.locator('g.ev-waiting').count(), 1);
      assert.match(await timeline.locator('g.ev-waiting title').textContent(), /after: detector published/);
      assert.equal(await timeline.locator('line.today-line').count(), 1);
      const box = await timeline.boundingBox();
      assert.ok(box && box.width > 400 && box.height > 100, `timeline box ${JSON.stringify(box)}`);
      await timeline.screenshot({ path: path.join(RESULTS, 'report-e2e-timeline.png') });
    });

    await check('clicking a finding opens its source', async () => {
      const finding = report.locator('button.finding-link', { hasText: 'release.yaml:' }).first();
      await finding.scrollIntoViewIfNeeded({ timeout: TIMEOUT });
      await finding.click();
      await page.locator('.tab.active', { hasText: 'release.yaml' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    });
  } catch (err) {
    results.push({ name: 'open the workbench', ok: false, err });
    console.log(`  ✖ open the workbench\n      ${err && err.stack ? err.stack : err}`);
  } finally {
    if (session) {
      if (results.some((r) => !r.ok)) await session.screenshot(path.join(RESULTS, 'report-e2e-failure.png')).catch(() => undefined);
      if (process.env.VERBOSE) console.log(session.logs.join('\n'));
      await session.dispose();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${path.relative(ROOT, path.join(RESULTS, 'report-e2e.png'))}, report-e2e-matrix.png, report-e2e-timeline.png`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
