/**
 * The editor side of linting: finds the pair (IMPACT.md + release.yaml) a document belongs to, reads
 * both through `vscode.workspace.fs` (or the open editor's text), resolves the `.impact-notes.yaml`
 * chain with the settings on top, lints with the core and publishes diagnostics. Lints on open, on
 * type (debounced, setting `impactNotes.run`) and on save; a per-pair generation counter drops
 * results that a newer run has overtaken. Other features read results through `pairFor`, `pairs`
 * and `onDidUpdate`.
 */
import { posix } from '../core/util/posix-path';
import picomatch from 'picomatch';
import * as vscode from 'vscode';
import { ConfigResolver, type ConfigHost, type IgnoreSet, type ResolvedConfig } from '../core/config-chain';
import { CONFIG_FILE_NAMES, type Config } from '../core/config';
import { formatBytes, lint, todayUtc, type FileInput, type LintInput, type LintResult } from '../core/engine';
import { IMPACT_FILE_RE, pairInFolder, RELEASE_FILE_RE, SKIPPED_DIRS } from '../core/pairs';
import { allRules } from '../core/rules';
import type { Finding, Rule, Severity } from '../core/types';
import { listen, watch } from './listeners';
import type { Log } from './log';
import { applySettings, readSettings, type Settings } from './settings';

export const DIAGNOSTIC_SOURCE = 'impact-notes';
/** Rule id shown on problems in `.impact-notes.yaml` itself. */
export const CONFIG_RULE = 'config';
/** Most files listed around a pair for the path rules; above it the rules get no list. */
const FILE_LIST_CAP = 10000;

export interface PairState {
  /** The folder's URI as a string. */
  key: string;
  folder: vscode.Uri;
  impactUri?: vscode.Uri;
  releaseUri?: vscode.Uri;
  result: LintResult;
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

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const SKIPPED_GLOB = `**/{${SKIPPED_DIRS.join(',')}}/**`;
const PAIR_FILES_GLOB = '**/{[Ii][Mm][Pp][Aa][Cc][Tt].[Mm][Dd],[Rr][Ee][Ll][Ee][Aa][Ss][Ee].[Yy][Aa][Mm][Ll],[Rr][Ee][Ll][Ee][Aa][Ss][Ee].[Yy][Mm][Ll]}';

/** Whether a file name is one of the pair's (IMPACT.md, release.yaml / release.yml). */
export function isPairFileName(uri: vscode.Uri): boolean {
  const name = posix.basename(uri.path);
  return IMPACT_FILE_RE.test(name) || RELEASE_FILE_RE.test(name);
}

export function isConfigFileName(uri: vscode.Uri): boolean {
  return CONFIG_FILE_NAMES.includes(posix.basename(uri.path));
}

function dirUri(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: posix.dirname(uri.path) });
}

function sameUri(a: vscode.Uri | undefined, b: vscode.Uri | undefined): boolean {
  return !!a && !!b && a.toString() === b.toString();
}

/** The diagnostic for one finding; ranges come from the core's positions (BOM stripped, as VS Code does). */
export function toDiagnostic(f: Finding, docsBase: vscode.Uri): vscode.Diagnostic {
  const range = new vscode.Range(f.start.line, f.start.character, f.end.line, f.end.character);
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.joinPath(docsBase, `${f.rule}.md`) };
  return d;
}

/** The rule id of one of our diagnostics, or undefined for others' diagnostics. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = d.code;
  if (typeof c === 'string') return c;
  if (c && typeof c === 'object') return String(c.value);
  return undefined;
}

interface ReadText {
  text: string;
  version?: number;
  /** Size on disk, given (with text '') only for a file above maxFileSize that was not read. */
  size?: number;
  /** Why the file was not read (not a regular file, permission denied): text is ''. */
  unreadable?: string;
}

/** What a configuration file may weigh before it is read (a real one is a few hundred bytes). */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** Enough of a lone release.yaml to see whether it declares `impact-release:` (as the CLI reads). */
const DECLARATION_HEAD = 8 * 1024 * 1024;
export const NOT_REGULAR = 'it is not a regular file (a pipe, socket or device)';
const PERMISSION_DENIED = 'permission denied';

function statReason(err: unknown): string | undefined {
  if (err instanceof vscode.FileSystemError) {
    if (err.code === 'FileNotFound' || err.code === 'FileNotADirectory' || err.code === 'FileIsADirectory') return undefined;
    if (err.code === 'NoPermissions') return PERMISSION_DENIED;
    return `it could not be read (${err.code || err.message})`;
  }
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
  if (code === 'EACCES' || code === 'EPERM') return PERMISSION_DENIED;
  if (code === 'ELOOP') return 'it is a symbolic link that loops';
  return `it could not be read (${typeof code === 'string' ? code : String(err)})`;
}

/**
 * Reads a file through workspace.fs the way the CLI does (src/cli/fs-host.ts readForLint): stat
 * first, never open what is not a regular file (a pipe would block forever, a device never ends),
 * never load a file above `maxBytes` (only its size comes back, which the engine reports as
 * skipped). Undefined when the file is missing or a folder. A symbolic link to a file is fine.
 */
export async function readGuarded(uri: vscode.Uri, maxBytes: number): Promise<ReadText | undefined> {
  let st: vscode.FileStat;
  try {
    st = await vscode.workspace.fs.stat(uri);
  } catch (err) {
    const reason = statReason(err);
    return reason === undefined ? undefined : { text: '', unreadable: reason };
  }
  if (st.type & vscode.FileType.Directory) return undefined;
  // A bare SymbolicLink is a link to nothing: missing, as the CLI sees it (stat gives ENOENT).
  if (st.type === vscode.FileType.SymbolicLink) return undefined;
  // FileType.Unknown: a pipe, socket or device. Never opened: a pipe would block.
  if (!(st.type & vscode.FileType.File)) return { text: '', unreadable: NOT_REGULAR };
  if (st.size > maxBytes) return { text: '', size: st.size };
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    // The file may have grown between stat and read.
    if (bytes.byteLength > maxBytes) return { text: '', size: bytes.byteLength };
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  } catch (err) {
    const reason = statReason(err);
    return reason === undefined ? undefined : { text: '', unreadable: reason };
  }
}

function isSameOrInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/** Whether a path lies in a folder that is never linted (node_modules, .git, virtual environments, …). */
function inSkippedDir(uri: vscode.Uri): boolean {
  return uri.path.split('/').some((seg) => SKIPPED_DIRS.includes(seg));
}

/** Whether a read was skipped (too large or not readable): its text is not the file's. */
export function wasSkipped(r: ReadText | undefined): boolean {
  return !!r && (r.size !== undefined || r.unreadable !== undefined);
}

/** For the engine: the read as a FileInput (text, plus size or unreadable when skipped). */
function fileInput(path: string, r: ReadText): FileInput {
  const input: FileInput = { path, text: r.text };
  if (r.size !== undefined) input.size = r.size;
  if (r.unreadable !== undefined) input.unreadable = r.unreadable;
  return input;
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
  private readonly fileLists = new Map<string, Promise<string[] | undefined>>();
  private readonly disposables: vscode.Disposable[] = [];
  private resolver: ConfigResolver;
  private readonly virtualResolvers = new Map<string, ConfigResolver>();
  /** Configuration files found but not read (too large, not a regular file), by URI; cleared with the resolvers. */
  private readonly configSkips = new Map<string, { uri: vscode.Uri; dir: string; message: string }>();
  private settings: Settings;
  private today: () => Date;
  private disposed = false;
  /** The rules linted with (all rules; tests may add their own through setRulesForTesting). */
  rules: readonly Rule[] = allRules;

  constructor(private readonly options: LintServiceOptions) {
    this.diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
    this.configDiagnostics = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-config`);
    this.resolver = this.newResolver();
    this.settings = readSettings();
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
          this.settings = readSettings();
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
      if (!isPairFileName(uri) || this.openDocument(uri)) return;
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
          this.fileLists.delete(s.key);
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
    return undefined;
  }

  pairs(): readonly PairState[] {
    return [...this.states.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Lints the pair of a file (IMPACT.md, release.yaml) or of a folder now, skipping any pending debounce. */
  lintUri(uri: vscode.Uri): Promise<PairState | undefined> {
    const folder = isPairFileName(uri) ? dirUri(uri) : uri;
    this.cancelTimer(folder.toString());
    return this.lintFolder(folder);
  }

  /** Lints every pair in the workspace, open or not. */
  async lintWorkspace(token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<void> {
    const started = Date.now();
    const uris = await vscode.workspace.findFiles(PAIR_FILES_GLOB, SKIPPED_GLOB, undefined, token);
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
        if (this.isIgnored(folder, cfg.ignores)) continue;
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
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, PAIR_FILES_GLOB), SKIPPED_GLOB);
    const folders = new Map<string, vscode.Uri>();
    for (const u of uris) folders.set(dirUri(u).toString(), dirUri(u));
    for (const folder of folders.values()) {
      const cfg = await this.configFor(folder);
      if (!this.disposed && !this.isIgnored(folder, cfg.ignores)) this.schedule(folder, 50);
    }
  }

  /** The settings (read through the one typed accessor) for a resource, or the window's. */
  currentSettings(scope?: vscode.Uri): Settings {
    return scope ? readSettings(scope) : this.settings;
  }

  /** Everything a fix-all or readiness check needs to lint a pair's current texts again. */
  async inputFor(state: PairState): Promise<LintInput> {
    const maxBytes = state.config.maxFileSize;
    const impact = state.impactUri ? await this.readText(state.impactUri, maxBytes) : undefined;
    const release = state.releaseUri ? await this.readText(state.releaseUri, maxBytes) : undefined;
    const files = await this.filesFor(state.folder, (await this.configFor(state.folder)).ignores);
    return {
      impact: state.impactUri && impact ? fileInput(this.displayPath(state.impactUri), impact) : undefined,
      release: state.releaseUri && release ? fileInput(this.displayPath(state.releaseUri), release) : undefined,
      config: state.config,
      today: this.today(),
      files,
      exists: existsFrom(files),
      rules: this.rules,
    };
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

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (!e.contentChanges.length || !this.accepts(e.document)) return;
    const settings = readSettings(e.document.uri);
    if (settings.run === 'onSave') return;
    this.schedule(dirUri(e.document.uri), settings.debounceMs);
  }

  private onSave(doc: vscode.TextDocument): void {
    if (isConfigFileName(doc.uri)) return; // the watcher handles it
    if (this.accepts(doc)) this.schedule(dirUri(doc.uri), 0);
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
    this.fileLists.clear();
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
    const names = await this.listNames(folder);
    const pair = await pairInFolder(
      folder.path,
      names,
      (d, n) => posix.join(d, n),
      async (p) => this.readDeclaration(folder.with({ path: p }), (await cfgP).config.maxFileSize),
    );
    if (isStale()) return newer();
    const previous = this.states.get(key);
    const impactUri = pair?.impact ? folder.with({ path: pair.impact }) : undefined;
    const releaseUri = pair?.release ? folder.with({ path: pair.release }) : undefined;
    const cfg = await cfgP;
    const maxBytes = cfg.config.maxFileSize;
    const [impact, release] = await Promise.all([impactUri ? this.readText(impactUri, maxBytes) : undefined, releaseUri ? this.readText(releaseUri, maxBytes) : undefined]);
    const files = impact || release ? await this.filesFor(folder, cfg.ignores) : undefined;
    if (isStale()) return newer();

    // Files that left the pair (deleted, or a release.yaml that stopped being a plan).
    for (const old of [previous?.impactUri, previous?.releaseUri]) {
      if (old && !sameUri(old, impactUri) && !sameUri(old, releaseUri)) this.diagnostics.delete(old);
    }
    if (!impact && !release) {
      if (previous) {
        this.states.delete(key);
        if (previous.impactUri) this.diagnostics.delete(previous.impactUri);
        if (previous.releaseUri) this.diagnostics.delete(previous.releaseUri);
        this.options.log.info(`no assessment or plan left in ${vscode.workspace.asRelativePath(folder)}`);
        if (fire) this.emitter.fire(undefined);
      }
      return undefined;
    }

    // Settings are resource-scoped: a folder of a multi-root workspace may set its own.
    const config = applySettings(cfg.config, readSettings(folder));
    const input: LintInput = {
      impact: impactUri && impact ? fileInput(this.displayPath(impactUri), impact) : undefined,
      release: releaseUri && release ? fileInput(this.displayPath(releaseUri), release) : undefined,
      config,
      today: this.today(),
      files,
      exists: existsFrom(files),
      rules: this.rules,
    };
    const t0 = Date.now();
    const result = lint(input);
    const state: PairState = {
      key,
      folder,
      impactUri: input.impact ? impactUri : undefined,
      releaseUri: input.release ? releaseUri : undefined,
      result,
      impactVersion: impact?.version,
      releaseVersion: release?.version,
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
    const base = this.options.docsBase;
    const impact: vscode.Diagnostic[] = [];
    const release: vscode.Diagnostic[] = [];
    for (const f of state.result.findings) {
      const target = f.file === 'release' ? release : f.file === 'impact' ? impact : state.impactUri ? impact : release;
      target.push(toDiagnostic(f, base));
    }
    if (state.impactUri) this.diagnostics.set(state.impactUri, impact);
    if (state.releaseUri) this.diagnostics.set(state.releaseUri, release);
  }

  private publishConfigProblems(cfg: ResolvedConfig, near: vscode.Uri): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of cfg.files) byFile.set(f, []);
    for (const p of cfg.problems) {
      const d = new vscode.Diagnostic(new vscode.Range(p.line - 1, Math.max(0, p.column - 1), p.line - 1, Number.MAX_SAFE_INTEGER), p.message, vscode.DiagnosticSeverity.Error);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = CONFIG_RULE;
      (byFile.get(p.file) ?? byFile.set(p.file, []).get(p.file)!).push(d);
    }
    for (const [file, diags] of byFile) {
      const uri = this.configUri(file, near);
      if (uri) this.configDiagnostics.set(uri, diags);
    }
    // Configuration files on this folder's chain that were not read.
    for (const skip of this.configSkips.values()) {
      if (skip.uri.scheme !== near.scheme || !isSameOrInside(near.path, skip.dir)) continue;
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), skip.message, vscode.DiagnosticSeverity.Error);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = CONFIG_RULE;
      this.configDiagnostics.set(skip.uri, [d]);
    }
  }

  private displayPath(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, true);
  }

  // ---- reading ----------------------------------------------------------------------------------

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const s = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === s && !d.isClosed);
  }

  /**
   * The open editor's text (with its version) or the file's text on disk; undefined if missing. A
   * file on disk above `maxBytes` or not a regular file is not read (see readGuarded); an open
   * document's text is used whatever its size (the engine skips it when it is above maxFileSize).
   */
  async readText(uri: vscode.Uri, maxBytes: number): Promise<ReadText | undefined> {
    const doc = this.openDocument(uri);
    if (doc) return { text: doc.getText(), version: doc.version };
    return readGuarded(uri, maxBytes);
  }

  /**
   * Enough text of a lone release.yaml to see whether it declares itself a plan: the whole file, or
   * for a local file above maxFileSize its head (as the CLI does). A file that cannot be read is no plan.
   */
  private async readDeclaration(uri: vscode.Uri, maxBytes: number): Promise<string | undefined> {
    const r = await this.readText(uri, maxBytes);
    if (!r || r.unreadable !== undefined) return undefined;
    if (r.size !== undefined) return this.options.readHead?.(uri, DECLARATION_HEAD);
    return r.text;
  }

  private async listNames(folder: vscode.Uri): Promise<string[]> {
    const names = new Set<string>();
    try {
      for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
        // Everything but folders: a pipe or device (FileType.Unknown) named release.yaml is still
        // part of the pair, reported as skipped rather than silently left out.
        if (!(type & vscode.FileType.Directory)) names.add(name);
      }
    } catch {
      // a deleted folder has no files
    }
    return [...names];
  }

  /**
   * Files under a pair's folder (relative, forward slashes, sorted), as the path rules need them;
   * undefined above FILE_LIST_CAP. Walks with workspace.fs.readDirectory (works in virtual
   * workspaces and does not wait for the search service), skipping tool folders and ignore globs.
   */
  private filesFor(folder: vscode.Uri, ignores: readonly IgnoreSet[]): Promise<string[] | undefined> {
    const key = folder.toString();
    let p = this.fileLists.get(key);
    if (!p) {
      const started = Date.now();
      p = listFilesUnder(folder, (u) => this.isIgnored(u, ignores))
        .then((files) => {
          this.options.log.trace(`listed ${files ? files.length : `more than ${FILE_LIST_CAP}`} file(s) under ${vscode.workspace.asRelativePath(folder)} in ${Date.now() - started} ms`);
          return files;
        })
        .catch((err: unknown) => {
          this.options.log.error(`listing files in ${key} failed`, err);
          return undefined;
        });
      this.fileLists.set(key, p);
    }
    return p;
  }

  // ---- configuration ----------------------------------------------------------------------------

  private newResolver(stopAt?: string, near?: vscode.Uri): ConfigResolver {
    const host: ConfigHost = {
      dirname: (p) => posix.dirname(p),
      join: (d, n) => posix.join(d, n),
      read: async (p) => {
        const uri = this.configUri(p, near);
        if (!uri) return undefined;
        const r = await readGuarded(uri, CONFIG_MAX_BYTES);
        if (!r || !wasSkipped(r)) return r?.text;
        // Other errors stay "absent", as before: file systems that report a missing file with a
        // plain error must not get a problem on a file that does not exist.
        if (r.size === undefined && r.unreadable !== NOT_REGULAR && r.unreadable !== PERMISSION_DENIED) return undefined;
        // Not read (too large, a pipe, no permission): as if absent for the chain, but said on the file itself.
        const why = r.size !== undefined ? `it is ${formatBytes(r.size)}, above the ${formatBytes(CONFIG_MAX_BYTES)} limit for configuration files` : r.unreadable;
        const message = `${posix.basename(uri.path)} was not read: ${why}. Its settings are ignored.`;
        if (this.configSkips.get(uri.toString())?.message !== message) this.options.log.warn(`${vscode.workspace.asRelativePath(uri)}: ${message}`);
        this.configSkips.set(uri.toString(), { uri, dir: posix.dirname(p), message });
        return undefined;
      },
    };
    return new ConfigResolver(host, allRules, stopAt);
  }

  /**
   * Config paths are the URI paths of the scheme/authority of the workspace (or file:); for a
   * folder outside the workspace on another file system (`near`), of that file system.
   */
  private configUri(p: string, near?: vscode.Uri): vscode.Uri | undefined {
    const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => p === f.uri.path || p.startsWith(f.uri.path.endsWith('/') ? f.uri.path : `${f.uri.path}/`));
    if (folder) return folder.uri.with({ path: p });
    if (near && near.scheme !== 'file') return near.with({ path: p, query: '', fragment: '' });
    // Above the workspace: only on the local file system.
    return vscode.Uri.file(p);
  }

  /** The configuration for files in a folder. In virtual workspaces the walk stops at the workspace folder. */
  configFor(folder: vscode.Uri): Promise<ResolvedConfig> {
    const wsFolder = vscode.workspace.getWorkspaceFolder(folder);
    if (!wsFolder && folder.scheme !== 'file') {
      // Outside the workspace on another file system: that file system's chain, never local files.
      const root = folder.with({ path: '/', query: '', fragment: '' });
      let r = this.virtualResolvers.get(root.toString());
      if (!r) {
        r = this.newResolver(undefined, root);
        this.virtualResolvers.set(root.toString(), r);
      }
      return r.resolve(folder.path);
    }
    if (!wsFolder || wsFolder.uri.scheme === 'file') return this.resolver.resolve(folder.path);
    const stopAt = wsFolder.uri.path;
    let r = this.virtualResolvers.get(stopAt);
    if (!r) {
      r = this.newResolver(stopAt);
      this.virtualResolvers.set(stopAt, r);
    }
    return r.resolve(folder.path);
  }

  private resetConfig(): void {
    this.resolver = this.newResolver();
    this.virtualResolvers.clear();
    this.configSkips.clear();
    this.configDiagnostics.clear();
  }

  private isIgnored(uri: vscode.Uri, ignores: readonly IgnoreSet[]): boolean {
    for (const set of ignores) {
      const rel = posix.relative(set.base, uri.path);
      if (!rel || rel.startsWith('..')) continue;
      const m = picomatch(set.patterns, { dot: true });
      if (m(rel) || m(`${rel}/`)) return true;
    }
    return false;
  }
}

/** Schemes that show another view of a file (diffs, history, output), never a pair to lint. */
const SKIPPED_SCHEMES = new Set(['git', 'gitfs', 'output', 'debug', 'walkThrough', 'walkThroughSnippet', 'merge-conflict.conflict-diff', 'comment', 'search-editor', 'chat-editing-text-model']);

/**
 * Documents of any scheme that workspace.fs can read (file:, the workspace folders' schemes,
 * in-memory or remote file systems registered by other extensions), except views of other files
 * (git:, output:, vscode-*: ... unless the workspace itself lives there).
 */
export function acceptsScheme(scheme: string): boolean {
  // The workspace's own schemes first: virtual workspaces use e.g. vscode-vfs:.
  if (scheme === 'file' || (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === scheme)) return true;
  if (SKIPPED_SCHEMES.has(scheme) || scheme.startsWith('vscode-')) return false;
  return vscode.workspace.fs.isWritableFileSystem(scheme) !== undefined;
}

async function listFilesUnder(folder: vscode.Uri, ignored: (uri: vscode.Uri) => boolean): Promise<string[] | undefined> {
  const out: string[] = [];
  const queue: { uri: vscode.Uri; rel: string }[] = [{ uri: folder, rel: '' }];
  while (queue.length) {
    const { uri, rel } = queue.shift()!;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(uri);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      const child = vscode.Uri.joinPath(uri, name);
      const childRel = rel ? `${rel}/${name}` : name;
      if (type & vscode.FileType.SymbolicLink && type & vscode.FileType.Directory) continue; // never follow linked folders
      if (type & vscode.FileType.Directory) {
        if (SKIPPED_DIRS.includes(name) || ignored(child)) continue;
        queue.push({ uri: child, rel: childRel });
      } else if (type & vscode.FileType.File) {
        if (ignored(child)) continue;
        out.push(childRel);
        if (out.length > FILE_LIST_CAP) return undefined;
      }
    }
  }
  return out.sort();
}

/** `exists` for the rules, from the file list: a file, or a folder that holds listed files. */
function existsFrom(files: readonly string[] | undefined): ((rel: string) => boolean | undefined) | undefined {
  if (!files) return undefined;
  const set = new Set(files);
  return (rel) => {
    const norm = posix.normalize(rel.replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/$/, '');
    if (norm.startsWith('..') || norm.startsWith('/')) return undefined;
    if (norm === '.' || norm === '') return true;
    if (set.has(norm)) return true;
    const prefix = `${norm}/`;
    return files.some((f) => f.startsWith(prefix));
  };
}
