// The assessments tree on the example workspace: content, getParent/reveal, the click command that
// opens the source range, refresh on lint updates, the context key behind the welcome view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/extension/tree/tree-model';
import { closeAll, getViews, until, ws, type ViewsApi } from './views-helpers';

describe('views: assessments tree', function () {
  let v: ViewsApi;
  let root: TreeNode;
  const child = (n: TreeNode, label: string): TreeNode => {
    const c = v.tree.provider.getChildren(n).find((x) => x.label === label);
    assert.ok(c, `no '${label}' under '${n.label}': ${v.tree.provider.getChildren(n).map((x) => x.label).join(', ')}`);
    return c;
  };
  const findRoot = () => v.tree.provider.getChildren().find((r) => r.id === v.api.lintService.pairFor(ws('IMPACT.md'))?.key);

  before(async () => {
    v = await getViews();
    await v.tree.scanOnce();
    root = await until(v.api, findRoot, 'the example pair in the tree');
  });

  after(closeAll);

  it('registers the view, its commands, and sets the hasAssessments context key', async () => {
    const cmds = await vscode.commands.getCommands(true);
    for (const id of ['impactNotes.tree.refresh', 'impactNotes.tree.revealPair', 'impactNotes.tree.lintWorkspace', 'impactNotes.tree.checkReadiness'])
      assert.ok(cmds.includes(id), `${id} is not registered`);
    assert.equal(v.tree.hasAssessments, true);
  });

  it('shows one node per pair with its completeness, and the six groups', () => {
    assert.equal(root.label, 'voice-clone-study');
    assert.equal(root.description, '17/22');
    assert.deepEqual(v.tree.provider.getChildren(root).map((c) => c.label), ['Hazards', 'Path to harm', 'Access ratchet', 'Release plan', 'Safeguards', 'Problems']);
    const item = v.tree.provider.getTreeItem(root);
    assert.equal(item.contextValue, 'impactNotes.pair.impact.release');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
  });

  it('lists hazards, ratings (coloured by rating), the ratchet, the release plan and safeguards', () => {
    assert.deepEqual(v.tree.provider.getChildren(child(root, 'Hazards')).map((n) => `${n.label}: ${n.description}`), [
      'Product hazard: yes',
      'Data hazard: no',
      'Attention hazard: unsure',
    ]);
    const deployment = child(child(root, 'Path to harm'), 'Deployment');
    const slot = v.tree.provider.getTreeItem(child(deployment, 'Slottability'));
    assert.equal(slot.description, 'high');
    assert.equal((slot.iconPath as vscode.ThemeIcon).id, 'circle-filled');
    assert.equal(((slot.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'charts.red');
    assert.equal(child(deployment, 'Modifiability').description, 'hgih (not a rating)');
    assert.equal(child(deployment, 'Environment').description, 'not rated');
    assert.equal(child(root, 'Access ratchet').description, 'Attention');
    const plan = child(root, 'Release plan');
    assert.equal(plan.description, '5 artifacts');
    const weights = child(plan, 'weights');
    assert.equal(weights.description, 'staged · ask-for-access');
    assert.deepEqual(v.tree.provider.getChildren(child(weights, 'Timing')).map((n) => n.label), ['2027-01-15', 'after detector published']);
    assert.equal(child(child(root, 'Safeguards'), 'Referenceability').description, 'not listed');
  });

  it('groups the pair’s problems by severity, matching the lint result', () => {
    const problems = child(root, 'Problems');
    const findings = v.api.lintService.pairFor(ws('IMPACT.md'))!.result.findings;
    const shown = v.tree.provider.getChildren(problems).flatMap((sev) => v.tree.provider.getChildren(sev));
    assert.equal(shown.length, findings.length);
    assert.ok(shown.some((n) => n.value === 'timing-incomplete'), 'the timed demo without a date is listed');
    const errors = v.tree.provider.getChildren(problems).find((n) => n.label === 'Errors');
    assert.ok(errors);
    assert.equal(errors.description, String(findings.filter((f) => f.severity === 'error').length));
  });

  it('implements getParent, so reveal selects a deep node', async () => {
    const factor = v.tree.provider.find((n) => n.kind === 'factor' && n.id.endsWith('::slottability'));
    assert.ok(factor);
    const chain: string[] = [];
    for (let n: TreeNode | undefined = factor; n; n = v.tree.provider.getParent(n)) chain.unshift(n.label);
    assert.deepEqual(chain, ['voice-clone-study', 'Path to harm', 'Deployment', 'Slottability']);
    await v.tree.reveal(factor, { select: true, focus: true, expand: true });
    await until(v.api, () => v.tree.view.visible && v.tree.view.selection[0]?.id === factor.id, 'the factor to be selected in the view');
  });

  it('reveals a pair from a file with impactNotes.tree.revealPair', async () => {
    await vscode.commands.executeCommand('impactNotes.tree.revealPair', ws('release.yaml'));
    await until(v.api, () => v.tree.view.selection[0]?.id === root.id, 'the pair node to be selected');
  });

  it('clicking a node opens its source range: factor key in IMPACT.md, artifact id in release.yaml, a finding', async () => {
    const open = async (node: TreeNode) => {
      const cmd = v.tree.provider.getTreeItem(node).command;
      assert.ok(cmd, `no command on ${node.label}`);
      await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
      const editor = await until(v.api, () => vscode.window.activeTextEditor, 'an active editor');
      return { path: editor.document.uri.path, selected: editor.document.getText(editor.selection) };
    };
    const factor = v.tree.provider.find((n) => n.kind === 'factor' && n.id.endsWith('::slottability'))!;
    let r = await open(factor);
    assert.match(r.path, /\/IMPACT\.md$/);
    assert.equal(r.selected, 'Slottability');
    const weights = v.tree.provider.find((n) => n.kind === 'artifact' && n.label === 'weights')!;
    r = await open(weights);
    assert.match(r.path, /\/release\.yaml$/);
    assert.equal(r.selected, 'weights');
    const hazard = v.tree.provider.find((n) => n.kind === 'hazard' && n.label === 'Data hazard')!;
    r = await open(hazard);
    assert.equal(r.selected, 'Data hazard');
    const finding = v.tree.provider.find((n) => n.kind === 'finding' && n.value === 'timing-incomplete')!;
    const f = v.api.lintService.pairFor(ws('IMPACT.md'))!.result.findings.find((x) => x.rule === 'timing-incomplete')!;
    r = await open(finding);
    assert.match(r.path, new RegExp(`/${f.file === 'release' ? 'release\\.yaml' : 'IMPACT\\.md'}$`));
    const editor = vscode.window.activeTextEditor!;
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [f.start.line, f.start.character]);
  });

  it('refreshes from the lint service when the assessment changes, without saving', async () => {
    const uri = ws('IMPACT.md');
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const before = v.tree.provider.refreshCount;
    const at = editor.document.getText().indexOf('hgih');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 4)), 'high'));
    const updated = await until(v.api, () => {
      const r = findRoot();
      return r && r.description === '18/22' ? r : undefined;
    }, 'the tree to show 18/22 after fixing the rating');
    assert.ok(v.tree.provider.refreshCount > before, 'onDidChangeTreeData fired');
    assert.notEqual(updated, root, 'the pair subtree was rebuilt from the new result');
    const modifiability = v.tree.provider.find((n) => n.kind === 'factor' && n.id.endsWith('::modifiability'));
    assert.equal(modifiability?.description, 'high');
    // Put the example back (VS Code for the Web auto-saves after a delay by default).
    const doc = editor.document;
    const back = doc.getText().indexOf('- **Modifiability:** high') + '- **Modifiability:** '.length;
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(back), doc.positionAt(back + 4)), 'hgih'));
    await doc.save();
    await until(v.api, () => findRoot()?.description === '17/22' || undefined, 'the tree to go back to 17/22');
  });
});
