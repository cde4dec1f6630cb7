// Helpers for the view-feature integration tests (tree, hover, completion, CodeLens, status bar).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactNotesApi } from '../../src/extension/extension';
import type { ReadinessStatusBar } from '../../src/extension/status-bar';
import type { TreeApi } from '../../src/extension/tree';

export interface ViewsApi {
  api: ImpactNotesApi;
  tree: TreeApi;
  statusBar: ReadinessStatusBar;
}

export async function getViews(): Promise<ViewsApi> {
  const ext = vscode.extensions.getExtension<ImpactNotesApi>('impact-notes.impact-notes');
  assert.ok(ext, 'the extension is not installed');
  const api = await ext.activate();
  const tree = api.features.tree as TreeApi | undefined;
  const statusBar = api.features.statusBar as ReadinessStatusBar | undefined;
  assert.ok(tree, 'activate() returned no features.tree');
  assert.ok(statusBar, 'activate() returned no features.statusBar');
  return { api, tree, statusBar };
}

export function ws(...segments: string[]): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'no workspace folder');
  return vscode.Uri.joinPath(f.uri, ...segments);
}

/** Polls until `check` returns something truthy; wakes on lint updates and every 50 ms. */
export async function until<T>(api: ImpactNotesApi, check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const sub = api.lintService.onDidUpdate(() => done());
      const t = setTimeout(() => done(), 50);
      function done() {
        sub.dispose();
        clearTimeout(t);
        resolve();
      }
    });
  }
}

/** Opens a document and waits until the lint service has a pair state for it. */
export async function openLinted(api: ImpactNotesApi, uri: vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  await until(api, () => api.lintService.pairFor(uri), `a lint of ${vscode.workspace.asRelativePath(uri)}`);
  return editor;
}

/** The position just after the first occurrence of `needle` + `delta` characters into it. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `'${needle}' not in ${doc.uri.path}`);
  return doc.positionAt(i + delta);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** An untitled document with a given path (the lint service leaves untitled files alone). */
export async function untitled(relPath: string, text: string): Promise<vscode.TextDocument> {
  const uri = ws(relPath).with({ scheme: 'untitled' });
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await editor.edit((e) => e.insert(new vscode.Position(0, 0), text));
  return doc;
}

/** Reverts every unsaved change (so no save dialog can appear) and closes all editors. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
