// Hardening: listener hygiene. The extension itself cannot be deactivated in the middle of the
// suite (every other test uses it), so this checks what can be checked honestly:
// - everything activate() creates is handed to context.subscriptions (VS Code disposes it on
//   deactivate; deactivate() itself has nothing to do);
// - a second LintService (the same class the extension uses, which owns the document listeners,
//   the watchers, the diagnostic collections and the onDidUpdate emitter), started and then
//   disposed, leaves no diagnostics behind, no longer reacts to edits, never fires onDidUpdate
//   again, and a lint still running when it is disposed publishes nothing.
// VS Code offers no way to count the listeners on workspace events, so that is checked through
// behaviour (no reaction to edits) rather than by counting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { LintService } from '../../src/extension/lint-service';
import { Log } from '../../src/extension/log';
import { getApi, MINIMAL_IMPACT, ourDiagnostics, PLAN, removeFolder, tempFolder, waitFor, waitLinted, writeText } from './core-helpers';

describe('hardening: listener hygiene', function () {
  let api: ImpactNotesApi;
  let dir: vscode.Uri;
  let impactUri: vscode.Uri;
  let log: Log;

  before(async () => {
    api = await getApi();
    log = new Log('Impact Notes (lifecycle test)');
  });

  after(() => {
    log.dispose();
  });

  beforeEach(async () => {
    dir = await tempFolder('lifecycle');
    impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(impactUri, MINIMAL_IMPACT);
    await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN);
  });

  afterEach(async () => {
    await removeFolder(dir);
  });

  it('hands everything activate() creates to context.subscriptions', () => {
    const subs = api.services.context.subscriptions;
    assert.ok(subs.includes(api.lintService), 'the lint service is not in context.subscriptions');
    assert.ok(subs.includes(api.log), 'the log is not in context.subscriptions');
    for (const [i, d] of subs.entries()) assert.equal(typeof d?.dispose, 'function', `subscription ${i} has no dispose()`);
    // Commands, providers and views each register a disposable: far more than the two above.
    assert.ok(subs.length > 10, `only ${subs.length} subscription(s)`);
  });

  it('a disposed LintService leaves no diagnostics and stops listening', async () => {
    const doc = await vscode.workspace.openTextDocument(impactUri);
    await vscode.window.showTextDocument(doc);
    await waitLinted(api, doc);
    const own = () => api.lintService.diagnostics.get(impactUri)?.length ?? 0;
    const single = own();
    assert.ok(single > 0, 'the extension reported nothing on the test IMPACT.md');

    const svc = new LintService({ docsBase: api.services.docsBase, log });
    let updates = 0;
    svc.onDidUpdate(() => updates++);
    svc.start(); // lints the open documents
    await waitFor(() => (svc.diagnostics.get(impactUri)?.length ?? 0) === single || undefined, 'the second service to lint the open IMPACT.md');
    // Both collections publish under the same source: getDiagnostics shows both sets.
    await waitFor(() => ourDiagnostics(impactUri).length === 2 * single || undefined, `${2 * single} diagnostics from two services`);
    assert.ok(updates > 0, 'onDidUpdate never fired');
    const version = svc.pairFor(impactUri)?.impactVersion;

    svc.dispose();
    await waitFor(() => ourDiagnostics(impactUri).length === own() || undefined, 'the disposed service\'s diagnostics to go');
    const updatesAtDispose = updates;

    // Edits reach the extension's service but not the disposed one.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '\n## Hazards\n\nImpersonation on phone calls.\n'));
    await waitLinted(api, doc);
    await new Promise((r) => setTimeout(r, api.lintService.currentSettings(impactUri).debounceMs + 200));
    assert.equal(svc.pairFor(impactUri)?.impactVersion, version, 'the disposed service linted the edit');
    assert.equal(await svc.lintUri(impactUri), undefined, 'lintUri after dispose linted');
    assert.equal(updates, updatesAtDispose, 'onDidUpdate fired after dispose');
    assert.equal(ourDiagnostics(impactUri).length, own(), 'diagnostics from the disposed service came back');
    svc.onDidUpdate(() => assert.fail('a listener added after dispose was called'));
  });

  it('a lint still running when its service is disposed publishes nothing', async () => {
    const doc = await vscode.workspace.openTextDocument(impactUri);
    await vscode.window.showTextDocument(doc);
    await waitLinted(api, doc);
    const svc = new LintService({ docsBase: api.services.docsBase, log });
    let updates = 0;
    svc.onDidUpdate(() => updates++);
    // Not started: no listeners, only the explicit lint below, disposed before it can finish.
    const running = svc.lintUri(impactUri);
    svc.dispose();
    assert.equal(await running, undefined);
    assert.equal(updates, 0);
    assert.equal(ourDiagnostics(impactUri).length, api.lintService.diagnostics.get(impactUri)?.length ?? 0);
  });
});
