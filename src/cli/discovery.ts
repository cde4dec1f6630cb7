/**
 * Workspace discovery for `impact-notes lint`: walks each folder named on the command line (files
 * are skipped) for research artifacts, reads the release plans in and above it, and reports
 * `release-plan-missing`, `artifact-uncovered` and `local-only-artifact` with absolute paths. In a
 * git working copy the walk reads the git index, so committed files count whatever .gitignore says.
 * `--no-discovery` leaves the provider out (it has `kind: 'discovery'`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleOptions, type Config } from '../core/config';
import type { ResolvedConfig } from '../core/config-chain';
import { DiscoveryIndex, rootFindings } from '../core/discovery';
import { surroundings, walkForDiscovery, type Surroundings, type WalkOptions, type WalkProblem, type WalkResult } from '../core/discovery/walk-node';
import { releasePlanMissing, workspaceRules } from '../core/rules/workspace';
import type { Finding } from '../core/types';
import type { FindingProvider, ProviderContext } from './lint';

export interface DiscoveryProviderOptions {
  /** Told about folders that could not be read (default: nothing). */
  onProblem?: (p: WalkProblem) => void;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Discovery's walk of one folder named on the command line, with what lies above it. */
export interface DiscoveryWalk {
  around: Surroundings;
  walk: WalkResult;
}

/**
 * Walks a folder for discovery. With `pairs`, the same walk finds the IMPACT.md / release.yaml pairs
 * (walk.pairs) too: `impact-notes lint` walks each folder once for both (find-pairs.ts).
 */
export async function discoveryWalk(root: string, cwd: string, configFor: (dir: string) => Promise<ResolvedConfig>, pairs?: WalkOptions['pairs']): Promise<DiscoveryWalk> {
  const resolved = await configFor(root);
  const respectGitignore = ruleOptions(releasePlanMissing, resolved.config).respectGitignore !== false;
  const around = await surroundings(root, cwd);
  const walk = await walkForDiscovery(root, {
    base: around.base,
    outerGitignores: around.gitignores,
    markers: resolved.config.markers,
    ignores: resolved.ignores,
    respectGitignore,
    pairs,
    settingsAt: async (abs) => {
      const r = await configFor(abs);
      return { ignores: r.ignores, markers: r.config.markers };
    },
  });
  return { around, walk };
}

/** The folders among `roots` that are not inside another one (a nested folder is covered by the outer walk), sorted. */
export function outerFolders(roots: readonly string[]): string[] {
  const dirs = [...new Set(roots.filter(isDir))].sort();
  return dirs.filter((d) => !dirs.some((o) => o !== d && d.startsWith(o.endsWith(path.sep) ? o : o + path.sep)));
}

async function discoverIn(root: string, ctx: ProviderContext, options: DiscoveryProviderOptions): Promise<Finding[]> {
  const { around, walk } = ctx.walks?.get(root) ?? (await discoveryWalk(root, ctx.cwd, ctx.configFor));
  for (const p of walk.problems) options.onProblem?.(p);
  const index = new DiscoveryIndex(walk.markers);
  for (const plan of [...around.plans, ...walk.plans]) index.setPlan(plan);
  for (const e of walk.entries) index.addFile(e);
  const abs = (rel: string) => (rel ? path.join(around.base, ...rel.split('/')) : around.base);
  const findings: Finding[] = [];
  for (const r of index.roots()) {
    if (r.status === 'covered' && !r.localUndeclared.length) continue;
    const config: Config = (await ctx.configFor(abs(r.dir))).config;
    findings.push(...rootFindings(r, { configFor: () => config, pathOf: abs }));
  }
  return findings;
}

export function discoveryProvider(options: DiscoveryProviderOptions = {}): FindingProvider {
  return {
    name: 'discovery',
    kind: 'discovery',
    rules: workspaceRules.map((r) => r.meta),
    async provide(ctx) {
      const seen = new Set<string>();
      const out: Finding[] = [];
      for (const root of outerFolders(ctx.roots)) {
        for (const f of await discoverIn(root, ctx, options)) {
          const key = `${f.rule}\u0000${f.path}\u0000${f.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(f);
        }
      }
      return out;
    },
  };
}
