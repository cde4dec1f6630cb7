/**
 * Finds the IMPACT.md / release.yaml pairs named by the command line: files are taken as given
 * (with the other file of their pair), folders are searched recursively, skipping tool folders and
 * the configured ignore globs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ignoredByConfig, type IgnoreSet, type ResolvedConfig } from '../core/config-chain';
import { walkForDiscovery } from '../core/discovery/walk-node';
import { pairInFolder, type PairFiles } from '../core/pairs';
import { discoveryWalk, outerFolders, type DiscoveryWalk } from './discovery';
import { readTextHead, toPosix } from './fs-host';

export class UsageError extends Error {}

/** Gives the ignore globs that apply in a folder (a ConfigResolver, or one fixed configuration). */
export interface IgnoreSource {
  resolve(dir: string): Promise<{ ignores: readonly IgnoreSet[] }>;
}

/** Whether an absolute path is ignored by any of the ignore sets (globs relative to their base). */
export function isIgnored(abs: string, ignores: readonly IgnoreSet[], isDir = false): boolean {
  return ignoredByConfig(ignores, (base) => toPosix(path.relative(base, abs)), isDir);
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
const readHead = (p: string) => readTextHead(p, DECLARATION_HEAD);
const readAsync = async (p: string) => readHead(p);

/**
 * Pairs for the given paths (absolute or relative to `cwd`), sorted by folder. A missing path is a
 * usage error. A file named explicitly is linted with the other file of its pair even if an ignore
 * glob matches it; only searched folders honour ignore globs.
 */
export async function findPairs(paths: readonly string[], cwd: string, configs: IgnoreSource): Promise<PairFiles[]> {
  return (await scan(paths, cwd, configs, undefined)).pairs;
}

export interface PairsAndWalks {
  pairs: PairFiles[];
  /** Discovery's walk of each outer folder named (absolute path → walk), made by the same walk that found the pairs. */
  walks: Map<string, DiscoveryWalk>;
}

/**
 * findPairs and discovery's walks in one: each outer folder named is walked once, for its pairs and
 * its research artifacts (the discovery provider then reads `walks` instead of walking again).
 */
export async function findPairsAndWalk(paths: readonly string[], cwd: string, configFor: (dir: string) => Promise<ResolvedConfig>, discovery: boolean): Promise<PairsAndWalks> {
  return scan(paths, cwd, { resolve: configFor }, discovery ? configFor : undefined);
}

async function scan(paths: readonly string[], cwd: string, configs: IgnoreSource, discoveryConfig: ((dir: string) => Promise<ResolvedConfig>) | undefined): Promise<PairsAndWalks> {
  const byDir = new Map<string, PairFiles>();
  const walks = new Map<string, DiscoveryWalk>();
  const add = (p: PairFiles) => {
    const prev = byDir.get(p.dir);
    byDir.set(p.dir, { dir: p.dir, impact: prev?.impact ?? p.impact, release: prev?.release ?? p.release });
  };
  const given = paths.length ? paths : ['.'];
  const outer = discoveryConfig ? new Set(outerFolders(given.map((g) => path.resolve(cwd, g)))) : new Set<string>();
  for (const one of given) {
    const abs = path.resolve(cwd, one);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${one}`);
    }
    if (st.isDirectory()) {
      if (discoveryConfig && outer.has(abs)) {
        let w = walks.get(abs);
        if (!w) {
          w = await discoveryWalk(abs, cwd, discoveryConfig, { readRelease: readHead });
          walks.set(abs, w);
        }
        for (const p of w.walk.pairs ?? []) add(p);
      } else {
        const { ignores } = await configs.resolve(abs);
        const settingsAt = async (dir: string) => ({ ignores: (await configs.resolve(dir)).ignores });
        const w = await walkForDiscovery(abs, { discovery: false, pairs: { readRelease: readHead }, ignores, settingsAt });
        for (const p of w.pairs ?? []) add(p);
      }
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
        throw new UsageError(`${one} is neither Markdown (IMPACT.md) nor YAML (release.yaml).`);
      }
    }
  }
  const pairs = [...byDir.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return { pairs, walks };
}
