// Discovery in a real VS Code: the first scan after activation, file-system events (create, rename,
// delete) updating the affected roots, release plans making warnings go, the "Unplanned research"
// tree group with its Create Release Plan action, and typing never rescanning.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { DiscoveryApi } from '../../src/extension/discovery';
import { SECTION_ID } from '../../src/extension/discovery/tree-section';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { TreeApi } from '../../src/extension/tree';
import type { TreeNode } from '../../src/extension/tree/tree-model';
import { getApi, MINIMAL_IMPACT, ourDiagnostics, pick, readText, removeFolder, ScriptedPrompts, tempFolder, waitFor, workspaceRoot, writeText } from './core-helpers';

const PLAN = (paths: string) => `impact-release: 1\nartifacts:\n  - id: weights\n    content: trained-model\n    paths: [${paths}]\n`;

describe('discovery', function () {
  let api: ImpactNotesApi;
  let discovery: DiscoveryApi;
  let tree: TreeApi;
  const folders: vscode.Uri[] = [];

  before(async () => {
    api = await getApi();
    discovery = api.features.discovery as DiscoveryApi;
    tree = api.features.tree as TreeApi;
    assert.ok(discovery, 'the discovery feature did not start');
    await discovery.ready;
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

  const rel = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, false);
  const rootPlan = () => vscode.Uri.joinPath(workspaceRoot(), 'release.yaml');
  const uncoveredOnRootPlan = () => ourDiagnostics(rootPlan(), 'artifact-uncovered').map((d) => d.message).join('\n');

  function sectionNodes(): TreeNode[] {
    return tree.provider.roots().find((n) => n.id === SECTION_ID)?.children ?? [];
  }

  it('the first scan ran after activation and found the example project\'s unplanned experiment', async () => {
    assert.equal(discovery.service.status, 'done');
    const roots = discovery.service.roots();
    const top = roots.find((r) => r.root.dir === '');
    assert.ok(top, `no root for the workspace folder: ${roots.map((r) => r.root.dir).join(', ')}`);
    assert.equal(top.root.status, 'partial');
    await waitFor(() => uncoveredOnRootPlan().includes('experiments/emotion-transfer/ckpt/emotion-adapter.safetensors'), 'artifact-uncovered on release.yaml');
    const d = ourDiagnostics(rootPlan(), 'artifact-uncovered')[0];
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(String((d.code as { target: vscode.Uri }).target), /artifact-uncovered\.md$/);
  });

  it('a new checkpoint warns; a release plan that covers it makes the warning go', async () => {
    const dir = await folder('disc-ckpt');
    const ckpt = vscode.Uri.joinPath(dir, 'checkpoints', 'model.pt');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'checkpoints'));
    await writeText(ckpt, 'weights');
    // The workspace's own plan sits above: the new file is in its scope but under none of its paths.
    const uncoveredAtTop = () => discovery.service.roots().find((r) => r.root.dir === '')?.root.uncovered.map((m) => m.path) ?? [];
    await waitFor(() => uncoveredAtTop().includes(`${rel(dir)}/checkpoints/model.pt`), 'the new checkpoint to be reported on the workspace plan');
    assert.ok(ourDiagnostics(rootPlan(), 'artifact-uncovered').length > 0);
    await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN('checkpoints/**'));
    await waitFor(() => !uncoveredAtTop().some((p) => p.startsWith(`${rel(dir)}/`)) || undefined, 'the warning about the checkpoint to go');
    assert.ok(!uncoveredOnRootPlan().includes(rel(dir)));
    assert.equal(discovery.service.roots().find((r) => r.root.dir === rel(dir)), undefined, 'the folder is covered');
  });

  it('release-plan-missing sits on the artifact and follows rename and delete', async () => {
    const dir = await folder('disc-own');
    await writeText(vscode.Uri.joinPath(dir, 'IMPACT.md'), MINIMAL_IMPACT);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'weights'));
    const first = vscode.Uri.joinPath(dir, 'weights', 'model.safetensors');
    await writeText(first, 'weights');
    const onFirst = await waitFor(() => ourDiagnostics(first, 'release-plan-missing')[0], 'release-plan-missing on the weights file');
    assert.match(onFirst.message, /none of the artifact paths in \.\.\/release\.yaml match them/);
    assert.deepEqual([onFirst.range.start.line, onFirst.range.start.character], [0, 0]);

    const renamed = vscode.Uri.joinPath(dir, 'weights', 'renamed.safetensors');
    await vscode.workspace.fs.rename(first, renamed);
    await waitFor(() => ourDiagnostics(renamed, 'release-plan-missing').length > 0 && ourDiagnostics(first, 'release-plan-missing').length === 0, 'the finding to move with the rename');

    // Renaming the folder: the watcher sees the new folder and searches it.
    const movedDir = vscode.Uri.joinPath(dir, 'ckpt');
    await vscode.workspace.fs.rename(vscode.Uri.joinPath(dir, 'weights'), movedDir);
    const moved = vscode.Uri.joinPath(movedDir, 'renamed.safetensors');
    await waitFor(() => ourDiagnostics(moved, 'release-plan-missing').length > 0 && ourDiagnostics(renamed, 'release-plan-missing').length === 0, 'the finding to follow the folder rename');

    await vscode.workspace.fs.delete(moved);
    await waitFor(() => ourDiagnostics(moved, 'release-plan-missing').length === 0 || undefined, 'the finding to go with the file');
    assert.equal(discovery.service.roots().find((r) => r.root.dir === rel(dir)), undefined);
  });

  it('the tree lists the folder under "Unplanned research"; its Create Release Plan action writes a covering plan', async () => {
    const dir = await folder('disc-tree');
    await writeText(vscode.Uri.joinPath(dir, 'IMPACT.md'), MINIMAL_IMPACT);
    await writeText(vscode.Uri.joinPath(dir, 'train.py'), 'print("train")\n');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'data'));
    await writeText(vscode.Uri.joinPath(dir, 'data', 'corpus.parquet'), 'PAR1');
    const node = await waitFor(() => sectionNodes().find((n) => n.label === rel(dir)), 'the folder in the Unplanned research group');
    assert.match(node.contextValue, /^impactNotes\.researchRoot\.unmatched\.hasPlan$/);
    assert.match(node.description ?? '', /1 dataset file · 1 training file/);
    assert.deepEqual(node.children?.filter((c) => c.kind === 'artifact').map((c) => c.label), ['data/corpus.parquet', 'train.py']);
    // The view shows it (reveal needs the rendered tree, which refreshes asynchronously).
    await vscode.commands.executeCommand('impactNotes.assessments.focus');
    await waitFor(async () => {
      const current = sectionNodes().find((n) => n.label === rel(dir));
      if (!current) return undefined;
      try {
        await tree.reveal(current, { select: true, expand: true });
        return true;
      } catch {
        return undefined;
      }
    }, 'the folder node to be revealed in the view');

    const fake = new ScriptedPrompts((call) => {
      if (call.kind === 'quickPick' && /modality/i.test(call.text)) return [pick(call, 'audio')];
      if (call.kind === 'quickPick' && /review level/i.test(call.text)) return pick(call, 'expedited');
      if (call.kind === 'info') return undefined;
      throw new Error(`unexpected prompt: ${call.kind} ${call.text}`);
    });
    api.prompts.use(fake);
    await vscode.commands.executeCommand('impactNotes.discovery.createReleasePlan', node);
    const plan = await readText(vscode.Uri.joinPath(dir, 'release.yaml'));
    assert.match(plan, /- id: data\n\s+content: training-data\n\s+paths: \["?data\/\*\*"?\]/);
    assert.match(plan, /- id: training-code\n\s+content: source-code\n\s+paths: \[train\.py\]/);
    await waitFor(() => !sectionNodes().some((n) => n.label === rel(dir)) || undefined, 'the folder to leave the group');
    assert.equal(ourDiagnostics(vscode.Uri.joinPath(dir, 'data', 'corpus.parquet'), 'release-plan-missing').length, 0);
  });

  it('typing in a release plan never rescans; saving it updates coverage', async () => {
    const dir = await folder('disc-typing');
    await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN('paper/**'));
    await writeText(vscode.Uri.joinPath(dir, 'model.onnx'), 'onnx');
    const onnx = vscode.Uri.joinPath(dir, 'model.onnx');
    await waitFor(() => ourDiagnostics(onnx, 'release-plan-missing')[0], 'release-plan-missing on model.onnx');
    await discovery.service.idle();
    const before = { ...discovery.service.stats };
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, 'release.yaml'));
    const editor = await vscode.window.showTextDocument(doc);
    // Keystrokes: a comment typed at the end of the plan.
    for (const ch of '# typing') {
      await editor.edit((e) => e.insert(doc.positionAt(doc.getText().length), ch));
    }
    // Wait for the lint service to lint the typed text (it debounces), then make sure discovery did nothing.
    await waitFor(() => api.lintService.pairFor(doc.uri)?.releaseVersion === doc.version || undefined, 'a lint of the edited plan');
    await discovery.service.idle();
    assert.equal(discovery.service.stats.scans, before.scans, 'no scan');
    assert.equal(discovery.service.stats.rescans, before.rescans, 'no rescan');
    assert.equal(discovery.service.stats.events, before.events, 'no file event');
    const text = doc.getText().replace('# typing', '').replace('paper/**', '"*.onnx"');
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text));
    await doc.save();
    await waitFor(() => ourDiagnostics(onnx, 'release-plan-missing').length === 0 || undefined, 'the warning to go after saving');
    assert.equal(discovery.service.stats.scans, before.scans, 'still no full scan');
  });

  it('.gitignore is honoured in the editor too', async () => {
    const dir = await folder('disc-ignore');
    await writeText(vscode.Uri.joinPath(dir, 'IMPACT.md'), MINIMAL_IMPACT);
    await discovery.service.idle();
    const rescans = discovery.service.stats.rescans;
    await writeText(vscode.Uri.joinPath(dir, '.gitignore'), 'scratch/\n');
    // The .gitignore watcher rescans the workspace folder; wait until the new rules are in.
    await waitFor(() => discovery.service.stats.rescans > rescans || undefined, 'a rescan after the new .gitignore');
    await discovery.service.idle();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'scratch'));
    const ignored = vscode.Uri.joinPath(dir, 'scratch', 'm.pt');
    await writeText(ignored, 'x');
    const kept = vscode.Uri.joinPath(dir, 'kept.pt');
    await writeText(kept, 'x');
    await waitFor(() => ourDiagnostics(kept, 'release-plan-missing')[0], 'release-plan-missing on kept.pt');
    await discovery.service.idle();
    assert.equal(ourDiagnostics(ignored, 'release-plan-missing').length, 0, 'the gitignored checkpoint is not reported');
    const root = discovery.service.roots().find((r) => r.root.dir === rel(dir));
    assert.deepEqual(root?.root.markers.map((m) => m.path), [`${rel(dir)}/kept.pt`]);
  });

  it('in a git working copy: committed files count whatever .gitignore says, local-only files are listed in the tree until the plan declares them', async function () {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: workspaceRoot().fsPath, stdio: 'pipe' });
    try {
      execFileSync('git', ['--version'], { stdio: 'pipe' });
    } catch {
      this.skip();
    }
    const dotGit = vscode.Uri.joinPath(workspaceRoot(), '.git');
    const dir = await folder('disc-local');
    const r = rel(dir);
    await writeText(vscode.Uri.joinPath(dir, 'IMPACT.md'), MINIMAL_IMPACT);
    await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN('train.py'));
    await writeText(vscode.Uri.joinPath(dir, '.gitignore'), 'ckpt/\n*.onnx\n');
    await writeText(vscode.Uri.joinPath(dir, 'train.py'), 'print("train")\n');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'ckpt'));
    await writeText(vscode.Uri.joinPath(dir, 'ckpt', 'best.pt'), 'weights');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'export'));
    await writeText(vscode.Uri.joinPath(dir, 'export', 'model.onnx'), 'onnx');
    try {
      git('init', '-q');
      // Committed past .gitignore: the exported model is in every clone.
      git('add', '-f', '--', `${r}/IMPACT.md`, `${r}/release.yaml`, `${r}/.gitignore`, `${r}/train.py`, `${r}/export/model.onnx`);
      await vscode.commands.executeCommand('impactNotes.discovery.rescan');
      await discovery.service.idle();
      const state = () => discovery.service.roots().find((x) => x.root.dir === r)?.root;
      const root = await waitFor(() => state(), 'the folder to be listed');
      assert.deepEqual(root.uncovered.map((m) => m.path), [`${r}/export/model.onnx`], 'the committed, gitignored model counts');
      assert.deepEqual(root.localUndeclared.map((m) => m.path), [`${r}/ckpt/best.pt`]);
      const node = await waitFor(() => sectionNodes().find((n) => n.label === r), 'the folder in the tree');
      assert.match(node.description ?? '', /1 local-only/);
      const local = node.children?.find((c) => c.label === 'ckpt/best.pt');
      assert.ok(local, `children: ${node.children?.map((c) => c.label).join(', ')}`);
      assert.match(local.description ?? '', /local only: gitignored, not committed/);
      assert.match(local.contextValue, /researchArtifact\.local\.weights$/);
      const planUri = vscode.Uri.joinPath(dir, 'release.yaml');
      const info = await waitFor(() => ourDiagnostics(planUri, 'local-only-artifact')[0], 'local-only-artifact on the plan');
      assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
      assert.match(info.message, /'ckpt\/best\.pt'/);
      // Declaring the checkpoint (kept private) and the exported model makes both go.
      await writeText(planUri, `${PLAN('train.py, export/**')}  - id: local-weights\n    content: trained-model\n    paths: [ckpt/**]\n    distribution: { kind: private, reason: kept for the ablations }\n`);
      await waitFor(() => !sectionNodes().some((n) => n.label === r) || undefined, 'the folder to leave the tree');
      await waitFor(() => ourDiagnostics(planUri, 'local-only-artifact').length === 0 || undefined, 'the finding to go');
    } finally {
      await vscode.workspace.fs.delete(dotGit, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      await vscode.commands.executeCommand('impactNotes.discovery.rescan');
    }
  });

  it('artifact-uncovered offers to add the paths to an artifact the user picks, or a new artifact', async () => {
    const dir = await folder('disc-fix');
    const planUri = vscode.Uri.joinPath(dir, 'release.yaml');
    await writeText(planUri, `# our plan\n${PLAN('checkpoints/**')}  - id: code\n    content: source-code\n    paths: [train.py]  # the script\n`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'checkpoints'));
    await writeText(vscode.Uri.joinPath(dir, 'checkpoints', 'a.pt'), 'x');
    await writeText(vscode.Uri.joinPath(dir, 'train.py'), 'x');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'extra'));
    await writeText(vscode.Uri.joinPath(dir, 'extra', 'b.pt'), 'x');
    const d = await waitFor(() => ourDiagnostics(planUri, 'artifact-uncovered')[0], 'artifact-uncovered on the plan');
    await vscode.workspace.openTextDocument(planUri); // code actions are asked of an open model
    const actions = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', planUri, d.range);
      return list?.some((a) => a.title.startsWith("Add 'extra/**'")) ? list : undefined;
    }, 'the quick fixes');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Add 'extra/**' to the paths of artifact 'weights'"), titles.join('\n'));
    assert.ok(titles.includes("Add 'extra/**' to the paths of artifact 'code'"), titles.join('\n'));
    assert.ok(titles.includes('Add a new artifact for them'), titles.join('\n'));
    const chosen = actions.find((a) => a.title === "Add 'extra/**' to the paths of artifact 'weights'")!;
    assert.ok(chosen.edit && (await vscode.workspace.applyEdit(chosen.edit)));
    const doc = await vscode.workspace.openTextDocument(planUri);
    await doc.save();
    assert.match(doc.getText(), /^# our plan\n/);
    assert.match(doc.getText(), /paths: \[checkpoints\/\*\*, extra\/\*\*\]/);
    assert.match(doc.getText(), /# the script/);
    await waitFor(() => ourDiagnostics(planUri, 'artifact-uncovered').length === 0 || undefined, 'the finding to go');
  });

  it('a scan can be cancelled, and a rescan finds the same roots again', async () => {
    await discovery.service.idle();
    const before = discovery.service.roots().map((r) => r.key);
    const run = discovery.service.scanAll('test');
    discovery.service.cancelScan();
    await run;
    assert.equal(discovery.service.status, 'cancelled');
    await vscode.commands.executeCommand('impactNotes.discovery.rescan');
    assert.equal(discovery.service.status, 'done');
    assert.deepEqual(discovery.service.roots().map((r) => r.key), before);
  });
});
