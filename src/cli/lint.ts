/**
 * `impact-notes lint`: find the pairs, resolve each one's configuration, lint (and fix), collect
 * findings from extra providers (workspace discovery plugs in here), and decide the exit code.
 * Output formatting lives in format.ts; argument parsing in main.ts.
 */
import { readiness } from '../core/assessment/readiness';
import { keepReleaseReadings } from '../core/release/parse';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver, loadConfigFile, type ConfigFileProblem, type ResolvedConfig } from '../core/config-chain';
import { lint } from '../core/engine';
import { ENGINE_FINDINGS } from '../core/rules/engine-findings';
import { applyEdits, lintAndFix } from '../core/fix';
import { buildLintInput } from '../core/lint-input';
import type { PairFiles } from '../core/pairs';
import { allRules } from '../core/rules';
import type { Finding, Rule, RuleMeta } from '../core/types';
import type { DiscoveryWalk } from './discovery';
import { findPairsAndWalk, isIgnored, UsageError } from './find-pairs';
import { nodeConfigHost } from './fs-host';
import { nodeFiles } from './node-file-host';

export { UsageError };

/** What an extra finding provider gets to work with. */
export interface ProviderContext {
  cwd: string;
  /** The paths from the command line, absolute (the cwd when none were given). */
  roots: string[];
  /** The pairs that were linted. */
  pairs: readonly PairFiles[];
  /** The configuration that applies to files in a folder. */
  configFor(dir: string): Promise<ResolvedConfig>;
  /** Whether an absolute path is ignored by the configuration that applies to it. */
  isIgnored(absPath: string, isDir?: boolean): Promise<boolean>;
  today: Date;
  /** Discovery's walks of the folders named, made while finding the pairs (absolute path → walk). */
  walks?: ReadonlyMap<string, DiscoveryWalk>;
}

/**
 * A source of findings beyond the per-pair rules, e.g. research artifacts that no release plan
 * covers. Findings use absolute paths in `path` and `file: 'workspace'` (or the pair file they sit
 * in). `kind: 'discovery'` providers are skipped by `--no-discovery`.
 */
export interface FindingProvider {
  name: string;
  kind?: 'discovery' | 'other';
  /** Rule metadata for the findings it reports (for SARIF and docs). */
  rules?: readonly RuleMeta[];
  provide(ctx: ProviderContext): Promise<Finding[]>;
}

export interface LintCommandOptions {
  cwd: string;
  paths: string[];
  fix: boolean;
  /** An explicit configuration file: used instead of discovering .impact-notes.yaml files. */
  configFile?: string;
  today: Date;
  discovery: boolean;
  rules?: readonly Rule[];
  /** Most files listed per pair for path rules; above it rules get no list (default 10000). */
  fileListCap?: number;
}

export interface LintCommandResult {
  findings: Finding[];
  pairs: PairFiles[];
  /** Files written by --fix (absolute). */
  fixed: string[];
  /** What --fix left for the author, in words: one line per fix left out and per file where fixing stopped. */
  notFixed: string[];
}

/** A configuration problem is a usage error: exit 2 with `file:line:col: message`. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigFileProblem[], cwd: string) {
    super(problems.map((p) => `${path.relative(cwd, p.file) || p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  }
}

export async function runLintCommand(opts: LintCommandOptions, providers: readonly FindingProvider[] = []): Promise<LintCommandResult> {
  // Discovery and the lint read each release plan of the run: once is enough.
  return keepReleaseReadings(() => lintRun(opts, providers));
}

async function lintRun(opts: LintCommandOptions, providers: readonly FindingProvider[]): Promise<LintCommandResult> {
  const rules = opts.rules ?? allRules;
  const cwd = opts.cwd;
  let explicit: ResolvedConfig | undefined;
  if (opts.configFile) {
    const file = path.resolve(cwd, opts.configFile);
    explicit = await loadConfigFile(nodeConfigHost, file, rules);
    if (!explicit) throw new UsageError(`Configuration file not found: ${opts.configFile}`);
    if (explicit.problems.length) throw new ConfigError(explicit.problems, cwd);
  }
  const resolver = new ConfigResolver(nodeConfigHost, rules);
  const configFor = async (dir: string): Promise<ResolvedConfig> => {
    if (explicit) return explicit;
    const r = await resolver.resolve(dir);
    if (r.problems.length) throw new ConfigError(r.problems, cwd);
    return r;
  };

  const roots = (opts.paths.length ? opts.paths : ['.']).map((p) => path.resolve(cwd, p));
  // One walk per folder finds the pairs and, unless --no-discovery, the research artifacts.
  const discovery = opts.discovery && providers.some((p) => p.kind === 'discovery');
  const { pairs, walks } = await findPairsAndWalk(opts.paths, cwd, configFor, discovery);

  const findings: Finding[] = [];
  const fixed: string[] = [];
  const notFixed: string[] = [];
  for (const pair of pairs) {
    const built = await buildLintInput(nodeFiles, pair, await configFor(pair.dir), { today: opts.today, rules, fileListCap: opts.fileListCap });
    if (!built) continue;
    const { input } = built;
    if (opts.fix) {
      const res = lintAndFix(input);
      if (res.impact !== undefined && pair.impact) {
        fs.writeFileSync(pair.impact, res.impact);
        fixed.push(pair.impact);
      }
      if (res.release !== undefined && pair.release) {
        fs.writeFileSync(pair.release, res.release);
        fixed.push(pair.release);
      }
      findings.push(...res.result.findings);
      for (const f of res.refused) {
        notFixed.push(`${path.relative(cwd, f.path) || f.path}:${f.start.line + 1}:${f.start.character + 1}: ${f.rule}: not fixed automatically, the fix would turn a Markdown heading into text`);
      }
      if (res.runaway) notFixed.push(`${path.relative(cwd, pair.dir) || '.'}: fixing stopped: a fix kept adding text (please report this)`);
    } else {
      findings.push(...lint(input).findings);
    }
  }

  const ctx: ProviderContext = {
    cwd,
    roots,
    pairs,
    configFor,
    isIgnored: async (abs, isDir) => isIgnored(abs, (await configFor(isDir ? abs : path.dirname(abs))).ignores, isDir),
    today: opts.today,
    walks,
  };
  for (const p of providers) {
    if (p.kind === 'discovery' && !opts.discovery) continue;
    const found = await p.provide(ctx);
    findings.push(...(opts.fix ? applyProviderFixes(found, fixed) : found));
  }
  findings.sort(compareFindings);
  return { findings, pairs, fixed, notFixed };
}

/**
 * --fix for providers' findings in a plan (the checksum rule writes the current digest): their
 * ranges are offsets into the file as it is on disk now (providers run after the pair fixes were
 * written). Returns the findings that are left.
 */
function applyProviderFixes(found: Finding[], fixed: string[]): Finding[] {
  const byPath = new Map<string, Finding[]>();
  for (const f of found) if (f.fix && f.file === 'release') (byPath.get(f.path) ?? byPath.set(f.path, []).get(f.path)!).push(f);
  const done = new Set<Finding>();
  for (const [file, list] of byPath) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const res = applyEdits(text, list.flatMap((f) => f.fix!.edits));
    if (res.applied !== list.reduce((n, f) => n + f.fix!.edits.length, 0)) continue; // overlapping edits: leave them to the editor
    fs.writeFileSync(file, res.text);
    if (!fixed.includes(file)) fixed.push(file);
    for (const f of list) done.add(f);
  }
  return found.filter((f) => !done.has(f));
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.start.line - b.start.line || a.start.character - b.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export function exitCodeFor(findings: readonly Finding[], maxWarnings: number | undefined): { code: number; tooManyWarnings: boolean } {
  // The same verdict as every other surface (src/core/assessment/readiness.ts).
  const v = readiness(undefined, findings, { maxWarnings });
  return { code: v.ready ? 0 : 1, tooManyWarnings: v.tooManyWarnings };
}

export interface LintVerdict extends LintCommandResult {
  /** Metadata of every rule that could have produced a finding (rules, internal rules, providers). */
  rules: RuleMeta[];
  errors: number;
  warnings: number;
  /** The CLI's exit code for these findings: 1 on errors or more warnings than maxWarnings, else 0. */
  code: number;
  tooManyWarnings: boolean;
  /** The release-readiness verdict (src/core/assessment/readiness.ts) over these findings, with at least one pair. */
  ready: boolean;
  /** Its one line for people ("Not ready: 3 unanswered questions, 1 more blocking finding."). */
  summary: string;
}

/**
 * `impact-notes lint` up to its verdict: lint (and fix), count, and decide the exit code. The
 * command line and the GitHub Action both call this, so they never disagree.
 */
export async function lintAndJudge(opts: LintCommandOptions & { maxWarnings?: number }, providers: readonly FindingProvider[] = []): Promise<LintVerdict> {
  const result = await runLintCommand(opts, providers);
  const rules = [...(opts.rules ?? allRules).map((r) => r.meta), ...ENGINE_FINDINGS, ...providers.flatMap((p) => p.rules ?? [])];
  const { code, tooManyWarnings } = exitCodeFor(result.findings, opts.maxWarnings);
  // Ready for release: Check Release Readiness's verdict (no --max-warnings), and something was checked.
  const release = readiness(undefined, result.findings);
  return { ...result, rules, errors: release.counts.error, warnings: release.counts.warning, code, tooManyWarnings, ready: result.pairs.length > 0 && release.ready, summary: release.summary };
}

/**
 * `--containing-folders`: each path that is not a folder stands for the folder holding it (a git
 * hook passes changed files: IMPACT.md, release.yaml, .impact-notes.yaml). Folders stay as they
 * are; duplicates are dropped, order kept. A missing path is kept, so it is reported as missing.
 */
export function containingFolders(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths.length ? paths : ['.']) {
    let target = p;
    try {
      if (!fs.statSync(path.resolve(cwd, p)).isDirectory()) target = path.dirname(p);
    } catch {
      target = p;
    }
    const key = path.resolve(cwd, target);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(target);
  }
  return out;
}
