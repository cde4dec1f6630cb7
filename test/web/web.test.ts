// The extension's `browser` entry in VS Code's web worker extension host (what vscode.dev and
// github.dev run), on the example workspace served by code-server (a vscode-remote: file system
// with a search provider). Everything below goes through workspace.fs and workspace.findFiles:
// diagnostics, a quick fix, hover, completion, the tree, the report, scaffolding, an export, and
// the search for research folders without a plan. Bundled with test/web/index.ts for the browser.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NewAssessmentResult } from '../../src/extension/assessment/assessment-commands';
import type { DiscoveryApi } from '../../src/extension/discovery';
import type { ReportApi } from '../../src/extension/report';
import type { TreeApi } from '../../src/extension/tree';
import { getApi, MINIMAL_IMPACT, ourDiagnostics, pick, PLAN, readText, removeFolder, ScriptedPrompts, tempFolder, waitFor, waitForRule, writeText, type PromptCall } from '../integration/core-helpers';
import { hoverText, labelOf, openLinted, positionOf, untitled, ws } from '../integration/views-helpers';
import type { ImpactNotesApi } from '../../src/extension/extension';

describe('web worker extension host', function () {
  let api: ImpactNotesApi;
  const folders: vscode.Uri[] = [];

  before(async () => {
    api = await getApi();
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    for (const f of folders) await removeFolder(f);
  });

  async function folder(name: string): Promise<vscode.Uri> {
    const f = await tempFolder(name);
    folders.push(f);
    return f;
  }

  it('runs the browser bundle in a web worker, on a workspace it reaches only through workspace.fs', () => {
    assert.equal(api.services.platform.kind, 'web', 'the Node entry was loaded, not the browser one');
    const g = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } }; document?: unknown };
    assert.equal(typeof g.importScripts, 'function', 'not in a web worker');
    assert.equal(g.process?.versions?.node, undefined, 'Node is there');
    assert.equal(g.document, undefined);
    assert.equal(vscode.workspace.workspaceFolders?.[0].uri.scheme, 'vscode-remote');
  });

  it('lints the example pair: diagnostics with rule codes linked to their pages', async () => {
    await openLinted(api, ws('IMPACT.md'));
    await openLinted(api, ws('release.yaml'));
    const impact = await waitFor(() => ourDiagnostics(ws('IMPACT.md')).length > 0 && ourDiagnostics(ws('IMPACT.md')), 'diagnostics on IMPACT.md');
    const release = await waitFor(() => ourDiagnostics(ws('release.yaml')).length > 0 && ourDiagnostics(ws('release.yaml')), 'diagnostics on release.yaml');
    for (const d of [...impact, ...release]) {
      const code = d.code as { value: string; target: vscode.Uri };
      assert.match(code.target.path, new RegExp(`/docs/rules/${code.value}\\.md$`));
    }
    const state = api.lintService.pairFor(ws('IMPACT.md'));
    assert.ok(state?.releaseUri, 'the pair has no release.yaml');
  });

  it('applies a quick fix: the missing section goes in, the diagnostic goes away', async () => {
    const dir = await folder('web-fix');
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(impactUri, MINIMAL_IMPACT);
    await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN);
    const editor = await vscode.window.showTextDocument(impactUri);
    const diags = (await waitForRule(impactUri, 'missing-section')) as vscode.Diagnostic[];
    const count = diags.length;
    const diag = diags.find((d) => /Hazards/.test(d.message)) ?? diags[0];
    const actions = ((await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', impactUri, diag.range, vscode.CodeActionKind.QuickFix.value)) ?? []).filter(
      (a): a is vscode.CodeAction => 'title' in a && typeof (a as vscode.Command).command !== 'string',
    );
    const fix = actions.find((a) => a.isPreferred && a.title === "Add the 'Hazards' section");
    assert.ok(fix?.edit, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(() => ourDiagnostics(impactUri, 'missing-section').length === count - 1 || undefined, 'one missing section fewer');
    assert.match(editor.document.getText(), /^## Hazards$/m);
    await editor.document.save();
  });

  it('hovers over a taxonomy term and completes release.yaml values', async () => {
    const impact = await openLinted(api, ws('IMPACT.md'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ws('IMPACT.md'), positionOf(impact.document, '**Slottability:**', 4));
    assert.match(hoverText(hovers ?? []), /\*\*Slottability\*\* \(`slottability`\)/);
    const release = await openLinted(api, ws('release.yaml'));
    const at = positionOf(release.document, 'kind: staged', 'kind: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', ws('release.yaml'), at);
    const labels = (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map(labelOf);
    for (const kind of ['immediate', 'timed', 'periodic', 'evented', 'staged']) assert.ok(labels.includes(kind), `${kind} not offered: ${labels.join(', ')}`);
    // The release.yaml snippets are read from the extension's own snippets file (workspace.fs).
    const draft = await untitled('drafts-web/release.yaml', 'impact-release: 1\nartifacts:\n  impact-art\n');
    try {
      const offered = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', draft.uri, new vscode.Position(2, 12));
      const snippets = (offered?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
      assert.ok(snippets.includes('impact-artifact-staged'), `no artifact snippet among ${snippets.join(', ')}`);
    } finally {
      await vscode.window.showTextDocument(draft);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('shows the pair in the tree with its groups', async () => {
    const tree = api.features.tree as TreeApi;
    const key = api.lintService.pairFor(ws('IMPACT.md'))?.key;
    const node = await waitFor(() => tree.provider.getChildren().find((n) => n.id === key), 'the example pair in the tree');
    const groups = tree.provider.getChildren(node).map((c) => c.label);
    for (const g of ['Hazards', 'Path to harm', 'Release plan', 'Problems']) assert.ok(groups.includes(g), `no ${g} group: ${groups.join(', ')}`);
  });

  it('opens the report panel with its pictures under a nonce CSP', async () => {
    const report = api.features.report as ReportApi;
    await vscode.commands.executeCommand('impactNotes.openReport', ws('IMPACT.md'));
    const panel = report.panels().find((p) => p.state.impactUri?.toString() === ws('IMPACT.md').toString());
    assert.ok(panel, 'no report panel');
    assert.match(panel.html, /<svg class="picture heatmap"/);
    assert.match(panel.html, /<svg class="picture timeline"/);
    assert.match(panel.html, /script-src (?:'|&#39;)nonce-[A-Za-z0-9_-]{24}(?:'|&#39;)/);
    panel.dispose();
  });

  it('scaffolds a new assessment through workspace.fs', async () => {
    const dir = await folder('web-new');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'ckpt'));
    await writeText(vscode.Uri.joinPath(dir, 'ckpt', 'model.pt'), 'weights');
    api.prompts.use(
      new ScriptedPrompts((call: PromptCall) => {
        if (call.kind === 'quickPick' && /modality/i.test(call.text)) return [pick(call, 'audio')];
        if (call.kind === 'quickPick' && /artifacts/i.test(call.text)) return call.items!.filter((i) => i.picked);
        if (call.kind === 'quickPick' && /review level/i.test(call.text)) return pick(call, 'full');
        return undefined;
      }),
    );
    const r = (await vscode.commands.executeCommand('impactNotes.newAssessment', dir)) as NewAssessmentResult;
    assert.equal(r.created.length, 2);
    assert.match(await readText(vscode.Uri.joinPath(dir, 'IMPACT.md')), /^- \*\*Modality:\*\* audio$/m);
    const release = await readText(vscode.Uri.joinPath(dir, 'release.yaml'));
    assert.match(release, /- id: weights\n\s+content: trained-model\n\s+paths: \["?ckpt\/\*\*"?\]/, 'the checkpoint folder was not found');
    await waitFor(() => api.lintService.pairFor(vscode.Uri.joinPath(dir, 'IMPACT.md')), 'the new pair to be linted');
  });

  it('exports the broader-impact statement next to IMPACT.md', async () => {
    api.prompts.use(new ScriptedPrompts((call) => (call.kind === 'quickPick' ? call.items?.find((i) => i.label === 'Markdown') : undefined)));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('impactNotes.exportBroaderImpact', ws('IMPACT.md'));
    assert.ok(written, 'nothing was written');
    assert.match(await readText(written), /Broader Impact/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(written);
  });

  it('finds the unplanned experiment through workspace.findFiles', async () => {
    const discovery = api.features.discovery as DiscoveryApi;
    await discovery.ready;
    const plan = ws('release.yaml');
    await waitFor(
      () => ourDiagnostics(plan, 'artifact-uncovered').some((d) => d.message.includes('experiments/emotion-transfer/ckpt/emotion-adapter.safetensors')),
      'artifact-uncovered for the experiment on release.yaml',
    );
    assert.ok(discovery.service.roots().some((r) => r.root.dir === ''), 'no research root for the workspace folder');
  });
});
