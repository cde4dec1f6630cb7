// The report panel and the export commands in a real VS Code, on the example workspace: the panel
// opens from the command, its HTML holds the heat map, the ratchet, the timeline and a strict CSP
// with a nonce, it re-renders when IMPACT.md changes, reveal messages open the source (and bad ones
// are dropped), and exports write next to the assessment, asking before they replace a file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { Prompts } from '../../src/extension/prompts';
import { parseRevealMessage, REPORT_VIEW_TYPE, type ReportApi, type ReportPanel } from '../../src/extension/report';

const TODAY = new Date(Date.UTC(2026, 5, 1));

function ws(...segments: string[]): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'no workspace folder');
  return vscode.Uri.joinPath(f.uri, ...segments);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Polls `check` until it returns something truthy, waking on panel renders and every 50 ms. */
async function until<T>(check: () => T | undefined | false, what: string, panel?: ReportPanel, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const sub = panel?.onDidRender(() => done());
      const t = setTimeout(() => done(), 50);
      function done() {
        sub?.dispose();
        clearTimeout(t);
        resolve();
      }
    });
  }
}

interface Call {
  kind: string;
  text: string;
  items?: readonly vscode.QuickPickItem[];
}

/** A prompt layer that records every call and answers through a function. */
function scripted(answer: (call: Call) => unknown): Prompts & { calls: Call[] } {
  const calls: Call[] = [];
  const msg = (kind: string) => (text: string, ...items: string[]) => {
    const call = { kind, text, items: items.map((label) => ({ label })) };
    calls.push(call);
    return Promise.resolve(answer(call)) as unknown as Thenable<never>;
  };
  return {
    calls,
    showQuickPick: ((items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) =>
      Promise.resolve(items).then((list) => {
        const call = { kind: 'quickPick', text: `${options?.title ?? ''} | ${options?.placeHolder ?? ''}`, items: list };
        calls.push(call);
        return answer(call);
      })) as Prompts['showQuickPick'],
    showInputBox: (options?: vscode.InputBoxOptions) => {
      calls.push({ kind: 'inputBox', text: options?.prompt ?? '' });
      return Promise.resolve(undefined);
    },
    showInformationMessage: msg('info'),
    showWarningMessage: msg('warning'),
    showErrorMessage: msg('error'),
    showOpenDialog: (options?: vscode.OpenDialogOptions) => {
      calls.push({ kind: 'openDialog', text: options?.title ?? '' });
      return Promise.resolve(undefined);
    },
  };
}

async function revertAndCloseAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('report: panel and exports', function () {
  let api: ImpactNotesApi;
  let report: ReportApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<ImpactNotesApi>('impact-notes.impact-notes');
    assert.ok(ext, 'the extension is not installed');
    api = await ext.activate();
    report = api.features.report as ReportApi;
    assert.ok(report, 'activate() returned no features.report');
    report.setTodayForTesting(TODAY);
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    for (const p of report.panels()) p.dispose();
    report.setTodayForTesting();
    await revertAndCloseAll();
  });

  it('registers the report and export commands', async () => {
    const cmds = await vscode.commands.getCommands(true);
    for (const id of ['impactNotes.openReport', 'impactNotes.exportBroaderImpact', 'impactNotes.exportChecklist', 'impactNotes.exportModelCard'])
      assert.ok(cmds.includes(id), `${id} is not registered`);
  });

  it('opens the report panel with the matrix, the ratchet, the timeline and a CSP with a nonce', async () => {
    await vscode.commands.executeCommand('impactNotes.openReport', ws('IMPACT.md'));
    const panel = report.panels().find((p) => p.state.impactUri?.toString() === ws('IMPACT.md').toString());
    assert.ok(panel, 'no report panel for the example assessment');
    assert.equal(panel.panel.viewType, REPORT_VIEW_TYPE);
    assert.equal(panel.panel.title, 'Impact report: voice-clone-study');
    const html = panel.panel.webview.html;
    assert.equal(html, panel.html);
    assert.match(html, /<svg class="picture heatmap"/);
    assert.match(html, /<svg class="picture timeline"/);
    assert.match(html, /<svg class="picture ratchet"/);
    assert.match(html, /<svg class="picture completeness"/);
    assert.equal((html.match(/class="cell"/g) ?? []).length, 9, 'nine factors, rated once (no row repeats another)');
    assert.match(html, /after: detector published/);

    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    assert.ok(csp, 'no CSP meta tag');
    const nonce = /script-src 'nonce-([A-Za-z0-9_-]{16,})'/.exec(csp)?.[1];
    assert.ok(nonce, `no script nonce in ${csp}`);
    assert.match(csp, /^default-src 'none';/);
    assert.ok(csp.includes(`style-src ${panel.panel.webview.cspSource} 'nonce-${nonce}'`), csp);
    assert.doesNotMatch(csp.split(panel.panel.webview.cspSource).join(''), /unsafe-inline|unsafe-eval|https?:|\*/, 'nothing but the webview’s own source and the nonce');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    const styles = html.match(/<style[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}">`]);
    assert.deepEqual(styles, [`<style nonce="${nonce}">`]);
    assert.doesNotMatch(html, / style="| on[a-z]+="/, 'no inline style or event-handler attributes');
    assert.doesNotMatch(html, /(src|href)="https?:/, 'no remote resources');

    const opts = panel.panel.webview.options;
    assert.equal(opts.enableScripts, true);
    assert.equal(opts.enableCommandUris, false);
    assert.deepEqual(opts.localResourceRoots?.map((u) => u.path.split('/').pop()), ['media']);

    // The same command again reveals the same panel with a fresh nonce.
    await vscode.commands.executeCommand('impactNotes.openReport', ws('release.yaml'));
    assert.equal(report.panels().length, 1);
    assert.notEqual(/nonce-([A-Za-z0-9_-]+)/.exec(panel.html)?.[1], nonce);
  });

  it('re-renders when IMPACT.md changes', async () => {
    const panel = await report.open(ws('IMPACT.md'));
    assert.ok(panel);
    assert.match(panel.html, />hgih</);
    const editor = await vscode.window.showTextDocument(ws('IMPACT.md'), { preview: false });
    const text = editor.document.getText();
    const at = text.indexOf('**Modifiability:** hgih') + '**Modifiability:** '.length;
    assert.ok(at > 20);
    const before = panel.renders;
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 4)), 'high'));
    await until(() => panel.renders > before && !panel.html.includes('>hgih<') && panel.html, 'the report to show the corrected rating', panel);
    assert.match(panel.html, /Path to harm: 8\/9/);
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 4)), 'hgih'));
    await until(() => panel.html.includes('>hgih<'), 'the report to follow the edit back', panel);
  });

  it('opens the source a reveal message names, and drops malformed messages', async () => {
    const panel = await report.open(ws('IMPACT.md'));
    assert.ok(panel);
    const finding = panel.model?.findings.find((f) => f.rule === 'invalid-value');
    assert.ok(finding?.ref, 'the report lists the invalid rating');
    assert.match(panel.html, new RegExp(`data-reveal="impact:${finding.ref.start.line}:${finding.ref.start.character}:`));
    const msg = parseRevealMessage({ type: 'reveal', file: 'impact', start: finding.ref.start, end: finding.ref.end });
    assert.ok(msg);
    const editor = await panel.reveal(msg);
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), ws('IMPACT.md').toString());
    assert.equal(editor.document.getText(editor.selection), 'hgih');

    for (const bad of [
      undefined,
      'reveal',
      { type: 'reveal', file: '../../etc/passwd', start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      { type: 'reveal', file: 'impact', start: { line: -1, character: 0 }, end: { line: 0, character: 0 } },
      { type: 'reveal', file: 'impact', start: { line: 1.5, character: 0 }, end: { line: 2, character: 0 } },
      { type: 'reveal', file: 'impact', start: { line: '1', character: 0 }, end: { line: 2, character: 0 } },
      { type: 'command', file: 'impact', start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
    ])
      assert.equal(parseRevealMessage(bad), undefined, JSON.stringify(bad));
  });

  it('exports a LaTeX broader-impact statement next to IMPACT.md and asks before replacing it', async () => {
    const target = ws('broader-impact.tex');
    let replace: string | undefined;
    const fake = scripted((call) => {
      if (call.kind === 'quickPick') return call.items?.find((i) => i.label === 'LaTeX');
      if (call.kind === 'warning') return replace;
      return undefined;
    });
    api.prompts.use(fake);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('impactNotes.exportBroaderImpact', ws('IMPACT.md'));
    assert.equal(written?.toString(), target.toString());
    const text = await readText(target);
    assert.match(text, /^\\section\*\{Broader Impact\}/);
    assert.match(text, /\\paragraph\{Benefits\.\} People losing their voice/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the export is opened');
    assert.ok(fake.calls.some((c) => c.kind === 'info' && /not written yet/.test(c.text)), 'the gaps are mentioned');

    // Exists: the answer decides.
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('% my own edits\n'));
    replace = undefined;
    assert.equal(await vscode.commands.executeCommand('impactNotes.exportBroaderImpact', ws('IMPACT.md')), undefined);
    assert.equal(await readText(target), '% my own edits\n');
    assert.ok(fake.calls.some((c) => c.kind === 'warning' && /broader-impact\.tex already exists/.test(c.text)));
    replace = 'Replace';
    await vscode.commands.executeCommand('impactNotes.exportBroaderImpact', ws('IMPACT.md'));
    assert.match(await readText(target), /^\\section\*\{Broader Impact\}/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(target);
  });

  it('offers each export in the formats of the export list, and reports a failing export once, with Show Output', async () => {
    const fake = scripted((call) => {
      if (call.kind === 'quickPick') {
        assert.deepEqual(call.items?.map((i) => i.label), ['Markdown', 'LaTeX']);
        throw new Error('scripted failure');
      }
      return undefined;
    });
    api.prompts.use(fake);
    const result = await vscode.commands.executeCommand('impactNotes.exportChecklist', ws('IMPACT.md'));
    assert.equal(result, undefined, 'the error wrapper returns undefined');
    const errors = fake.calls.filter((c) => c.kind === 'error');
    assert.equal(errors.length, 1, JSON.stringify(fake.calls));
    assert.match(errors[0].text, /^Impact Notes: Export Conference Checklist Answers failed: scripted failure$/);
    assert.deepEqual(errors[0].items?.map((i) => i.label), ['Show Output']);
  });

  it('exports checklist answers and the model-card section', async () => {
    api.prompts.use(scripted((call) => (call.kind === 'quickPick' ? call.items?.find((i) => i.label === 'Markdown') : undefined)));
    const checklist = await vscode.commands.executeCommand<vscode.Uri>('impactNotes.exportChecklist', ws('IMPACT.md'));
    assert.match(await readText(checklist), /### NeurIPS paper checklist[\s\S]*- Answer: \*\*Yes\*\*/);
    const card = await report.export('model-card', ws('release.yaml'));
    assert.ok(card);
    assert.equal(card.path.split('/').pop(), 'model-card-risks.md');
    assert.match(await readText(card), /### Out-of-Scope Use[\s\S]*## Bias, Risks, and Limitations/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(checklist);
    await vscode.workspace.fs.delete(card);
  });
});
