// Hardening: pairs on a file system other than file: (an in-memory FileSystemProvider for the
// `impactmem` scheme, outside the workspace folders): diagnostics for both files, scaffolding
// through the commands (they write through workspace.fs), and a quick fix applied there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CreatePlanResult, NewAssessmentResult } from '../../src/extension/assessment/assessment-commands';
import type { ImpactNotesApi } from '../../src/extension/extension';
import { acceptsScheme } from '../../src/extension/workspace-files';
import { getApi, MINIMAL_IMPACT, ourDiagnostics, pick, PLAN, type PromptCall, ScriptedPrompts, waitFor, waitForRule } from './core-helpers';

const SCHEME = 'impactmem';

/** A flat in-memory file system: enough for stat/read/write/readDirectory/createDirectory/delete. */
class MemFs implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; mtime: number; ctime: number }>();
  private readonly dirs = new Set<string>(['/']);
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const f = this.files.get(uri.path);
    if (f) return { type: vscode.FileType.File, ctime: f.ctime, mtime: f.mtime, size: f.data.byteLength };
    if (this.dirs.has(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    if (!this.dirs.has(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
    const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    const out: [string, vscode.FileType][] = [];
    const direct = (p: string) => p.startsWith(prefix) && p !== prefix && !p.slice(prefix.length).includes('/');
    for (const d of this.dirs) if (direct(d)) out.push([d.slice(prefix.length), vscode.FileType.Directory]);
    for (const f of this.files.keys()) if (direct(f)) out.push([f.slice(prefix.length), vscode.FileType.File]);
    return out;
  }

  createDirectory(uri: vscode.Uri): void {
    if (!this.dirs.has(path.posix.dirname(uri.path))) throw vscode.FileSystemError.FileNotFound(uri);
    this.dirs.add(uri.path);
    this.emitter.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const f = this.files.get(uri.path);
    if (!f && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (f && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    if (!this.dirs.has(path.posix.dirname(uri.path))) throw vscode.FileSystemError.FileNotFound(uri);
    const now = Date.now();
    this.files.set(uri.path, { data: content, mtime: now, ctime: f?.ctime ?? now });
    this.emitter.fire([{ type: f ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    const prefix = `${uri.path}/`;
    for (const k of [...this.files.keys()]) if (k === uri.path || k.startsWith(prefix)) this.files.delete(k);
    for (const d of [...this.dirs]) if (d === uri.path || d.startsWith(prefix)) this.dirs.delete(d);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri): void {
    const f = this.files.get(oldUri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(oldUri);
    this.files.delete(oldUri.path);
    this.files.set(newUri.path, f);
  }
}

function memUri(p: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: p });
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  let list: (vscode.CodeAction | vscode.Command)[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      list = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
      break;
    } catch (err) {
      if (attempt >= 3 || !/Canceled/.test(String(err))) throw err;
    }
  }
  return list.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

function scaffoldAnswers(call: PromptCall): unknown {
  if (call.kind === 'quickPick' && /modality/i.test(call.text)) return [pick(call, 'audio')];
  if (call.kind === 'quickPick' && /artifacts/i.test(call.text)) return call.items!.filter((i) => i.picked);
  if (call.kind === 'quickPick' && /review level/i.test(call.text)) return pick(call, 'full');
  if (call.kind === 'info') return undefined;
  throw new Error(`unexpected prompt: ${call.kind} ${call.text}`);
}

describe('hardening: virtual file systems', function () {
  let api: ImpactNotesApi;
  let registration: vscode.Disposable | undefined;
  let n = 0;

  /** A fresh folder on the in-memory file system. */
  async function memFolder(name: string): Promise<vscode.Uri> {
    const uri = memUri(`/${name}-${++n}`);
    await vscode.workspace.fs.createDirectory(uri);
    return uri;
  }

  before(async () => {
    api = await getApi();
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, new MemFs(), { isCaseSensitive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.prompts.restore();
    registration?.dispose();
  });

  afterEach(() => {
    api.prompts.restore();
  });

  it('lints an IMPACT.md + release.yaml pair on an in-memory file system', async () => {
    const dir = await memFolder('pair');
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    const releaseUri = vscode.Uri.joinPath(dir, 'release.yaml');
    await write(impactUri, MINIMAL_IMPACT);
    await write(releaseUri, PLAN.replace('review: { level: full }', 'review: { level: fulll }'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(impactUri));
    await vscode.workspace.openTextDocument(releaseUri);
    await waitForRule(impactUri, 'missing-section');
    await waitFor(() => ourDiagnostics(releaseUri).length > 0 || undefined, 'diagnostics on the in-memory release.yaml');
    const state = api.lintService.pairFor(impactUri);
    assert.ok(state, 'no pair state for the in-memory IMPACT.md');
    assert.equal(state.releaseUri?.toString(), releaseUri.toString());
    assert.equal(api.lintService.pairFor(releaseUri)?.key, state.key);
  });

  it('reads .impact-notes.yaml from the in-memory file system, not from local files', async () => {
    const dir = await memFolder('config');
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await write(vscode.Uri.joinPath(dir, '.impact-notes.yaml'), 'rules:\n  missing-section: off\n');
    await write(impactUri, MINIMAL_IMPACT);
    await write(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN);
    await vscode.workspace.openTextDocument(impactUri);
    const state = await waitFor(() => api.lintService.pairFor(impactUri), 'a lint of the in-memory pair');
    assert.ok(state.result.findings.length > 0, 'nothing reported at all');
    assert.deepEqual(state.result.findings.filter((f) => f.rule === 'missing-section'), [], 'the in-memory .impact-notes.yaml was not applied');
    assert.equal(ourDiagnostics(impactUri, 'missing-section').length, 0);
  });

  it('scaffolds through New Impact Assessment… and Create Release Plan there', async () => {
    const dir = await memFolder('scaffold');
    api.prompts.use(new ScriptedPrompts(scaffoldAnswers));
    const r = (await vscode.commands.executeCommand('impactNotes.newAssessment', dir)) as NewAssessmentResult | undefined;
    assert.ok(r, 'New Impact Assessment… returned nothing');
    assert.deepEqual(r.created.map((u) => u.scheme), [SCHEME, SCHEME]);
    assert.match(await read(vscode.Uri.joinPath(dir, 'IMPACT.md')), /^- \*\*Modality:\*\* audio$/m);
    assert.match(await read(vscode.Uri.joinPath(dir, 'release.yaml')), /^impact-release: 1$/m);
    await waitFor(() => api.lintService.pairFor(vscode.Uri.joinPath(dir, 'IMPACT.md')), 'a lint of the scaffolded pair');

    const planDir = await memFolder('plan');
    await write(vscode.Uri.joinPath(planDir, 'IMPACT.md'), MINIMAL_IMPACT.replace('## Summary', '- **Modality:** audio\n\n## Summary'));
    api.prompts.use(new ScriptedPrompts(scaffoldAnswers));
    const artifacts = [{ id: 'weights', content: 'trained-model', paths: ['ckpt/**'] }];
    const p = (await vscode.commands.executeCommand('impactNotes.createReleasePlan', planDir, artifacts)) as CreatePlanResult | undefined;
    assert.ok(p, 'Create Release Plan returned nothing');
    assert.deepEqual(p.created.map((u) => u.toString()), [vscode.Uri.joinPath(planDir, 'release.yaml').toString()]);
    assert.match(await read(vscode.Uri.joinPath(planDir, 'release.yaml')), /- id: weights\n\s+content: trained-model/);
  });

  it('applies a quick fix to an in-memory IMPACT.md and the finding goes away', async () => {
    const dir = await memFolder('fix');
    const impactUri = vscode.Uri.joinPath(dir, 'IMPACT.md');
    await write(impactUri, MINIMAL_IMPACT);
    await write(vscode.Uri.joinPath(dir, 'release.yaml'), PLAN);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(impactUri));
    await waitForRule(impactUri, 'missing-section');
    const diag = ourDiagnostics(impactUri, 'missing-section').find((d) => /Hazards/.test(d.message));
    assert.ok(diag, 'no missing-section finding for Hazards');
    const count = ourDiagnostics(impactUri, 'missing-section').length;
    const actions = await actionsAt(impactUri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const chosen = actions.find((a) => a.title === "Add the 'Hazards' section");
    assert.ok(chosen?.edit, `no fix for Hazards among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(chosen.edit), 'applyEdit failed');
    await waitFor(
      () => (ourDiagnostics(impactUri, 'missing-section').length === count - 1 && !ourDiagnostics(impactUri, 'missing-section').some((d) => /Hazards/.test(d.message))) || undefined,
      'the Hazards finding to go',
    );
    assert.match(editor.document.getText(), /^## Hazards$/m);
    assert.ok(await editor.document.save(), 'saving to the in-memory file system failed');
    assert.match(await read(impactUri), /^## Hazards$/m);
  });

  it('ignores documents of view-only schemes (git:, output:, vscode-*:)', () => {
    assert.equal(acceptsScheme('file'), true);
    assert.equal(acceptsScheme(SCHEME), true);
    for (const s of ['git', 'output', 'vscode-userdata', 'no-such-scheme']) assert.equal(acceptsScheme(s), false, s);
  });
});
