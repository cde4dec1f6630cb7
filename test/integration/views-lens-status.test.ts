// CodeLens at the top of IMPACT.md (executeCodeLensProvider) and the readiness status-bar item.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { blockingFindings } from '../../src/extension/status-bar';
import { closeAll, getViews, openLinted, until, ws, type ViewsApi } from './views-helpers';

describe('views: CodeLens', function () {
  let v: ViewsApi;
  before(async () => {
    v = await getViews();
  });
  after(closeAll);

  it('shows completeness, Run Assessment and Check Release Readiness on the title line', async () => {
    const uri = ws('IMPACT.md');
    await openLinted(v.api, uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    const ours = (lenses ?? []).filter((l) => l.command && /^impactNotes\./.test(l.command.command));
    assert.deepEqual(ours.map((l) => l.command!.title), ['Assessment 17/22 complete', 'Run Assessment', 'Check Release Readiness']);
    assert.deepEqual(ours.map((l) => l.command!.command), ['impactNotes.tree.revealPair', 'impactNotes.runAssessment', 'impactNotes.checkReleaseReadiness']);
    for (const l of ours) {
      assert.equal(l.range.start.line, 0);
      assert.equal((l.command!.arguments?.[0] as vscode.Uri).toString(), uri.toString());
    }
    assert.match(ours[0].command!.tooltip ?? '', /Modifiability \('hgih' is not on the rating scale\)/);
  });

  it('offers no CodeLens on other Markdown files', async () => {
    await vscode.window.showTextDocument(ws('README.md'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', ws('README.md'), 10);
    assert.equal((lenses ?? []).filter((l) => l.command?.command.startsWith('impactNotes.')).length, 0);
  });
});

describe('views: readiness status bar', function () {
  let v: ViewsApi;
  before(async () => {
    v = await getViews();
  });
  after(closeAll);

  it('shows the blocking count while a pair file is active, and hides elsewhere', async () => {
    const impact = ws('IMPACT.md');
    await openLinted(v.api, impact);
    const pair = v.api.lintService.pairFor(impact)!;
    const blocking = blockingFindings(pair.result.findings, v.api.lintService.currentSettings().readinessBlockingWarnings).length;
    assert.ok(blocking > 0, 'the example has at least one blocking problem (the timed demo without a date)');
    const state = await until(v.api, () => (v.statusBar.state.visible && v.statusBar.state.pairKey === pair.key ? v.statusBar.state : undefined), 'the status bar to show the pair');
    assert.equal(state.text, `$(warning) ${blocking} blocking`);
    assert.equal(state.blocking, blocking);

    await vscode.window.showTextDocument(ws('README.md'));
    await until(v.api, () => !v.statusBar.state.visible, 'the status bar to hide on README.md');

    await openLinted(v.api, ws('release.yaml'));
    await until(v.api, () => v.statusBar.state.visible && v.statusBar.state.pairKey === pair.key, 'the status bar on release.yaml');
  });

  it('says Ready to release for a pair without blocking problems', async () => {
    const impact = ws('IMPACT.md');
    await openLinted(v.api, impact);
    const pair = v.api.lintService.pairFor(impact)!;
    const errors = pair.result.findings.filter((f) => f.severity === 'error').map((f) => f.rule);
    // Turn the blocking rules off in the settings; the bar follows the relint.
    const cfg = vscode.workspace.getConfiguration('impactNotes');
    const previous = cfg.inspect<Record<string, string>>('rules')?.workspaceValue;
    await cfg.update('rules', Object.fromEntries(errors.map((r) => [r, 'off'])), vscode.ConfigurationTarget.Workspace);
    try {
      await until(v.api, () => v.statusBar.state.visible && v.statusBar.state.text === '$(pass) Ready to release', 'Ready to release', 20000);
    } finally {
      await vscode.workspace.getConfiguration('impactNotes').update('rules', previous, vscode.ConfigurationTarget.Workspace);
    }
    await until(v.api, () => v.statusBar.state.blocking > 0, 'the blocking count to come back');
  });
});
