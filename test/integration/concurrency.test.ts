// Hardening: rapid edits leave no stale diagnostics (the final ones match a fresh lint of the final
// text), and one file shown in two editors (split) is linted once, without duplicate diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lint } from '../../src/core/engine';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { getApi, MINIMAL_IMPACT, ourDiagnostics, PLAN, removeFolder, tempFolder, waitFor, waitLinted, writeText } from './core-helpers';

function key(rule: string, r: vscode.Range, message: string): string {
  return `${rule} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${message}`;
}

function diagnosticKeys(uri: vscode.Uri): string[] {
  return ourDiagnostics(uri)
    .map((d) => key(typeof d.code === 'object' ? String(d.code.value) : String(d.code), d.range, d.message))
    .sort();
}

/** What a fresh core lint of the document's current text reports on IMPACT.md. */
async function freshKeys(api: ImpactNotesApi, doc: vscode.TextDocument): Promise<string[]> {
  const state = api.lintService.pairFor(doc.uri);
  assert.ok(state, 'no pair state');
  const input = await api.lintService.inputFor(state);
  assert.ok(input.impact, 'no IMPACT.md input');
  const result = lint({ ...input, impact: { path: input.impact.path, text: doc.getText() } });
  return result.findings
    .filter((f) => f.file === 'impact' || f.file === 'workspace')
    .map((f) => key(f.rule, new vscode.Range(f.start.line, f.start.character, f.end.line, f.end.character), f.message))
    .sort();
}

describe('hardening: concurrency', function () {
  let api: ImpactNotesApi;
  let dir: vscode.Uri;
  let impactUri: vscode.Uri;

  before(async () => {
    api = await getApi();
  });

  beforeEach(async () => {
    dir = await tempFolder('concurrency');
    impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(impactUri, MINIMAL_IMPACT);
    await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN);
  });

  afterEach(async () => {
    await removeFolder(dir);
  });

  it('20 edits without waiting for lints end with the diagnostics of the final text', async () => {
    const doc = await vscode.workspace.openTextDocument(impactUri);
    await vscode.window.showTextDocument(doc);
    await waitLinted(api, doc);
    const before = diagnosticKeys(impactUri);
    assert.ok(before.some((k) => k.startsWith('missing-section') && /Hazards/.test(k)), before.join('\n'));

    // Concurrent applyEdit calls on one document are rejected by VS Code ("has changed in the
    // meantime"), so each edit is applied in turn, but nothing waits for a lint: every edit also
    // starts a lint right away (lintUri, not awaited), so lints of many versions overlap with the
    // debounced ones the edits schedule.
    const editor = vscode.window.activeTextEditor!;
    const lints: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      // Half-way through a Hazards section appears; the later edits add prose after it.
      const text = i === 10 ? '\n## Hazards\n\nThe clones could impersonate people on phone calls.\n' : `\nEdit ${i}: more prose about the project.\n`;
      assert.ok(await editor.edit((b) => b.insert(end, text)), `edit ${i} was not applied`);
      lints.push(api.lintService.lintUri(impactUri));
    }
    await Promise.all(lints);
    assert.match(doc.getText(), /^## Hazards$/m);
    assert.match(doc.getText(), /Edit 19:/);

    await waitLinted(api, doc);
    // A lint of an older version must not land after the newest one: wait out the debounce twice.
    const settle = Date.now() + 2 * api.lintService.currentSettings(impactUri).debounceMs + 300;
    await waitFor(() => Date.now() > settle || undefined, 'the debounce to pass', 10000);
    assert.equal(api.lintService.pairFor(impactUri)?.impactVersion, doc.version, 'the last lint is not of the final version');
    const expected = await freshKeys(api, doc);
    assert.deepEqual(diagnosticKeys(impactUri), expected);
    assert.ok(!expected.some((k) => k.startsWith('missing-section') && /'Hazards'/.test(k)), 'the fresh lint still misses Hazards');
  });

  it('one file open in two editors (split) has no duplicate diagnostics', async () => {
    const doc = await vscode.workspace.openTextDocument(impactUri);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
    assert.ok(vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === impactUri.toString()).length >= 2, 'the split did not open a second editor');
    await waitLinted(api, doc);
    // Edit through the second editor; both show the same document, linted once.
    const second = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === impactUri.toString() && e.viewColumn === vscode.ViewColumn.Two)!;
    await second.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '\nMore text from the second editor.\n'));
    await waitLinted(api, doc);
    const keys = diagnosticKeys(impactUri);
    assert.ok(keys.length > 0, 'no diagnostics');
    assert.equal(new Set(keys).size, keys.length, `duplicate diagnostics:\n${keys.join('\n')}`);
    assert.deepEqual(keys, await freshKeys(api, doc));
    assert.equal(api.lintService.pairs().filter((p) => p.impactUri?.toString() === impactUri.toString()).length, 1, 'the pair is tracked twice');
  });
});
