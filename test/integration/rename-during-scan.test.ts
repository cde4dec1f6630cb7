// Hardening: files renamed while a discovery scan or Lint Workspace is running. A folder with a few
// hundred files keeps both busy for a while (every file under data/ needs a size check in a scan;
// Lint Workspace goes through thirty pair folders one by one); meanwhile artifact files and folders
// are renamed. Once everything has settled (polled with a deadline), nothing is reported at the old
// paths, the renamed files are reported at the new ones, once, and what is published equals what a
// fresh scan and a fresh Lint Workspace publish.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DiscoveryApi } from '../../src/extension/discovery';
import { DiscoveryService } from '../../src/extension/discovery/service';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { codeOf, getApi, MINIMAL_IMPACT, ourDiagnostics, PLAN, removeFolder, tempFolder, waitFor, watchedFolder, writeText } from './core-helpers';
import { assertFreshLint, collectionSnapshot, duplicates, isUnder, lintKeys, plain, snapshot, type Snapshot } from './snapshot-helpers';

/** Files under data/: each needs a size check in every scan (the `data/** >=1MB` marker). */
const BULK_FILES = 300;
/** Pair folders Lint Workspace goes through one by one. */
const PAIR_FOLDERS = 30;

const PLAN_WITH_WEIGHTS = `impact-release: 1
assessment: IMPACT.md
modality: [audio]
review: { level: full }
contact: mailto:misuse@example.org
artifacts:
  - id: weights
    content: trained-model
    paths: [weights/model.pt]
withdrawal: we pull the files from the website
`;

async function writeMany(files: [vscode.Uri, string][]): Promise<void> {
  for (let i = 0; i < files.length; i += 25) await Promise.all(files.slice(i, i + 25).map(([u, t]) => writeText(u, t)));
}

function describeSnapshot(s: Snapshot): string {
  return [...s].map(([u, keys]) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(u))}: ${keys.map((k) => k.split(' ')[0]).join(', ')}`).join('\n  ');
}

describe('hardening: renames during a scan', function () {
  this.timeout(180000);
  let api: ImpactNotesApi;
  let discovery: DiscoveryApi;
  let dir: vscode.Uri;
  const j = (...p: string[]) => vscode.Uri.joinPath(dir, ...p);

  /** Polls `check`; on timeout says what is published under the folders (and which pairs are tracked). */
  async function settle<T>(check: () => T | undefined, what: string, folders: vscode.Uri[], extra = ''): Promise<T> {
    return waitFor(check, what, 60000).catch((err: Error) => {
      const pairs = api.lintService.pairs().filter((p) => folders.some((f) => isUnder(p.folder, f))).map((p) => vscode.workspace.asRelativePath(p.folder));
      throw new Error(`${err.message}${extra}\npublished:\n  ${describeSnapshot(snapshot(folders))}\npairs tracked: ${pairs.join(', ') || '-'}`);
    });
  }

  before(async () => {
    api = await getApi();
    discovery = api.features.discovery as DiscoveryApi;
    assert.ok(discovery, 'the discovery feature did not start');
    await discovery.ready;
    dir = await tempFolder('rename-scan');
    await vscode.workspace.fs.createDirectory(j('data'));
    const files: [vscode.Uri, string][] = [];
    for (let i = 0; i < BULK_FILES; i++) files.push([j('data', `shard-${String(i).padStart(3, '0')}.txt`), `row ${i}\n`]);
    for (let i = 0; i < PAIR_FOLDERS; i++) files.push([j('pairs', `p${String(i).padStart(2, '0')}`, 'IMPACT.md'), MINIMAL_IMPACT]);
    await writeMany(files);
    await discovery.service.idle();
  });

  after(async () => {
    if (!dir) return;
    await removeFolder(dir);
    // The lint service keeps pairs of a deleted folder (see the pending test below); lint them
    // again so that the tests after this one do not see them.
    for (const p of api.lintService.pairs()) if (isUnder(p.folder, dir)) await api.lintService.lintUri(p.folder);
    await waitFor(() => snapshot([dir]).size === 0 || undefined, 'no diagnostics left in the deleted folder');
  });

  it('discovery: an artifact and a research folder renamed during overlapping scans end as a fresh scan finds them', async () => {
    await writeMany([
      [j('proj', 'IMPACT.md'), MINIMAL_IMPACT],
      [j('proj', 'weights', 'model.safetensors'), 'weights'],
      [j('lab', 'IMPACT.md'), MINIMAL_IMPACT],
      [j('lab', 'ckpt', 'net.pt'), 'weights'],
    ]);
    const artifact = j('proj', 'weights', 'model.safetensors');
    const labArtifact = j('lab', 'ckpt', 'net.pt');
    await waitFor(() => (ourDiagnostics(artifact, 'release-plan-missing').length === 1 && ourDiagnostics(labArtifact, 'release-plan-missing').length === 1) || undefined, 'release-plan-missing on both weights files');
    await discovery.service.idle();

    // A full scan; a .gitignore appearing in the middle of it (which rescans the workspace folder
    // after a short debounce, overlapping the scan); the renames; a second full scan once the
    // rescan has started.
    const renamed = j('proj', 'weights', 'renamed.safetensors');
    const oldLab = j('lab');
    const newLab = j('lab-moved');
    const rescans = discovery.service.stats.rescans;
    let firstDone = false;
    const first = discovery.service.scanAll('test: rename during scan').then(() => (firstDone = true));
    await writeText(j('.gitignore'), 'scratch/\n');
    await vscode.workspace.fs.rename(artifact, renamed);
    await vscode.workspace.fs.rename(oldLab, newLab);
    const busyAtRename = !firstDone;
    await waitFor(() => discovery.service.stats.rescans > rescans || undefined, 'the rescan after the new .gitignore');
    const second = discovery.service.scanAll('test: second scan');
    await Promise.all([first, second]);
    assert.ok(busyAtRename, 'the scan finished before the renames: the folder is too small to test anything');

    const movedArtifact = j('lab-moved', 'ckpt', 'net.pt');
    const within = [j('proj'), oldLab, newLab];
    const settled = await settle(
      () => {
        const s = collectionSnapshot(discovery.service.diagnostics, within);
        if ([...s.keys()].some((u) => u === artifact.toString() || isUnder(vscode.Uri.parse(u), oldLab))) return undefined;
        if (ourDiagnostics(renamed, 'release-plan-missing').length !== 1) return undefined;
        if (ourDiagnostics(movedArtifact, 'release-plan-missing').length !== 1) return undefined;
        return s;
      },
      'discovery diagnostics to leave the old paths and appear at the new ones',
      within,
    );
    await discovery.service.idle();
    assert.deepEqual(duplicates(snapshot(within)), [], 'duplicate diagnostics');
    assert.equal(discovery.service.roots().filter((r) => isUnder(r.uri, oldLab)).length, 0, 'a research folder is still listed at the old path');

    // A fresh scan publishes exactly what is there now.
    await discovery.service.scanAll('test: fresh scan');
    await discovery.service.idle();
    assert.deepEqual(plain(collectionSnapshot(discovery.service.diagnostics, within)), plain(settled));
  });

  it('discovery: a scan that searched before a rename and finishes after a newer rescan does not bring the old path back', async () => {
    // A DiscoveryService of its own, whose configuration look-ups can be held, to order the steps.
    // After a first complete scan: a second full scan stops right after its searches (at its first
    // look-up below the workspace folder); a marker-settings change starts a rescan, held before its
    // searches; the file is renamed; the rescan goes on, searches the new state and publishes it
    // (the rename's file events wait for it); only then does the older scan go on. It must not
    // replace the newer result with what it found before the rename.
    const weights = j('older', 'weights', 'model.safetensors');
    const renamed = j('older', 'weights', 'renamed.safetensors');
    await writeMany([
      [j('older', 'IMPACT.md'), MINIMAL_IMPACT],
      [weights, 'weights'],
    ]);
    const root = vscode.workspace.getWorkspaceFolder(dir)!.uri.toString();
    let phase: 'first' | 'second' | 'open' = 'open';
    const held = { first: [] as (() => void)[], second: [] as (() => void)[] };
    const reached = { first: () => {}, second: () => {} };
    const firstHeld = new Promise<void>((r) => (reached.first = r));
    const secondHeld = new Promise<void>((r) => (reached.second = r));
    const release = (which: 'first' | 'second') => held[which].splice(0).forEach((r) => r());
    const host = {
      configFor: async (u: vscode.Uri) => {
        const which = phase === 'first' && u.toString() !== root ? 'first' : phase === 'second' && u.toString() === root ? 'second' : undefined;
        if (which) {
          reached[which]();
          await new Promise<void>((r) => held[which].push(r));
        }
        return api.lintService.configFor(u);
      },
      currentSettings: () => api.lintService.currentSettings(),
    };
    const svc = new DiscoveryService({ host, log: api.log, docsBase: api.services.docsBase, progressAfterMs: 600000, batchMs: 20 });
    const only = (u: vscode.Uri) => (svc.diagnostics.get(u) ?? []).filter((d) => codeOf(d) === 'release-plan-missing').length;
    const settings = vscode.workspace.getConfiguration('impactNotes');
    try {
      svc.watch();
      // The same markers as the defaults. Set once now, so that .vscode/settings.json exists and the
      // change below only changes it (a file created there would queue a file event behind the
      // older scan, and the rename's events with it).
      await settings.update('markers.training', ['$defaults'], vscode.ConfigurationTarget.Workspace);
      await svc.scanAll('test: first complete scan');
      await svc.idle();
      assert.equal(only(weights), 1, 'the first scan did not report the weights file');
      phase = 'first';
      const older = svc.scanAll('test: older scan');
      await firstHeld;
      phase = 'second';
      // Still the same markers (train*.py is one of the defaults): only the rescan it causes matters.
      await settings.update('markers.training', ['$defaults', 'train*.py'], vscode.ConfigurationTarget.Workspace);
      await secondHeld;
      await vscode.workspace.fs.rename(weights, renamed);
      phase = 'open';
      release('second');
      await waitFor(() => (only(renamed) === 1 && only(weights) === 0) || undefined, 'the rescan to report the renamed file');
      release('first');
      await older;
      await svc.idle();
      assert.equal(only(weights), 0, 'the older scan brought back the old path');
      assert.equal(only(renamed), 1, 'the older scan dropped the renamed file');
      const now = plain(collectionSnapshot(svc.diagnostics, [dir]));
      await svc.scanAll('test: fresh scan');
      await svc.idle();
      assert.deepEqual(plain(collectionSnapshot(svc.diagnostics, [dir])), now);
    } finally {
      phase = 'open';
      release('first');
      release('second');
      svc.dispose();
      await settings.update('markers.training', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Lint Workspace: an artifact renamed inside a pair while it runs ends with the diagnostics of a fresh lint', async () => {
    const study = j('study');
    const impact = j('study', 'IMPACT.md');
    const plan = j('study', 'release.yaml');
    // The rename must reach the extension through the file watcher (see watchedFolder).
    await watchedFolder(j('study', 'weights'));
    await writeMany([
      [impact, MINIMAL_IMPACT],
      [plan, PLAN_WITH_WEIGHTS],
      [j('study', 'weights', 'model.pt'), 'weights'],
    ]);
    await api.lintService.lintUri(impact);
    await discovery.service.idle();
    assert.equal(ourDiagnostics(plan, 'artifact-path-unmatched').length, 0, 'the plan names the weights file');

    let lintDone = false;
    const lintAll = Promise.resolve(vscode.commands.executeCommand('impactNotes.lintWorkspace')).then(() => (lintDone = true));
    await vscode.workspace.fs.rename(j('study', 'weights', 'model.pt'), j('study', 'weights', 'model-v2.pt'));
    const busyAtRename = !lintDone;
    await lintAll;
    assert.ok(busyAtRename, 'Lint Workspace finished before the rename');

    // The plan's path matches nothing now (lint), and no path covers the renamed file (discovery).
    const renamed = j('study', 'weights', 'model-v2.pt');
    await settle(
      () =>
        ourDiagnostics(plan, 'artifact-path-unmatched').length === 1 &&
        ourDiagnostics(renamed, 'release-plan-missing').length === 1 &&
        ourDiagnostics(j('study', 'weights', 'model.pt')).length === 0,
      'artifact-path-unmatched on the plan and release-plan-missing on the renamed file',
      [study],
    );
    await discovery.service.idle();
    await assertFreshLint(api, impact);
    assert.deepEqual(duplicates(snapshot([study])), [], 'duplicate diagnostics');

    const now = plain(snapshot([study]));
    await vscode.commands.executeCommand('impactNotes.lintWorkspace');
    await discovery.service.scanAll('test: fresh scan');
    await discovery.service.idle();
    assert.deepEqual(plain(snapshot([study])), now);
  });

  // The watcher does not report everything (files.watcherExclude; on Linux, folders it has not
  // started watching yet): Lint Workspace reads every pair folder again instead of trusting a file
  // list only a watcher event would have renewed.
  it('Lint Workspace reads each pair folder again: an artifact renamed where the watcher does not look is followed', async () => {
    const settings = vscode.workspace.getConfiguration('files');
    const impact = j('unseen', 'IMPACT.md');
    const plan = j('unseen', 'release.yaml');
    await writeMany([
      [impact, MINIMAL_IMPACT],
      [plan, PLAN_WITH_WEIGHTS.replace('paths: [weights/model.pt]', 'paths: [unwatched/model.pt]')],
      [j('unseen', 'unwatched', 'model.pt'), 'weights'],
    ]);
    await settings.update('watcherExclude', { '**/unwatched/**': true }, vscode.ConfigurationTarget.Workspace);
    try {
      await api.lintService.lintUri(impact);
      assert.equal(ourDiagnostics(plan, 'artifact-path-unmatched').length, 0, 'the plan names the weights file');
      await vscode.workspace.fs.rename(j('unseen', 'unwatched', 'model.pt'), j('unseen', 'unwatched', 'model-v2.pt'));
      await vscode.commands.executeCommand('impactNotes.lintWorkspace');
      assert.equal(ourDiagnostics(plan, 'artifact-path-unmatched').length, 1, 'Lint Workspace used the file list from before the rename');
    } finally {
      await settings.update('watcherExclude', undefined, vscode.ConfigurationTarget.Workspace);
      // The watcher restarts with the setting: wait until it reports files again, for the tests after this one.
      await watchedFolder(dir);
    }
  });

  // A renamed or deleted folder is one watcher event for the folder, none for the pair files in
  // it: LintService re-lints (clears) pairs under a deleted path and searches a new folder for pairs.
  it('Lint Workspace: a pair folder renamed while it runs is reported at its new path only', async () => {
    const oldStudy = j('moving');
    const newStudy = j('moving-done');
    await writeMany([
      [j('moving', 'IMPACT.md'), MINIMAL_IMPACT],
      [j('moving', 'release.yaml'), PLAN],
    ]);
    await api.lintService.lintUri(j('moving', 'IMPACT.md'));
    assert.ok(lintKeys(api, j('moving', 'IMPACT.md')).length > 0, 'the pair to be moved has no diagnostics');

    let lintDone = false;
    const lintAll = Promise.resolve(vscode.commands.executeCommand('impactNotes.lintWorkspace')).then(() => (lintDone = true));
    await vscode.workspace.fs.rename(oldStudy, newStudy);
    const busyAtRename = !lintDone;
    await lintAll;
    assert.ok(busyAtRename, 'Lint Workspace finished before the rename');

    const newImpact = vscode.Uri.joinPath(newStudy, 'IMPACT.md');
    await settle(
      () => {
        if (snapshot([oldStudy]).size) return undefined;
        if (api.lintService.pairs().some((p) => isUnder(p.folder, oldStudy))) return undefined;
        return (api.lintService.pairFor(newImpact) && lintKeys(api, newImpact).length > 0) || undefined;
      },
      'the pair to leave the old path and be reported at the new one',
      [oldStudy, newStudy],
    );
    await assertFreshLint(api, newImpact);
    assert.deepEqual(duplicates(snapshot([newStudy])), [], 'duplicate diagnostics');
  });
  it('a pair folder renamed, then deleted, is followed without Lint Workspace', async () => {
    const from = j('wandering');
    const to = j('wandering-moved');
    await writeMany([
      [j('wandering', 'IMPACT.md'), MINIMAL_IMPACT],
      [j('wandering', 'release.yaml'), PLAN],
    ]);
    await api.lintService.lintUri(j('wandering', 'IMPACT.md'));
    assert.ok(lintKeys(api, j('wandering', 'IMPACT.md')).length > 0, 'the pair has no diagnostics');
    await vscode.workspace.fs.rename(from, to);
    const movedImpact = vscode.Uri.joinPath(to, 'IMPACT.md');
    await settle(
      () => (!snapshot([from]).size && !api.lintService.pairs().some((p) => isUnder(p.folder, from)) && lintKeys(api, movedImpact).length > 0) || undefined,
      'the renamed folder to be linted at its new path and cleared at the old one',
      [from, to],
    );
    await assertFreshLint(api, movedImpact);
    await vscode.workspace.fs.delete(to, { recursive: true, useTrash: false });
    await settle(
      () => (!snapshot([to]).size && !api.lintService.pairs().some((p) => isUnder(p.folder, to))) || undefined,
      'the deleted folder\'s diagnostics and pair to go',
      [to],
    );
  });
});
