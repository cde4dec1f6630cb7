/**
 * How the core reads a pair's files: a `FileHost`, beside the configuration host
 * (config-chain.ts). The CLI and the language server use the Node host (src/cli/fs-host.ts), the
 * editor one over `vscode.workspace.fs` (src/extension/workspace-files.ts), desktop and web alike.
 * The guards — never load a file above the size limit, never open a pipe, socket or device, say
 * why a file could not be read — live in the hosts, once each; the core only sees their outcome.
 * A file that reads but looks binary is the engine's business (it sees editor texts too).
 */
import type { IgnoreSet } from './config-chain';

/** One file read for linting. */
export interface FileRead {
  /** The file's text ('' when it was not read: see `size` and `unreadable`). */
  text: string;
  /** Size on disk, given (with text '') only for a file above the size limit that was not read. */
  size?: number;
  /** Why the file was not read (not a regular file, permission denied): text is ''. */
  unreadable?: string;
  /** The open editor's version of the document, when the text came from an editor. */
  version?: number;
}

export interface FileHost {
  /**
   * A pair file or model card for linting: an open editor's text when the host knows one, else the
   * file, guarded (a file above `maxBytes` comes back as its size only, one that is not a regular
   * file or cannot be read as its reason). Undefined when the file is missing or a folder.
   */
  read(path: string, maxBytes: number): Promise<FileRead | undefined>;
  join(dir: string, name: string): string;
  /** A relative path (forward or back slashes) against a folder, normalised: a plan's `model-card:` path. */
  resolve(dir: string, rel: string): string;
  /**
   * Files under `dir` (relative, forward slashes) for the path rules, leaving out tool folders and
   * what the ignore globs name; undefined above `cap` files (a cut list would mislead the rules).
   */
  listFiles(dir: string, ignores: readonly IgnoreSet[], cap: number): Promise<string[] | undefined>;
  /**
   * Whether a path relative to `dir` exists, when the host can tell at once; without it the rules
   * answer from the file list.
   */
  exists?(dir: string, rel: string): boolean | undefined;
  /** The path findings show for a file (default: the path itself). */
  displayPath?(path: string): string;
}

/** The reason given for a pipe, socket or device: never opened (a pipe would block, a device never ends). */
export const NOT_REGULAR = 'it is not a regular file (a pipe, socket or device)';
export const PERMISSION_DENIED = 'permission denied';

/**
 * Why a file could not be read, from a Node-style error code (ENOENT …); undefined for the codes
 * that mean "not there" (missing, not a folder, a folder).
 */
export function unreadableReason(code: string | undefined, fallback?: string): string | undefined {
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
  if (code === 'EACCES' || code === 'EPERM') return PERMISSION_DENIED;
  if (code === 'ELOOP') return 'it is a symbolic link that loops';
  return `it could not be read (${code ?? fallback ?? 'unknown error'})`;
}

/** Whether a read was skipped (too large or not readable): its text is not the file's. */
export function wasSkipped(r: FileRead | undefined): boolean {
  return !!r && (r.size !== undefined || r.unreadable !== undefined);
}
