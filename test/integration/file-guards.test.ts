// Hardening: the editor never reads a pair file whole when it is above maxFileSize, and never opens
// a pipe or device named like one (a read would block forever). As the CLI does, it stats first:
// a file above the limit is passed to the engine as its size only and reported as file-skipped; a
// file that is not a regular file is reported as skipped with that reason; configuration files that
// are too large or not regular are reported on the file itself and ignored. A document open in an
// editor is linted from its text, and the engine still skips it when that text is too large.
// Runs in the real VS Code (the extension host is Node on this machine, so mkfifo makes a real FIFO).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { readGuarded } from '../../src/extension/workspace-files';
import { codeOf, getApi, MINIMAL_IMPACT, ourDiagnostics, PLAN, removeFolder, tempFolder, waitFor, waitLinted, writeText } from './core-helpers';

const SKIPPED = 'file-skipped';
const LIMIT = 1000;
/** How long a lint next to a pipe may take before the test calls it hung. */
const DEADLINE_MS = 15000;

/** A valid plan padded with comments past LIMIT bytes. */
function bigPlan(bytes: number): string {
  let text = PLAN;
  while (text.length < bytes) text += `# padding line ${text.length} to push the plan above maxFileSize\n`;
  return text;
}

/** Makes a FIFO; false when mkfifo is not available here. */
function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file], { stdio: 'ignore' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * If anything did open the FIFO for reading (the bug this guards against), it is blocked in open()
 * or read(): opening the write end and closing it again lets it finish with an empty read, so a
 * failure here does not hang the rest of the suite. Without a reader this fails with ENXIO (fine).
 */
function releaseReaders(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    // no reader: nothing blocked
  }
}

function withDeadline<T>(p: Thenable<T>, what: string, ms = DEADLINE_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.resolve(p).finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]);
}

describe('hardening: file guards', function () {
  let api: ImpactNotesApi;
  let dir: vscode.Uri;
  let impactUri: vscode.Uri;
  let releaseUri: vscode.Uri;
  const fifos: string[] = [];

  before(async () => {
    api = await getApi();
  });

  beforeEach(async () => {
    dir = await tempFolder('guards');
    impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    releaseUri = vscode.Uri.joinPath(dir, 'release.yaml');
  });

  afterEach(async () => {
    for (const f of fifos.splice(0)) releaseReaders(f);
    await removeFolder(dir);
  });

  it('a release.yaml above maxFileSize is reported skipped with its size; IMPACT.md is still linted', async () => {
    await writeText(vscode.Uri.joinPath(dir, '.impact-notes.yaml'), `maxFileSize: ${LIMIT}\n`);
    await writeText(impactUri, MINIMAL_IMPACT);
    const plan = bigPlan(2 * LIMIT);
    await writeText(releaseUri, plan);
    const size = new TextEncoder().encode(plan).byteLength;

    // The guard itself: stat says too large, so only the size comes back (no text read).
    assert.deepEqual(await readGuarded(releaseUri, LIMIT), { text: '', size });

    // That the running extension never reads it cannot be watched from here (workspace.fs is a frozen
    // object, so readFile cannot be spied on): every disk read of a pair file in lint-service.ts goes
    // through readGuarded, checked above; the FIFO test below shows a file is stat-ed before any open.
    const doc = await vscode.workspace.openTextDocument(impactUri);
    await vscode.window.showTextDocument(doc);
    await waitLinted(api, doc);
    const [d] = (await waitFor(() => {
      const ds = ourDiagnostics(releaseUri, SKIPPED);
      return ds.length ? ds : undefined;
    }, 'file-skipped on the large release.yaml')) as vscode.Diagnostic[];
    assert.match(d.message, /(?:^|\/)release\.yaml was not checked: it is [\d.,]+ (?:bytes|KB|MB), above the [\d.,]+(?:-byte| bytes| KB| MB) limit \(maxFileSize in \.impact-notes\.yaml\)\.$/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);

    const state = api.lintService.pairFor(impactUri);
    assert.ok(state, 'no pair state for the IMPACT.md');
    assert.equal(state.releaseUri?.toString(), releaseUri.toString(), 'the large release.yaml is not part of the pair');
    assert.equal(state.result.release, undefined, 'the large release.yaml was parsed');
    assert.equal(state.config.maxFileSize, LIMIT, 'the folder configuration was not applied');
    // IMPACT.md (small) is linted as usual: its missing sections are reported, nothing skipped.
    const impactDiags = ourDiagnostics(impactUri);
    assert.ok(impactDiags.length > 0, 'IMPACT.md got no diagnostics');
    assert.ok(!impactDiags.some((x) => codeOf(x) === SKIPPED), 'IMPACT.md was reported skipped');
    assert.ok(state.result.impact, 'IMPACT.md was not parsed');
  });

  it('an open IMPACT.md whose text is above maxFileSize is still reported skipped by the engine', async () => {
    await writeText(vscode.Uri.joinPath(dir, '.impact-notes.yaml'), `maxFileSize: ${LIMIT}\n`);
    await writeText(impactUri, MINIMAL_IMPACT);
    await writeText(releaseUri, PLAN);
    const doc = await vscode.workspace.openTextDocument(impactUri);
    const editor = await vscode.window.showTextDocument(doc);
    await waitLinted(api, doc);
    assert.equal(ourDiagnostics(impactUri, SKIPPED).length, 0, 'a small IMPACT.md was skipped');
    // Grow the open document (unsaved) past the limit: the text comes from the editor, not the disk.
    await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, `\n${'Long prose about the project. '.repeat(60)}\n`));
    assert.ok(doc.getText().length > LIMIT);
    await api.lintService.lintUri(impactUri);
    await waitLinted(api, doc);
    const ds = await waitFor(() => {
      const x = ourDiagnostics(impactUri, SKIPPED);
      return x.length ? x : undefined;
    }, 'file-skipped on the open, too large IMPACT.md');
    assert.match(ds[0].message, /(?:^|\/)IMPACT\.md was not checked: it is [\d.,]+ (?:bytes|KB|MB), above the/);
    assert.equal(api.lintService.pairFor(impactUri)?.result.impact, undefined, 'the too large document was parsed');
    // The plan beside it is still checked.
    assert.ok(api.lintService.pairFor(impactUri)?.result.release, 'the plan was not parsed');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a FIFO named release.yaml beside an open IMPACT.md: linting finishes and reports it skipped; Lint Workspace completes', async function () {
    await writeText(impactUri, MINIMAL_IMPACT);
    if (!mkfifo(releaseUri.fsPath)) this.skip();
    fifos.push(releaseUri.fsPath);
    assert.ok(fs.statSync(releaseUri.fsPath).isFIFO());

    const doc = await vscode.workspace.openTextDocument(impactUri);
    await vscode.window.showTextDocument(doc);
    const started = Date.now();
    const ds = await waitFor(
      () => {
        const x = ourDiagnostics(releaseUri, SKIPPED);
        return x.length ? x : undefined;
      },
      'file-skipped on the FIFO release.yaml',
      DEADLINE_MS,
    );
    assert.equal(ds[0].message, `${vscode.workspace.asRelativePath(releaseUri, true)} was not checked: it is not a regular file (a pipe, socket or device).`);
    await waitLinted(api, doc);
    const state = api.lintService.pairFor(impactUri);
    assert.ok(state?.result.impact, 'IMPACT.md was not linted next to the FIFO');
    assert.equal(state?.result.release, undefined);
    assert.ok(ourDiagnostics(impactUri).length > 0, 'IMPACT.md got no diagnostics');

    // An explicit lint of the folder, of the FIFO itself, and the whole workspace all come back.
    assert.ok(await withDeadline(api.lintService.lintUri(releaseUri), 'lintUri(release.yaml FIFO)'));
    await withDeadline(vscode.commands.executeCommand('impactNotes.lintWorkspace'), 'Lint Workspace');
    await withDeadline(api.lintService.lintWorkspace(), 'lintWorkspace()');
    assert.equal(ourDiagnostics(releaseUri, SKIPPED).length, 1);
    // The guard says so directly too.
    assert.deepEqual(await readGuarded(releaseUri, 1e9), { text: '', unreadable: 'it is not a regular file (a pipe, socket or device)' });
    assert.ok(Date.now() - started < 2 * DEADLINE_MS);
  });

  it('a lone release.yaml above maxFileSize that declares impact-release is still a plan, reported skipped', async () => {
    await writeText(vscode.Uri.joinPath(dir, '.impact-notes.yaml'), `maxFileSize: ${LIMIT}\n`);
    await writeText(releaseUri, bigPlan(2 * LIMIT)); // starts with `impact-release: 1`
    const state = await api.lintService.lintUri(releaseUri);
    assert.equal(state?.releaseUri?.toString(), releaseUri.toString(), 'the large lone plan was not recognised (its head declares it)');
    assert.equal(state?.impactUri, undefined);
    await waitFor(() => ourDiagnostics(releaseUri, SKIPPED)[0], 'file-skipped on the large lone plan');
  });

  it('a lone FIFO release.yaml (no IMPACT.md) is not taken for a plan and does not block', async function () {
    if (!mkfifo(releaseUri.fsPath)) this.skip();
    fifos.push(releaseUri.fsPath);
    assert.equal(await withDeadline(api.lintService.lintUri(releaseUri), 'lintUri(lone FIFO)'), undefined);
  });

  it('readGuarded: a link to a file is read, a link to nothing and a folder count as missing', async () => {
    await writeText(impactUri, MINIMAL_IMPACT);
    const link = vscode.Uri.joinPath(dir, 'linked.md');
    const dangling = vscode.Uri.joinPath(dir, 'dangling.md');
    fs.symlinkSync(impactUri.fsPath, link.fsPath);
    fs.symlinkSync(vscode.Uri.joinPath(dir, 'nowhere.md').fsPath, dangling.fsPath);
    assert.deepEqual(await readGuarded(link, LIMIT), { text: MINIMAL_IMPACT });
    assert.deepEqual(await readGuarded(link, 10), { text: '', size: new TextEncoder().encode(MINIMAL_IMPACT).byteLength });
    assert.equal(await readGuarded(dangling, LIMIT), undefined);
    assert.equal(await readGuarded(dir, LIMIT), undefined);
    assert.equal(await readGuarded(vscode.Uri.joinPath(dir, 'absent.md'), LIMIT), undefined);
  });

  it('a .impact-notes.yaml that is a FIFO or above 1 MB is reported on the file and ignored, without blocking', async function () {
    await writeText(impactUri, MINIMAL_IMPACT);
    await writeText(releaseUri, PLAN);
    const configUri = vscode.Uri.joinPath(dir, '.impact-notes.yaml');
    if (!mkfifo(configUri.fsPath)) this.skip();
    fifos.push(configUri.fsPath);

    const doc = await vscode.workspace.openTextDocument(impactUri);
    await vscode.window.showTextDocument(doc);
    const fifoDiag = await waitFor(
      () => ourDiagnostics(configUri, 'config')[0],
      'a config diagnostic on the FIFO .impact-notes.yaml',
      DEADLINE_MS,
    );
    assert.equal(fifoDiag.message, '.impact-notes.yaml was not read: it is not a regular file (a pipe, socket or device). Its settings are ignored.');
    await waitLinted(api, doc);
    assert.ok(api.lintService.pairFor(impactUri)?.result.impact, 'IMPACT.md was not linted');

    // Replace the pipe with a file above the configuration limit (1 MB): same, with its size.
    releaseReaders(configUri.fsPath);
    fs.unlinkSync(configUri.fsPath);
    fifos.splice(fifos.indexOf(configUri.fsPath), 1);
    await writeText(configUri, `maxFileSize: ${LIMIT}\n${'# a very long comment\n'.repeat(60000)}`);
    const bigDiag = await waitFor(
      () => ourDiagnostics(configUri, 'config').find((d) => /MB, above the 1\.0 MB limit/.test(d.message)),
      'a config diagnostic on the large .impact-notes.yaml',
      DEADLINE_MS,
    );
    assert.match(bigDiag.message, /^\.impact-notes\.yaml was not read: it is 1\.\d MB, above the 1\.0 MB limit for configuration files\. Its settings are ignored\.$/);
    // Ignored: its maxFileSize (1000) does not apply, so the small plan is still checked.
    await api.lintService.lintUri(impactUri);
    const state = api.lintService.pairFor(impactUri);
    assert.notEqual(state?.config.maxFileSize, LIMIT);
    assert.ok(state?.result.release, 'the plan was not checked');
  });
});
