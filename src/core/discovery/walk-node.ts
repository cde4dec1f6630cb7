/**
 * The Node walker for discovery (the CLI and tests; the editor lists files with
 * `workspace.findFiles` instead). Asynchronous and cancellable.
 * It skips tool folders, caches, virtual environments (any folder holding `pyvenv.cfg`), build
 * output and vendored code; honours every .gitignore on the way (and `.git/info/exclude`) and the
 * configuration's ignore globs; never follows symbolic links to folders unless asked, and then
 * never enters the same folder twice (no loops); reports folders it cannot read instead of failing.
 *
 * Folders are read with synchronous calls in slices of a few milliseconds between which the walk
 * yields to the event loop (so it can be cancelled and timers run).
 *
 * It keeps only what discovery needs: marker files (with their size when a size-conditional
 * pattern asks for it) and release plans. Paths are relative to `base` (default: the walked
 * folder) with forward slashes.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { ignoredByConfig as ignoredBySets, type IgnoreSet } from '../config-chain';
import type { MarkerConfig } from '../config';
import { CONFIG_FILE_NAMES } from '../config';
import { IMPACT_FILE_RE, pairFromNames, RELEASE_FILE_RE, type PairFiles } from '../pairs';
import { isToolFolder } from '../tool-folders';
import { ENTRY_HEAD_BYTES, isLibraryModule, needsEntryCheck } from './entry-points';
import { loadTrackedFiles, type TrackedFiles } from './git-index';
import { GitignoreRules } from './gitignore';
import { isSkippedDirName, MarkerSet } from './markers';
import { assessmentOnly, planFromText, type PlanInfo } from './plans';
import type { FileEntry } from './roots';

/**
 * The file-system calls the walker makes (tests inject failures; the default is node:fs). They are
 * synchronous on purpose: the walk itself is asynchronous and yields to the event loop every few
 * milliseconds, but reading a folder synchronously costs about a third of the CPU time of the
 * promise-based call, which matters at 100,000 files.
 */
export interface WalkFs {
  readdir(path: string): fs.Dirent[];
  stat(path: string): fs.Stats;
  readFile(path: string): string;
  /** Raw bytes (the git index); default: node:fs. */
  readBytes?(path: string): Uint8Array;
  /** The first `bytes` bytes of a file as text (training-code heads); default: node:fs. */
  readHead?(path: string, bytes: number): string;
}

function readHeadSync(p: string, bytes: number): string {
  const fd = fs.openSync(p, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export const nodeWalkFs: WalkFs = {
  readdir: (p) => fs.readdirSync(p, { withFileTypes: true }),
  stat: (p) => fs.statSync(p),
  readFile: (p) => fs.readFileSync(p, 'utf8'),
  readBytes: (p) => fs.readFileSync(p),
  readHead: readHeadSync,
};

/** Longest stretch of synchronous work before the walk yields to the event loop. */
const SLICE_MS = 8;

/** What applies from a folder down, from the configuration files on the way. */
export interface FolderSettings {
  /** Ignore globs with their base folders (absolute), as ConfigResolver gives them. */
  ignores: readonly IgnoreSet[];
  markers?: MarkerConfig;
}

export interface WalkOptions {
  /** Markers used where no configuration says otherwise. */
  markers?: MarkerConfig;
  /** Configuration-file ignore globs that apply at the walked folder. */
  ignores?: readonly IgnoreSet[];
  /**
   * Called for each folder that holds a configuration file (`.impact-notes.yaml`), for the
   * settings from there down (e.g. `ConfigResolver.resolve`). Without it, such files are not read.
   */
  settingsAt?: (absDir: string) => Promise<FolderSettings>;
  /** Honour .gitignore files (default true). */
  respectGitignore?: boolean;
  /**
   * In a git working copy at `base`, read which files are tracked from the git index (default
   * true): .gitignore then applies only to untracked files, and untracked ignored markers are
   * returned as local-only entries. Without a usable index, .gitignore alone decides, as before.
   */
  gitIndex?: boolean;
  /** Follow symbolic links to folders (default false; loops are detected when true). */
  followSymlinks?: boolean;
  /** Paths are made relative to this folder (an ancestor of the walked one); default: the walked folder. */
  base?: string;
  /** .gitignore texts of folders between `base` and the walked folder (relative dir → text). */
  outerGitignores?: ReadonlyMap<string, string>;
  /**
   * Also find the IMPACT.md / release.yaml pairs (SPEC §3), so that one walk serves the CLI's lint
   * and discovery. The search for pairs enters more folders than discovery does (gitignored
   * folders, build output, vendored code, virtual environments: only tool folders and ignore globs
   * are left out); there only pairs are looked for. A configuration file that cannot be used stops
   * the walk (settingsAt's error is thrown), as linting cannot go on without it.
   */
  pairs?: {
    /** The head of a lone release.yaml, to see whether it declares itself a plan (undefined when unreadable). */
    readRelease(absPath: string): string | undefined;
  };
  /** Look for research artifacts and plans (default true); false with `pairs` walks for pairs only. */
  discovery?: boolean;
  signal?: AbortSignal;
  fs?: WalkFs;
}

export interface WalkProblem {
  /** Absolute path of the folder or file. */
  path: string;
  code?: string;
  message: string;
}

export interface WalkResult {
  /** The walked folder (absolute). */
  root: string;
  /** The folder paths are relative to (absolute). */
  base: string;
  /** Marker files (and only those). */
  entries: FileEntry[];
  plans: PlanInfo[];
  problems: WalkProblem[];
  /** Folders read and files seen (for reports and benchmarks). */
  dirs: number;
  files: number;
  /** Markers in effect at the walked folder. */
  markers: MarkerSet;
  /** With the `pairs` option: the pairs found (absolute paths), sorted by folder. */
  pairs?: PairFiles[];
  cancelled: boolean;
  /** What the git index said: how many files it tracks, or why it was not used (undefined outside git). */
  git?: { tracked: number; version: number } | { reason: string };
}

const VENV_MARKER = 'pyvenv.cfg';

interface Job {
  abs: string;
  rel: string;
  ignores: readonly IgnoreSet[];
  markers: MarkerSet;
  /** The folder is gitignored (entered only because the index is known: for tracked and local-only files). */
  ignored?: boolean;
  /** Entered for pairs only: discovery does not look here. */
  pairsOnly?: boolean;
}

const toPosix = (p: string) => (nodePath.sep === '/' ? p : p.split(nodePath.sep).join('/'));

/** Whether configuration ignore globs leave out an absolute path. */
export function ignoredByConfig(abs: string, sets: readonly IgnoreSet[], isDir: boolean): boolean {
  return ignoredBySets(sets, (base) => toPosix(nodePath.relative(base, abs)), isDir);
}

function errCode(err: unknown): string | undefined {
  const c = (err as NodeJS.ErrnoException)?.code;
  return typeof c === 'string' ? c : undefined;
}

const markerSets = new Map<string, MarkerSet>();
function markerSetFor(config?: MarkerConfig): MarkerSet {
  const key = JSON.stringify(config ?? {});
  let m = markerSets.get(key);
  if (!m) {
    if (markerSets.size > 50) markerSets.clear();
    m = new MarkerSet(config);
    markerSets.set(key, m);
  }
  return m;
}

/** Walks a folder for research artifacts and release plans. Never throws for unreadable parts. */
export async function walkForDiscovery(rootDir: string, options: WalkOptions = {}): Promise<WalkResult> {
  const root = nodePath.resolve(rootDir);
  const base = nodePath.resolve(options.base ?? root);
  const io = options.fs ?? nodeWalkFs;
  const discover = options.discovery ?? true;
  const findPairs = options.pairs;
  const respectGitignore = discover && (options.respectGitignore ?? true);
  const follow = options.followSymlinks ?? false;
  const gitignore = new GitignoreRules();
  const relOf = (abs: string) => nodePath.relative(base, abs).split(nodePath.sep).join('/');
  const rootRel = relOf(root);
  if (rootRel.startsWith('..')) throw new Error(`base ${base} is not an ancestor of ${root}`);
  if (respectGitignore && options.outerGitignores) for (const [dir, text] of options.outerGitignores) if (dir !== '') gitignore.set(dir, text);

  const initialMarkers = markerSetFor(options.markers);
  const result: WalkResult = { root, base, entries: [], plans: [], problems: [], dirs: 0, files: 0, markers: initialMarkers, cancelled: false };
  if (findPairs) result.pairs = [];
  /** A configuration error met while finding pairs: it ends the walk (thrown after the folder). */
  let fatal: { err: unknown } | undefined;
  const visited = new Set<string>();
  const join = (rel: string, name: string) => (rel ? `${rel}/${name}` : name);
  const sep = nodePath.sep;
  const absJoin = (dir: string, name: string) => (dir.endsWith(sep) ? dir + name : dir + sep + name);

  // In a git working copy: which files are tracked (committed or staged) decides before .gitignore.
  let tracked: TrackedFiles | undefined;
  if (respectGitignore && (options.gitIndex ?? true) && isRepoRoot(base, io)) {
    const readBytes = io.readBytes ?? nodeWalkFs.readBytes!;
    const loaded = await loadTrackedFiles(base.split(nodePath.sep).join('/'), (p) => {
      try {
        return readBytes(p);
      } catch {
        return undefined; // missing, or a folder (.git itself)
      }
    });
    if (loaded.tracked) {
      tracked = loaded.tracked;
      result.git = { tracked: loaded.tracked.size, version: loaded.version };
    } else result.git = { reason: loaded.reason };
  }

  // .git/info/exclude of the repository at `base` counts as the top folder's rules, before its .gitignore.
  let excludeText = '';
  if (respectGitignore) {
    excludeText = tryRead(io, nodePath.join(base, '.git', 'info', 'exclude')) ?? '';
    const outerTop = options.outerGitignores?.get('');
    if (excludeText || outerTop !== undefined) gitignore.set('', `${excludeText}\n${outerTop ?? ''}`);
  }

  /** Reads one folder; returns a promise only when a configuration file must be resolved. */
  const visit = (job: Job, queue: Job[]): Promise<void> | void => {
    if (follow) {
      // Links may lead back up the tree: enter each real folder once.
      try {
        const st = io.stat(job.abs);
        const id = `${st.dev}:${st.ino}`;
        if (visited.has(id)) return;
        visited.add(id);
      } catch {
        return;
      }
    }
    let entries: fs.Dirent[];
    try {
      entries = io.readdir(job.abs);
    } catch (err) {
      const code = errCode(err);
      if (code !== 'ENOENT' && !job.pairsOnly) result.problems.push({ path: job.abs, code, message: `Could not read ${job.abs}: ${(err as Error).message}` });
      return;
    }
    let hasImpact = false;
    let releaseName: string | undefined;
    let hasConfig = false;
    let gitignoreName: string | undefined;
    for (const e of entries) {
      const n = e.name;
      if (n === VENV_MARKER && job.rel !== rootRel && !job.pairsOnly) {
        // A virtual environment: none of ours (searched for pairs only).
        if (!findPairs) return;
        job = { ...job, pairsOnly: true };
      }
      if (n === '.gitignore') gitignoreName = n;
      else if (CONFIG_FILE_NAMES.includes(n)) hasConfig = true;
      // (The lengths of IMPACT.md, release.yml and release.yaml: most names need no pattern test.)
      else if (n.length === 9 && IMPACT_FILE_RE.test(n)) hasImpact = true;
      else if ((n.length === 11 || n.length === 12) && RELEASE_FILE_RE.test(n) && (!releaseName || n === 'release.yaml')) releaseName = n;
    }
    if (!job.pairsOnly) result.dirs++;
    if (gitignoreName && respectGitignore && !job.pairsOnly) {
      const file = nodePath.join(job.abs, gitignoreName);
      try {
        const own = io.readFile(file);
        gitignore.set(job.rel, job.rel === '' ? `${excludeText}\n${own}` : own);
      } catch (err) {
        result.problems.push({ path: file, code: errCode(err), message: `Could not read ${file}: ${(err as Error).message}` });
      }
    }
    if (hasConfig && options.settingsAt) {
      const here = job;
      return options.settingsAt(job.abs).then(
        (st) => scanEntries(here, entries, queue, st.ignores, markerSetFor(st.markers), hasImpact, releaseName),
        (err: unknown) => {
          if (findPairs) {
            fatal = { err };
            return;
          }
          result.problems.push({ path: job.abs, message: `Could not read the configuration in ${job.abs}: ${(err as Error)?.message ?? String(err)}` });
          scanEntries(job, entries, queue, job.ignores, job.markers, hasImpact, releaseName);
        },
      );
    }
    scanEntries(job, entries, queue, job.ignores, job.markers, hasImpact, releaseName);
  };

  const scanEntries = (job: Job, entries: fs.Dirent[], queue: Job[], ignores: readonly IgnoreSet[], markers: MarkerSet, hasImpactHere: boolean, releaseName: string | undefined): void => {
    let hasImpact = hasImpactHere;
    const useConfigIgnores = ignores.length > 0;
    if (findPairs && (hasImpactHere || releaseName !== undefined)) {
      // The pair of this folder: its IMPACT.md and release plan, unless an ignore glob leaves them out.
      const names: string[] = [];
      for (const e of entries) {
        const n = e.name;
        if ((IMPACT_FILE_RE.test(n) || RELEASE_FILE_RE.test(n)) && (e.isFile() || e.isSymbolicLink()) && !(useConfigIgnores && ignoredByConfig(absJoin(job.abs, n), ignores, false))) names.push(n);
      }
      const pair = names.length ? pairFromNames(job.abs, names, absJoin, findPairs.readRelease) : undefined;
      if (pair) result.pairs!.push(pair);
    }
    if (job.pairsOnly) {
      // Only pairs are looked for here: enter every folder but tool folders and ignored ones.
      for (const e of entries) {
        if (!e.isDirectory() || isToolFolder(e.name)) continue;
        const abs = absJoin(job.abs, e.name);
        if (useConfigIgnores && ignoredByConfig(abs, ignores, true)) continue;
        queue.push({ abs, rel: join(job.rel, e.name), ignores, markers, pairsOnly: true });
      }
      return;
    }
    /** Whether .gitignore leaves a file out: tracked files never (outside submodules, whose index is not read). */
    const gitIgnored = (rel: string) => {
      if (!respectGitignore) return false;
      if (tracked && !tracked.inSubmodule(rel)) {
        if (tracked.isTracked(rel)) return false;
        if (job.ignored) return true;
      }
      return gitignore.isIgnoredIn(rel, false);
    };
    const fileIgnored = (rel: string, abs: string) => gitIgnored(rel) || (useConfigIgnores && ignoredByConfig(abs, ignores, false));
    const inPackage = entries.some((e) => e.name === '__init__.py');
    if (job.ignored && hasImpact) hasImpact = entries.some((e) => IMPACT_FILE_RE.test(e.name) && !gitIgnored(join(job.rel, e.name)));

    // The plan (or assessment) of this folder.
    const releaseRel = releaseName ? join(job.rel, releaseName) : undefined;
    let plan: PlanInfo | undefined;
    if (releaseName && releaseRel && !fileIgnored(releaseRel, nodePath.join(job.abs, releaseName))) {
      try {
        const text = io.readFile(nodePath.join(job.abs, releaseName));
        plan = planFromText(job.rel, releaseRel, text, hasImpact);
      } catch (err) {
        result.problems.push({ path: nodePath.join(job.abs, releaseName), code: errCode(err), message: `Could not read ${nodePath.join(job.abs, releaseName)}: ${(err as Error).message}` });
      }
    }
    if (!plan && hasImpact) plan = assessmentOnly(job.rel);
    if (plan) result.plans.push(plan);

    for (const e of entries) {
      const name = e.name;
      const rel = join(job.rel, name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let size: number | undefined;
      if (e.isSymbolicLink() || (!isDir && !isFile && !e.isFIFO() && !e.isSocket() && !e.isBlockDevice() && !e.isCharacterDevice())) {
        // A link (or a file system that does not say the type): look at what it points to.
        if (findPairs ? isToolFolder(name) : isSkippedDirName(name)) continue;
        const abs = absJoin(job.abs, name);
        try {
          const st = io.stat(abs);
          isFile = st.isFile();
          isDir = st.isDirectory() && (follow || !e.isSymbolicLink());
          if (isFile) size = st.size;
          if (isFile && findPairs && isSkippedDirName(name)) continue; // left out by name, as without pairs
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        // Discovery leaves out build output, vendored code and gitignored folders; the search for
        // pairs enters them (for pairs only), and leaves out tool folders alone.
        let pairsOnly = isSkippedDirName(name);
        if (pairsOnly && (!findPairs || isToolFolder(name))) continue;
        let ignored = false;
        if (respectGitignore && !pairsOnly) {
          ignored = !!job.ignored || gitignore.isIgnoredIn(rel, true);
          // An ignored folder is still entered in a git working copy: tracked files in it are
          // published, untracked markers in it are local-only artifacts. Not inside a submodule.
          if (ignored && (!tracked || tracked.inSubmodule(rel))) {
            if (!findPairs) continue;
            pairsOnly = true;
          }
        }
        const abs = absJoin(job.abs, name);
        if (useConfigIgnores && ignoredByConfig(abs, ignores, true)) continue;
        queue.push(pairsOnly ? { abs, rel, ignores, markers, pairsOnly } : ignored ? { abs, rel, ignores, markers, ignored } : { abs, rel, ignores, markers });
        continue;
      }
      if (!isFile) continue;
      result.files++;
      const c = markers.classify(rel, size);
      if (!c) continue;
      const abs = absJoin(job.abs, name);
      if (useConfigIgnores && ignoredByConfig(abs, ignores, false)) continue;
      if (!('needsSize' in c) && c.kind === 'training' && needsEntryCheck(name, inPackage)) {
        // A training-named module in a package: a library module unless it runs as a program.
        let head: string | undefined;
        try {
          head = (io.readHead ?? readHeadSync)(abs, ENTRY_HEAD_BYTES);
        } catch {
          head = undefined;
        }
        if (isLibraryModule(name, inPackage, head)) continue;
      }
      let local = false;
      if (gitIgnored(rel)) {
        // Untracked and gitignored: outside git (or in a submodule) left out as before; in a git
        // working copy kept as a local-only artifact.
        if (!tracked || tracked.inSubmodule(rel)) continue;
        local = true;
      }
      let entry: FileEntry | undefined;
      if ('needsSize' in c) {
        try {
          const st = io.stat(abs);
          const again = markers.classify(rel, st.size);
          if (again && !('needsSize' in again)) entry = { path: rel, size: st.size };
        } catch {
          // gone meanwhile
        }
      } else {
        entry = size === undefined ? { path: rel } : { path: rel, size };
      }
      if (entry) result.entries.push(local ? { ...entry, local } : entry);
    }
  };

  const stack: Job[] = [{ abs: root, rel: rootRel, ignores: options.ignores ?? [], markers: initialMarkers, ...(discover ? {} : { pairsOnly: true }) }];
  // Date.now, not performance.now: the latter loads perf_hooks, a millisecond of a short run.
  let sliceStart = Date.now();
  while (stack.length) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    const job = stack.pop()!;
    try {
      const pending = visit(job, stack);
      if (pending) await pending;
    } catch (err) {
      if (findPairs) throw err;
      result.problems.push({ path: job.abs, message: `Could not scan ${job.abs}: ${(err as Error)?.message ?? String(err)}` });
    }
    if (fatal) throw fatal.err;
    if (Date.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((r) => setImmediate(r));
      sliceStart = Date.now();
    }
  }

  result.entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.plans.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  result.pairs?.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return result;
}

/** Whether a folder holds a git repository (`.git` folder or file). */
function isRepoRoot(dir: string, io: WalkFs): boolean {
  try {
    io.stat(nodePath.join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

function tryRead(io: WalkFs, file: string): string | undefined {
  try {
    return io.readFile(file);
  } catch {
    return undefined;
  }
}

export interface Surroundings {
  /** The folder paths should be relative to: the repository root, else the ceiling, else the walked folder. */
  base: string;
  /** Plans in folders above the walked one, up to `base` (relative to `base`). */
  plans: PlanInfo[];
  /** .gitignore files above the walked folder, up to `base` (relative dir → text). */
  gitignores: Map<string, string>;
}

/**
 * What lies above a walked folder that discovery needs: release plans there can cover it, and
 * .gitignore files there apply to it. Looks up to the enclosing git repository's root, or, outside
 * a repository, up to `ceiling` (e.g. the working folder) when the walked folder is inside it.
 */
export async function surroundings(rootDir: string, ceiling?: string, io: WalkFs = nodeWalkFs): Promise<Surroundings> {
  const root = nodePath.resolve(rootDir);
  const chain: string[] = [];
  let top: string | undefined;
  for (let d = root; ; ) {
    chain.push(d);
    if (isRepoRoot(d, io)) {
      top = d;
      break;
    }
    const parent = nodePath.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  if (!top) {
    const c = ceiling ? nodePath.resolve(ceiling) : undefined;
    top = c && (root === c || root.startsWith(c.endsWith(nodePath.sep) ? c : c + nodePath.sep)) ? c : root;
  }
  const base = top;
  const out: Surroundings = { base, plans: [], gitignores: new Map() };
  const rel = (abs: string) => nodePath.relative(base, abs).split(nodePath.sep).join('/');
  for (const d of chain) {
    if (d === root) continue;
    if (rel(d).startsWith('..')) break;
    let names: string[];
    try {
      names = io.readdir(d).filter((e) => !e.isDirectory()).map((e) => e.name);
    } catch {
      continue;
    }
    if (names.includes('.gitignore')) {
      const text = tryRead(io, nodePath.join(d, '.gitignore'));
      if (text !== undefined) out.gitignores.set(rel(d), text);
    }
    const hasImpact = names.some((n) => IMPACT_FILE_RE.test(n));
    const releaseName = names.includes('release.yaml') ? 'release.yaml' : names.find((n) => RELEASE_FILE_RE.test(n));
    let plan: PlanInfo | undefined;
    if (releaseName) {
      const text = tryRead(io, nodePath.join(d, releaseName));
      if (text !== undefined) plan = planFromText(rel(d), rel(nodePath.join(d, releaseName)), text, hasImpact);
    }
    if (!plan && hasImpact) plan = assessmentOnly(rel(d));
    if (plan) out.plans.push(plan);
    if (d === base) break;
  }
  return out;
}
