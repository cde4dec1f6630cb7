/**
 * Cards and papers in the editor: the model card is linted with the pair (diagnostics on the
 * README.md), and the in-place commands write through a file picker without touching a byte
 * outside what they write; the import never overwrites.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { Prompts } from '../../src/extension/prompts';

function ws(...segments: string[]): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'no workspace folder');
  return vscode.Uri.joinPath(f.uri, ...segments);
}

async function bytes(uri: vscode.Uri): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(uri));
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Answers file pickers with `pick`, and records messages. */
function picker(pick: (o: vscode.OpenDialogOptions) => vscode.Uri | undefined): Prompts & { messages: string[] } {
  const messages: string[] = [];
  const msg = (text: string) => {
    messages.push(text);
    return Promise.resolve(undefined);
  };
  return {
    messages,
    showQuickPick: (() => Promise.resolve(undefined)) as Prompts['showQuickPick'],
    showInputBox: () => Promise.resolve(undefined),
    showInformationMessage: msg,
    showWarningMessage: msg,
    showErrorMessage: msg,
    showOpenDialog: (o) => {
      const u = pick(o ?? {});
      return Promise.resolve(u ? [u] : undefined);
    },
  };
}

async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        sub.dispose();
        clearTimeout(t);
        resolve();
      });
      const t = setTimeout(() => {
        sub.dispose();
        resolve();
      }, 100);
    });
  }
}

const CARD = '\ufeff---\r\n# hand-kept card metadata\r\nlicense: mit   # Hub id\r\n---\r\n\r\n# EchoVoice\r\n\r\n## Bias, Risks, and Limitations\r\n\r\n## Training\r\n';

describe('cards and papers: model card linting and in-place commands', function () {
  let api: ImpactNotesApi;
  const dir = ws('cards-papers-it');

  before(async () => {
    const ext = vscode.extensions.getExtension<ImpactNotesApi>('impact-notes.impact-notes');
    assert.ok(ext);
    api = await ext.activate();
    await vscode.workspace.fs.createDirectory(dir);
    await write(vscode.Uri.joinPath(dir, 'IMPACT.md'), '# Impact assessment\n\n## Summary\n\nA voice model.\n');
    await write(
      vscode.Uri.joinPath(dir, 'release.yaml'),
      'impact-release: 1\nartifacts:\n  - id: weights\n    content: trained-model\n    timing: { kind: immediate }\n    distribution: { kind: ask-for-access, process: reviewed form, terms: research only, license: MIT License }\n',
    );
    await write(vscode.Uri.joinPath(dir, 'README.md'), CARD);
  });

  afterEach(() => api.prompts.restore());

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  it('registers the commands', async () => {
    const cmds = await vscode.commands.getCommands(true);
    for (const id of ['impactNotes.writeModelCardInto', 'impactNotes.fillChecklistInto', 'impactNotes.importStatement']) assert.ok(cmds.includes(id), id);
  });

  it('reports model-card-mismatch on the README.md card beside the pair', async () => {
    const card = vscode.Uri.joinPath(dir, 'README.md');
    await api.lintService.lintUri(vscode.Uri.joinPath(dir, 'IMPACT.md'));
    const diags = await until(() => {
      const d = vscode.languages.getDiagnostics(card).filter((x) => x.code && (typeof x.code === 'object' ? x.code.value : x.code) === 'model-card-mismatch');
      return d.length >= 2 && d;
    }, 'model-card-mismatch diagnostics on README.md');
    assert.ok(diags.some((d) => /not gated/.test(d.message)));
    assert.ok(diags.some((d) => /empty or still the template's placeholder/.test(d.message)));
    const gate = diags.find((d) => /not gated/.test(d.message))!;
    const editor = await vscode.window.showTextDocument(card);
    const st = api.lintService.pairFor(card);
    const why = `pair found: ${!!st}, same text: ${st?.result.card?.source.text === editor.document.getText()}`;
    // The first request after opening a document may come back empty or cancelled: ask again, with a deadline.
    let actions: vscode.CodeAction[] = [];
    const deadline = Date.now() + 15000;
    for (;;) {
      try {
        actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', card, gate.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      } catch (err) {
        if (!/Canceled/.test(String(err))) throw err;
      }
      if (actions.some((a) => /Gate the card/.test(a.title)) || Date.now() > deadline) break;
      await until(() => false, 'the next try', 100).catch(() => undefined); // a diagnostics change or 100 ms
    }
    const fix = actions.find((a) => /Gate the card with the plan's access process and terms/.test(a.title));
    assert.ok(fix?.edit, `the gating quick fix is offered (got: ${actions.map((a) => a.title).join(' | ')}; ${why})`);
    const entries = fix.edit.entries();
    assert.equal(entries.length, 1);
    assert.equal(entries[0][0].toString(), card.toString(), 'the fix edits the card');
    assert.match(entries[0][1][0].newText, /^extra_gated_prompt: "Terms of use: research only\. How requests are handled: reviewed form\."\r\nextra_gated_fields:\r\n/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes the model-card section between markers; nothing else changes; a second run changes nothing', async () => {
    const card = vscode.Uri.joinPath(dir, 'README.md');
    api.prompts.use(picker(() => card));
    const out = await vscode.commands.executeCommand<vscode.Uri | undefined>('impactNotes.writeModelCardInto', vscode.Uri.joinPath(dir, 'IMPACT.md'));
    assert.equal(out?.toString(), card.toString());
    const after = await bytes(card);
    const head = '\ufeff---\r\n# hand-kept card metadata\r\nlicense: mit   # Hub id\r\n---\r\n\r\n# EchoVoice\r\n\r\n## Bias, Risks, and Limitations\r\n<!-- impact-notes:start -->\r\n';
    assert.ok(after.startsWith(head), 'front matter, BOM and CRLF kept; block right after the heading');
    assert.ok(after.endsWith('<!-- impact-notes:end -->\r\n\r\n## Training\r\n'));
    assert.ok(!/(?<!\r)\n/.test(after), 'CRLF throughout');
    await vscode.commands.executeCommand('impactNotes.writeModelCardInto', vscode.Uri.joinPath(dir, 'IMPACT.md'));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === card.toString());
    if (doc?.isDirty) await doc.save();
    assert.equal(await bytes(card), after, 'idempotent');
  });

  it('imports a statement into a new IMPACT.md and never overwrites one', async () => {
    const paper = vscode.Uri.joinPath(dir, 'paper.tex');
    await write(paper, '\\section*{Broader Impact}\nVoice cloning could enable fraud~\\cite{x}. We \\emph{watermark} all audio.\n\\section{Conclusion}\nDone.\n');
    const fresh = vscode.Uri.joinPath(dir, 'imported');
    await vscode.workspace.fs.createDirectory(fresh);
    api.prompts.use(picker((o) => (o.canSelectFolders ? fresh : paper)));
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('impactNotes.importStatement');
    assert.equal(created?.toString(), vscode.Uri.joinPath(fresh, 'IMPACT.md').toString());
    const text = await bytes(created!);
    assert.match(text, /## Hazards\n\nVoice cloning could enable fraud\./);
    assert.match(text, /## Detection guidance\n\nWe \*watermark\* all audio\./);
    const fake = picker((o) => (o.canSelectFolders ? fresh : paper));
    api.prompts.use(fake);
    assert.equal(await vscode.commands.executeCommand('impactNotes.importStatement'), undefined);
    assert.ok(fake.messages.some((m) => /already exists and was not overwritten/.test(m)));
    assert.equal(await bytes(created!), text);
  });
});
