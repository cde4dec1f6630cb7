// What a new user meets first, in a real VS Code: New Impact Assessment… into a folder that does
// not exist yet (and its place in the Explorer's folder menu), rule pages opening as a rendered,
// read-only preview (Show Rule Documentation and the diagnostic's code link), and completion inside
// an existing artifact of release.yaml offering keys rather than whole-artifact snippets.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NewAssessmentResult } from '../../src/extension/assessment/assessment-commands';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { exists, getApi, ourDiagnostics, pick, readText, removeFolder, ScriptedPrompts, waitFor, workspaceRoot, type PromptCall } from './core-helpers';
import { labelOf, openLinted, positionOf, ws } from './views-helpers';

const MARKDOWN_PREVIEW = 'markdown.preview';

/** Tabs that show a rule page: the preview (a webview tab) and any text editor of the page. */
function ruleTabs(rule: string): { previews: vscode.Tab[]; texts: vscode.Tab[] } {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  return {
    previews: tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(MARKDOWN_PREVIEW) && t.label.includes(rule)),
    texts: tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.path.endsWith(`/docs/rules/${rule}.md`)),
  };
}

describe('first run', function () {
  let api: ImpactNotesApi;
  const created: vscode.Uri[] = [];

  before(async () => {
    api = await getApi();
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of created) await removeFolder(f);
  });

  it('New Impact Assessment… creates a folder that does not exist yet and scaffolds into it', async () => {
    const name = `it-new-study-${Date.now().toString(36)}`;
    const answers = (call: PromptCall): unknown => {
      if (call.kind === 'quickPick' && /folder/i.test(call.text)) return pick(call, /New folder/);
      if (call.kind === 'inputBox') {
        const validate = (call.options as vscode.InputBoxOptions).validateInput!;
        assert.ok(validate('../outside'), 'a path leaving the workspace folder is refused');
        assert.ok(validate(''), 'an empty name is refused');
        assert.equal(validate(`${name}/sub`), undefined);
        return `${name}/sub`;
      }
      if (call.kind === 'quickPick' && /modality/i.test(call.text)) return [pick(call, 'audio')];
      if (call.kind === 'quickPick' && /artifacts/i.test(call.text)) return [pick(call, 'paper')];
      if (call.kind === 'quickPick' && /review level/i.test(call.text)) return pick(call, 'expedited');
      return undefined;
    };
    const fake = new ScriptedPrompts(answers);
    api.prompts.use(fake);
    const r = (await vscode.commands.executeCommand('impactNotes.newAssessment')) as NewAssessmentResult;
    const folder = vscode.Uri.joinPath(workspaceRoot(), name);
    created.push(folder);
    assert.ok(r, `the command stopped; prompts: ${fake.calls.map((c) => c.text).join(' / ')}`);
    assert.equal(r.folder.path, vscode.Uri.joinPath(folder, 'sub').path);
    assert.equal(r.created.length, 2);
    assert.match(await readText(vscode.Uri.joinPath(folder, 'sub', 'IMPACT.md')), /^## Hazards$/m);
    assert.ok(await exists(vscode.Uri.joinPath(folder, 'sub', 'release.yaml')));
    const folderCall = fake.calls.find((c) => c.kind === 'quickPick' && /folder/i.test(c.text))!;
    assert.ok(folderCall.items!.some((i) => /Choose a folder/.test(i.label) && i.alwaysShow), 'no way to pick any (empty) folder');
  });

  it('New Impact Assessment… is in the Explorer folder menu', () => {
    const pkg = vscode.extensions.getExtension('impact-notes.impact-notes')!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    const entry = pkg.contributes.menus['explorer/context'].find((m) => m.command === 'impactNotes.newAssessment');
    assert.equal(entry?.when, 'explorerResourceIsFolder');
  });

  it('Show Rule Documentation opens the bundled page as a rendered, read-only preview', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = (await vscode.commands.executeCommand('impactNotes.showRuleDocumentation', 'missing-section')) as vscode.Uri;
    assert.equal(uri.scheme, 'impact-notes-docs');
    assert.equal(vscode.workspace.fs.isWritableFileSystem(uri.scheme), false, 'the rule pages can be written');
    await waitFor(() => ruleTabs('missing-section').previews.length > 0, 'a Markdown preview tab of missing-section');
    assert.equal(ruleTabs('missing-section').texts.length, 0, 'the page was opened as a text file');
    const text = await readText(uri);
    assert.match(text, /^# missing-section$/m);
    assert.doesNotMatch(text, /SPEC/);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('x'))));
  });

  it("a diagnostic's code link opens the rule page as a preview, not as an editable file", async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openLinted(api, ws('IMPACT.md'));
    const diag = await waitFor(() => ourDiagnostics(ws('IMPACT.md'))[0], 'a diagnostic on the example');
    const code = diag.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.scheme, 'impact-notes-docs');
    // What the Problems panel and the hover do with the link: open it.
    await vscode.commands.executeCommand('vscode.open', code.target);
    await waitFor(() => ruleTabs(code.value).previews.length > 0 && ruleTabs(code.value).texts.length === 0, `${code.value}: a preview and no text editor`);
  });

  it('completion inside an existing artifact offers its missing keys, not whole-artifact snippets', async () => {
    const editor = await openLinted(api, ws('release.yaml'));
    const doc = editor.document;
    const line = positionOf(doc, '  - id: weights').line;
    const indent = '    ';
    const at = new vscode.Position(line + 1, 0);
    await editor.edit((e) => e.insert(at, `${indent}\n`));
    try {
      const pos = new vscode.Position(line + 1, indent.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      const items = list?.items ?? [];
      const keys = items.filter((i) => i.kind === vscode.CompletionItemKind.Property).map(labelOf);
      const snippets = items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
      assert.ok(keys.includes('description') || keys.includes('status'), `no artifact keys: ${keys.join(', ')}`);
      assert.ok(!keys.includes('id'), 'a key the artifact already has is offered');
      assert.deepEqual(snippets.filter((s) => s.startsWith('impact-artifact-')), [], 'whole-artifact snippets inside an artifact');
      assert.deepEqual(snippets.filter((s) => s === 'impact-release-plan'), []);
    } finally {
      await editor.edit((e) => e.delete(new vscode.Range(at, at.translate(1))));
      await doc.save();
    }
  });
});
