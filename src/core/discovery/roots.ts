/**
 * Research roots: marker files grouped into the folders they belong to, and whether a release plan
 * covers them. Pure and incremental: `DiscoveryIndex` takes file entries and plans (from a Node
 * walk, an editor file search, or file-system events one at a time) and recomputes only the roots
 * an event touches.
 *
 * Grouping. A marker's *anchor* is its folder with artifact-holding folders stripped off the end
 * (`proj/checkpoints/run-3/a.pt` → `proj`): names such as checkpoints, data, configs, notebooks,
 * src, runs, and generated names such as `version_0`, `epoch=3` or dates. A folder with a release
 * plan or an IMPACT.md is never stripped. An anchor inside another anchor joins it, unless a folder
 * with a plan or an assessment lies in between: so one project is one root, and a project with its
 * own plan inside a monorepo stays separate.
 *
 * Coverage. The plans that can cover a root sit in its folder or above it. A marker is covered when
 * one of their artifacts' `paths` globs matches it (or a folder holding it), relative to the plan's
 * folder, as `artifact-path-unmatched` reads them.
 */
import { picomatch } from '../util/picomatch';
import type { MarkerKind, MarkerSet } from './markers';
import { MARKER_KINDS } from './markers';
import type { PlanInfo } from './plans';

export interface FileEntry {
  /** Relative to the scanned folder, forward slashes, no leading `./`. */
  path: string;
  /** Bytes, when known (needed only for size-conditional markers). */
  size?: number;
  /** Gitignored and not tracked by git: it stays on this disk unless released some other way. */
  local?: boolean;
}

export interface Marker {
  path: string;
  kind: MarkerKind;
  /** The marker pattern that matched. */
  pattern: string;
  size?: number;
  /** Local-only: gitignored and untracked in a git working copy (see FileEntry.local). */
  local?: boolean;
}

export type RootStatus = 'unplanned' | 'unmatched' | 'partial' | 'covered';

/** An artifact to put into a new plan (or a path to add to an existing one). */
export interface SuggestedArtifact {
  id: string;
  /** Release-content id (taxonomy): trained-model, training-data, source-code. */
  content: string;
  /** Globs relative to the folder of the plan they are meant for. */
  paths: string[];
}

export interface ResearchRoot {
  /** The root folder ('' = the scanned folder). */
  dir: string;
  /** Every marker in the root, sorted by path. */
  markers: Marker[];
  counts: Record<MarkerKind, number>;
  status: RootStatus;
  /** The nearest release plan in the root's folder or above (with a file). */
  plan?: PlanInfo;
  /** Every plan that can cover the root, nearest first. */
  plans: PlanInfo[];
  /** An IMPACT.md without a release plan sits in the root's folder or above. */
  assessmentOnly: boolean;
  /** Published markers (not local-only) no plan's artifact paths match (all of them when there is no plan). */
  uncovered: Marker[];
  /** Local-only markers (gitignored, untracked), sorted by path. */
  local: Marker[];
  /** Local-only markers that no plan's artifact paths declare. */
  localUndeclared: Marker[];
  /** Where a release-plan-missing finding sits: the most telling uncovered marker. */
  primary?: Marker;
  /**
   * For a root made of sibling folders grouped under their common parent (see SIBLING_GROUP): each
   * of those folders with its most telling uncovered marker, sorted (related locations of the finding).
   */
  members?: { dir: string; primary?: Marker }[];
  /** For a new plan in the root's folder (unplanned) or for the nearest plan (otherwise). */
  suggested: SuggestedArtifact[];
  /** Changes whenever anything above changes (for diffs). */
  signature: string;
}

export interface RootsDiff {
  added: ResearchRoot[];
  removed: ResearchRoot[];
  changed: ResearchRoot[];
}

// ---- paths --------------------------------------------------------------------------------------

export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether `path` is `dir` or inside it ('' contains everything). */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || (path.length > dir.length && path.charCodeAt(dir.length) === 47 && path.startsWith(dir));
}

function relativeTo(path: string, dir: string): string {
  return dir === '' ? path : path.slice(dir.length + 1);
}

function depth(dir: string): number {
  if (!dir) return 0;
  let n = 1;
  for (let i = 0; i < dir.length; i++) if (dir.charCodeAt(i) === 47) n++;
  return n;
}

// ---- anchors ------------------------------------------------------------------------------------

/** Folders that hold a project's artifacts rather than being the project. */
const CONTAINER_NAMES = new Set([
  'checkpoints', 'checkpoint', 'ckpt', 'ckpts', 'weights', 'models', 'model', 'pretrained', 'saved_model', 'saved_models',
  'data', 'datasets', 'dataset', 'raw', 'processed', 'interim', 'splits', 'split', 'shards',
  'train', 'training', 'val', 'valid', 'validation', 'dev', 'test', 'eval', 'evaluation',
  'notebooks', 'notebook', 'nbs', 'configs', 'config', 'conf', 'scripts', 'src', 'code',
  'outputs', 'output', 'runs', 'logs', 'lightning_logs', 'wandb', 'mlruns', 'tensorboard', 'tb_logs',
  'artifacts', 'exports', 'export', 'results', 'experiments', 'exps', 'exp', 'final', 'best', 'latest',
  'tokenizer', 'lora', 'adapters',
]);

/** Generated folder names: version_0, epoch=3-step=100, checkpoint-500, run_17, 2024-05-01_12-00-00, v2. */
const GENERATED_RE = /^(?:\d[\d._:=-]*|\d{4}-\d{2}-\d{2}.*|v\d+(?:\.\d+)*|(?:version|epoch|step|global_step|iter|iteration|run|seed|checkpoint|ckpt|exp|trial|fold|stage)[-_=]?\d.*)$/i;

/** How many sibling research folders without a plan are grouped into one root at their parent. */
export const SIBLING_GROUP = 3;

export function isContainerName(name: string): boolean {
  const n = name.toLowerCase();
  return CONTAINER_NAMES.has(n) || GENERATED_RE.test(n);
}

// ---- coverage -----------------------------------------------------------------------------------

type Matcher = (path: string) => boolean;
const matcherCache = new Map<string, Matcher | null>();

/** A plan glob as a matcher, or null when it points outside the plan's folder or is empty. */
function globMatcher(raw: string): Matcher | null {
  let m = matcherCache.get(raw);
  if (m !== undefined) return m;
  let glob = raw.trim().replace(/^(?:\.\/)+/, '');
  if (glob.startsWith('/') || glob.startsWith('../') || /^[A-Za-z]:[\\/]/.test(glob)) m = null;
  else {
    glob = glob.replace(/\/+$/, '');
    m = !glob || glob === '.' ? () => true : picomatch(glob, { dot: true });
  }
  if (matcherCache.size > 2000) matcherCache.clear();
  matcherCache.set(raw, m);
  return m;
}

/** Whether a glob matches a path or one of the folders holding it. */
function globCovers(m: Matcher, rel: string): boolean {
  if (m(rel)) return true;
  let i = rel.lastIndexOf('/');
  while (i > 0) {
    if (m(rel.slice(0, i))) return true;
    i = rel.lastIndexOf('/', i - 1);
  }
  return false;
}

/** Whether a plan's artifact paths cover a marker (a plan whose artifacts are unknown covers all). */
export function planCovers(plan: PlanInfo, path: string): boolean {
  if (plan.assessmentOnly) return false;
  if (!plan.artifacts) return true;
  if (!isWithin(path, plan.dir)) return false;
  const rel = relativeTo(path, plan.dir);
  for (const a of plan.artifacts) {
    for (const g of a.paths) {
      const m = globMatcher(g);
      if (m && globCovers(m, rel)) return true;
    }
  }
  return false;
}

// ---- suggestions --------------------------------------------------------------------------------

const CONTENT: Record<MarkerKind, { id: string; content: string }> = {
  weights: { id: 'weights', content: 'trained-model' },
  datasets: { id: 'data', content: 'training-data' },
  training: { id: 'training-code', content: 'source-code' },
};

const MAX_GLOBS = 6;

function collapse(dirs: string[]): string[] {
  const sorted = [...new Set(dirs)].sort();
  const out: string[] = [];
  for (const d of sorted) if (!out.some((o) => isWithin(d, o))) out.push(d);
  return out;
}

/** Artifacts (one per kind) whose paths cover the given markers, relative to `base`. */
export function suggestArtifacts(markers: readonly Marker[], base: string): SuggestedArtifact[] {
  const out: SuggestedArtifact[] = [];
  for (const kind of MARKER_KINDS) {
    const rels = markers.filter((m) => m.kind === kind && isWithin(m.path, base)).map((m) => relativeTo(m.path, base));
    if (!rels.length) continue;
    let paths: string[];
    const files = rels.filter((r) => !r.includes('/'));
    let dirs = collapse(rels.filter((r) => r.includes('/')).map(parentDir));
    if (kind === 'training' && rels.length <= MAX_GLOBS) {
      paths = [...rels].sort();
    } else {
      if (dirs.length + files.length > MAX_GLOBS) dirs = collapse(dirs.map((d) => d.split('/')[0]));
      const globs = dirs.map((d) => `${d}/**`);
      let names = [...files].sort();
      if (names.length + globs.length > MAX_GLOBS) {
        const exts = [...new Set(names.map((n) => (n.lastIndexOf('.') > 0 ? `*${n.slice(n.lastIndexOf('.'))}` : n)))];
        names = exts.sort();
      }
      paths = [...globs, ...names];
    }
    out.push({ ...CONTENT[kind], paths });
  }
  return out;
}

// ---- the index ----------------------------------------------------------------------------------

const KIND_ORDER: Record<MarkerKind, number> = { weights: 0, datasets: 1, training: 2 };

function byPath(a: Marker, b: Marker): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The marker a root's finding sits on: weights before data before code, shallow before deep. */
export function primaryMarker(markers: readonly Marker[]): Marker | undefined {
  let best: Marker | undefined;
  for (const m of markers) {
    if (!best) {
      best = m;
      continue;
    }
    const k = KIND_ORDER[m.kind] - KIND_ORDER[best.kind];
    const d = depth(m.path) - depth(best.path);
    if (k < 0 || (k === 0 && (d < 0 || (d === 0 && m.path < best.path)))) best = m;
  }
  return best;
}

export interface AddResult {
  /** The file is a marker (now recorded). */
  marker: boolean;
  /** Only a size-conditional pattern could match: add it again with its size. */
  needsSize: boolean;
}

/**
 * The incremental index. Feed it with `addFile`/`removeFile`/`removeFolder` and
 * `setPlan`/`removePlan`, then call `update()` for the roots and what changed since the last call.
 */
export class DiscoveryIndex {
  private readonly markersByDir = new Map<string, Map<string, Marker>>();
  private readonly plans = new Map<string, PlanInfo>();
  private readonly anchorOfDir = new Map<string, string>();
  private readonly current = new Map<string, ResearchRoot>();
  /** Folders where markers or plans changed since the last update. */
  private readonly changed = new Set<string>();
  /** The grouping must be rebuilt (an anchor appeared or vanished, or plans changed). */
  private grouping = true;
  /** Anchor → marker folders; anchor → root; root → marker folders (valid unless `grouping`). */
  private dirsByAnchor = new Map<string, Set<string>>();
  private rootOfAnchor = new Map<string, string>();
  private groups = new Map<string, Set<string>>();
  /** Root → the sibling folders grouped into it (only for grouped roots). */
  private membersOf = new Map<string, string[]>();

  constructor(private markerSet: MarkerSet) {}

  get markers(): MarkerSet {
    return this.markerSet;
  }

  /** Replaces the markers: every recorded file is classified again (files without size that now need one are returned). */
  setMarkers(markerSet: MarkerSet): FileEntry[] {
    const all = [...this.markersByDir.values()].flatMap((m) => [...m.values()]);
    this.markerSet = markerSet;
    this.markersByDir.clear();
    this.anchorOfDir.clear();
    this.changed.add('');
    this.grouping = true;
    const needSize: FileEntry[] = [];
    for (const m of all) if (this.addFile({ path: m.path, size: m.size, local: m.local }).needsSize) needSize.push({ path: m.path, local: m.local });
    return needSize;
  }

  /** Records a file if it is a marker (replacing what was known about the path). */
  addFile(entry: FileEntry): AddResult {
    const c = this.markerSet.classify(entry.path, entry.size);
    if (!c || 'needsSize' in c) {
      this.removeFile(entry.path);
      return { marker: false, needsSize: !!c };
    }
    const dir = parentDir(entry.path);
    let inDir = this.markersByDir.get(dir);
    if (!inDir) {
      inDir = new Map();
      this.markersByDir.set(dir, inDir);
      this.dirAdded(dir);
    }
    const prev = inDir.get(entry.path);
    if (!prev || prev.kind !== c.kind || prev.pattern !== c.pattern || prev.size !== entry.size || !!prev.local !== !!entry.local) {
      const m: Marker = { path: entry.path, kind: c.kind, pattern: c.pattern, size: entry.size };
      if (entry.local) m.local = true;
      inDir.set(entry.path, m);
      this.changed.add(dir);
    }
    return { marker: true, needsSize: false };
  }

  /** Forgets a file. Returns whether it was a marker. */
  removeFile(path: string): boolean {
    const dir = parentDir(path);
    const inDir = this.markersByDir.get(dir);
    if (!inDir?.delete(path)) return false;
    if (inDir.size === 0) {
      this.markersByDir.delete(dir);
      this.dirRemoved(dir);
    }
    this.changed.add(dir);
    return true;
  }

  /** A folder got its first marker: join its anchor's root, or regroup if the anchor is new. */
  private dirAdded(dir: string): void {
    if (this.grouping) return;
    const a = this.anchorOf(dir);
    const dirs = this.dirsByAnchor.get(a);
    const root = this.rootOfAnchor.get(a);
    if (!dirs || root === undefined) {
      this.grouping = true;
      return;
    }
    dirs.add(dir);
    this.groups.get(root)?.add(dir);
  }

  /** A folder lost its last marker: leave its root, or regroup if its anchor is gone. */
  private dirRemoved(dir: string): void {
    const a = this.anchorOfDir.get(dir);
    this.anchorOfDir.delete(dir);
    if (this.grouping) return;
    const dirs = a === undefined ? undefined : this.dirsByAnchor.get(a);
    if (!dirs || a === undefined) {
      this.grouping = true;
      return;
    }
    dirs.delete(dir);
    if (dirs.size === 0) {
      this.grouping = true;
      return;
    }
    const root = this.rootOfAnchor.get(a);
    if (root !== undefined) this.groups.get(root)?.delete(dir);
  }

  /** Forgets everything in a folder and below it (a deleted or renamed folder, a new ignore rule). */
  removeFolder(dir: string): void {
    for (const d of [...this.markersByDir.keys()]) {
      if (!isWithin(d, dir)) continue;
      this.markersByDir.delete(d);
      this.dirRemoved(d);
      this.changed.add(d);
    }
    for (const d of [...this.plans.keys()]) if (isWithin(d, dir)) this.removePlan(d);
  }

  hasMarker(path: string): boolean {
    return !!this.markersByDir.get(parentDir(path))?.has(path);
  }

  /** Every recorded marker, sorted by path. */
  allMarkers(): Marker[] {
    return [...this.markersByDir.values()].flatMap((m) => [...m.values()]).sort(byPath);
  }

  setPlan(plan: PlanInfo): void {
    const had = this.plans.has(plan.dir);
    this.plans.set(plan.dir, plan);
    this.changed.add(plan.dir);
    if (!had) this.invalidateAnchors(plan.dir);
  }

  removePlan(dir: string): boolean {
    if (!this.plans.delete(dir)) return false;
    this.changed.add(dir);
    this.invalidateAnchors(dir);
    return true;
  }

  plan(dir: string): PlanInfo | undefined {
    return this.plans.get(dir);
  }

  allPlans(): PlanInfo[] {
    return [...this.plans.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  }

  private invalidateAnchors(dir: string): void {
    for (const d of this.anchorOfDir.keys()) if (isWithin(d, dir)) this.anchorOfDir.delete(d);
    this.grouping = true;
  }

  private anchorOf(dir: string): string {
    let a = this.anchorOfDir.get(dir);
    if (a !== undefined) return a;
    a = dir;
    while (a !== '' && !this.plans.has(a) && isContainerName(baseName(a))) a = parentDir(a);
    this.anchorOfDir.set(dir, a);
    return a;
  }

  /** The current roots, sorted by folder (brings the index up to date). */
  roots(): ResearchRoot[] {
    this.update();
    return [...this.current.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  }

  /** The roots as of the last `update()`, without applying pending changes (readers that must not swallow a diff). */
  currentRoots(): ResearchRoot[] {
    return [...this.current.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  }

  root(dir: string): ResearchRoot | undefined {
    this.update();
    return this.current.get(dir);
  }

  /** The root a path (file or folder) belongs to, if any. */
  rootOf(path: string): ResearchRoot | undefined {
    this.update();
    let best: ResearchRoot | undefined;
    for (const r of this.current.values()) if (isWithin(path, r.dir) && (!best || r.dir.length > best.dir.length)) best = r;
    return best;
  }

  /** Recomputes the roots touched since the last call and says what changed. */
  update(): RootsDiff {
    const diff: RootsDiff = { added: [], removed: [], changed: [] };
    if (!this.changed.size && !this.grouping) return diff;
    const changed = [...this.changed];
    const regroup = this.grouping;
    this.changed.clear();
    this.grouping = false;

    // Group marker folders into roots (cheap: one entry per folder that holds markers), only when
    // the set of folders or plans changed.
    if (regroup) this.regroup();
    const members = this.groups;

    const touched = (rootDir: string) => changed.some((c) => isWithin(c, rootDir) || isWithin(rootDir, c));
    for (const [dir, old] of this.current) {
      if (!members.has(dir)) {
        this.current.delete(dir);
        diff.removed.push(old);
      }
    }
    for (const [dir, dirs] of members) {
      const old = this.current.get(dir);
      if (old && !touched(dir)) continue;
      const root = this.computeRoot(dir, dirs);
      this.current.set(dir, root);
      if (!old) diff.added.push(root);
      else if (old.signature !== root.signature) diff.changed.push(root);
    }
    return diff;
  }

  /** Rebuilds anchor → folders, anchor → root and root → folders. */
  private regroup(): void {
    const byAnchor = new Map<string, Set<string>>();
    for (const dir of this.markersByDir.keys()) {
      const a = this.anchorOf(dir);
      const set = byAnchor.get(a);
      if (set) set.add(dir);
      else byAnchor.set(a, new Set([dir]));
    }
    // Shallow anchors first, so an inner anchor finds its outer one already placed.
    const anchors = [...byAnchor.keys()]
      .map((a) => ({ a, d: depth(a) }))
      .sort((x, y) => x.d - y.d || (x.a < y.a ? -1 : x.a > y.a ? 1 : 0));
    const rootOfAnchor = new Map<string, string>();
    const groups = new Map<string, Set<string>>();
    for (const { a } of anchors) {
      let target = a;
      if (!this.plans.has(a)) {
        let p = a;
        while (p !== '') {
          p = parentDir(p);
          const r = rootOfAnchor.get(p);
          if (r !== undefined) {
            target = r;
            break;
          }
          if (this.plans.has(p)) break;
        }
      }
      rootOfAnchor.set(a, target);
      const set = groups.get(target);
      const mine = byAnchor.get(a)!;
      if (set) for (const d of mine) set.add(d);
      else groups.set(target, new Set(mine));
    }
    // Sibling folders without a plan of their own, SIBLING_GROUP or more under one parent (not the
    // top folder), become one root at the parent: a toolkit's 48 recipe folders are one folder a
    // person writes a plan for. Repeated upwards (recipes/ljspeech/* → recipes/ljspeech, then
    // recipes/* → recipes).
    const membersOf = new Map<string, string[]>();
    for (let again = true; again; ) {
      again = false;
      const byParent = new Map<string, string[]>();
      for (const r of groups.keys()) {
        if (r === '' || this.plans.has(r)) continue;
        const parent = parentDir(r);
        if (parent === '' || groups.has(parent)) continue;
        (byParent.get(parent) ?? byParent.set(parent, []).get(parent)!).push(r);
      }
      for (const [parent, all] of byParent) {
        const siblings = all.filter((r) => groups.has(r)); // some may have joined another group in this pass
        if (siblings.length < SIBLING_GROUP || groups.has(parent)) continue;
        const merged = new Set<string>();
        const members: string[] = [];
        for (const r of siblings) {
          for (const d of groups.get(r)!) merged.add(d);
          groups.delete(r);
          members.push(...(membersOf.get(r) ?? [r]));
          membersOf.delete(r);
        }
        // Other roots deeper inside the parent join it too (an inner folder joins its outer root),
        // unless a plan lies on the way.
        for (const r of [...groups.keys()]) {
          if (r === parent || !isWithin(r, parent)) continue;
          let planned = false;
          for (let d = r; d !== parent; d = parentDir(d)) if (this.plans.has(d)) planned = true;
          if (planned) continue;
          for (const d of groups.get(r)!) merged.add(d);
          groups.delete(r);
          members.push(...(membersOf.get(r) ?? [r]));
          membersOf.delete(r);
          siblings.push(r);
        }
        groups.set(parent, merged);
        membersOf.set(parent, members.sort());
        for (const [a, r] of rootOfAnchor) if (siblings.includes(r)) rootOfAnchor.set(a, parent);
        again = true;
      }
    }
    this.dirsByAnchor = byAnchor;
    this.rootOfAnchor = rootOfAnchor;
    this.groups = groups;
    this.membersOf = membersOf;
  }

  private computeRoot(dir: string, markerDirs: Iterable<string>): ResearchRoot {
    const markers: Marker[] = [];
    const local: Marker[] = [];
    for (const d of markerDirs) for (const m of this.markersByDir.get(d)!.values()) (m.local ? local : markers).push(m);
    markers.sort(byPath);
    local.sort(byPath);
    const counts: Record<MarkerKind, number> = { weights: 0, datasets: 0, training: 0 };
    for (const m of markers) counts[m.kind]++;

    const plans: PlanInfo[] = [];
    let assessmentOnly = false;
    for (let p: string | undefined = dir; p !== undefined; p = p === '' ? undefined : parentDir(p)) {
      const plan = this.plans.get(p);
      if (!plan) continue;
      if (plan.assessmentOnly) assessmentOnly = true;
      else plans.push(plan);
    }
    const uncovered = plans.length ? markers.filter((m) => !plans.some((pl) => planCovers(pl, m.path))) : markers;
    // Local-only files are declared by any artifact whose paths match them (typically one with
    // `distribution: { kind: private }`); a plan whose artifacts cannot be read declares nothing.
    const localUndeclared = local.filter((m) => !plans.some((pl) => pl.artifacts !== undefined && planCovers(pl, m.path)));
    // A root with only local-only files has nothing to publish: 'covered' (its local files are reported apart).
    const status: RootStatus = !markers.length ? 'covered' : !plans.length ? 'unplanned' : uncovered.length === 0 ? 'covered' : uncovered.length === markers.length ? 'unmatched' : 'partial';
    const plan = plans.find((p) => p.file);
    const suggestBase = status === 'partial' && plan ? plan.dir : dir;
    const suggested = uncovered.length ? suggestArtifacts(uncovered, suggestBase) : [];
    const primary = primaryMarker(uncovered);
    const memberDirs = this.membersOf.get(dir);
    const members = memberDirs?.map((d) => ({ dir: d, primary: primaryMarker(uncovered.filter((m) => isWithin(m.path, d))) }));
    const signature = JSON.stringify([
      memberDirs ?? [],
      status,
      markers.map((m) => `${m.kind}:${m.path}`),
      uncovered.map((m) => m.path),
      local.map((m) => `${m.kind}:${m.path}`),
      localUndeclared.map((m) => m.path),
      plans.map((p) => `${p.file ?? p.dir}:${p.anchor?.start.line ?? 0}`),
      assessmentOnly,
    ]);
    const root: ResearchRoot = { dir, markers, counts, status, plan, plans, assessmentOnly, uncovered, local, localUndeclared, primary, suggested, signature };
    if (members) root.members = members;
    return root;
  }
}

/** One-shot discovery over a list of files and plans. */
export function discoverRoots(markers: MarkerSet, entries: Iterable<FileEntry>, plans: Iterable<PlanInfo>): ResearchRoot[] {
  const index = new DiscoveryIndex(markers);
  for (const p of plans) index.setPlan(p);
  for (const e of entries) index.addFile(e);
  return index.roots();
}
