// Quick fixes through the real code action machinery: vscode.executeCodeActionProvider, apply the
// edit, wait for the diagnostic to go. Preferred fix, suggestions, a fix that edits the other file
// of the pair, disable-for-line (indentation), disable-for-file, documentation, fix-all, and
// fix-on-save through editor.codeActionsOnSave.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Rule } from '../../src/core/types';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { getApi, MINIMAL_IMPACT, ourDiagnostics, PLAN, readText, removeFolder, tempFolder, waitFor, waitForRule, writeText, waitForOnlyPrompts } from './core-helpers';

/**
 * A rule only for these tests: "CROSS-FILE-ME" in IMPACT.md is fixed by a comment in release.yaml
 * (a fix across the pair), with a suggestion that edits IMPACT.md; an indented `flagged:` key in
 * release.yaml is reported there (to check suppression indentation).
 */
const TEST_RULE: Rule = {
  meta: { name: 'test-cross-file', description: 'Test rule.', scope: 'pair', defaultSeverity: 'warning', fixable: true, suggestions: true },
  check(ctx) {
    const imp = ctx.impact?.source.text;
    const rel = ctx.release?.source.text;
    if (imp !== undefined && rel !== undefined) {
      const at = imp.indexOf('CROSS-FILE-ME');
      if (at >= 0 && !rel.includes('# acknowledged')) {
        ctx.report({
          message: 'Acknowledge this in release.yaml.',
          file: 'impact',
          range: { start: at, end: at + 'CROSS-FILE-ME'.length },
          fix: { title: 'Acknowledge in release.yaml', edits: [{ file: 'release', range: { start: rel.length, end: rel.length }, newText: '# acknowledged\n' }] },
          suggestions: [{ title: 'Reword in IMPACT.md', edits: [{ file: 'impact', range: { start: at, end: at + 'CROSS-FILE-ME'.length }, newText: 'reworded' }] }],
        });
      }
    }
    if (rel !== undefined) {
      const m = /^( +)flagged:/m.exec(rel);
      if (m) ctx.report({ message: 'Flagged key.', file: 'release', range: { start: m.index + m[1].length, end: m.index + m[0].length - 1 } });
    }
  },
};

/**
 * A rule only for these tests whose fix would turn a heading into text: it writes `glued` on the line
 * right above `Setext title` / `---`, which makes that line the heading's first. The extension must
 * neither offer nor apply it (core/fix.ts, fixKeepsHeadings).
 */
const GLUE_RULE: Rule = {
  meta: { name: 'test-glue', description: 'Test rule.', scope: 'impact', defaultSeverity: 'warning', fixable: true },
  check(ctx) {
    const text = ctx.impact?.source.text ?? '';
    const at = text.indexOf('Setext title\n---');
    if (at < 0 || text.includes('glued\nSetext title')) return;
    const range = { start: at, end: at + 'Setext title'.length };
    ctx.report({ message: 'Glue me.', file: 'impact', range, fix: { title: 'Glue above the heading', edits: [{ file: 'impact', range: { start: at, end: at }, newText: 'glued\n' }] } });
  },
};

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  // VS Code cancels a code-action request when the model changes under it (e.g. the file watcher
  // reloading a file the test just wrote); ask again then, a few times at most.
  let list: (vscode.CodeAction | vscode.Command)[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      list = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
      break;
    } catch (err) {
      if (attempt >= 3 || !/Canceled/.test(String(err))) throw err;
    }
  }
  return list.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

async function apply(action: vscode.CodeAction | undefined, what: string): Promise<void> {
  assert.ok(action, `no code action: ${what}`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('extension core: quick fixes', function () {
  let api: ImpactNotesApi;
  let dir: vscode.Uri;
  let impactUri: vscode.Uri;
  let releaseUri: vscode.Uri;

  before(async () => {
    api = await getApi();
    api.lintService.setRulesForTesting([TEST_RULE, GLUE_RULE]);
  });

  after(async () => {
    api.lintService.setRulesForTesting();
  });

  beforeEach(async () => {
    dir = await tempFolder('fix');
    impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    releaseUri = vscode.Uri.joinPath(dir, 'release.yaml');
    await writeText(impactUri, MINIMAL_IMPACT.replace('clones voices.', 'clones voices. CROSS-FILE-ME'));
    await writeText(releaseUri, PLAN.replace('review: { level: full }', 'review:\n  level: full\n  flagged: yes'));
  });

  afterEach(async () => {
    await removeFolder(dir);
  });

  async function openImpact(): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(impactUri));
    await waitForRule(impactUri, 'missing-section');
    return editor;
  }

  it('applies the preferred fix (isPreferred), and the edit is undoable', async () => {
    const editor = await openImpact();
    const before = editor.document.getText();
    const diag = ourDiagnostics(impactUri, 'missing-section').find((d) => /Hazards/.test(d.message));
    assert.ok(diag, 'no missing-section finding for Hazards');
    const count = ourDiagnostics(impactUri, 'missing-section').length;
    const actions = await actionsAt(impactUri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.ok(preferred.length >= 1, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    // (executeCodeActionProvider does not hand back each action's diagnostics: match by title.)
    const chosen = preferred.find((a) => a.title === "Add the 'Hazards' section");
    assert.ok(chosen, `no preferred fix for "${diag.message}" among: ${preferred.map((a) => a.title).join(' | ')}`);
    await apply(chosen, 'preferred fix');
    await waitFor(() => ourDiagnostics(impactUri, 'missing-section').length === count - 1 || undefined, `one missing section fewer than ${count} (now ${ourDiagnostics(impactUri, 'missing-section').length})`);
    assert.match(editor.document.getText(), /^## Hazards$/m);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === before || undefined, 'undo to restore the text');
  });

  it('offers the rule suggestions, and a fix on IMPACT.md that edits release.yaml works', async () => {
    await openImpact();
    const diag = (await waitForRule(impactUri, 'test-cross-file')) as vscode.Diagnostic[];
    const actions = await actionsAt(impactUri, diag[0].range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Reword in IMPACT.md'), titles.join(' | '));
    assert.equal(actions.find((a) => a.title === 'Reword in IMPACT.md')?.isPreferred, false);
    const cross = actions.find((a) => a.title === 'Acknowledge in release.yaml');
    assert.equal(cross?.isPreferred, true);
    await apply(cross, 'cross-file fix');
    await waitForRule(impactUri, 'test-cross-file', false);
    const releaseDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === releaseUri.toString());
    assert.ok(releaseDoc, 'release.yaml was not opened by the edit');
    assert.match(releaseDoc.getText(), /# acknowledged\n$/);
    await releaseDoc.save();
    assert.match(await readText(releaseUri), /# acknowledged/);
  });

  it('applies a suggestion', async () => {
    await openImpact();
    const diag = (await waitForRule(impactUri, 'test-cross-file')) as vscode.Diagnostic[];
    await apply((await actionsAt(impactUri, diag[0].range)).find((a) => a.title === 'Reword in IMPACT.md'), 'suggestion');
    await waitForRule(impactUri, 'test-cross-file', false);
    assert.match(vscode.window.activeTextEditor!.document.getText(), /clones voices\. reworded/);
  });

  it('disables a rule for one line, with the line\'s indentation, merging into an existing comment', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(releaseUri));
    const [flag] = (await waitForRule(releaseUri, 'test-cross-file')) as vscode.Diagnostic[];
    await apply((await actionsAt(releaseUri, flag.range)).find((a) => a.title === 'Disable test-cross-file for this line'), 'disable for line');
    await waitForRule(releaseUri, 'test-cross-file', false);
    assert.match(editor.document.getText(), /\n  # impact-notes-disable-next-line test-cross-file\n  flagged: yes\n/);

    // A second rule on the same line joins the existing comment instead of stacking a new one.
    const other = ourDiagnostics(releaseUri).find((d) => d.range.start.line === flag.range.start.line + 1);
    if (other) {
      const rule = String((other.code as { value: string }).value);
      await apply((await actionsAt(releaseUri, other.range)).find((a) => a.title === `Disable ${rule} for this line`), 'disable second rule');
      assert.match(editor.document.getText(), new RegExp(`# impact-notes-disable-next-line test-cross-file, ${rule}\\n`));
    }
  });

  it('disables a rule for the whole file, and links to its documentation', async () => {
    const editor = await openImpact();
    const [d] = ourDiagnostics(impactUri, 'missing-section');
    const actions = await actionsAt(impactUri, d.range);
    const docs = actions.find((a) => a.title === 'Show documentation for missing-section');
    assert.equal(docs?.command?.command, 'impactNotes.showRuleDocumentation');
    assert.deepEqual(docs?.command?.arguments, ['missing-section']);
    await apply(actions.find((a) => a.title === 'Disable missing-section for this file'), 'disable for file');
    await waitForRule(impactUri, 'missing-section', false);
    assert.match(editor.document.getText(), /^<!-- impact-notes-disable-file missing-section -->\n# Impact assessment/);
  });

  it('source.fixAll.impactNotes fixes everything fixable in the file (not the other file)', async () => {
    const editor = await openImpact();
    const releaseBefore = await readText(releaseUri);
    const actions = await actionsAt(impactUri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.impactNotes');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.impactNotes');
    await apply(fixAll, 'fix all');
    // The sections are inserted with their prompts; they stay errors until a person answers them.
    await waitForOnlyPrompts(impactUri, 'missing-section');
    assert.match(editor.document.getText(), /^## Path to harm$/m);
    assert.equal(await readText(releaseUri), releaseBefore, 'fix-all of IMPACT.md touched release.yaml');
    assert.ok(ourDiagnostics(impactUri, 'test-cross-file').length, 'the cross-file fix should not be part of this file\'s fix-all');
  });

  it('fixes on save through editor.codeActionsOnSave', async () => {
    const scoped = () => vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    await scoped().update('codeActionsOnSave', { 'source.fixAll.impactNotes': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      const editor = await openImpact();
      await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '\nMore text.\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(async () => /^## Path to harm$/m.test(await readText(impactUri)) || undefined, 'the saved file to hold the fixes');
      await waitForOnlyPrompts(impactUri, 'missing-section');
    } finally {
      // Later suites save the example files: fix-on-save must be off again.
      await scoped().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      await waitFor(() => scoped().inspect('codeActionsOnSave')?.workspaceLanguageValue === undefined || undefined, 'codeActionsOnSave to be reset');
    }
  });

  it('the Fix All command fixes both files of the pair', async () => {
    await openImpact();
    assert.equal(await vscode.commands.executeCommand('impactNotes.fixAll', impactUri), true);
    await waitForRule(impactUri, 'test-cross-file', false);
    await waitForOnlyPrompts(impactUri, 'missing-section');
  });

  it('a fix that would turn a heading into text is not offered, and fix-all leaves it out', async () => {
    await writeText(impactUri, `${MINIMAL_IMPACT}\nSetext title\n---\n\nText under it.\n`);
    const editor = await openImpact();
    const diag = ((await waitForRule(impactUri, 'test-glue')) as vscode.Diagnostic[])[0];
    const titles = (await actionsAt(impactUri, diag.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
    assert.ok(titles.includes('Disable test-glue for this line'), titles.join(' | '));
    assert.ok(!titles.includes('Glue above the heading'), `the fix was offered: ${titles.join(' | ')}`);
    const fixAll = (await actionsAt(impactUri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.impactNotes')).find((a) => a.kind?.value === 'source.fixAll.impactNotes');
    await apply(fixAll, 'fix all');
    await waitForOnlyPrompts(impactUri, 'missing-section');
    assert.match(editor.document.getText(), /\n\nSetext title\n---\n/);
    assert.ok(!editor.document.getText().includes('glued'));
    assert.ok(ourDiagnostics(impactUri, 'test-glue').length, 'the finding stays');
  });
});
