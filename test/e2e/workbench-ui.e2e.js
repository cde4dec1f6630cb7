// End-to-end: the example project in a real VS Code (code-server + headless chromium, see
// test/integration/workbench.js), driven through the workbench UI the way a person uses it:
// Quick Open, the command palette, the Problems panel, the Impact Notes activity-bar view, the
// editor (hover, quick fix). Runs in plain Node under mocha (scripts/run-e2e.sh), not inside the
// extension host; the extension under test is the repository's build (dist/extension.js).
//
// Screenshots (checked for size here, and meant to be looked at):
//   test-results/tree-view.png          the Assessments tree, completeness and groups
//   test-results/diagnostics.png        IMPACT.md with squiggles and the hover of a finding
//   test-results/tree-and-problems.png  tree + IMPACT.md + Problems panel, below the title bar
//                                       (the README's media/screenshots/tree-and-problems.png)
// On a failure, test-results/e2e-failure-<test>.png shows the workbench at that moment.
//
// Waits poll a condition with a deadline (playwright's waitFor / locator assertions or `until`);
// there are no fixed sleeps. The machine may be busy, so deadlines are generous.
'use strict';

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const wb = require('../integration/workbench');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');
const RESULTS = path.join(ROOT, 'test-results');
const FIRST_LOAD_MS = 120000; // first lint after the workbench opens (extension host start, activation)
const STEP_MS = 60000; // any later UI step
const MIN_SCREENSHOT_BYTES = 20 * 1024;

/** Polls `fn` until it returns a truthy value; throws `what` with the last value at the deadline. */
async function until(fn, what, timeoutMs = STEP_MS, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** What `impact-notes lint` finds in a folder: [{ file, line, column, rule, severity, message }]. */
function cliFindings(folder, extraArgs = []) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '-f', 'json', '--no-color', ...extraArgs, '.'], {
    cwd: folder,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`impact-notes lint -f json gave no JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

const key = (f) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.severity} ${f.rule}`;

async function checkScreenshot(file) {
  const size = fs.statSync(file).size;
  assert.ok(size > MIN_SCREENSHOT_BYTES, `${path.relative(ROOT, file)} is only ${size} bytes: probably blank`);
  return size;
}

describe('e2e: the example project in the VS Code workbench', function () {
  this.timeout(4 * STEP_MS);
  /** @type {Awaited<ReturnType<typeof wb.openWorkbench>>} */
  let session;
  let page;

  // ---- UI helpers (selectors of VS Code's web workbench) ------------------------------------------
  const quickInput = () => page.locator('.quick-input-widget');
  const quickInputBox = () => page.locator('.quick-input-widget .quick-input-box input');
  const activeTab = () => page.locator('.editor-group-container.active .tabs-container .tab.active');
  const statusItem = (id) => page.locator(`.statusbar-item[id="${id}"]`);
  const sidebar = () => page.locator('.part.sidebar');
  const treeRows = () => sidebar().locator('.pane-body .monaco-list-row');
  const markerRows = () => page.locator('.markers-panel .monaco-list-row');

  /** Ctrl+P, type a file name, pick the row whose label is exactly that name. */
  async function quickOpen(name) {
    const row = quickInput()
      .locator('.monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${name.replace(/\./g, '\\.')}\\s*$`) }) })
      .first();
    await until(async () => {
      await page.keyboard.press('Control+P');
      await quickInputBox().waitFor({ state: 'visible', timeout: STEP_MS });
      await quickInputBox().fill(name);
      // The file search can be slow on a busy machine; start over if it lost the text.
      if (await row.waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false)) return true;
      await page.keyboard.press('Escape');
      return false;
    }, `'${name}' in Quick Open`, FIRST_LOAD_MS, 0);
    await row.click();
    await activeTab().filter({ hasText: name }).waitFor({ state: 'visible', timeout: STEP_MS });
  }

  /**
   * Runs a palette command that answers with its own quick pick. (The harness's runCommand waits
   * for the palette to close, which never happens when the command reuses the quick input.)
   */
  async function paletteCommandWithPrompt(label) {
    const row = quickInput()
      .locator('.monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
      .first();
    await until(async () => {
      await page.keyboard.press('F1');
      await quickInputBox().waitFor({ state: 'visible', timeout: STEP_MS });
      await quickInputBox().fill(`>${label}`);
      if (await row.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)) return true;
      await page.keyboard.press('Escape'); // the palette missed the text while the workbench was busy
      return false;
    }, `'${label}' in the command palette`, STEP_MS, 0);
    await row.click();
  }

  /** Drags the sash on the side bar's right edge until the side bar is `width` px wide. */
  async function dragSidebarEdgeTo(width) {
    const box = await sidebar().boundingBox();
    assert.ok(box, 'the side bar is visible');
    if (box.width >= width) return;
    const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y, h: r.height };
      }),
    );
    const edge = box.x + box.width;
    const sash = sashes.find((s) => Math.abs(s.x - edge) <= 4 && s.h > box.height / 2);
    assert.ok(sash, `no sash at the side bar's edge (x=${edge}): ${JSON.stringify(sashes)}`);
    const y = sash.y + sash.h / 2;
    await page.mouse.move(sash.x, y);
    await page.mouse.down();
    await page.mouse.move(sash.x + (width - box.width) / 2, y, { steps: 4 });
    await page.mouse.move(sash.x + (width - box.width), y, { steps: 4 });
    await page.mouse.up();
    await until(async () => ((await sidebar().boundingBox()) || { width: 0 }).width >= width - 8, `the side bar to be ${width} px wide`);
  }

  /** Opens or folds a tree row with its twistie (a click on the label opens the source instead). */
  async function setExpanded(row, expanded) {
    const want = String(expanded);
    if ((await row.getAttribute('aria-expanded')) !== want) await row.locator('.monaco-tl-twistie').click();
    await until(async () => (await row.getAttribute('aria-expanded')) === want, `${await row.innerText()} to ${expanded ? 'open' : 'fold'}`);
  }

  /** Moves the mouse to the empty foot of the side bar, so no tooltip shows in a screenshot. */
  async function parkMouse() {
    const box = await sidebar().boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height - 30);
  }

  /** Go to Line/Column (Ctrl+G) in the active editor. */
  async function goToLine(line, column) {
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await quickInputBox().waitFor({ state: 'visible', timeout: STEP_MS });
    await quickInputBox().fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await quickInputBox().waitFor({ state: 'hidden', timeout: STEP_MS });
    await statusItem('status.editor.selection').filter({ hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: STEP_MS });
  }

  /** The tree rows as { level, label, expanded }, label = the row's accessible label. */
  const readTree = () =>
    treeRows().evaluateAll((els) =>
      els.map((e) => ({ level: +e.getAttribute('aria-level'), label: e.getAttribute('aria-label') || '', expanded: e.getAttribute('aria-expanded') })),
    );

  /**
   * Every rendered Problems panel row (maximize the panel first: the list is virtual, and the
   * example's ~15 rows then all fit):
   * [{ file, line, column, severity, rule, message }] (each marker under its file row).
   */
  async function readAllProblems() {
    const rows = await markerRows().evaluateAll((els) =>
      els.map((e) => ({ level: +e.getAttribute('aria-level'), label: e.getAttribute('aria-label') || '', text: e.innerText })),
    );
    const out = [];
    let file;
    for (const r of rows) {
      if (r.level === 1) {
        file = r.text.split('\n')[0].trim();
        continue;
      }
      // "message\nimpact-notes\nrule\n[Ln 38, Col 21]"; severity from the accessible label.
      const lines = r.text.split('\n').map((s) => s.trim()).filter(Boolean);
      const pos = /\[Ln (\d+), Col (\d+)\]/.exec(lines[lines.length - 1] || '');
      const severity = (/^(Error|Warning|Info)/.exec(r.label) || [])[1];
      out.push({
        file,
        line: pos ? +pos[1] : NaN,
        column: pos ? +pos[2] : NaN,
        severity: severity ? severity.toLowerCase() : r.label,
        source: lines[1],
        rule: lines[2],
        message: lines[0],
      });
    }
    return out;
  }

  before(async function () {
    this.timeout(FIRST_LOAD_MS + 4 * STEP_MS);
    fs.mkdirSync(RESULTS, { recursive: true });
    session = await wb.openWorkbench({
      copyOf: EXAMPLE,
      viewport: { width: 1366, height: 800 },
      // For readable screenshots: no sticky headings over the lines under test, and room for the
      // example's 95-column lines beside a widened side bar without soft wrapping.
      // No port forwarding either (its counter in the panel and status bar is noise here).
      settings: { 'editor.stickyScroll.enabled': false, 'editor.minimap.enabled': false, 'editor.fontSize': 13, 'remote.autoForwardPorts': false },
    });
    page = session.page;
  });

  afterEach(async function () {
    if (this.currentTest && this.currentTest.state === 'failed' && page) {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page.screenshot({ path: path.join(RESULTS, `e2e-failure-${name}.png`) }).catch(() => undefined);
    }
  });

  after(async () => {
    if (session) await session.dispose();
  });

  it('opens IMPACT.md through Quick Open; the extension lints it (code lens, status bar)', async () => {
    await quickOpen('IMPACT.md');
    const editor = page.locator('.editor-group-container.active .monaco-editor');
    await editor.locator('.view-lines', { hasText: 'Impact assessment: EchoVoice' }).waitFor({ timeout: STEP_MS });
    // The code lens over the title and the readiness item in the status bar come from the lint.
    const lenses = editor.locator('.codelens-decoration', { hasText: /Assessment \d+\/\d+ complete/ }).first();
    await lenses.waitFor({ timeout: FIRST_LOAD_MS });
    // The lens is drawn again when a lint lands: its rendered text can be empty for a moment.
    const lens = await until(async () => {
      const text = await lenses.innerText();
      return /Assessment \d+\/\d+ complete/.test(text) ? text : undefined;
    }, 'the code lens drawn with its text');
    assert.match(lens, /Assessment 17\/22 complete/);
    assert.match(lens, /Check Release Readiness/);
    await page.locator('.statusbar-item', { hasText: '4 blocking' }).first().waitFor({ timeout: STEP_MS });
  });

  it('Problems panel: the example’s findings, each under its file, the same as the CLI', async () => {
    await session.readProblems({ until: /timing-incomplete/, timeoutMs: FIRST_LOAD_MS });
    await session.runCommand('View: Toggle Maximized Panel', STEP_MS);
    try {
      // What the CLI finds in the same copy of the workspace. Without discovery: the workspace-level
      // artifact scan may or may not be part of the extension's lint, so the panel must show at
      // least the per-pair findings, and nothing that the full CLI lint does not find.
      const pairFindings = cliFindings(session.folder, ['--no-discovery']);
      const allFindings = cliFindings(session.folder);
      assert.ok(pairFindings.length >= 10, `the CLI finds only ${pairFindings.length} problems in the example`);
      const want = pairFindings.map(key).sort();
      const allowed = new Set(allFindings.map(key));

      const shown = await until(async () => {
        const rows = await readAllProblems();
        const keys = new Set(rows.map(key));
        return want.every((k) => keys.has(k)) ? rows : undefined;
      }, `the Problems panel to list ${want.join(', ')}`, FIRST_LOAD_MS);
      const extra = shown.map(key).filter((k) => !allowed.has(k));
      assert.deepEqual(extra, [], 'the Problems panel shows findings the CLI does not');

      // Specific findings, with their file, position, source and message as the user reads them.
      const find = (rule, file) => shown.find((r) => r.rule === rule && r.file === file);
      const invalid = find('invalid-value', 'IMPACT.md');
      assert.ok(invalid, 'invalid-value under IMPACT.md');
      assert.equal(invalid.severity, 'error');
      assert.equal(invalid.source, 'impact-notes');
      assert.deepEqual([invalid.line, invalid.column], [55, 22]);
      assert.match(invalid.message, /'hgih' is not a rating for 'Modifiability'.*Did you mean 'high'\?/);
      const timing = find('timing-incomplete', 'release.yaml');
      assert.ok(timing, 'timing-incomplete under release.yaml');
      assert.equal(timing.severity, 'error');
      assert.deepEqual([timing.line, timing.column], [38, 21]);
      assert.match(timing.message, /timed release of artifact 'demo' has no 'date'/);
      const unrated = find('factor-unrated', 'IMPACT.md');
      assert.ok(unrated, 'factor-unrated under IMPACT.md');
      assert.match(unrated.message, /'Environment'.*not rated/);
      // Detection guidance still holds only a TODO: an unanswered question, an error of its own rule.
      const guidance = find('detection-guidance-missing', 'IMPACT.md');
      assert.ok(guidance, 'detection-guidance-missing under IMPACT.md');
      assert.equal(guidance.severity, 'error');
      assert.ok(find('withdrawal-plan-missing', 'release.yaml'), 'withdrawal-plan-missing under release.yaml');
      // Every message reads exactly as the CLI prints it.
      for (const r of shown) {
        const f = allFindings.find((x) => key(x) === key(r));
        assert.equal(r.message, f.message, `message of ${key(r)}`);
      }
    } finally {
      await session.runCommand('View: Toggle Maximized Panel', STEP_MS);
    }
  });

  it('Check Release Readiness (palette) lists the blocking findings; picking one opens it', async () => {
    await paletteCommandWithPrompt('Impact Notes: Check Release Readiness');
    const title = quickInput().locator('.quick-input-title');
    await title.filter({ hasText: /ready for release/i }).waitFor({ timeout: STEP_MS });
    const titleText = (await title.innerText()).replace(/\s+/g, ' ');
    assert.match(titleText, /^Not ready for release \(voice-clone-study\): 2 unanswered questions, 2 more blocking findings$/);
    assert.ok(!titleText.includes(session.folder), `the title shows a temp path: ${titleText}`);

    const rows = quickInput().locator('.monaco-list-row');
    await until(async () => (await rows.count()) === 4, 'four rows in the quick pick');
    const items = await rows.evaluateAll((els) =>
      els.map((e) => ({
        label: (e.querySelector('.label-name') || {}).textContent?.trim(),
        description: (e.querySelector('.label-description') || {}).textContent?.trim(),
        detail: (e.querySelector('.quick-input-list-label-meta, .quick-input-list-detail') || e).textContent?.trim(),
        icon: !!e.querySelector('.codicon-error'),
      })),
    );
    assert.deepEqual(
      items.map((i) => `${i.label} ${i.description}`),
      ['factor-unrated IMPACT.md:50', 'invalid-value IMPACT.md:55', 'detection-guidance-missing IMPACT.md:92', 'timing-incomplete release.yaml:38'],
    );
    assert.ok(items.every((i) => i.icon), 'each blocking finding shows the error icon');
    assert.match(items[3].detail, /timed release of artifact 'demo' has no 'date'/);

    // Picking a finding takes the user to it: release.yaml, line 38.
    await rows.filter({ hasText: 'timing-incomplete' }).click();
    await quickInputBox().waitFor({ state: 'hidden', timeout: STEP_MS });
    await activeTab().filter({ hasText: 'release.yaml' }).waitFor({ timeout: STEP_MS });
    await statusItem('status.editor.selection').filter({ hasText: /Ln 38, Col \d+/ }).waitFor({ timeout: STEP_MS });
  });

  it('Impact Notes activity bar: the assessment with its completeness, groups and problems', async () => {
    await page.locator('.activitybar .action-item .action-label[aria-label^="Impact Notes"]').first().click();
    await sidebar().locator('.composite.title', { hasText: /Impact Notes/i }).first().waitFor({ timeout: STEP_MS });
    const root = treeRows().filter({ hasText: 'voice-clone-study' }).first();
    await root.waitFor({ timeout: FIRST_LOAD_MS });
    // The tree is drawn again when a lint lands: poll the row's rendered text.
    await until(async () => /voice-clone-study\s*17\/22/.test(await root.innerText()), 'the pair row with its completeness (17/22)');

    // Widen the side bar (drag its edge) so the tree's labels can be read in the screenshots.
    await dragSidebarEdgeTo(400);

    const groups = ['Hazards', 'Path to harm', 'Access ratchet', 'Release plan', 'Safeguards', 'Problems'];
    // The rows under the assessment's node (other features may add top-level sections after it).
    const underPair = (t) => {
      const i = t.findIndex((r) => r.level === 1 && r.label.startsWith('voice-clone-study'));
      if (i < 0) return [];
      const end = t.findIndex((r, j) => j > i && r.level <= 1);
      return t.slice(i + 1, end < 0 ? t.length : end);
    };
    const tree = await until(async () => {
      const t = underPair(await readTree());
      return groups.every((g) => t.some((r) => r.level === 2 && r.label.startsWith(g))) ? t : undefined;
    }, 'the six groups under the assessment');
    assert.deepEqual(tree.filter((r) => r.level === 2).map((r) => groups.find((g) => r.label.startsWith(g)) || r.label), groups);
    const problems = tree.find((r) => r.level === 2 && r.label.startsWith('Problems'));
    assert.match(problems.label, /^Problems 4 errors, \d+ warnings$/);
    assert.ok(tree.some((r) => r.level === 4 && /invalid-value · IMPACT\.md:55$/.test(r.label)), 'the invalid-value error is listed under Problems');

    // Open Path to harm → Deployment like a user: the misspelt and the missing rating show.
    await setExpanded(treeRows().filter({ hasText: /^Path to harm/ }).first(), true);
    const deployment = treeRows().filter({ hasText: /^Deployment/ }).first();
    await deployment.waitFor({ timeout: STEP_MS });
    await setExpanded(deployment, true);
    await treeRows().filter({ hasText: /^Modifiability\s*hgih \(not a rating\)/ }).first().waitFor({ timeout: STEP_MS });
    await treeRows().filter({ hasText: /^Environment\s*not rated/ }).first().waitFor({ timeout: STEP_MS });
    // Fold the warnings so the picture shows the path to harm and the errors.
    await setExpanded(treeRows().filter({ hasText: /^Warnings\s*\d+/ }).first(), false);

    await parkMouse();
    const file = path.join(RESULTS, 'tree-view.png');
    await sidebar().screenshot({ path: file });
    await checkScreenshot(file);
  });

  it('clicking a finding in the tree opens IMPACT.md at it: squiggle, hover with the message', async () => {
    await treeRows().filter({ hasText: /^'hgih' is not a rating/ }).first().click();
    await activeTab().filter({ hasText: 'IMPACT.md' }).waitFor({ timeout: STEP_MS });
    await statusItem('status.editor.selection').filter({ hasText: /Ln 55, Col/ }).waitFor({ timeout: STEP_MS });
    const editor = page.locator('.editor-group-container.active .monaco-editor');
    await editor.locator('.squiggly-error').first().waitFor({ timeout: STEP_MS });

    await goToLine(55, 23);
    await session.runCommand('Show or Focus Hover', STEP_MS);
    const hover = page.locator('.monaco-hover', { hasText: "'hgih' is not a rating" }).first();
    await hover.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await hover.innerText(), /invalid-value/);

    await session.readProblems({ until: /invalid-value/, timeoutMs: STEP_MS });
    // The Problems panel took the focus; show the hover again for the picture.
    await goToLine(55, 23);
    await session.runCommand('Show or Focus Hover', STEP_MS);
    await hover.waitFor({ state: 'visible', timeout: STEP_MS });
    await parkMouse();
    const file = path.join(RESULTS, 'diagnostics.png');
    await page.screenshot({ path: file });
    await checkScreenshot(file);

    // Tree + editor with its squiggles + Problems panel, without the hover: the README picture.
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden', timeout: STEP_MS });
    // Below the title bar, which only names the development host.
    const both = path.join(RESULTS, 'tree-and-problems.png');
    const bar = await page.locator('.part.titlebar').boundingBox();
    const top = bar ? Math.round(bar.y + bar.height) : 0;
    const vp = page.viewportSize();
    await page.screenshot({ path: both, clip: { x: 0, y: top, width: vp.width, height: vp.height - top } });
    await checkScreenshot(both);
  });

  it('fixing the misspelt rating with the quick fix clears the error everywhere', async () => {
    await goToLine(55, 23);
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: /high/ }).first();
    await fix.waitFor({ state: 'visible', timeout: STEP_MS });
    await fix.click();
    const editor = page.locator('.editor-group-container.active .monaco-editor');
    await editor.locator('.view-line', { hasText: /\*\*Modifiability:\*\*\s+high/ }).first().waitFor({ timeout: STEP_MS });
    // The lint reruns on the edit: the status bar, the tree and the Problems panel follow.
    await page.locator('.statusbar-item', { hasText: '3 blocking' }).first().waitFor({ timeout: STEP_MS });
    await treeRows().filter({ hasText: /^Problems\s*3 errors/ }).first().waitFor({ timeout: STEP_MS });
    await session.readProblems({ timeoutMs: STEP_MS });
    await until(async () => (await markerRows().filter({ hasText: 'invalid-value' }).count()) === 0, 'invalid-value to leave the Problems panel');
  });
});
