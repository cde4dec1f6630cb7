/**
 * The editor side of linting: finds the pair (IMPACT.md + release.yaml) a document belongs to, builds
 * its input with the core (core/lint-input.ts over the workspace FileHost, workspace-files.ts),
 * takes its configuration from the configuration service (config-service.ts), lints and publishes
 * diagnostics (diagnostics.ts converts them). Lints on open, on type (debounced, setting
 * `impactNotes.run`) and on save; a per-pair generation counter drops results that a newer run has
 * overtaken. Other features read results through `pairFor`, `pairs` and `onDidUpdate`.
 */
import { posix } from '../core/util/posix-path';
import * as vscode from 'vscode';
import type { ResolvedConfig } from '../core/config-chain';
import type { Config } from '../core/config';
import { lint, todayUtc, type LintInput } from '../core/engine';
import { buildLintInput } from '../core/lint-input';
import { IMPACT_FILE_RE, PAIR_FILES_GLOB, pairInFolder, RELEASE_FILE_RE, type PairFiles } from '../core/pairs';
import { TOOL_FOLDERS_GLOB } from '../core/tool-folders';
import { allRules } from '../core/rules';
import type { Rule } from '../core/types';
import { ConfigService, isConfigFileName } from './config-service';
import { configProblemDiagnostic, configSkipDiagnostic, DIAGNOSTIC_SOURCE, pairDiagnostics } from './diagnostics';
import { listen, watch } from './listeners';
import type { ViewPair } from './tree/view-services';
import type { Log } from './log';
import { applySettings, readSettings, type Settings } from './settings';
import { acceptsScheme, inSkippedDir, isIgnoredUri, isSameOrInside, WorkspaceFiles } from './workspace-files';

/** A linted pair: what the view features read (ViewPair), and what the service keeps besides. */
export interface PairState extends ViewPair {
  /** Version of the open document that was linted; undefined when the text came from disk. */
  impactVersion?: number;
  releaseVersion?: number;
  /** The effective configuration (files, then settings). */
  config: Config;
  /** When the pair was linted (Date.now()). */
  lintedAt: number;
}

export interface LintServiceOptions {
  /** Where rule documentation pages live (docs/rules/<rule>.md). */
  docsBase: vscode.Uri;
  log: Log;
  /** Injectable clock for date rules (tests). */
  today?: () => Date;
  /**
   * The first `maxBytes` of a file too large to read whole, when the platform can read part of a
   * file (Node, file: scheme; workspace.fs has no partial read). Without it such a lone
   * release.yaml is not taken for a plan.
   */
  readHead?: (uri: vscode.Uri, maxBytes: number) => Promise<string | undefined>;
}


/** Whether a file name is one of the pair's (IMPACT.md, release.yaml / release.yml). */
export function isPairFileName(uri: vscode.Uri): boolean {
  const name = posix.basename(uri.path);
  return IMPACT_FILE_RE.test(name) || RELEASE_FILE_RE.test(name);
}

function dirUri(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: posix.dirname(uri.path) });
}

function sameUri(a: vscode.Uri | undefined, b: vscode.Uri | undefined): boolean {
  return !!a && !!b && a.toString() === b.toString();
}

export class LintService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PairState | undefined>();
  readonly onDidUpdate: vscode.Event<PairState | undefined> = this.emitter.event;

  readonly diagnostics: vscode.DiagnosticCollection;
  private readonly configDiagnostics: vscode.DiagnosticCollection;
  private readonly states = new Map<string, PairState>();
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest lint of each folder still running. */
  private readonly running = new Map<string, Promise<PairState | undefined>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The `.impact-notes.yaml` chain and the settings; discovery shares it. */
  readonly config: ConfigService;
  /** Reading the workspace (pair files, folder listings, file lists). */
  readonly files: WorkspaceFiles;
  private today: () => Date;
  private disposed = false;
  /** The rules linted with (all rules; tests may add their own through setRulesForTesting). */
  rules: readonly Rule[] = allRules;

  constructor(private readonly options: LintServiceOptions) {
    this.diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
    this.configDiagnostics = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-config`);
    this.config = new ConfigService(options.log);
    this.files = new WorkspaceFiles({ log: options.log, readHead: options.readHead });
    this.today = options.today ?? (() => todayUtc());
    this.disposables.push(this.diagnostics, this.configDiagnostics, this.emitter);
  }

  /** Subscribes to editor and file events, and lints the documents already open. */
  start(): void {
    const d = this.disposables;
    const ws = vscode.workspace;
    d.push(
      listen(ws.onDidOpenTextDocument, (doc) => this.onOpen(doc), 'lintService: onDidOpenTextDocument'),
      listen(ws.onDidChangeTextDocument, (e) => this.onChange(e), 'lintService: onDidChangeTextDocument'),
      listen(ws.onDidSaveTextDocument, (doc) => this.onSave(doc), 'lintService: onDidSaveTextDocument'),
      listen(ws.onDidCloseTextDocument, (doc) => this.onClose(doc), 'lintService: onDidCloseTextDocument'),
      listen(
        ws.onDidChangeConfiguration,
        (e) => {
          if (!e.affectsConfiguration('impactNotes')) return;
          this.config.refreshSettings();
          this.relintAll('settings changed');
        },
        'lintService: onDidChangeConfiguration',
      ),
      listen(
        ws.onDidChangeWorkspaceFolders,
        () => {
          this.resetConfig();
          this.relintAll('workspace folders changed');
        },
        'lintService: onDidChangeWorkspaceFolders',
      ),
    );
    const pairWatcher = watch(PAIR_FILES_GLOB);
    const onPairFile = (uri: vscode.Uri) => {
      if (!isPairFileName(uri) || this.files.openDocument(uri)) return;
      this.schedule(dirUri(uri), 50);
    };
    const onPairDeleted = (uri: vscode.Uri) => {
      if (isPairFileName(uri)) this.schedule(dirUri(uri), 0);
    };
    d.push(
      pairWatcher,
      listen(pairWatcher.onDidCreate, onPairFile, 'lintService: pair files created'),
      listen(pairWatcher.onDidChange, onPairFile, 'lintService: pair files changed'),
      listen(pairWatcher.onDidDelete, onPairDeleted, 'lintService: pair files deleted'),
    );
    const configWatcher = watch('**/.impact-notes.{yaml,yml}');
    const onConfig = (uri: vscode.Uri) => {
      this.options.log.info(`configuration changed: ${vscode.workspace.asRelativePath(uri)}`);
      this.resetConfig();
      this.relintAll('configuration changed');
    };
    d.push(
      configWatcher,
      listen(configWatcher.onDidCreate, onConfig, 'lintService: config created'),
      listen(configWatcher.onDidChange, onConfig, 'lintService: config changed'),
      listen(configWatcher.onDidDelete, onConfig, 'lintService: config deleted'),
    );
    // Files appearing or disappearing change what artifact paths match.
    const anyWatcher = watch('**/*', false, true, false);
    const onAny = (uri: vscode.Uri) => {
      if (inSkippedDir(uri)) return;
      for (const s of this.states.values()) {
        if (uri.path !== s.folder.path && isSameOrInside(uri.path, s.folder.path)) {
          this.files.forgetList(s.key);
          if (!isPairFileName(uri)) this.schedule(s.folder, 500);
        }
      }
    };
    // A folder renamed or deleted is one event for the folder, none for the pair files inside it:
    // pairs at or under a deleted path are linted again (which clears them), and a folder that
    // appears (the other half of a rename) is searched for pairs.
    const onAnyDeleted = (uri: vscode.Uri) => {
      onAny(uri);
      for (const s of this.states.values()) {
        if (s.folder.scheme === uri.scheme && s.folder.authority === uri.authority && isSameOrInside(s.folder.path, uri.path)) this.schedule(s.folder, 0);
      }
    };
    // Created paths are looked at in batches: a checkout creates thousands at once, and only the
    // outermost new folders need a search.
    let created = new Map<string, vscode.Uri>();
    let createdTimer: ReturnType<typeof setTimeout> | undefined;
    const flushCreated = () => {
      createdTimer = undefined;
      const batch = [...created.values()];
      created = new Map();
      const paths = new Set(batch.map((u) => u.path));
      const underAnother = (p: string) => {
        for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) if (paths.has(p.slice(0, i))) return true;
        return false;
      };
      for (const u of batch.filter((b) => !underAnother(b.path))) void this.lintPairsUnder(u).catch((err) => this.options.log.error(`looking for pairs in ${u.toString()} failed`, err));
    };
    const onAnyCreated = (uri: vscode.Uri) => {
      onAny(uri);
      if (isPairFileName(uri) || inSkippedDir(uri)) return;
      created.set(uri.toString(), uri);
      createdTimer ??= setTimeout(flushCreated, 300);
    };
    d.push({ dispose: () => createdTimer && clearTimeout(createdTimer) });
    d.push(anyWatcher, listen(anyWatcher.onDidCreate, onAnyCreated, 'lintService: any file created'), listen(anyWatcher.onDidDelete, onAnyDeleted, 'lintService: any file deleted'));
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
  }

  pairFor(uri: vscode.Uri): PairState | undefined {
    const direct = this.states.get(uri.toString());
    if (direct) return direct;
    const s = this.states.get(dirUri(uri).toString());
    if (s && (sameUri(s.impactUri, uri) || sameUri(s.releaseUri, uri))) return s;
    // A model card the pair was linted with (it may live in another folder).
    for (const c of this.states.values()) if (c.cardUri && sameUri(c.cardUri, uri)) return c;
    return undefined;
  }

  pairs(): readonly PairState[] {
    return [...this.states.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Lints the pair of a file (IMPACT.md, release.yaml) or of a folder now, skipping any pending debounce. */
  lintUri(uri: vscode.Uri): Promise<PairState | undefined> {
    const folder = isPairFileName(uri) ? dirUri(uri) : (this.cardOwner(uri) ?? uri);
    this.cancelTimer(folder.toString());
    return this.lintFolder(folder);
  }

  /** Lints every pair in the workspace, open or not. */
  async lintWorkspace(token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<void> {
    const started = Date.now();
    // An explicit full lint reads the folders again rather than trusting file lists that only a
    // watcher event invalidates: the watcher misses what files.watcherExclude covers, and on Linux
    // what happens in a folder it has not started watching yet (parcel-bundler/watcher#97).
    this.files.forgetLists();
    const uris = await vscode.workspace.findFiles(PAIR_FILES_GLOB, TOOL_FOLDERS_GLOB, undefined, token);
    if (token?.isCancellationRequested) return;
    const folders = new Map<string, vscode.Uri>();
    for (const u of uris) {
      const f = dirUri(u);
      folders.set(f.toString(), f);
    }
    const list = [...folders.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    let done = 0;
    for (const folder of list) {
      if (token?.isCancellationRequested) break;
      try {
        const cfg = await this.configFor(folder);
        if (isIgnoredUri(folder, cfg.ignores)) continue;
        progress?.report({ message: vscode.workspace.asRelativePath(folder), increment: list.length ? 100 / list.length : 100 });
        await this.lintFolder(folder, false);
      } catch (err) {
        this.options.log.error(`linting ${folder.toString()} failed`, err);
      }
      done++;
    }
    this.options.log.trace(`linted ${done} of ${list.length} folder(s) in the workspace in ${Date.now() - started} ms${token?.isCancellationRequested ? ' (cancelled)' : ''}`);
    this.emitter.fire(undefined);
  }

  /** When `uri` is a new folder (say, the new name of a renamed one), lints every pair inside it. */
  private async lintPairsUnder(uri: vscode.Uri): Promise<void> {
    const st = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!st || !(st.type & vscode.FileType.Directory) || this.disposed) return;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, PAIR_FILES_GLOB), TOOL_FOLDERS_GLOB);
    const folders = new Map<string, vscode.Uri>();
    for (const u of uris) folders.set(dirUri(u).toString(), dirUri(u));
    for (const folder of folders.values()) {
      const cfg = await this.configFor(folder);
      if (!this.disposed && !isIgnoredUri(folder, cfg.ignores)) this.schedule(folder, 50);
    }
  }

  /** The settings (read through the one typed accessor) for a resource, or the window's. */
  currentSettings(scope?: vscode.Uri): Settings {
    return this.config.currentSettings(scope);
  }

  /** The configuration for files in a folder (the configuration service's). */
  configFor(folder: vscode.Uri): Promise<ResolvedConfig> {
    return this.config.configFor(folder);
  }

  /**
   * Everything a fix-all or readiness check needs to lint a pair's current texts again: the same
   * builder as linting (core/lint-input.ts) over the pair's files as they are now.
   */
  async inputFor(state: PairState): Promise<LintInput> {
    const pair: PairFiles = { dir: state.folder.path, impact: state.impactUri?.path, release: state.releaseUri?.path };
    const { ignores } = await this.configFor(state.folder);
    const built = await buildLintInput(this.files.hostFor(state.folder), pair, { config: state.config, ignores }, { today: this.today(), rules: this.rules });
    return built?.input ?? { config: state.config, today: this.today(), rules: this.rules };
  }

  /** Tests only: a fixed "today" for the date rules; no argument restores the real clock. */
  setTodayForTesting(today?: Date): void {
    this.today = today ? () => today : this.options.today ?? (() => todayUtc());
    this.relintAll('clock changed for a test');
  }

  /** Tests only: lint with extra rules (e.g. one whose fix edits the other file); no argument restores the real list. */
  setRulesForTesting(extra?: readonly Rule[]): void {
    this.rules = extra ? [...allRules, ...extra] : allRules;
    this.relintAll('rules changed for a test');
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ---- events -----------------------------------------------------------------------------------

  private accepts(doc: vscode.TextDocument): boolean {
    if (doc.isUntitled || !isPairFileName(doc.uri)) return false;
    return acceptsScheme(doc.uri.scheme);
  }

  private onOpen(doc: vscode.TextDocument): void {
    if (this.accepts(doc)) this.schedule(dirUri(doc.uri), 0);
  }

  /** The folder of the pair whose model card this document is, when it is one. */
  private cardOwner(uri: vscode.Uri): vscode.Uri | undefined {
    for (const s of this.states.values()) if (s.cardUri && sameUri(s.cardUri, uri)) return s.folder;
    return undefined;
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (!e.contentChanges.length) return;
    const owner = this.accepts(e.document) ? dirUri(e.document.uri) : this.cardOwner(e.document.uri);
    if (!owner) return;
    const settings = readSettings(e.document.uri);
    if (settings.run === 'onSave') return;
    this.schedule(owner, settings.debounceMs);
  }

  private onSave(doc: vscode.TextDocument): void {
    if (isConfigFileName(doc.uri)) return; // the watcher handles it
    if (this.accepts(doc)) this.schedule(dirUri(doc.uri), 0);
    else {
      const owner = this.cardOwner(doc.uri);
      if (owner) this.schedule(owner, 0);
    }
  }

  private onClose(doc: vscode.TextDocument): void {
    // The text on disk may differ from the closed editor's (changes discarded): lint it again;
    // if the file is gone or no longer a plan, lintFolder clears its diagnostics.
    if (this.accepts(doc)) this.schedule(dirUri(doc.uri), 0);
  }

  private schedule(folder: vscode.Uri, delay: number): void {
    if (this.disposed) return;
    const key = folder.toString();
    this.cancelTimer(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lintFolder(folder).catch((err) => this.options.log.error(`linting ${key} failed`, err));
      }, delay),
    );
  }

  private cancelTimer(key: string): void {
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
  }

  private relintAll(why: string): void {
    this.options.log.info(`${why}: linting ${this.states.size} pair(s) again`);
    this.files.forgetLists();
    for (const s of this.states.values()) this.schedule(s.folder, 0);
  }

  // ---- linting ----------------------------------------------------------------------------------

  /**
   * Lints a folder's pair. When a newer lint of the same folder starts meanwhile, this one's result
   * is dropped and the promise resolves to the newer one's.
   */
  private lintFolder(folder: vscode.Uri, fire = true): Promise<PairState | undefined> {
    const key = folder.toString();
    const gen = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, gen);
    const p = this.runLint(folder, key, gen, fire);
    this.running.set(key, p);
    void p.finally(() => {
      if (this.running.get(key) === p) this.running.delete(key);
    });
    return p;
  }

  private async runLint(folder: vscode.Uri, key: string, gen: number, fire: boolean): Promise<PairState | undefined> {
    const isStale = () => this.disposed || this.generations.get(key) !== gen;
    const newer = async () => (this.disposed ? undefined : (this.running.get(key) ?? this.states.get(key)));

    // The configuration first: its maxFileSize decides which files are read at all.
    const cfgP = this.configFor(folder);
    cfgP.catch(() => undefined); // awaited below; this only keeps an early rejection from being "unhandled"
    const names = await this.files.listNames(folder);
    const pair = await pairInFolder(
      folder.path,
      names,
      (d, n) => posix.join(d, n),
      async (p) => this.files.readDeclaration(folder.with({ path: p }), (await cfgP).config.maxFileSize),
    );
    if (isStale()) return newer();
    const previous = this.states.get(key);
    const impactUri = pair?.impact ? folder.with({ path: pair.impact }) : undefined;
    const releaseUri = pair?.release ? folder.with({ path: pair.release }) : undefined;
    const cfg = await cfgP;
    // Settings are resource-scoped: a folder of a multi-root workspace may set its own.
    const config = applySettings(cfg.config, readSettings(folder));
    const built = pair ? await buildLintInput(this.files.hostFor(folder), pair, { config, ignores: cfg.ignores }, { today: this.today(), rules: this.rules }) : undefined;
    const cardUri = built?.cardPath !== undefined ? folder.with({ path: built.cardPath }) : undefined;
    if (isStale()) return newer();

    // Files that left the pair (deleted, or a release.yaml that stopped being a plan).
    for (const old of [previous?.impactUri, previous?.releaseUri]) {
      if (old && !sameUri(old, impactUri) && !sameUri(old, releaseUri)) this.diagnostics.delete(old);
    }
    if (previous?.cardUri && !sameUri(previous.cardUri, cardUri)) this.diagnostics.delete(previous.cardUri);
    if (!built) {
      if (previous) {
        this.states.delete(key);
        if (previous.impactUri) this.diagnostics.delete(previous.impactUri);
        if (previous.releaseUri) this.diagnostics.delete(previous.releaseUri);
        if (previous.cardUri) this.diagnostics.delete(previous.cardUri);
        this.options.log.info(`no assessment or plan left in ${vscode.workspace.asRelativePath(folder)}`);
        if (fire) this.emitter.fire(undefined);
      }
      return undefined;
    }

    const { input } = built;
    const t0 = Date.now();
    const result = lint(input);
    const state: PairState = {
      key,
      folder,
      impactUri: input.impact ? impactUri : undefined,
      releaseUri: input.release ? releaseUri : undefined,
      cardUri: result.card ? cardUri : undefined,
      result,
      impactVersion: built.impact?.version,
      releaseVersion: built.release?.version,
      config,
      lintedAt: Date.now(),
    };
    this.states.set(key, state);
    this.publish(state);
    this.publishConfigProblems(cfg, folder);
    this.options.log.trace(`linted ${vscode.workspace.asRelativePath(folder)}: ${result.findings.length} finding(s) in ${Date.now() - t0} ms`);
    if (fire) this.emitter.fire(state);
    return state;
  }

  private publish(state: PairState): void {
    const { impact, release, card } = pairDiagnostics(state.result.findings, !!state.impactUri, this.options.docsBase);
    if (state.impactUri) this.diagnostics.set(state.impactUri, impact);
    if (state.releaseUri) this.diagnostics.set(state.releaseUri, release);
    if (state.cardUri) this.diagnostics.set(state.cardUri, card);
  }

  private publishConfigProblems(cfg: ResolvedConfig, near: vscode.Uri): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of cfg.files) byFile.set(f, []);
    for (const p of cfg.problems) (byFile.get(p.file) ?? byFile.set(p.file, []).get(p.file)!).push(configProblemDiagnostic(p));
    for (const [file, diags] of byFile) {
      const uri = this.config.configUri(file, near);
      if (uri) this.configDiagnostics.set(uri, diags);
    }
    // Configuration files on this folder's chain that were not read.
    for (const skip of this.config.skippedNear(near)) this.configDiagnostics.set(skip.uri, [configSkipDiagnostic(skip.message)]);
  }

  private resetConfig(): void {
    this.config.reset();
    this.configDiagnostics.clear();
  }
}
