/**
 * Rule pages, bundled with the extension (docs/rules/*.md), shown the way a reader expects: as a
 * rendered, read-only Markdown preview, never as an editable file from the install folder.
 *
 * The pages are served through a read-only file system, `impact-notes-docs:/docs/rules/<rule>.md`
 * (a copy of the extension's docs/ folder, read through workspace.fs, so it works in the web worker
 * too). Diagnostics link their rule code there; Show Rule Documentation opens the same URI in the
 * Markdown preview. A link opened from the Problems panel or a hover opens that URI as a text
 * editor; such an editor is swapped for the preview at once (and it could not be edited anyway).
 */
import * as vscode from 'vscode';
import { listen } from './listeners';
import type { Log } from './log';

export const DOCS_SCHEME = 'impact-notes-docs';

/** Where the rule pages are, as diagnostics link them. */
export function docsBaseUri(): vscode.Uri {
  return vscode.Uri.from({ scheme: DOCS_SCHEME, path: '/docs/rules' });
}

/** A read-only view of the extension's docs/ folder. */
export class BundledDocs implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The file inside the extension behind a docs URI; only paths under /docs/. */
  source(uri: vscode.Uri): vscode.Uri {
    const segments = uri.path.split('/').filter(Boolean);
    if (segments[0] !== 'docs' || segments.some((s) => s === '..' || s === '.')) throw vscode.FileSystemError.FileNotFound(uri);
    return vscode.Uri.joinPath(this.extensionUri, ...segments);
  }

  watch(): vscode.Disposable {
    return { dispose: () => undefined };
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const st = await vscode.workspace.fs.stat(this.source(uri));
    return { ...st, permissions: vscode.FilePermission.Readonly };
  }

  readDirectory(uri: vscode.Uri): Thenable<[string, vscode.FileType][]> {
    return vscode.workspace.fs.readDirectory(this.source(uri));
  }

  readFile(uri: vscode.Uri): Thenable<Uint8Array> {
    return vscode.workspace.fs.readFile(this.source(uri));
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Opens a rule page (a docs URI) in the Markdown preview. */
export async function showRulePage(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/** Registers the read-only docs file system and swaps text editors of its pages for the preview. */
export function registerRuleDocs(context: vscode.ExtensionContext, log: Log): void {
  // Registered once per extension host (a second activation, as in the listener tests, reuses it).
  if (vscode.workspace.fs.isWritableFileSystem(DOCS_SCHEME) === undefined) {
    const docs = new BundledDocs(context.extensionUri);
    context.subscriptions.push(docs, vscode.workspace.registerFileSystemProvider(DOCS_SCHEME, docs, { isReadonly: true, isCaseSensitive: true }));
  }
  const swapping = new Set<string>();
  const swap = async (editors: readonly vscode.TextEditor[]) => {
    for (const editor of editors) {
      const uri = editor.document.uri;
      if (uri.scheme !== DOCS_SCHEME || !uri.path.endsWith('.md') || swapping.has(uri.toString())) continue;
      swapping.add(uri.toString());
      try {
        const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
        await showRulePage(uri);
        if (tabs.length) await vscode.window.tabGroups.close(tabs);
      } catch (err) {
        log.error(`could not show ${uri.path} as a preview`, err);
      } finally {
        swapping.delete(uri.toString());
      }
    }
  };
  context.subscriptions.push(listen(vscode.window.onDidChangeVisibleTextEditors, (editors) => void swap(editors), 'ruleDocs: visible editors'));
  void swap(vscode.window.visibleTextEditors);
}
