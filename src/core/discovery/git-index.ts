/**
 * Which files git tracks, read from the git index (`.git/index`) without running git. Pure: the
 * caller hands in the bytes (the Node walker reads them with node:fs, the editor with
 * `workspace.fs`), so it works in the CLI, the desktop editor and the web extension alike.
 *
 * Why: a committed file is published whatever .gitignore says. A repository whose .gitignore is
 * `*` followed by re-includes such as `!*.py` has its committed `mainscripts/Trainer.py` excluded
 * by git's own ignore rules (its folder is ignored), yet the file is in every clone. Discovery
 * therefore applies .gitignore only to files the index does not list.
 *
 * Supported: index versions 2, 3 and 4 (v4's prefix-compressed paths), SHA-1 and SHA-256 object
 * names, conflicted entries (several stages of one path), gitlinks (submodules). Not supported,
 * reported as `ok: false` so callers fall back to .gitignore alone: a split index (the `link`
 * extension: most entries live in a shared index file), a sparse index (folder entries stand for
 * everything below them), and anything malformed or truncated. The trailing checksum is not
 * verified (that needs SHA-1); every read is bounds-checked instead.
 *
 * Format: https://git-scm.com/docs/index-format (Documentation/gitformat-index.txt).
 */

export interface GitIndex {
  ok: true;
  version: 2 | 3 | 4;
  /** Tracked files (not gitlinks), relative to the repository root, forward slashes. */
  files: string[];
  /** Submodule folders (entries with mode 160000). */
  gitlinks: string[];
}

export interface GitIndexFailure {
  ok: false;
  /** Why the index was not used, in a few words (for logs). */
  reason: string;
}

export type GitIndexResult = GitIndex | GitIndexFailure;

export interface GitIndexOptions {
  /** Bytes of an object name: 20 (SHA-1, the default) or 32 (SHA-256 repositories). */
  hashSize?: 20 | 32;
}

const MODE_TYPE_MASK = 0o170000;
const MODE_GITLINK = 0o160000;
const MODE_DIR = 0o040000;
const FLAG_EXTENDED = 0x4000;
const NAME_MASK = 0x0fff;
/** ctime, mtime (seconds and nanoseconds), dev, ino, mode, uid, gid, size: ten 32-bit fields. */
const STAT_BYTES = 40;

const fail = (reason: string): GitIndexFailure => ({ ok: false, reason });

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

const NON_ASCII_RE = /[\x80-\xff]/;

function decode(b: Uint8Array, start: number, end: number): string {
  // ASCII paths (nearly all) without the decoder's overhead: the bytes as character codes in one
  // native call (no per-byte loop, which a short run would interpret), then one test for bytes
  // that need UTF-8 decoding. A path too long for one call's arguments (only in a damaged index)
  // goes to the decoder.
  if (end - start > 4096) return utf8.decode(b.subarray(start, end));
  const bytes = String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  return NON_ASCII_RE.test(bytes) ? utf8.decode(b.subarray(start, end)) : bytes;
}

export function parseGitIndex(bytes: Uint8Array, options: GitIndexOptions = {}): GitIndexResult {
  const hashSize = options.hashSize ?? 20;
  const b = bytes;
  if (b.length < 12 + hashSize) return fail('the index is too short');
  if (b[0] !== 0x44 || b[1] !== 0x49 || b[2] !== 0x52 || b[3] !== 0x43) return fail('not a git index (no DIRC signature)');
  const version = u32(b, 4);
  if (version !== 2 && version !== 3 && version !== 4) return fail(`index version ${version} is not supported`);
  const count = u32(b, 8);
  const end = b.length - hashSize; // the trailing checksum
  const entryFixed = STAT_BYTES + hashSize + 2;
  if (count > (end - 12) / (version === 4 ? entryFixed + 1 : entryFixed + 2)) return fail('the index is truncated');
  const files: string[] = [];
  const gitlinks: string[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  let o = 12;
  for (let i = 0; i < count; i++) {
    const start = o;
    if (o + entryFixed > end) return fail('the index is truncated');
    const mode = u32(b, o + 24);
    const flags = u16(b, o + STAT_BYTES + hashSize);
    o += entryFixed;
    if (flags & FLAG_EXTENDED) {
      if (version < 3) return fail('an extended entry in a version 2 index');
      if (o + 2 > end) return fail('the index is truncated');
      o += 2;
    }
    let path: string;
    if (version === 4) {
      // A varint (git's offset encoding): how many bytes to drop from the end of the previous path.
      let strip = 0;
      let byte: number;
      let n = 0;
      do {
        if (o >= end || n++ > 8) return fail('the index is truncated');
        byte = b[o++];
        strip = n === 1 ? byte & 0x7f : ((strip + 1) * 128) + (byte & 0x7f);
      } while (byte & 0x80);
      const nul = b.indexOf(0, o);
      if (nul < 0 || nul >= end) return fail('the index is truncated');
      if (strip > previous.length) return fail('a path in the index is malformed');
      const keep = previous.length - strip;
      const whole = new Uint8Array(keep + (nul - o));
      whole.set(previous.subarray(0, keep));
      whole.set(b.subarray(o, nul), keep);
      previous = whole;
      path = decode(whole, 0, whole.length);
      o = nul + 1;
    } else {
      const declared = flags & NAME_MASK;
      let nul: number;
      if (declared < NAME_MASK) {
        nul = o + declared;
        if (nul >= end || b[nul] !== 0) return fail('a path in the index is malformed');
      } else {
        nul = b.indexOf(0, o);
        if (nul < 0 || nul >= end) return fail('the index is truncated');
      }
      path = decode(b, o, nul);
      previous = b.subarray(o, nul);
      // 1 to 8 NUL bytes pad the entry to a multiple of eight.
      o = start + ((nul - start + 8) & ~7);
      if (o > end) return fail('the index is truncated');
    }
    const type = mode & MODE_TYPE_MASK;
    if (type === MODE_DIR) return fail('a sparse index (folder entries)');
    if (!path) return fail('an entry without a path (a split index)');
    if (path.startsWith('/') || path.includes('\u0000')) return fail('a path in the index is malformed');
    if (type === MODE_GITLINK) {
      if (gitlinks[gitlinks.length - 1] !== path) gitlinks.push(path);
    } else if (files[files.length - 1] !== path) {
      files.push(path); // conflicted paths repeat, once per stage, next to each other
    }
  }
  // Extensions: a four-byte signature and a 32-bit size each, up to the checksum.
  while (o + 8 <= end) {
    const sig = String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);
    const size = u32(b, o + 4);
    if (sig === 'link') return fail('a split index');
    if (sig === 'sdir') return fail('a sparse index');
    o += 8 + size;
  }
  return { ok: true, version: version as 2 | 3 | 4, files, gitlinks };
}

/** The folder a `.git` file points at (`gitdir: <path>`, used by worktrees and submodules). */
export function gitdirFromFile(text: string): string | undefined {
  const m = /^gitdir:[ \t]*(.+?)[ \t]*$/m.exec(text.replace(/^\ufeff/, ''));
  return m ? m[1] : undefined;
}

/** Whether a repository's config names SHA-256 object ids (`[extensions] objectformat = sha256`). */
export function hashSizeFromConfig(text: string | undefined): 20 | 32 {
  if (!text) return 20;
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const s = /^\[([^\]\s"]+)/.exec(line);
    if (s) {
      section = s[1].toLowerCase();
      continue;
    }
    const kv = /^([A-Za-z0-9-]+)\s*=\s*(.*)$/.exec(line);
    if (section === 'extensions' && kv && kv[1].toLowerCase() === 'objectformat' && kv[2].trim().toLowerCase() === 'sha256') return 32;
  }
  return 20;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * The tracked files of a repository, relative to a folder inside it (the scanned folder): answers
 * whether a file is tracked, whether a folder holds tracked files (so an ignored folder must still
 * be entered), and whether a path lies in a submodule (whose own index is not read: there
 * .gitignore applies as before).
 */
export class TrackedFiles {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly gitlinks = new Set<string>();

  /**
   * @param index a parsed index
   * @param prefix the scanned folder's path inside the repository ('' = the repository root)
   */
  constructor(index: GitIndex, prefix = '') {
    const pre = prefix ? `${prefix.replace(/\/+$/, '')}/` : '';
    const strip = (p: string) => (pre ? (p.startsWith(pre) ? p.slice(pre.length) : undefined) : p);
    for (const f of index.files) {
      const rel = strip(f);
      if (rel === undefined) continue;
      this.files.add(rel);
      this.addDirsOf(rel);
    }
    for (const g of index.gitlinks) {
      const rel = strip(g);
      if (rel === undefined) continue;
      this.gitlinks.add(rel);
      this.dirs.add(rel);
      this.addDirsOf(rel);
    }
  }

  private addDirsOf(rel: string): void {
    for (let d = parentOf(rel); d !== '' && !this.dirs.has(d); d = parentOf(d)) this.dirs.add(d);
  }

  get size(): number {
    return this.files.size;
  }

  /** A fingerprint of the tracked paths (equal sets give equal keys), to skip rescans when only stat data changed. */
  get key(): string {
    let h = 0x811c9dc5;
    const feed = (p: string) => {
      for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193);
      h = Math.imul(h ^ 10, 0x01000193);
    };
    for (const f of this.files) feed(f);
    for (const g of this.gitlinks) feed(`\u0000${g}`);
    return `${this.files.size}:${this.gitlinks.size}:${(h >>> 0).toString(16)}`;
  }

  /** Whether the index lists this file. */
  isTracked(path: string): boolean {
    return this.files.has(path);
  }

  /** Whether a folder holds tracked files (or is a submodule, or holds one). */
  holdsTracked(dir: string): boolean {
    return dir === '' || this.dirs.has(dir);
  }

  /** Whether a path lies inside a submodule (or is one). */
  inSubmodule(path: string): boolean {
    if (!this.gitlinks.size) return false;
    for (let p = path; p !== ''; p = parentOf(p)) if (this.gitlinks.has(p)) return true;
    return false;
  }
}

/** Reads a file's bytes; undefined when it is missing or not a readable file (a folder, say). */
export type ReadBytes = (path: string) => Promise<Uint8Array | undefined> | Uint8Array | undefined;

/** `rel` resolved against `base` ('/'-separated paths; `rel` may be absolute). */
function resolvePosix(base: string, rel: string): string {
  if (rel.startsWith('/') || /^[A-Za-z]:\//.test(rel)) return rel;
  const parts = base.split('/');
  for (const seg of rel.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

const text = (b: Uint8Array | undefined) => (b ? utf8.decode(b) : undefined);

export type TrackedResult = { tracked: TrackedFiles; version: number; reason?: undefined } | { tracked?: undefined; reason: string };

/**
 * The tracked files of the repository whose working copy starts at `repoRoot` ('/'-separated path
 * of the folder holding `.git`), relative to `prefix` inside it. `.git` may be a folder or a file
 * (`gitdir: …`, as worktrees and submodules have); a worktree's shared config is found through its
 * `commondir`. Any failure gives a reason instead of the files, and callers keep today's behaviour.
 */
export async function loadTrackedFiles(repoRoot: string, read: ReadBytes, prefix = ''): Promise<TrackedResult> {
  try {
    const root = repoRoot.replace(/\\/g, '/').replace(/\/+$/, '') || '/';
    let gitdir = `${root}/.git`;
    const dotgit = await read(gitdir);
    if (dotgit) {
      const target = gitdirFromFile(text(dotgit) ?? '');
      if (!target) return { reason: 'the .git file names no gitdir' };
      gitdir = resolvePosix(root, target.replace(/\\/g, '/'));
    }
    const indexBytes = await read(`${gitdir}/index`);
    if (!indexBytes) return { reason: 'no index (nothing staged yet, or not a repository)' };
    const common = text(await read(`${gitdir}/commondir`))?.trim();
    const configDir = common ? resolvePosix(gitdir, common) : gitdir;
    const hashSize = hashSizeFromConfig(text(await read(`${configDir}/config`)));
    const parsed = parseGitIndex(indexBytes, { hashSize });
    if (!parsed.ok) return { reason: parsed.reason };
    return { tracked: new TrackedFiles(parsed, prefix), version: parsed.version };
  } catch (err) {
    return { reason: `the index could not be read: ${(err as Error)?.message ?? String(err)}` };
  }
}
