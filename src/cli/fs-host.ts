/**
 * The Node side of the core's hosts: reading files, listing folders and writing a scaffold without
 * ever overwriting anything. Only the CLI (and tests) use this; the editor has its own host.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigHost } from '../core/config-chain';
import { NOT_REGULAR, unreadableReason } from '../core/file-host';
import { isToolFolder } from '../core/tool-folders';
import { scaffold, type ScaffoldAnswers } from '../core/scaffold';

/**
 * Reads a text file as UTF-8; undefined when it does not exist, is a folder, a link that loops, or
 * not a regular file (a pipe or device would block or never end), or its path is longer than the
 * system allows (nothing can be there for us to read). Other errors throw.
 */
export function readTextSync(file: string): string | undefined {
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG') return undefined;
    throw err;
  }
}

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return unreadableReason(code, String(err)) ?? `it could not be read (${code})`;
}

/**
 * The Node host's guard (core/file-host.ts): reads IMPACT.md, release.yaml or a model card for
 * linting without loading a file above `maxBytes` (the configuration's maxFileSize) into memory:
 * such a file comes back as its size with empty text, which the engine reports as skipped
 * (FileInput.size). A pipe, socket or device is never opened. Undefined when the file is missing.
 */
export function readForLint(file: string, maxBytes: number): { text: string; size?: number; unreadable?: string } | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { text: '', unreadable: reasonOf(err) };
  }
  if (st.isDirectory()) return undefined;
  // A pipe would block and a device (a link to /dev/zero) never ends: report, never read.
  if (!st.isFile()) return { text: '', unreadable: NOT_REGULAR };
  if (st.size > maxBytes) return { text: '', size: st.size };
  try {
    const bytes = fs.readFileSync(file);
    // The file may have grown between stat and read.
    if (bytes.byteLength > maxBytes) return { text: '', size: bytes.byteLength };
    return { text: bytes.toString('utf8') };
  } catch (err) {
    return { text: '', unreadable: reasonOf(err) };
  }
}

/** The first `maxBytes` of a text file (all of a smaller one); undefined when it cannot be read. */
export function readTextHead(file: string, maxBytes: number): string | undefined {
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return undefined; // opening a pipe would block
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(Math.min(maxBytes, Math.max(0, fs.fstatSync(fd).size)));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export const nodeConfigHost: ConfigHost = {
  read: async (file) => readTextSync(file),
  dirname: (p) => path.dirname(p),
  join: (dir, name) => path.join(dir, name),
};

/** Forward-slash form of a relative path, as rules and output expect. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export interface ListOptions {
  /** Stop and return undefined after this many files (the list would be misleading if cut). */
  cap?: number;
  /** Extra test for skipping a path (absolute), e.g. configured ignore globs. */
  skip?: (absPath: string, isDir: boolean) => boolean;
}

/**
 * Files under `dir`, recursively, as sorted forward-slash paths relative to `dir`; well-known tool
 * folders (node_modules, .git, virtual environments…) are left out. Symbolic links to folders are
 * not followed. Returns undefined when there are more than `cap` files.
 */
export function listFiles(dir: string, options: ListOptions = {}): string[] | undefined {
  const cap = options.cap ?? 10000;
  const out: string[] = [];
  const walk = (abs: string, rel: string): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childAbs = path.join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(childAbs);
          isFile = st.isFile();
          isDir = false; // never follow linked folders (cycles)
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (isToolFolder(e.name)) continue;
        if (options.skip?.(childAbs, true)) continue;
        if (!walk(childAbs, childRel)) return false;
      } else if (isFile) {
        if (options.skip?.(childAbs, false)) continue;
        out.push(childRel);
        if (out.length > cap) return false;
      }
    }
    return true;
  };
  return walk(dir, '') ? out : undefined;
}

/** Whether a path relative to `dir` exists (file or folder). */
export function existsIn(dir: string, rel: string): boolean {
  return fs.existsSync(path.resolve(dir, rel));
}

export interface WriteScaffoldResult {
  /** Absolute paths of the files written. */
  written: string[];
  /** Absolute paths of files that already existed and were left untouched. */
  skipped: string[];
}

/**
 * Writes IMPACT.md and release.yaml into `dir` (created if needed). Never overwrites: a file that
 * exists is skipped and reported. The check and the write are one step (`wx`), so a file created in
 * between is not clobbered either.
 */
export function writeScaffold(dir: string, answers: ScaffoldAnswers): WriteScaffoldResult {
  const { impact, release } = scaffold(answers);
  fs.mkdirSync(dir, { recursive: true });
  const result: WriteScaffoldResult = { written: [], skipped: [] };
  const existing = fs.readdirSync(dir);
  const targets: [string, string, RegExp][] = [
    ['IMPACT.md', impact, /^impact\.md$/i],
    ['release.yaml', release, /^release\.ya?ml$/i],
  ];
  for (const [name, text, re] of targets) {
    const present = existing.find((n) => re.test(n));
    const file = path.join(dir, present ?? name);
    if (present) {
      result.skipped.push(file);
      continue;
    }
    try {
      fs.writeFileSync(file, text, { flag: 'wx' });
      result.written.push(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') result.skipped.push(file);
      else throw err;
    }
  }
  return result;
}
