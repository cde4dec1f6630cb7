// Live diagnostics: activation, open/type/save, stale results, release.yaml recognition, deletion,
// configuration file and settings on top, Lint Workspace for files that are not open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import {
  getApi,
  MINIMAL_IMPACT,
  ourDiagnostics,
  PLAN,
  removeFolder,
  tempFolder,
  waitFor,
  waitForRule,
  waitLinted,
  withSetting,
  writeText,
  wsUri,
  exists,
} from './core-helpers';

describe('extension core: diagnostics', function () {
  let api: ImpactNotesApi;
  const cleanup: vscode.Uri[] = [];

  before(async () => {
    api = await getApi();
  });

  after(async () => {
    for (const u of cleanup) await removeFolder(u);
  });

  it('activates and returns the API', async () => {
    const ext = vscode.extensions.getExtension('impact-notes.impact-notes');
    assert.ok(ext?.isActive);
    assert.equal(typeof api.lintService.pairFor, 'function');
    assert.equal(typeof api.lintService.lintWorkspace, 'function');
    const cmds = await vscode.commands.getCommands(true);
    for (const id of ['impactNotes.lintWorkspace', 'impactNotes.showRuleDocumentation']) assert.ok(cmds.includes(id), `${id} is not registered`);
  });

  it('publishes diagnostics for the example IMPACT.md with source, rule id and a doc link that exists', async () => {
    const uri = wsUri('IMPACT.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitLinted(api, doc);
    const state = api.lintService.pairFor(uri);
    assert.ok(state, 'no pair state for IMPACT.md');
    assert.equal(state.releaseUri?.toString(), wsUri('release.yaml').toString());
    const diags = await waitFor(() => {
      const ds = ourDiagnostics(uri);
      return ds.length ? ds : undefined;
    }, 'diagnostics on IMPACT.md');
    for (const d of diags) {
      assert.equal(d.source, 'impact-notes');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(typeof code.value, 'string');
      assert.match(code.target.path, new RegExp(`/docs/rules/${code.value}\\.md$`));
    }
    // The link opens the page shipped in the extension (checked for the model rule's page).
    const ms = diags.find((d) => (d.code as { value: string }).value === 'missing-section') ?? diags[0];
    const target = (ms.code as { target: vscode.Uri }).target;
    const page = vscode.Uri.joinPath(target, '..', 'missing-section.md');
    assert.ok(await exists(page), `doc page missing at ${page.toString()}`);
    assert.ok(api.lintService.pairs().some((p) => p.key === state.key));
  });

  it('updates on edit, drops stale results, and clears when the file is deleted', async () => {
    const dir = await tempFolder('diag');
    cleanup.push(dir);
    const uri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(uri, MINIMAL_IMPACT);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const missing = (await waitForRule(uri, 'missing-section')) as vscode.Diagnostic[];
    const before = missing.length;
    assert.ok(before >= 3, `expected several missing sections, got ${before}`);

    // Five quick edits: only the last text counts.
    const editor = vscode.window.activeTextEditor!;
    for (let i = 0; i < 5; i++) {
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), i === 4 ? '\n## Mitigations\n\nWe watermark all output.\n' : `\n<!-- note ${i} -->\n`));
    }
    await waitLinted(api, doc);
    await waitFor(() => ourDiagnostics(uri, 'missing-section').length === before - 1 || undefined, 'one missing section fewer');
    assert.ok(!ourDiagnostics(uri, 'missing-section').some((d) => /Mitigations/i.test(d.message)));

    await doc.save();
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => ourDiagnostics(uri).length === 0 || undefined, 'diagnostics to clear after delete');
    await waitFor(() => !api.lintService.pairFor(uri) || undefined, 'the pair to be forgotten');
  });

  it('claims release.yaml only when it declares impact-release or sits beside IMPACT.md', async () => {
    const dir = await tempFolder('plan');
    cleanup.push(dir);
    const uri = vscode.Uri.joinPath(dir, 'release.yaml');
    // A Helm-style release.yaml: never linted.
    await writeText(uri, 'replicaCount: 2\nimage: { repository: nginx }\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(async () => (await api.lintService.lintUri(uri)) === undefined || undefined, 'the Helm file to stay unclaimed');
    assert.equal(ourDiagnostics(uri).length, 0);
    assert.equal(api.lintService.pairFor(uri), undefined);

    // Declares itself: now a plan with findings (e.g. missing contact).
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'impact-release: 1\n'));
    await waitFor(() => ourDiagnostics(uri).length > 0 || undefined, 'diagnostics once the file declares impact-release');
    assert.ok(api.lintService.pairFor(uri)?.releaseUri);

    // Stops being a plan: diagnostics go away.
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 1, 0)));
    await waitFor(() => ourDiagnostics(uri).length === 0 || undefined, 'diagnostics to clear when it stops being a plan');
    assert.equal(api.lintService.pairFor(uri), undefined);
    await doc.save();
  });

  it('a release.yaml beside IMPACT.md is part of the pair even without impact-release', async () => {
    const dir = await tempFolder('beside');
    cleanup.push(dir);
    await writeText(vscode.Uri.joinPath(dir, 'IMPACT.md'), MINIMAL_IMPACT);
    await writeText(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN.replace('impact-release: 1\n', ''));
    const state = await api.lintService.lintUri(vscode.Uri.joinPath(dir, 'release.yaml'));
    assert.ok(state?.releaseUri && state.impactUri);
  });

  it('the .impact-notes.yaml watcher and the settings change severities', async () => {
    const dir = await tempFolder('config');
    cleanup.push(dir);
    const uri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(uri, MINIMAL_IMPACT);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = (await waitForRule(uri, 'missing-section')) as vscode.Diagnostic[];
    assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Error);

    const cfg = vscode.Uri.joinPath(dir, '.impact-notes.yaml');
    await writeText(cfg, 'rules:\n  missing-section: info\n');
    await waitFor(() => ourDiagnostics(uri, 'missing-section')[0]?.severity === vscode.DiagnosticSeverity.Information || undefined, 'severity info from .impact-notes.yaml');

    // Settings lie on top of the file.
    await withSetting('rules', { 'missing-section': 'off' }, async () => {
      await waitForRule(uri, 'missing-section', false);
    });
    await waitFor(() => ourDiagnostics(uri, 'missing-section')[0]?.severity === vscode.DiagnosticSeverity.Information || undefined, 'the file severity back after the setting is removed');

    // A broken configuration file shows its problem on the file itself.
    await writeText(cfg, 'rules:\n  missing-sectoin: info\n');
    await waitFor(() => vscode.languages.getDiagnostics(cfg).some((d) => /Did you mean 'missing-section'/.test(d.message)) || undefined, 'a did-you-mean on .impact-notes.yaml');
    await vscode.workspace.fs.delete(cfg);
    await waitFor(() => vscode.languages.getDiagnostics(cfg).length === 0 || undefined, 'the configuration problem to clear after the file is deleted');
    assert.equal(ourDiagnostics(uri, 'missing-section')[0]?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('with run=onSave, typing does not lint but saving does', async () => {
    const dir = await tempFolder('onsave');
    cleanup.push(dir);
    const uri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await writeText(uri, MINIMAL_IMPACT);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await waitLinted(api, doc);
    await withSetting('run', 'onSave', async () => {
      await waitFor(() => api.lintService.currentSettings().run === 'onSave' || undefined, 'the setting to apply');
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\n## Mitigations\n\nWatermarks.\n'));
      const typedVersion = doc.version;
      // Nothing lints the typed version until the save (debounceMs is far shorter than this test).
      assert.notEqual(api.lintService.pairFor(uri)?.impactVersion, typedVersion);
      await doc.save();
      await waitLinted(api, doc);
    });
  });

  it('Lint Workspace covers pairs that are not open, and respects cancellation', async () => {
    const dir = await tempFolder('closed');
    cleanup.push(dir);
    const sub = vscode.Uri.joinPath(dir, 'nested', 'study');
    await vscode.workspace.fs.createDirectory(sub);
    const uri = vscode.Uri.joinPath(sub, 'IMPACT.md');
    await writeText(uri, MINIMAL_IMPACT);
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    await api.lintService.lintWorkspace(cancelled.token);
    assert.equal(api.lintService.pairFor(uri), undefined, 'a cancelled run linted anyway');
    const result = (await vscode.commands.executeCommand('impactNotes.lintWorkspace')) as { pairs: number; cancelled: boolean };
    assert.equal(result.cancelled, false);
    assert.ok(api.lintService.pairFor(uri), 'the closed pair was not linted');
    assert.ok(ourDiagnostics(uri, 'missing-section').length > 0);
    assert.ok(result.pairs >= 2);
  });

  it('Show Rule Documentation opens the rule page (argument or quick pick)', async () => {
    const uri = (await vscode.commands.executeCommand('impactNotes.showRuleDocumentation', 'missing-section')) as vscode.Uri;
    assert.match(uri.path, /docs\/rules\/missing-section\.md$/);
    assert.ok(await exists(uri));
  });
});
