/**
 * Finds the IMPACT.md / release.yaml pairs named by the command line: files are taken as given
 * (with the other file of their pair), folders are searched recursively, skipping tool folders and
 * the configured ignore globs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { IgnoreSet } from '../core/config-chain';
import { pairInFolder, SKIPPED_DIRS, type PairFiles } from '../core/pairs';
import { readTextHead, toPosix } from './fs-host';

export class UsageError extends Error {}

/** Gives the ignore globs that apply in a folder (a ConfigResolver, or one fixed configuration). */
export interface IgnoreSource {
  resolve(dir: string): Promise<{ ignores: readonly IgnoreSet[] }>;
}

const matchers = new WeakMap<IgnoreSet, (p: string) => boolean>();

/** Whether an absolute path is ignored by any of the ignore sets (globs relative to their base). */
export function isIgnored(abs: string, ignores: readonly IgnoreSet[], isDir = false): boolean {
  for (const set of ignores) {
    const rel = toPosix(path.relative(set.base, abs));
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    let m = matchers.get(set);
    if (!m) {
      m = picomatch(set.patterns, { dot: true });
      matchers.set(set, m);
    }
    if (m(rel) || (isDir && m(`${rel}/`))) return true;
  }
  return false;
}

function readDirNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

const join = (d: string, n: string) => path.join(d, n);
/** Enough of a lone release.yaml to see whether it declares `impact-release:` (a huge file is not read whole). */
const DECLARATION_HEAD = 8 * 1024 * 1024;
const readAsync = async (p: string) => readTextHead(p, DECLARATION_HEAD);

/**
 * Pairs for the given paths (absolute or relative to `cwd`), sorted by folder. A missing path is a
 * usage error. A file named explicitly is linted with the other file of its pair even if an ignore
 * glob matches it; only searched folders honour ignore globs.
 */
export async function findPairs(paths: readonly string[], cwd: string, configs: IgnoreSource): Promise<PairFiles[]> {
  const byDir = new Map<string, PairFiles>();
  const add = (p: PairFiles) => {
    const prev = byDir.get(p.dir);
    byDir.set(p.dir, { dir: p.dir, impact: prev?.impact ?? p.impact, release: prev?.release ?? p.release });
  };
  for (const given of paths.length ? paths : ['.']) {
    const abs = path.resolve(cwd, given);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${given}`);
    }
    if (st.isDirectory()) {
      await walk(abs, configs, add);
    } else {
      const dir = path.dirname(abs);
      const names = readDirNames(dir);
      const base = path.basename(abs);
      const found = await pairInFolder(dir, names, join, readAsync);
      if (/\.(md|markdown)$/i.test(base)) {
        add({ dir, impact: abs, release: found?.release });
      } else if (/\.ya?ml$/i.test(base)) {
        // Named on the command line: linted as a plan even without `impact-release:`.
        add({ dir, impact: found?.impact, release: abs });
      } else {
        throw new UsageError(`${given} is neither Markdown (IMPACT.md) nor YAML (release.yaml).`);
      }
    }
  }
  return [...byDir.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

async function walk(dir: string, configs: IgnoreSource, add: (p: PairFiles) => void): Promise<void> {
  const { ignores } = await configs.resolve(dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const names = entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name);
  const kept = names.filter((n) => !isIgnored(path.join(dir, n), ignores));
  const pair = await pairInFolder(dir, kept, join, readAsync);
  if (pair) add(pair);
  const subdirs = entries
    .filter((e) => e.isDirectory() && !SKIPPED_DIRS.includes(e.name))
    .map((e) => e.name)
    .sort();
  for (const name of subdirs) {
    const sub = path.join(dir, name);
    if (isIgnored(sub, ignores, true)) continue;
    await walk(sub, configs, add);
  }
}
