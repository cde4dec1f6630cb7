/**
 * Discovery in the editor: research artifacts (weights, datasets, training code) that no release
 * plan covers. The pure core (src/core/discovery) does the grouping, coverage and findings; this
 * file feeds it through VS Code APIs only (`workspace.findFiles`, `workspace.fs`, file-system
 * watchers), so it works in remote and virtual workspaces and never touches node:fs.
 *
 * - The first scan runs after activation (never inside it): a few `findFiles` calls with the
 *   markers as globs and the skipped folders excluded, so nothing lists every file. A scan that
 *   takes long shows a cancellable progress notification.
 * - Afterwards, watchers feed single events into the incremental index, which recomputes only the
 *   roots an event touches; only those roots' diagnostics are republished. Editing a file never
 *   rescans: plans are read from disk when they are saved, created, deleted or renamed.
 * - A change to .gitignore, `.impact-notes.yaml`, a virtual environment or the marker settings
 *   rescans that workspace folder (debounced).
 * - Findings go into their own diagnostic collection, with the same source, codes and doc links as
 *   the lint service's.
 */
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import { ignoredByConfig, type IgnoreSet } from '../../core/config-chain';
import { DEFAULT_MAX_FILE_SIZE, ruleOptions, type Config } from '../../core/config';
import {
  assessmentOnly,
  DiscoveryIndex,
  GitignoreRules,
  isSkippedDirName,
  loadTrackedFiles,
  ENTRY_HEAD_BYTES,
  isLibraryModule,
  needsEntryCheck,
  type TrackedFiles,
  MarkerSet,
  planFromText,
  rootFindings,
  VENDORED_DIR_NAMES,
  BUILD_OUTPUT_DIR_NAMES,
  type PlanInfo,
  type ResearchRoot,
  type RootsDiff,
} from '../../core/discovery';
import { IMPACT_FILE_RE, PAIR_FILES_GLOB, RELEASE_FILE_RE } from '../../core/pairs';
import { TOOL_FOLDER_NAMES } from '../../core/tool-folders';
import { releasePlanMissing } from '../../core/rules/workspace';
import type { Finding } from '../../core/types';
import type { Log } from '../log';
import { formatBytes } from '../../core/engine';
import { listen, watch } from '../listeners';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from '../diagnostics';
import { readBytesGuarded, readGuarded, wasSkipped } from '../workspace-files';
import { applySettings, SECTION, type Settings } from '../settings';

/** What discovery needs from the configuration service (config-service.ts): the configuration chain and settings. */
export interface DiscoveryHost {
  configFor(folder: vscode.Uri): Promise<{ config: Config; ignores: readonly IgnoreSet[] }>;
  currentSettings(): Settings;
}

export interface DiscoveryOptions {
  host: DiscoveryHost;
  log: Log;
  docsBase: vscode.Uri;
  /** Show the progress notification when a scan takes longer than this (ms). */
  progressAfterMs?: number;
  /** Events are gathered for this long before they are applied (ms). */
  batchMs?: number;
}

/** A research root as the editor sees it. */
export interface RootState {
  /** Stable key: workspace folder URI + '#' + root folder. */
  key: string;
  workspaceFolder: vscode.WorkspaceFolder;
  /** The root's folder. */
  uri: vscode.Uri;
  root: ResearchRoot;
}

export type ScanStatus = 'idle' | 'scanning' | 'done' | 'cancelled' | 'failed';

/** Most marker candidates one search returns; beyond it the log says the scan was cut short. */
const MAX_CANDIDATES = 50000;
/** Most files stat'ed for size-conditional markers in one scan. */
const MAX_SIZE_CHECKS = 5000;
/** Most new non-marker paths stat'ed (to spot new folders) in one batch before a rescan is cheaper. */
const MAX_STATS_PER_BATCH = 200;
const SPECIAL_NAMES = new Set(['.gitignore', '.impact-notes.yaml', '.impact-notes.yml', 'pyvenv.cfg']);
const SPECIAL_GLOB = '**/{.gitignore,.impact-notes.yaml,.impact-notes.yml,pyvenv.cfg}';

/** The exclude glob for every search: tool folders, caches, virtual environments, build output, vendored code. */
export const EXCLUDE_GLOB = `**/{${[...TOOL_FOLDER_NAMES, ...BUILD_OUTPUT_DIR_NAMES, ...VENDORED_DIR_NAMES, '*.egg-info'].join(',')}}/**`;

interface FolderState {
  folder: vscode.WorkspaceFolder;
  index: DiscoveryIndex;
  gitignore: GitignoreRules;
  respectGitignore: boolean;
  /**
   * In a git working copy: the tracked files, from the git index (relative to the workspace
   * folder). .gitignore then applies to untracked files only, and untracked ignored markers are
   * local-only. Undefined outside git or when the index cannot be read (.gitignore alone decides).
   */
  tracked?: TrackedFiles;
  /** The git index file, watched for commits and staging (undefined outside git). */
  indexUri?: vscode.Uri;
  /** A fingerprint of the tracked files, to tell a real change of the index from a refresh. */
  trackedKey?: string;
  /** Folders holding pyvenv.cfg (relative). */
  venvs: Set<string>;
  /** Python packages: folders holding __init__.py (relative), for telling library modules from training entry points. */
  packages: Set<string>;
  /** Configuration at the workspace folder, settings applied. */
  config: Config;
  /** Configuration ignore globs by folder (relative), resolved on demand. */
  ignores: Map<string, Promise<readonly IgnoreSet[]>>;
  /** Severities per root folder (relative). */
  configs: Map<string, Promise<Config>>;
}

type FsEvent = { kind: 'create' | 'delete' | 'change'; uri: vscode.Uri };

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}


export class DiscoveryService implements vscode.Disposable {
  private readonly states = new Map<string, FolderState>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after roots changed (a scan finished, or events were applied). */
  readonly onDidChange: vscode.Event<void> = this.emitter.event;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** Diagnostics by file, by root (a plan can carry findings of several roots). */
  private readonly byUri = new Map<string, { uri: vscode.Uri; roots: Map<string, vscode.Diagnostic[]> }>();
  private readonly uriOfRoot = new Map<string, string[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private queue: FsEvent[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly rescanTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * The latest scan started for each workspace folder. A full scan and a rescan (a .gitignore
   * change, a burst of new files) can overlap; only the one started last may swap its state in, so
   * an older one finishing later cannot bring back files renamed or deleted since its search.
   */
  private readonly folderScans = new Map<string, number>();
  /** Folder scans in progress (file events wait for all of them, not only the latest). */
  private readonly runningScans = new Set<Promise<void>>();
  private scanSource: vscode.CancellationTokenSource | undefined;
  private processing: Promise<void> = Promise.resolve();
  private disposed = false;
  status: ScanStatus = 'idle';
  /** Resolves when the current (or last) full scan has finished. */
  scanned: Promise<void> = Promise.resolve();
  /** Numbers for tests and the log: last scan duration and last event batch duration (ms). */
  readonly stats = { scanMs: 0, lastBatchMs: 0, batches: 0, events: 0, scans: 0, rescans: 0 };

  constructor(private readonly options: DiscoveryOptions) {
    this.diagnostics = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-discovery`);
    this.disposables.push(this.diagnostics, this.emitter);
  }

  /** Watches the workspace; call once, after the first scan has been scheduled. */
  watch(): void {
    const d = this.disposables;
    const any = watch('**/*', false, true, false, 'discovery: watcher **/*');
    d.push(
      any,
      listen(any.onDidCreate, (uri) => this.enqueue({ kind: 'create', uri }), 'discovery: any file created'),
      listen(any.onDidDelete, (uri) => this.enqueue({ kind: 'delete', uri }), 'discovery: any file deleted'),
    );
    const pairs = watch(PAIR_FILES_GLOB, true, false, true, 'discovery: watcher pair files');
    d.push(pairs, listen(pairs.onDidChange, (uri) => this.enqueue({ kind: 'change', uri }), 'discovery: pair files changed'));
    const special = watch(SPECIAL_GLOB, undefined, undefined, undefined, 'discovery: watcher special files');
    const onSpecial = (uri: vscode.Uri) => {
      const ws = vscode.workspace.getWorkspaceFolder(uri);
      if (ws && !this.skippedPath(uri, ws)) this.scheduleRescan(ws, `${posix.basename(uri.path)} changed`);
    };
    d.push(
      special,
      listen(special.onDidCreate, onSpecial, 'discovery: special files created'),
      listen(special.onDidChange, onSpecial, 'discovery: special files changed'),
      listen(special.onDidDelete, onSpecial, 'discovery: special files deleted'),
    );
    const gitIndex = watch('**/.git/index', undefined, undefined, undefined, 'discovery: watcher git index');
    const onIndex = (uri: vscode.Uri) => void this.indexChanged(uri).catch((err: unknown) => this.options.log.error('discovery: reading the git index failed', err));
    d.push(
      gitIndex,
      listen(gitIndex.onDidCreate, onIndex, 'discovery: git index created'),
      listen(gitIndex.onDidChange, onIndex, 'discovery: git index changed'),
      listen(gitIndex.onDidDelete, onIndex, 'discovery: git index deleted'),
    );
    d.push(
      listen(
        vscode.workspace.onDidChangeConfiguration,
        (e) => {
          if (e.affectsConfiguration(`${SECTION}.markers`)) {
            for (const s of this.states.values()) this.scheduleRescan(s.folder, 'marker settings changed');
          } else if (e.affectsConfiguration(`${SECTION}.rules`)) {
            void this.republishAll();
          }
        },
        'discovery: onDidChangeConfiguration',
      ),
      listen(
        vscode.workspace.onDidChangeWorkspaceFolders,
        (e) => {
          for (const f of e.removed) this.dropFolder(f);
          for (const f of e.added) this.scheduleRescan(f, 'workspace folder added', 0);
        },
        'discovery: onDidChangeWorkspaceFolders',
      ),
    );
  }

  /** Every research root that is not fully covered, or holds local-only files no plan declares, sorted. */
  roots(): RootState[] {
    const out: RootState[] = [];
    for (const s of this.states.values()) {
      for (const root of s.index.currentRoots()) {
        if (root.status === 'covered' && !root.localUndeclared.length) continue;
        out.push(this.rootState(s, root));
      }
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Every root, covered ones included. */
  allRoots(): RootState[] {
    const out: RootState[] = [];
    for (const s of this.states.values()) for (const root of s.index.currentRoots()) out.push(this.rootState(s, root));
    return out;
  }

  root(key: string): RootState | undefined {
    return this.allRoots().find((r) => r.key === key);
  }

  private rootState(s: FolderState, root: ResearchRoot): RootState {
    return { key: `${s.folder.uri.toString()}#${root.dir}`, workspaceFolder: s.folder, uri: this.uriOf(s, root.dir), root };
  }

  private uriOf(s: FolderState, rel: string): vscode.Uri {
    return rel ? vscode.Uri.joinPath(s.folder.uri, ...rel.split('/')) : s.folder.uri;
  }

  private relOf(uri: vscode.Uri, ws: vscode.WorkspaceFolder): string | undefined {
    const base = ws.uri.path.endsWith('/') ? ws.uri.path : `${ws.uri.path}/`;
    if (uri.scheme !== ws.uri.scheme || uri.authority !== ws.uri.authority) return undefined;
    if (uri.path === ws.uri.path) return '';
    return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
  }

  private skippedPath(uri: vscode.Uri, ws: vscode.WorkspaceFolder): boolean {
    const rel = this.relOf(uri, ws);
    if (rel === undefined) return true;
    const segs = rel.split('/');
    segs.pop();
    return segs.some(isSkippedDirName);
  }

  // ---- full scans -------------------------------------------------------------------------------

  /** Scans every workspace folder (cancelling a scan in progress). Resolves when done. */
  scanAll(reason = 'scan'): Promise<void> {
    this.scanSource?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.scanSource = source;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const started = Date.now();
    this.status = 'scanning';
    this.stats.scans++;
    const run = (async () => {
      for (const f of folders) {
        if (source.token.isCancellationRequested) break;
        await this.scanFolder(f, source.token);
      }
    })();
    const tracked = run.then(
      () => {
        if (this.scanSource !== source) return;
        this.status = source.token.isCancellationRequested ? 'cancelled' : 'done';
        this.stats.scanMs = Date.now() - started;
        const roots = this.roots();
        this.options.log.info(`discovery (${reason}): ${folders.length} folder(s) in ${this.stats.scanMs} ms, ${roots.length} research folder(s) without full release-plan coverage${this.status === 'cancelled' ? ' (cancelled)' : ''}`);
        this.emitter.fire();
      },
      (err: unknown) => {
        if (this.scanSource === source) this.status = 'failed';
        this.options.log.error('discovery scan failed', err);
      },
    );
    this.scanned = tracked;
    this.showProgressIfSlow(tracked, source);
    return tracked;
  }

  /** Cancels a running scan (the progress notification's Cancel). */
  cancelScan(): void {
    this.scanSource?.cancel();
  }

  private showProgressIfSlow(done: Promise<void>, source: vscode.CancellationTokenSource): void {
    let finished = false;
    void done.then(() => (finished = true));
    const delay = this.options.progressAfterMs ?? 1500;
    setTimeout(() => {
      if (finished || this.disposed || source.token.isCancellationRequested) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Impact Notes: looking for research artifacts without a release plan', cancellable: true },
        (_progress, token) => {
          const sub = listen(token.onCancellationRequested, () => source.cancel(), 'discovery: progress cancelled');
          return done.finally(() => sub.dispose());
        },
      );
    }, delay);
  }

  private scheduleRescan(folder: vscode.WorkspaceFolder, why: string, delay = 500): void {
    const key = folder.uri.toString();
    const t = this.rescanTimers.get(key);
    if (t) clearTimeout(t);
    this.rescanTimers.set(
      key,
      setTimeout(() => {
        this.rescanTimers.delete(key);
        if (this.disposed) return;
        this.options.log.info(`discovery: rescanning ${folder.name} (${why})`);
        this.stats.rescans++;
        const source = new vscode.CancellationTokenSource();
        this.scanned = this.scanFolder(folder, source.token).then(
          () => this.emitter.fire(),
          (err: unknown) => void this.options.log.error(`discovery rescan of ${folder.name} failed`, err),
        );
      }, delay),
    );
  }

  private dropFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const s = this.states.get(key);
    if (!s) return;
    this.states.delete(key);
    for (const rootKey of [...this.uriOfRoot.keys()]) if (rootKey.startsWith(`${key}#`)) this.setRootDiagnostics(rootKey, []);
    this.emitter.fire();
  }

  private scanFolder(ws: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<void> {
    const p = this.scanFolderNow(ws, token);
    this.runningScans.add(p);
    const done = () => void this.runningScans.delete(p);
    p.then(done, done);
    return p;
  }

  /** Resolves when the full scan and every folder scan (rescans included) have finished. */
  private async scansDone(): Promise<void> {
    await this.scanned;
    while (this.runningScans.size) await Promise.allSettled([...this.runningScans]);
  }

  private async scanFolderNow(ws: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<void> {
    const t0 = Date.now();
    const key = ws.uri.toString();
    const seq = (this.folderScans.get(key) ?? 0) + 1;
    this.folderScans.set(key, seq);
    const superseded = () => this.folderScans.get(key) !== seq;
    const resolved = await this.options.host.configFor(ws.uri);
    const config = applySettings(resolved.config, this.options.host.currentSettings());
    const markers = new MarkerSet(config.markers);
    for (const p of markers.problems) this.options.log.warn(`discovery: ${p}`);
    const respectGitignore = ruleOptions(releasePlanMissing, config).respectGitignore !== false;
    const rp = (glob: string) => new vscode.RelativePattern(ws, glob);
    const include = markers.searchGlobs();
    const [gitignores, venvFiles, pairFiles, candidates, inits] = await Promise.all([
      respectGitignore ? vscode.workspace.findFiles(rp('**/.gitignore'), EXCLUDE_GLOB, 5000, token) : Promise.resolve([]),
      vscode.workspace.findFiles(rp('**/pyvenv.cfg'), EXCLUDE_GLOB, 1000, token),
      vscode.workspace.findFiles(rp(PAIR_FILES_GLOB), EXCLUDE_GLOB, 20000, token),
      include.length ? vscode.workspace.findFiles(rp(include.length === 1 ? include[0] : `{${include.join(',')}}`), EXCLUDE_GLOB, MAX_CANDIDATES, token) : Promise.resolve([]),
      vscode.workspace.findFiles(rp('**/__init__.py'), EXCLUDE_GLOB, MAX_CANDIDATES, token),
    ]);
    if (token.isCancellationRequested) return;
    if (candidates.length >= MAX_CANDIDATES) this.options.log.warn(`discovery: more than ${MAX_CANDIDATES} candidate files in ${ws.name}; only the first were looked at`);

    const state: FolderState = {
      folder: ws,
      index: new DiscoveryIndex(markers),
      gitignore: new GitignoreRules(),
      respectGitignore,
      venvs: new Set(),
      packages: new Set(),
      config,
      ignores: new Map(),
      configs: new Map(),
    };
    for (const u of inits) {
      const rel = this.relOf(u, ws);
      if (rel !== undefined) state.packages.add(posix.dirname(rel) === '.' ? '' : posix.dirname(rel));
    }
    for (const u of venvFiles) {
      const rel = this.relOf(u, ws);
      if (rel !== undefined) state.venvs.add(posix.dirname(rel) === '.' ? '' : posix.dirname(rel));
    }
    if (respectGitignore) {
      const exclude = await this.readText(vscode.Uri.joinPath(ws.uri, '.git', 'info', 'exclude'));
      const texts = await mapLimit(gitignores, 16, async (u) => ({ u, text: await this.readText(u) }));
      let top = exclude ?? '';
      for (const { u, text } of texts) {
        const rel = this.relOf(u, ws);
        if (rel === undefined || text === undefined) continue;
        const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
        if (dir === '') top = `${top}\n${text}`;
        else state.gitignore.set(dir, text);
      }
      if (top.trim()) state.gitignore.set('', top);
      await this.loadTracked(state);
    }
    if (token.isCancellationRequested) return;

    // Plans: release.yaml files that declare themselves or sit beside IMPACT.md; IMPACT.md alone.
    const byDir = new Map<string, string[]>();
    for (const u of pairFiles) {
      const rel = this.relOf(u, ws);
      if (rel === undefined) continue;
      const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
      (byDir.get(dir) ?? byDir.set(dir, []).get(dir)!).push(posix.basename(rel));
    }
    const plans = await mapLimit([...byDir], 16, ([dir, names]) => this.readPlan(state, dir, names));
    for (const p of plans) if (p) state.index.setPlan(p);
    if (token.isCancellationRequested) return;

    // Markers: classify, then drop what ignore rules exclude, then sizes where a pattern needs one.
    const needSize: string[] = [];
    const accepted: string[] = [];
    for (const u of candidates) {
      const rel = this.relOf(u, ws);
      if (rel === undefined) continue;
      const c = markers.classify(rel);
      if (!c) continue;
      if ('needsSize' in c) needSize.push(rel);
      else if (c.kind !== 'training' || !(await this.isLibraryModule(state, rel, false))) accepted.push(rel);
    }
    const keep = await this.filterIgnored(state, [...accepted, ...needSize]);
    for (const rel of accepted) if (keep.has(rel)) state.index.addFile({ path: rel, local: keep.get(rel) || undefined });
    const toStat = needSize.filter((r) => keep.has(r));
    if (toStat.length > MAX_SIZE_CHECKS) this.options.log.warn(`discovery: ${toStat.length} files need a size check in ${ws.name}; only ${MAX_SIZE_CHECKS} were checked`);
    const sizes = await mapLimit(toStat.slice(0, MAX_SIZE_CHECKS), 16, async (rel) => {
      if (token.isCancellationRequested) return undefined;
      try {
        return (await vscode.workspace.fs.stat(this.uriOf(state, rel))).size;
      } catch {
        return undefined;
      }
    });
    if (token.isCancellationRequested) return;
    toStat.slice(0, MAX_SIZE_CHECKS).forEach((rel, i) => {
      if (sizes[i] !== undefined) state.index.addFile({ path: rel, size: sizes[i], local: keep.get(rel) || undefined });
    });

    // Swap in the new state, then republish every root of this folder (unless a newer scan of the
    // folder started meanwhile: it searched later, so its state and diagnostics are the ones to keep).
    if (superseded()) return;
    this.states.set(key, state);
    state.index.update();
    const live = new Set<string>();
    for (const root of state.index.roots()) {
      const rs = this.rootState(state, root);
      live.add(rs.key);
      await this.publishRoot(state, rs);
    }
    if (superseded()) return;
    for (const rootKey of [...this.uriOfRoot.keys()]) if (rootKey.startsWith(`${key}#`) && !live.has(rootKey)) this.setRootDiagnostics(rootKey, []);
    this.options.log.trace(`discovery: ${ws.name}: ${candidates.length} candidate(s), ${pairFiles.length} pair file(s), ${gitignores.length} .gitignore file(s) in ${Date.now() - t0} ms`);
  }

  /** A text file; undefined when missing, or not read: not a regular file (a pipe would block), or above maxBytes. */
  private async readText(uri: vscode.Uri, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<string | undefined> {
    const r = await readGuarded(uri, maxBytes);
    if (r && wasSkipped(r)) {
      this.options.log.warn(`discovery: ${vscode.workspace.asRelativePath(uri)} was not read: ${r.unreadable ?? `it is ${formatBytes(r.size ?? 0)}, above the ${formatBytes(maxBytes)} limit`}`);
      return undefined;
    }
    return r?.text.replace(/^\ufeff/, '');
  }

  /** The plan (or lone assessment) of one folder from its pair-file names; undefined when none. */
  private async readPlan(s: FolderState, dir: string, names: readonly string[]): Promise<PlanInfo | undefined> {
    if (this.excludedDir(s, dir)) return undefined;
    const hasImpact = names.some((n) => IMPACT_FILE_RE.test(n));
    const releaseName = names.includes('release.yaml') ? 'release.yaml' : names.find((n) => RELEASE_FILE_RE.test(n));
    if (releaseName) {
      const file = dir ? `${dir}/${releaseName}` : releaseName;
      if (!this.gitIgnored(s, file)) {
        const text = await this.readText(this.uriOf(s, file), s.config.maxFileSize);
        const plan = text === undefined ? undefined : planFromText(dir, file, text, hasImpact);
        if (plan) return plan;
      }
    }
    return hasImpact ? assessmentOnly(dir) : undefined;
  }

  /**
   * Reads the git index of the repository holding the workspace folder (found by looking for
   * `.git` in the folder and above it), through `workspace.fs`, so it works in remote and virtual
   * workspaces too. Leaves `tracked` undefined (today's .gitignore-only behaviour) when there is
   * no repository or the index cannot be used.
   */
  private async loadTracked(s: FolderState): Promise<void> {
    const ws = s.folder.uri;
    const read = (p: string): Promise<Uint8Array | undefined> => readBytesGuarded(ws.with({ path: p }), 256 * 1024 * 1024);
    const segs = ws.path.replace(/\/+$/, '').split('/');
    for (let up = 0; up < segs.length && up < 40; up++) {
      const dir = segs.slice(0, segs.length - up).join('/') || '/';
      let exists = false;
      try {
        await vscode.workspace.fs.stat(ws.with({ path: `${dir === '/' ? '' : dir}/.git` }));
        exists = true;
      } catch {
        // not here
      }
      if (!exists) continue;
      const prefix = segs.slice(segs.length - up).join('/');
      const loaded = await loadTrackedFiles(dir, read, prefix);
      s.indexUri = ws.with({ path: `${dir === '/' ? '' : dir}/.git/index` });
      if (loaded.tracked) {
        s.tracked = loaded.tracked;
        s.trackedKey = loaded.tracked.key;
        this.options.log.trace(`discovery: ${s.folder.name}: ${loaded.tracked.size} tracked file(s) from the git index (version ${loaded.version})`);
      } else {
        this.options.log.info(`discovery: ${s.folder.name}: the git index was not used (${loaded.reason}); .gitignore alone decides what is left out`);
      }
      return;
    }
  }

  /** The git index changed (a commit, staging, a checkout): rescan only when the tracked files differ. */
  private async indexChanged(uri: vscode.Uri): Promise<void> {
    for (const s of this.states.values()) {
      if (!s.indexUri || s.indexUri.toString() !== uri.toString()) continue;
      const probe: FolderState = { ...s, tracked: undefined, trackedKey: undefined };
      await this.loadTracked(probe);
      if (probe.trackedKey !== s.trackedKey) this.scheduleRescan(s.folder, 'the git index changed');
    }
  }

  /**
   * A training-named `.py` module in a Python package with no entry guard, CLI entry or top-level
   * trainer call in its first ENTRY_HEAD_BYTES: a library module, not a training entry point.
   * `probe`: look for `__init__.py` on disk (events) instead of the scan's package list.
   */
  private async isLibraryModule(s: FolderState, rel: string, probe: boolean): Promise<boolean> {
    const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
    let inPackage = s.packages.has(dir);
    if (!inPackage && probe && /\.py$/i.test(rel)) {
      try {
        await vscode.workspace.fs.stat(this.uriOf(s, dir ? `${dir}/__init__.py` : '__init__.py'));
        inPackage = true;
        s.packages.add(dir);
      } catch {
        // not a package
      }
    }
    if (!needsEntryCheck(rel, inPackage)) return false;
    // workspace.fs reads whole files: a very large one is left as it was (a marker); a pipe is never opened.
    const bytes = await readBytesGuarded(this.uriOf(s, rel), 16 * ENTRY_HEAD_BYTES);
    const head = bytes && new TextDecoder().decode(bytes.subarray(0, ENTRY_HEAD_BYTES));
    return isLibraryModule(rel, inPackage, head);
  }

  /** Whether .gitignore leaves a file out: never a tracked one (outside submodules, whose index is not read). */
  private gitIgnored(s: FolderState, rel: string): boolean {
    if (!s.respectGitignore || !s.gitignore.isFileIgnored(rel)) return false;
    return !(s.tracked && !s.tracked.inSubmodule(rel) && s.tracked.isTracked(rel));
  }

  /**
   * Whether a folder is skipped, a virtual environment, or gitignored. In a git working copy an
   * ignored folder is not excluded: tracked files in it count, untracked markers are local-only.
   */
  private excludedDir(s: FolderState, dir: string): boolean {
    if (!dir) return false;
    if (dir.split('/').some(isSkippedDirName)) return true;
    for (const v of s.venvs) if (v && (dir === v || dir.startsWith(`${v}/`))) return true;
    if (s.tracked && !s.tracked.inSubmodule(dir)) return false;
    return s.respectGitignore && s.gitignore.isDirIgnored(dir);
  }

  /**
   * The files (relative) that neither .gitignore, a virtual environment nor configuration ignore
   * globs exclude, each with whether it is local-only (gitignored and untracked in a git working copy).
   */
  private async filterIgnored(s: FolderState, rels: readonly string[]): Promise<Map<string, boolean>> {
    const keep = new Map<string, boolean>();
    const byDir = new Map<string, { rel: string; local: boolean }[]>();
    for (const rel of rels) {
      const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
      if (this.excludedDir(s, dir)) continue;
      let local = false;
      if (this.gitIgnored(s, rel)) {
        if (!s.tracked || s.tracked.inSubmodule(rel)) continue;
        local = true;
      }
      (byDir.get(dir) ?? byDir.set(dir, []).get(dir)!).push({ rel, local });
    }
    await mapLimit([...byDir], 8, async ([dir, files]) => {
      const sets = await this.ignoresIn(s, dir);
      for (const { rel, local } of files) if (!this.ignoredByConfig(this.uriOf(s, rel), sets)) keep.set(rel, local);
    });
    return keep;
  }

  private ignoresIn(s: FolderState, dir: string): Promise<readonly IgnoreSet[]> {
    let p = s.ignores.get(dir);
    if (!p) {
      p = this.options.host.configFor(this.uriOf(s, dir)).then(
        (r) => r.ignores,
        () => [],
      );
      s.ignores.set(dir, p);
    }
    return p;
  }

  private ignoredByConfig(uri: vscode.Uri, sets: readonly IgnoreSet[]): boolean {
    return ignoredByConfig(sets, (base) => posix.relative(base, uri.path));
  }

  // ---- events -----------------------------------------------------------------------------------

  private enqueue(e: FsEvent): void {
    if (this.disposed) return;
    const ws = vscode.workspace.getWorkspaceFolder(e.uri);
    if (!ws || this.skippedPath(e.uri, ws)) return;
    this.queue.push(e);
    if (!this.batchTimer) this.batchTimer = setTimeout(() => this.flush(), this.options.batchMs ?? 100);
  }

  /** Applies the queued events now (tests and the bench call it; normally a timer does). */
  flush(): Promise<void> {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return this.processing;
    // Events that arrive during a scan are applied after it, and after any other folder scan still
    // running (adding and removing are idempotent).
    this.processing = this.processing.then(() => this.scansDone()).then(() => this.applyEvents(batch)).catch((err: unknown) => void this.options.log.error('discovery: applying file events failed', err));
    return this.processing;
  }

  private async applyEvents(batch: FsEvent[]): Promise<void> {
    const t0 = Date.now();
    const touched = new Set<FolderState>();
    const planDirs = new Map<FolderState, Set<string>>();
    const unknownCreates = new Map<FolderState, number>();
    const markPlan = (s: FolderState, dir: string) => (planDirs.get(s) ?? planDirs.set(s, new Set()).get(s)!).add(dir);
    for (const e of batch) {
      const ws = vscode.workspace.getWorkspaceFolder(e.uri);
      const s = ws && this.states.get(ws.uri.toString());
      if (!ws || !s) continue;
      const rel = this.relOf(e.uri, ws);
      if (rel === undefined || rel === '') continue;
      const name = posix.basename(rel);
      const dir = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
      if (SPECIAL_NAMES.has(name)) continue; // the special watcher rescans
      touched.add(s);
      if (IMPACT_FILE_RE.test(name) || RELEASE_FILE_RE.test(name)) {
        markPlan(s, dir);
        continue;
      }
      if (e.kind === 'delete') {
        if (!s.index.removeFile(rel)) s.index.removeFolder(rel);
        continue;
      }
      if (e.kind !== 'create') continue;
      const c = s.index.markers.classify(rel);
      if (c) {
        const kept = await this.filterIgnored(s, [rel]);
        if (!kept.has(rel)) continue;
        if (!('needsSize' in c) && c.kind === 'training' && (await this.isLibraryModule(s, rel, true))) continue;
        const local = kept.get(rel) || undefined;
        if ('needsSize' in c) {
          try {
            const st = await vscode.workspace.fs.stat(e.uri);
            if (st.type & vscode.FileType.File) s.index.addFile({ path: rel, size: st.size, local });
          } catch {
            // gone already
          }
        } else s.index.addFile({ path: rel, local });
        continue;
      }
      // Not a marker by name: a new folder (created, or renamed/moved here) is searched. A burst of
      // such events (a checkout, an unpacked archive) rescans the folder once instead.
      const unknown = (unknownCreates.get(s) ?? 0) + 1;
      unknownCreates.set(s, unknown);
      if (unknown > MAX_STATS_PER_BATCH) {
        if (unknown === MAX_STATS_PER_BATCH + 1) this.scheduleRescan(s.folder, 'many files created at once');
        continue;
      }
      try {
        const st = await vscode.workspace.fs.stat(e.uri);
        if (st.type & vscode.FileType.Directory) await this.scanSubtree(s, rel, markPlan);
      } catch {
        // gone already
      }
    }
    for (const [s, dirs] of planDirs) {
      for (const dir of dirs) {
        let names: string[] = [];
        try {
          names = (await vscode.workspace.fs.readDirectory(this.uriOf(s, dir))).filter(([, t]) => t & vscode.FileType.File).map(([n]) => n);
        } catch {
          // the folder is gone
        }
        const plan = await this.readPlan(s, dir, names.filter((n) => IMPACT_FILE_RE.test(n) || RELEASE_FILE_RE.test(n)));
        if (plan) s.index.setPlan(plan);
        else s.index.removePlan(dir);
      }
    }
    let changed = false;
    for (const s of touched) if (await this.applyDiff(s, s.index.update())) changed = true;
    this.stats.lastBatchMs = Date.now() - t0;
    this.stats.batches++;
    this.stats.events += batch.length;
    if (changed) this.emitter.fire();
  }

  /** A folder that appeared: its markers and plans, through the same searches as a full scan. */
  private async scanSubtree(s: FolderState, relDir: string, markPlan: (s: FolderState, dir: string) => void): Promise<void> {
    if (this.excludedDir(s, relDir)) return;
    const base = this.uriOf(s, relDir);
    const include = s.index.markers.searchGlobs();
    const [candidates, pairFiles] = await Promise.all([
      include.length ? vscode.workspace.findFiles(new vscode.RelativePattern(base, include.length === 1 ? include[0] : `{${include.join(',')}}`), EXCLUDE_GLOB, MAX_CANDIDATES) : Promise.resolve([]),
      vscode.workspace.findFiles(new vscode.RelativePattern(base, PAIR_FILES_GLOB), EXCLUDE_GLOB, 1000),
    ]);
    for (const u of pairFiles) {
      const rel = this.relOf(u, s.folder);
      if (rel !== undefined) markPlan(s, posix.dirname(rel) === '.' ? '' : posix.dirname(rel));
    }
    const rels = candidates.map((u) => this.relOf(u, s.folder)).filter((r): r is string => r !== undefined);
    const keep = await this.filterIgnored(s, rels);
    for (const rel of rels) {
      if (!keep.has(rel)) continue;
      const c = s.index.markers.classify(rel);
      if (!c) continue;
      if (!('needsSize' in c) && c.kind === 'training' && (await this.isLibraryModule(s, rel, true))) continue;
      const local = keep.get(rel) || undefined;
      if (!('needsSize' in c)) s.index.addFile({ path: rel, local });
      else {
        try {
          s.index.addFile({ path: rel, size: (await vscode.workspace.fs.stat(this.uriOf(s, rel))).size, local });
        } catch {
          // gone
        }
      }
    }
  }

  /** Republishes the roots a diff names; returns whether anything changed. */
  private async applyDiff(s: FolderState, diff: RootsDiff): Promise<boolean> {
    for (const r of diff.removed) this.setRootDiagnostics(this.rootState(s, r).key, []);
    for (const r of [...diff.added, ...diff.changed]) await this.publishRoot(s, this.rootState(s, r));
    return diff.added.length + diff.changed.length + diff.removed.length > 0;
  }

  // ---- diagnostics ------------------------------------------------------------------------------

  private configAt(s: FolderState, dir: string): Promise<Config> {
    let p = s.configs.get(dir);
    if (!p) {
      p = this.options.host.configFor(this.uriOf(s, dir)).then(
        (r) => applySettings(r.config, this.options.host.currentSettings()),
        () => s.config,
      );
      s.configs.set(dir, p);
    }
    return p;
  }

  /** The findings of one root (relative paths). */
  async findingsFor(rs: RootState): Promise<Finding[]> {
    const s = this.states.get(rs.workspaceFolder.uri.toString());
    if (!s) return [];
    const config = await this.configAt(s, rs.root.dir);
    return rootFindings(rs.root, { configFor: () => config, pathOf: (rel) => rel });
  }

  private async publishRoot(s: FolderState, rs: RootState): Promise<void> {
    const findings = await this.findingsFor(rs);
    // A newer scan swapped its state in while the findings were computed: it publishes its own.
    if (this.states.get(s.folder.uri.toString()) !== s) return;
    const entries = findings.map((f) => ({ uri: this.uriOf(s, f.path), diagnostic: toDiagnostic(f, this.options.docsBase, (p) => this.uriOf(s, p)) }));
    this.setRootDiagnostics(rs.key, entries);
  }

  private setRootDiagnostics(rootKey: string, entries: { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[]): void {
    const affected = new Set<string>(this.uriOfRoot.get(rootKey) ?? []);
    for (const u of affected) this.byUri.get(u)?.roots.delete(rootKey);
    const mine: string[] = [];
    for (const { uri, diagnostic } of entries) {
      const k = uri.toString();
      let slot = this.byUri.get(k);
      if (!slot) {
        slot = { uri, roots: new Map() };
        this.byUri.set(k, slot);
      }
      const list = slot.roots.get(rootKey) ?? [];
      list.push(diagnostic);
      slot.roots.set(rootKey, list);
      affected.add(k);
      mine.push(k);
    }
    if (mine.length) this.uriOfRoot.set(rootKey, [...new Set(mine)]);
    else this.uriOfRoot.delete(rootKey);
    for (const k of affected) {
      const slot = this.byUri.get(k);
      if (!slot) continue;
      const all = [...slot.roots.values()].flat();
      if (all.length) this.diagnostics.set(slot.uri, all);
      else {
        this.diagnostics.delete(slot.uri);
        this.byUri.delete(k);
      }
    }
  }

  private async republishAll(): Promise<void> {
    for (const s of this.states.values()) {
      s.configs.clear();
      for (const root of s.index.currentRoots()) await this.publishRoot(s, this.rootState(s, root));
    }
    this.emitter.fire();
  }

  /** Waits until queued events and running scans are done (tests). */
  async idle(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      await this.scansDone();
      await this.flush();
      await this.processing;
      if (!this.rescanTimers.size && !this.queue.length && !this.batchTimer) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  dispose(): void {
    this.disposed = true;
    this.scanSource?.cancel();
    if (this.batchTimer) clearTimeout(this.batchTimer);
    for (const t of this.rescanTimers.values()) clearTimeout(t);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
