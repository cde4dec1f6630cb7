// Multi-root workspaces (the second integration pass: `scripts/run-vscode-tests.sh --multi-root`
// opens a .code-workspace with three folders from the start, because adding a folder at run time
// restarts the extension host). The folders: study-a and study-b, two copies of
// examples/voice-clone-study, and clean-pair, a copy of test/fixtures/pairs/clean.
// Checked: Lint Workspace reaches every folder; each folder's pair has exactly its own diagnostics
// (a fresh lint of that pair, nothing duplicated across folders); a .impact-notes.yaml in one folder
// changes that folder only; discovery works per folder; the tree lists every folder's assessment;
// the whole workspace's diagnostics equal those of a fresh Lint Workspace and scan.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DiscoveryApi } from '../../src/extension/discovery';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { TreeApi } from '../../src/extension/tree';
import { codeOf, getApi, MINIMAL_IMPACT, ourDiagnostics, waitFor, writeText } from './core-helpers';
import { assertFreshLint, collectionSnapshot, duplicates, freshDiscovery, isUnder, lintKeys, plain, snapshot } from './snapshot-helpers';

const FOLDERS = ['study-a', 'study-b', 'clean-pair'];
const EXPERIMENT = 'experiments/emotion-transfer/ckpt/emotion-adapter.safetensors';

describe('multi-root workspace', function () {
  this.timeout(120000);
  let api: ImpactNotesApi;
  let discovery: DiscoveryApi;
  let tree: TreeApi;

  const folder = (name: string): vscode.WorkspaceFolder => {
    const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
    assert.ok(f, `no workspace folder '${name}'`);
    return f;
  };
  const uri = (name: string, ...p: string[]) => vscode.Uri.joinPath(folder(name).uri, ...p);
  const rel = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, true);

  before(async () => {
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      FOLDERS,
      'run this suite through scripts/run-vscode-tests.sh --multi-root',
    );
    assert.ok(vscode.workspace.workspaceFile, 'no .code-workspace file is open');
    api = await getApi();
    discovery = api.features.discovery as DiscoveryApi;
    tree = api.features.tree as TreeApi;
    assert.ok(discovery && tree, 'the discovery or tree feature did not start');
    await discovery.ready;
  });

  it('Lint Workspace lints the pair of every folder', async () => {
    const result = (await vscode.commands.executeCommand('impactNotes.lintWorkspace')) as { pairs: number; cancelled: boolean };
    assert.equal(result.cancelled, false);
    for (const name of FOLDERS) {
      const state = api.lintService.pairFor(uri(name, 'IMPACT.md'));
      assert.ok(state, `${name}: its pair was not linted`);
      assert.equal(state.folder.toString(), folder(name).uri.toString());
      assert.equal(state.releaseUri?.toString(), uri(name, 'release.yaml').toString(), `${name}: release.yaml is not in the pair`);
    }
    assert.ok(result.pairs >= FOLDERS.length, `Lint Workspace reports ${result.pairs} pair(s)`);
  });

  it("each folder's pair has exactly its own diagnostics: those of a fresh lint, none duplicated or shared", async () => {
    for (const name of FOLDERS) await assertFreshLint(api, uri(name, 'IMPACT.md'));
    // The two copies of the example have the same problems, each on its own files.
    const shape = (name: string, file: string) => lintKeys(api, uri(name, file)).map((k) => k.replace(/study-[ab]/g, 'study-?'));
    for (const file of ['IMPACT.md', 'release.yaml']) assert.deepEqual(shape('study-a', file), shape('study-b', file), file);
    assert.ok(lintKeys(api, uri('study-a', 'IMPACT.md')).length > 0, 'the example has no diagnostics');
    // No message names another folder.
    for (const name of FOLDERS) {
      for (const file of ['IMPACT.md', 'release.yaml']) {
        for (const d of ourDiagnostics(uri(name, file))) {
          for (const other of FOLDERS.filter((n) => n !== name)) assert.ok(!d.message.includes(other), `${name}/${file}: '${d.message}' names ${other}`);
        }
      }
    }
    // The lint service publishes only on the files of the pairs it tracks.
    const pairFiles = new Set(api.lintService.pairs().flatMap((p) => [p.impactUri?.toString(), p.releaseUri?.toString()]));
    api.lintService.diagnostics.forEach((u, ds) => {
      if (ds.length) assert.ok(pairFiles.has(u.toString()), `diagnostics on ${rel(u)}, which is in no tracked pair`);
    });
    assert.deepEqual(duplicates(snapshot()), [], 'duplicate diagnostics');
  });

  it('discovery runs per folder: each copy reports its own unplanned experiment, a new artifact only in its folder', async () => {
    await discovery.service.idle();
    const tops = discovery.service.roots().filter((r) => r.root.dir === '');
    assert.deepEqual(tops.map((r) => r.workspaceFolder.name).sort(), ['study-a', 'study-b'], 'the roots of the copies (clean-pair is fully covered)');
    for (const name of ['study-a', 'study-b']) {
      const uncovered = ourDiagnostics(uri(name, 'release.yaml'), 'artifact-uncovered');
      assert.equal(uncovered.length, 1, `${name}: ${uncovered.map((d) => d.message).join(' | ')}`);
      assert.ok(uncovered[0].message.includes(EXPERIMENT), uncovered[0].message);
    }
    assert.equal(ourDiagnostics(uri('clean-pair', 'release.yaml'), 'artifact-uncovered').length, 0);

    // An assessment without a plan next to weights: release-plan-missing on the weights, in that folder only.
    const sides: vscode.Uri[] = [];
    try {
      for (const name of ['study-b', 'clean-pair']) {
        sides.push(uri(name, 'side'));
        await writeText(uri(name, 'side', 'IMPACT.md'), MINIMAL_IMPACT);
        await writeText(uri(name, 'side', 'model.safetensors'), 'weights');
      }
      await waitFor(
        () => ['study-b', 'clean-pair'].every((n) => ourDiagnostics(uri(n, 'side', 'model.safetensors'), 'release-plan-missing').length === 1) || undefined,
        'release-plan-missing on both new weights files',
      );
      await discovery.service.idle();
      const side = discovery.service.roots().filter((r) => r.root.dir === 'side');
      assert.deepEqual(side.map((r) => r.workspaceFolder.name).sort(), ['clean-pair', 'study-b']);
      for (const r of side) assert.equal(r.uri.toString(), uri(r.workspaceFolder.name, 'side').toString());
      assert.equal(snapshot([uri('study-a', 'side')]).size, 0, 'study-a got diagnostics for a folder it does not have');
      for (const name of ['study-b', 'clean-pair']) {
        const [d] = ourDiagnostics(uri(name, 'side', 'model.safetensors'), 'release-plan-missing');
        for (const other of FOLDERS.filter((n) => n !== name)) assert.ok(!d.message.includes(other), d.message);
      }
      // What is published equals what the index computes, and what a fresh scan publishes.
      const published = plain(collectionSnapshot(discovery.service.diagnostics));
      assert.deepEqual(published, plain(await freshDiscovery(discovery)));
      await discovery.service.scanAll('test: fresh scan');
      await discovery.service.idle();
      assert.deepEqual(plain(collectionSnapshot(discovery.service.diagnostics)), published);
    } finally {
      // The files first, and the folders once their diagnostics are gone: the lint service misses
      // the files of a deleted folder (see rename-during-scan.test.ts), and the file watcher drops
      // the delete events of files whose folder is deleted right after them.
      for (const s of sides) {
        for (const f of ['IMPACT.md', 'model.safetensors']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(s, f), { useTrash: false }).then(undefined, () => undefined);
      }
    }
    await waitFor(() => snapshot(sides).size === 0 || undefined, 'the diagnostics to go with the files');
    for (const s of sides) await vscode.workspace.fs.delete(s, { recursive: true, useTrash: false });
  });

  it('a .impact-notes.yaml in one folder changes that folder only', async () => {
    const impactB = uri('study-b', 'IMPACT.md');
    const planB = uri('study-b', 'release.yaml');
    await api.lintService.lintUri(impactB);
    await discovery.service.idle();
    // A rule the example breaks on IMPACT.md, and discovery's artifact-uncovered on the plan.
    const rule = api.lintService.diagnostics.get(impactB)?.map(codeOf).find((c) => c && c !== 'internal-error');
    assert.ok(rule, 'no lint diagnostics on study-b/IMPACT.md');
    const others = [folder('study-a').uri, folder('clean-pair').uri];
    const othersBefore = plain(snapshot(others));
    const bBefore = plain(snapshot([folder('study-b').uri]));
    assert.ok(ourDiagnostics(planB, 'artifact-uncovered').length === 1);

    const config = uri('study-b', '.impact-notes.yaml');
    await writeText(config, `rules:\n  ${rule}: off\n  artifact-uncovered: off\n`);
    try {
      await waitFor(
        () => (ourDiagnostics(impactB, rule).length === 0 && ourDiagnostics(planB, 'artifact-uncovered').length === 0) || undefined,
        `${rule} and artifact-uncovered to leave study-b`,
      );
      await discovery.service.idle();
      await assertFreshLint(api, impactB);
      assert.ok(ourDiagnostics(uri('study-a', 'IMPACT.md'), rule).length > 0, `${rule} left study-a too`);
      assert.equal(ourDiagnostics(uri('study-a', 'release.yaml'), 'artifact-uncovered').length, 1, 'artifact-uncovered left study-a too');
      assert.deepEqual(plain(snapshot(others)), othersBefore, 'the other folders changed');
    } finally {
      await vscode.workspace.fs.delete(config, { useTrash: false });
    }
    await waitFor(
      () => (ourDiagnostics(impactB, rule).length > 0 && ourDiagnostics(planB, 'artifact-uncovered').length === 1) || undefined,
      `${rule} and artifact-uncovered to come back to study-b`,
    );
    await discovery.service.idle();
    await waitFor(() => JSON.stringify(plain(snapshot([folder('study-b').uri]))) === JSON.stringify(bBefore) || undefined, 'study-b to be as before');
    assert.deepEqual(plain(snapshot(others)), othersBefore);
  });

  it('the assessments tree lists the pair of every folder, once', async () => {
    await tree.scanOnce();
    const roots = await waitFor(() => {
      const r = tree.provider.roots();
      return FOLDERS.every((n) => r.some((x) => x.label === n)) ? r : undefined;
    }, 'a tree node for every folder');
    for (const name of FOLDERS) {
      const nodes = roots.filter((r) => r.label === name);
      assert.equal(nodes.length, 1, `${name}: ${nodes.length} nodes`);
      assert.equal(nodes[0].id, api.lintService.pairFor(uri(name, 'IMPACT.md'))?.key);
      assert.equal(tree.provider.pairOf(nodes[0])?.folder.toString(), folder(name).uri.toString());
    }
    assert.equal(new Set(roots.map((r) => r.id)).size, roots.length, 'duplicate tree nodes');
    // The copies show the same completeness; each node's problems are its own pair's.
    assert.equal(roots.find((r) => r.label === 'study-a')?.description, roots.find((r) => r.label === 'study-b')?.description);
  });

  it("the whole workspace's diagnostics equal those of a fresh Lint Workspace and scan", async () => {
    await discovery.service.idle();
    const before = snapshot();
    assert.deepEqual(duplicates(before), [], 'duplicate diagnostics');
    for (const u of before.keys()) {
      const owners = FOLDERS.filter((n) => isUnder(vscode.Uri.parse(u), folder(n).uri));
      assert.equal(owners.length, 1, `${u} is in ${owners.length} workspace folders`);
    }
    await vscode.commands.executeCommand('impactNotes.lintWorkspace');
    await discovery.service.scanAll('test: fresh scan');
    await discovery.service.idle();
    assert.deepEqual(plain(snapshot()), plain(before));
  });
});
