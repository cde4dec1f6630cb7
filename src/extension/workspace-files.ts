/**
 * Workspace file access for the editor, through `vscode.workspace.fs` only (desktop, remote,
 * virtual and web workspaces alike): the editor's FileHost (core/file-host.ts) with its guards,
 * open documents in place of the disk, folder listings and the file lists the path rules need.
 * The lint service and discovery read files through here.
 */
import * as vscode from 'vscode';
import { ignoredByConfig, type IgnoreSet } from '../core/config-chain';
import { NOT_REGULAR, PERMISSION_DENIED, unreadableReason, type FileHost, type FileRead } from '../core/file-host';
import { FILE_LIST_CAP } from '../core/lint-input';
import { isToolFolder } from '../core/tool-folders';
import { posix } from '../core/util/posix-path';
import type { Log } from './log';

export { NOT_REGULAR, PERMISSION_DENIED, wasSkipped } from '../core/file-host';

/** Enough of a lone release.yaml to see whether it declares `impact-release:` (as the CLI reads). */
const DECLARATION_HEAD = 8 * 1024 * 1024;

function statReason(err: unknown): string | undefined {
  if (err instanceof vscode.FileSystemError) {
    if (err.code === 'FileNotFound' || err.code === 'FileNotADirectory' || err.code === 'FileIsADirectory') return undefined;
    if (err.code === 'NoPermissions') return PERMISSION_DENIED;
    return `it could not be read (${err.code || err.message})`;
  }
  const code = (err as { code?: unknown } | undefined)?.code;
  return unreadableReason(typeof code === 'string' ? code : undefined, String(err));
}

/**
 * The editor host's guard (core/file-host.ts), as the Node host's (src/cli/fs-host.ts
 * readForLint): stat first, never open what is not a regular file (a pipe would block forever, a
 * device never ends), never load a file above `maxBytes` (only its size comes back, which the
 * engine reports as skipped). Undefined when the file is missing or a folder. A symbolic link to a
 * file is fine.
 */
export async function readGuarded(uri: vscode.Uri, maxBytes: number): Promise<FileRead | undefined> {
  let st: vscode.FileStat;
  try {
    st = await vscode.workspace.fs.stat(uri);
  } catch (err) {
    const reason = statReason(err);
    return reason === undefined ? undefined : { text: '', unreadable: reason };
  }
  if (st.type & vscode.FileType.Directory) return undefined;
  // A bare SymbolicLink is a link to nothing: missing, as the CLI sees it (stat gives ENOENT).
  if (st.type === vscode.FileType.SymbolicLink) return undefined;
  // FileType.Unknown: a pipe, socket or device. Never opened: a pipe would block.
  if (!(st.type & vscode.FileType.File)) return { text: '', unreadable: NOT_REGULAR };
  if (st.size > maxBytes) return { text: '', size: st.size };
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    // The file may have grown between stat and read.
    if (bytes.byteLength > maxBytes) return { text: '', size: bytes.byteLength };
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  } catch (err) {
    const reason = statReason(err);
    return reason === undefined ? undefined : { text: '', unreadable: reason };
  }
}

/**
 * A file's bytes when it is a regular file of at most `maxBytes`; undefined when it is missing, a
 * folder, a pipe or device (never opened), larger, or unreadable. For reads that are not linted
 * (the git index, the head of a training script).
 */
export async function readBytesGuarded(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array | undefined> {
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (!(st.type & vscode.FileType.File) || st.size > maxBytes) return undefined;
    return await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
}

export function isSameOrInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/** Whether a path lies in a folder that is never linted (node_modules, .git, virtual environments, …). */
export function inSkippedDir(uri: vscode.Uri): boolean {
  return uri.path.split('/').some(isToolFolder);
}

/** Whether a configuration's ignore globs name a file or folder. */
export function isIgnoredUri(uri: vscode.Uri, ignores: readonly IgnoreSet[]): boolean {
  return ignoredByConfig(ignores, (base) => posix.relative(base, uri.path), true);
}

/** Schemes that show another view of a file (diffs, history, output), never a pair to lint. */
const SKIPPED_SCHEMES = new Set(['git', 'gitfs', 'output', 'debug', 'walkThrough', 'walkThroughSnippet', 'merge-conflict.conflict-diff', 'comment', 'search-editor', 'chat-editing-text-model']);

/**
 * Documents of any scheme that workspace.fs can read (file:, the workspace folders' schemes,
 * in-memory or remote file systems registered by other extensions), except views of other files
 * (git:, output:, vscode-*: ... unless the workspace itself lives there).
 */
export function acceptsScheme(scheme: string): boolean {
  // The workspace's own schemes first: virtual workspaces use e.g. vscode-vfs:.
  if (scheme === 'file' || (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === scheme)) return true;
  if (SKIPPED_SCHEMES.has(scheme) || scheme.startsWith('vscode-')) return false;
  return vscode.workspace.fs.isWritableFileSystem(scheme) !== undefined;
}

export interface WorkspaceFilesOptions {
  log: Log;
  /**
   * The first `maxBytes` of a file too large to read whole, when the platform can read part of a
   * file (Node, file: scheme; workspace.fs has no partial read). Without it such a lone
   * release.yaml is not taken for a plan.
   */
  readHead?: (uri: vscode.Uri, maxBytes: number) => Promise<string | undefined>;
}

/** Reading the workspace for linting, with the file lists of pairs' folders kept until a file appears or goes. */
export class WorkspaceFiles {
  private readonly fileLists = new Map<string, Promise<string[] | undefined>>();

  constructor(private readonly options: WorkspaceFilesOptions) {}

  openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const s = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === s && !d.isClosed);
  }

  /**
   * The open editor's text (with its version) or the file's text on disk; undefined if missing. A
   * file on disk above `maxBytes` or not a regular file is not read (see readGuarded); an open
   * document's text is used whatever its size (the engine skips it when it is above maxFileSize).
   */
  async readText(uri: vscode.Uri, maxBytes: number): Promise<FileRead | undefined> {
    const doc = this.openDocument(uri);
    if (doc) return { text: doc.getText(), version: doc.version };
    return readGuarded(uri, maxBytes);
  }

  /**
   * Enough text of a lone release.yaml to see whether it declares itself a plan: the whole file, or
   * for a local file above maxFileSize its head (as the CLI does). A file that cannot be read is no plan.
   */
  async readDeclaration(uri: vscode.Uri, maxBytes: number): Promise<string | undefined> {
    const r = await this.readText(uri, maxBytes);
    if (!r || r.unreadable !== undefined) return undefined;
    if (r.size !== undefined) return this.options.readHead?.(uri, DECLARATION_HEAD);
    return r.text;
  }

  /** The names of everything but folders in a folder (none when it is gone). */
  async listNames(folder: vscode.Uri): Promise<string[]> {
    const names = new Set<string>();
    try {
      for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
        // Everything but folders: a pipe or device (FileType.Unknown) named release.yaml is still
        // part of the pair, reported as skipped rather than silently left out.
        if (!(type & vscode.FileType.Directory)) names.add(name);
      }
    } catch {
      // a deleted folder has no files
    }
    return [...names];
  }

  /**
   * Files under a pair's folder (relative, forward slashes, sorted), as the path rules need them;
   * undefined above `cap`. Walks with workspace.fs.readDirectory (works in virtual workspaces and
   * does not wait for the search service), skipping tool folders and ignore globs. Kept until
   * `forgetList` or `forgetLists`.
   */
  filesUnder(folder: vscode.Uri, ignores: readonly IgnoreSet[], cap = FILE_LIST_CAP): Promise<string[] | undefined> {
    const key = folder.toString();
    let p = this.fileLists.get(key);
    if (!p) {
      const started = Date.now();
      p = listFilesUnder(folder, (u) => isIgnoredUri(u, ignores), cap)
        .then((files) => {
          this.options.log.trace(`listed ${files ? files.length : `more than ${cap}`} file(s) under ${vscode.workspace.asRelativePath(folder)} in ${Date.now() - started} ms`);
          return files;
        })
        .catch((err: unknown) => {
          this.options.log.error(`listing files in ${key} failed`, err);
          return undefined;
        });
      this.fileLists.set(key, p);
    }
    return p;
  }

  /** Drops the file list of one folder (by its URI string). */
  forgetList(key: string): void {
    this.fileLists.delete(key);
  }

  forgetLists(): void {
    this.fileLists.clear();
  }

  /**
   * The FileHost for linting a pair in `folder`: paths are URI paths on the folder's file system
   * (scheme and authority), findings show workspace-relative paths.
   */
  hostFor(folder: vscode.Uri): FileHost {
    const uri = (p: string) => folder.with({ path: p });
    return {
      read: (p, maxBytes) => this.readText(uri(p), maxBytes),
      join: (d, n) => posix.join(d, n),
      resolve: (d, rel) => posix.normalize(posix.join(d, rel.replace(/\\/g, '/'))),
      listFiles: (d, ignores, cap) => this.filesUnder(uri(d), ignores, cap),
      displayPath: (p) => vscode.workspace.asRelativePath(uri(p), true),
    };
  }
}

async function listFilesUnder(folder: vscode.Uri, ignored: (uri: vscode.Uri) => boolean, cap: number): Promise<string[] | undefined> {
  const { files, complete } = await walkFolder(folder, { ignored, max: cap });
  return complete ? files.sort() : undefined;
}

/** Whether something exists at a URI (a file or a folder). */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * The files under a folder through workspace.fs, as paths relative to it, breadth first: tool
 * folders and linked folders are never entered, `ignored` leaves out files and folders, and the
 * walk stops at `max` files (`complete` is then false, as it is when `token` cancels it).
 */
export async function walkFolder(
  folder: vscode.Uri,
  opts: { max: number; ignored?: (uri: vscode.Uri) => boolean; token?: vscode.CancellationToken },
): Promise<{ files: string[]; complete: boolean }> {
  const files: string[] = [];
  const queue: { uri: vscode.Uri; rel: string }[] = [{ uri: folder, rel: '' }];
  while (queue.length) {
    if (opts.token?.isCancellationRequested) return { files, complete: false };
    const { uri, rel } = queue.shift()!;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(uri);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      const child = vscode.Uri.joinPath(uri, name);
      const childRel = rel ? `${rel}/${name}` : name;
      if (type & vscode.FileType.SymbolicLink && type & vscode.FileType.Directory) continue; // never follow linked folders
      if (type & vscode.FileType.Directory) {
        if (isToolFolder(name) || opts.ignored?.(child)) continue;
        queue.push({ uri: child, rel: childRel });
      } else if (type & vscode.FileType.File) {
        if (opts.ignored?.(child)) continue;
        if (files.length >= opts.max) return { files, complete: false };
        files.push(childRel);
      }
    }
  }
  return { files, complete: true };
}
