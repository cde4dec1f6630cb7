/**
 * The Impact Notes language server: an adapter over src/core, like the CLI and the extension.
 * IMPACT.md, release plans and .impact-notes.yaml are linted as they are opened and edited
 * (debounced; an older lint that finishes after a newer edit is dropped), with the CLI's own reading
 * of pairs and configuration (core/lint-input.ts over the Node file host, the Node config host) and the open
 * editor's text in place of the disk. Quick fixes, suggestions, suppressions and fix-all come from
 * the core (fix.ts, suppress.ts); hover and completion from core/help.ts; research artifacts no
 * plan covers from the CLI's discovery provider, published on the files they name.
 *
 * Every handler runs under `guard`: an exception is logged to the client's console and answered
 * with an empty result, so one failing request never stops the server.
 */
import { INTERNAL_ERROR } from '../core/rules/engine-findings';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type Connection,
  type Diagnostic,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigResolver, type ConfigHost, type ResolvedConfig } from '../core/config-chain';
import { CONFIG_FILE_NAMES } from '../core/config';
import { taxonomyDocUrl } from '../core/docs-url';
import { LINKS } from '../cli/package-info';
import { lint, todayUtc, utf8Length, type LintInput, type LintResult } from '../core/engine';
import { fixAllTexts, fixKeepsHeadings } from '../core/fix';
import { impactCompletions, impactHoverAt, releaseCompletions, releaseHoverAt, type Help, type HelpOptions } from '../core/help';
import { parseImpact } from '../core/impact/parse';
import { declaresReleasePlan, IMPACT_FILE_RE, pairInFolder, RELEASE_FILE_RE, type PairFiles } from '../core/pairs';
import { parseRelease } from '../core/release/parse';
import { allRules } from '../core/rules';
import { disableFileEdit, disableLineEdit } from '../core/suppress';
import { SourceText } from '../core/source-text';
import type { FileKind, Finding, Fix, Rule } from '../core/types';
import { discoveryProvider } from '../cli/discovery';
import { isIgnored } from '../cli/find-pairs';
import { readTextHead, readTextSync } from '../cli/fs-host';
import type { ProviderContext } from '../cli/lint';
import { nodeFileHost } from '../cli/node-file-host';
import { buildLintInput } from '../core/lint-input';
import type { FileHost } from '../core/file-host';
import {
  CONFIG_RULE,
  DIAGNOSTIC_SOURCE,
  minimalChange,
  pathToUri,
  sameDiagnostic,
  toCompletionItems,
  toDiagnostic,
  toTextEdit,
  uriToPath,
} from './convert';

/** `source.fixAll.impactNotes`: fix-on-save and "fix all" for clients that ask for it by kind. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.impactNotes`;
export const DEFAULT_DEBOUNCE_MS = 300;
const DISCOVERY_DEBOUNCE_MS = 500;
// The taxonomy link only when package.json names where the project lives (never a placeholder).
const HELP_OPTIONS: HelpOptions = { taxonomyDocUrl: taxonomyDocUrl(LINKS) };
const CONFIG_NAME_SET = new Set(CONFIG_FILE_NAMES);
/** Enough of a lone release.yaml to see whether it declares `impact-release:` (as the CLI reads it). */
const DECLARATION_HEAD = 8 * 1024 * 1024;

export interface ServerOptions {
  /** "Today" for date rules (default: the IMPACT_NOTES_TODAY environment variable, as the CLI, else the UTC date). */
  today?: () => Date;
  /** The rules to lint with (default: all of them; tests add their own). */
  rules?: readonly Rule[];
}

/** Options a client may pass in `initializationOptions` (and, under `impactNotes`, in its settings). */
interface ClientOptions {
  debounceMs?: number;
  discovery?: boolean;
}

interface PairState {
  dir: string;
  pair?: PairFiles;
  /** Bumped by every edit and every lint; a lint publishes only if it is still the newest. */
  generation: number;
  timer?: NodeJS.Timeout;
  input?: LintInput;
  result?: LintResult;
  /** URIs this pair's last lint published on. */
  published: Set<string>;
}

function todayFromEnv(): Date {
  const v = process.env.IMPACT_NOTES_TODAY;
  const m = v ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : todayUtc();
}

type FileRole = FileKind | 'config';

function roleOf(file: string): FileRole | undefined {
  const base = path.basename(file);
  if (IMPACT_FILE_RE.test(base)) return 'impact';
  if (RELEASE_FILE_RE.test(base)) return 'release';
  if (CONFIG_NAME_SET.has(base)) return 'config';
  return undefined;
}

export class ImpactNotesServer {
  readonly documents = new TextDocuments(TextDocument);
  private readonly pairs = new Map<string, PairState>();
  /** Open documents by file path (their URI as the client spells it). */
  private readonly openPaths = new Map<string, string>();
  private resolver: ConfigResolver;
  private readonly configHost: ConfigHost;
  private readonly workspaceFolders: string[] = [];
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private discoveryEnabled = true;
  private snippets = false;
  private watchRegistration = false;
  /** Diagnostics per URI, by who published them; a URI gets the union. */
  private readonly lintDiags = new Map<string, Diagnostic[]>();
  private readonly discoveryDiags = new Map<string, Diagnostic[]>();
  private readonly configDiags = new Map<string, Diagnostic[]>();
  private discoveryGeneration = 0;
  private discoveryTimer?: NodeJS.Timeout;
  private configTimer?: NodeJS.Timeout;
  /** Settles when the current discovery run has published (tests and the benchmark wait on it). */
  discoveryDone: Promise<void> = Promise.resolve();
  private readonly today: () => Date;
  /** Pair files for linting: the open documents' texts, else the disk (guarded). */
  private readonly files: FileHost;
  private readonly rules: readonly Rule[];

  constructor(
    private readonly connection: Connection,
    options: ServerOptions = {},
  ) {
    this.today = options.today ?? todayFromEnv;
    this.rules = options.rules ?? allRules;
    this.configHost = {
      read: async (file) => this.openText(file) ?? readTextSync(file),
      dirname: (p) => path.dirname(p),
      join: (dir, name) => path.join(dir, name),
    };
    this.resolver = new ConfigResolver(this.configHost, this.rules);
    this.files = nodeFileHost({ openText: (f) => this.openText(f) });
    this.register();
  }

  // ---- wiring -----------------------------------------------------------------------------------

  private register(): void {
    const c = this.connection;
    c.onInitialize((params) => this.guard('initialize', () => this.initialize(params), { capabilities: {} }));
    c.onInitialized(() => this.guard('initialized', () => this.initialized(), undefined));
    this.documents.onDidOpen((e) =>
      this.guard(
        'didOpen',
        () => {
          const p = uriToPath(e.document.uri);
          if (p) this.openPaths.set(p, e.document.uri);
          this.changed(e.document.uri, 0);
        },
        undefined,
      ),
    );
    this.documents.onDidChangeContent((e) => this.guard('didChange', () => this.changed(e.document.uri, this.debounceMs), undefined));
    this.documents.onDidSave((e) => this.guard('didSave', () => this.saved(e.document.uri), undefined));
    this.documents.onDidClose((e) =>
      this.guard(
        'didClose',
        () => {
          const p = uriToPath(e.document.uri);
          if (p && this.openPaths.get(p) === e.document.uri) this.openPaths.delete(p);
          this.closed(e.document.uri);
        },
        undefined,
      ),
    );
    c.onCodeAction((p) => this.guardAsync('codeAction', () => this.codeActions(p), []));
    c.onHover((p) => this.guardAsync('hover', () => this.hover(p), null));
    c.onCompletion((p) => this.guardAsync('completion', () => this.completion(p), []));
    c.onDidChangeWatchedFiles((p) => this.guard('didChangeWatchedFiles', () => this.watchedFilesChanged(p.changes), undefined));
    c.onDidChangeConfiguration((p) => this.guard('didChangeConfiguration', () => this.configurationChanged(p.settings), undefined));
    c.onShutdown(() => this.guard('shutdown', () => this.dispose(), undefined));
    this.documents.listen(c);
  }

  private log(message: string): void {
    this.connection.console.error(`impact-notes: ${message}`);
  }

  private failed(name: string, err: unknown): void {
    this.log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  /** Runs a handler; an exception is logged and answered with `fallback`. */
  private guard<T>(name: string, fn: () => T, fallback: T): T {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((err: unknown) => this.failed(name, err));
      return r;
    } catch (err) {
      this.failed(name, err);
      return fallback;
    }
  }

  private async guardAsync<T>(name: string, fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.failed(name, err);
      return fallback;
    }
  }

  private initialize(params: InitializeParams): InitializeResult {
    const opts = (params.initializationOptions ?? {}) as ClientOptions;
    this.applyOptions(opts);
    this.snippets = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    this.watchRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const folders = params.workspaceFolders?.length
      ? params.workspaceFolders.map((f) => uriToPath(f.uri))
      : [params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined)];
    for (const f of folders) if (f && !this.workspaceFolders.includes(f)) this.workspaceFolders.push(f);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '[', '{', ','] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: 'impact-notes' },
    };
  }

  private applyOptions(opts: ClientOptions | undefined): void {
    if (!opts || typeof opts !== 'object') return;
    if (typeof opts.debounceMs === 'number' && opts.debounceMs >= 0 && opts.debounceMs <= 10000) this.debounceMs = opts.debounceMs;
    if (typeof opts.discovery === 'boolean') this.discoveryEnabled = opts.discovery;
  }

  private initialized(): void {
    if (this.watchRegistration) {
      const names = ['IMPACT.md', 'impact.md', 'release.yaml', 'release.yml', ...CONFIG_FILE_NAMES].join(',');
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: `**/{${names}}` },
            // Research artifacts appearing or going away change what discovery reports.
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          ],
        })
        .catch((err: unknown) => this.failed('registering file watchers', err));
    }
    this.scheduleDiscovery(0);
  }

  private dispose(): void {
    for (const s of this.pairs.values()) clearTimeout(s.timer);
    clearTimeout(this.discoveryTimer);
    clearTimeout(this.configTimer);
  }

  // ---- documents --------------------------------------------------------------------------------

  /** The open document for a file path, if any. */
  private docFor(file: string): TextDocument | undefined {
    const uri = this.openPaths.get(file);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  /** The text of a file open in the editor (unsaved edits included). */
  private openText(file: string): string | undefined {
    return this.docFor(file)?.getText();
  }

  private uriFor(file: string): string {
    return this.docFor(file)?.uri ?? pathToUri(file);
  }

  private changed(uri: string, delay: number): void {
    const file = uriToPath(uri);
    if (!file) return;
    const role = roleOf(file);
    if (role === 'config') {
      // Unsaved edits to a configuration file apply at once, as the extension does.
      this.scheduleConfigReload(delay);
      return;
    }
    if (!role) return;
    this.schedulePair(path.dirname(file), delay);
  }

  private saved(uri: string): void {
    const file = uriToPath(uri);
    if (!file) return;
    // Discovery reads release plans from disk: a saved plan may cover (or stop covering) artifacts.
    if (roleOf(file)) this.scheduleDiscovery(DISCOVERY_DEBOUNCE_MS);
  }

  private closed(uri: string): void {
    const file = uriToPath(uri);
    if (!file) return;
    const role = roleOf(file);
    if (role === 'config') {
      this.scheduleConfigReload(0);
      return;
    }
    if (!role) return;
    const dir = path.dirname(file);
    const state = this.pairs.get(dir);
    if (!state) return;
    const stillOpen = [state.pair?.impact, state.pair?.release].some((f) => f && this.docFor(f));
    if (stillOpen) {
      this.schedulePair(dir, 0); // the closed file is read from disk again
      return;
    }
    clearTimeout(state.timer);
    state.generation++;
    for (const u of state.published) this.lintDiags.delete(u);
    const published = [...state.published];
    this.pairs.delete(dir);
    for (const u of published) this.publish(u);
  }

  // ---- linting ----------------------------------------------------------------------------------

  private schedulePair(dir: string, delay: number): void {
    let state = this.pairs.get(dir);
    if (!state) {
      state = { dir, generation: 0, published: new Set() };
      this.pairs.set(dir, state);
    }
    const s = state;
    s.generation++;
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.lintPair(s).catch((err: unknown) => this.failed(`linting ${dir}`, err));
    }, delay);
  }

  /** The pair in a folder, as the CLI finds it, with open documents read from the editor. */
  private async pairIn(dir: string): Promise<PairFiles | undefined> {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      // The folder may not exist yet (an unsaved new file): only open documents count then.
    }
    for (const p of this.openPaths.keys()) {
      if (path.dirname(p) === dir && !names.includes(path.basename(p))) names.push(path.basename(p));
    }
    const found = await pairInFolder(dir, names, (d, n) => path.join(d, n), async (p) => this.openText(p) ?? readTextHead(p, DECLARATION_HEAD));
    if (found) return found;
    return undefined;
  }

  /** Lints a pair now; publishes only if no newer edit or lint came in meanwhile. */
  async lintPair(state: PairState): Promise<void> {
    const gen = ++state.generation;
    const pair = await this.pairIn(state.dir);
    const resolved = pair ? await this.resolver.resolve(state.dir) : undefined;
    if (gen !== state.generation) return; // a newer edit: its own lint publishes
    this.publishConfigProblems(resolved);
    const input = pair && resolved ? (await buildLintInput(this.files, pair, resolved, { today: this.today(), rules: this.rules }))?.input : undefined;
    if (gen !== state.generation) return;
    const result = input ? lint(input) : undefined;
    if (gen !== state.generation) return;
    state.pair = pair;
    state.input = input;
    state.result = result;
    this.publishPair(state);
  }

  private publishPair(state: PairState): void {
    const byUri = new Map<string, Diagnostic[]>();
    const pair = state.pair;
    const targets = [pair?.impact, pair?.release].filter((f): f is string => !!f);
    for (const f of targets) byUri.set(this.uriFor(f), []);
    for (const f of state.result?.findings ?? []) {
      const file = targets.includes(f.path) ? f.path : f.file === 'release' ? pair?.release : f.file === 'impact' ? pair?.impact : (pair?.impact ?? pair?.release);
      if (!file) continue;
      const uri = this.uriFor(file);
      (byUri.get(uri) ?? byUri.set(uri, []).get(uri)!).push(toDiagnostic(f, this.hasBom(file)));
    }
    const old = state.published;
    state.published = new Set(byUri.keys());
    for (const u of old) if (!byUri.has(u)) this.lintDiags.delete(u);
    for (const [u, d] of byUri) this.lintDiags.set(u, d);
    for (const u of new Set([...old, ...byUri.keys()])) this.publish(u);
  }

  private hasBom(file: string): boolean {
    return this.openText(file)?.charCodeAt(0) === 0xfeff;
  }

  private publish(uri: string): void {
    const diagnostics = [...(this.lintDiags.get(uri) ?? []), ...(this.discoveryDiags.get(uri) ?? []), ...(this.configDiags.get(uri) ?? [])];
    const doc = this.documents.get(uri);
    void this.connection.sendDiagnostics({ uri, version: doc?.version, diagnostics });
  }

  // ---- configuration ----------------------------------------------------------------------------

  private publishConfigProblems(resolved: ResolvedConfig | undefined): void {
    if (!resolved) return;
    const byUri = new Map<string, Diagnostic[]>();
    for (const f of resolved.files) byUri.set(this.uriFor(f), []);
    for (const p of resolved.problems) {
      const uri = this.uriFor(p.file);
      const line = Math.max(0, p.line - 1);
      const text = this.openText(p.file) ?? readTextSync(p.file) ?? '';
      const lineLength = new SourceText(p.file, text).lineText(line).length;
      const d: Diagnostic = {
        range: { start: { line, character: Math.min(lineLength, Math.max(0, p.column - 1)) }, end: { line, character: lineLength } },
        severity: 1,
        code: CONFIG_RULE,
        source: DIAGNOSTIC_SOURCE,
        message: p.message,
      };
      (byUri.get(uri) ?? byUri.set(uri, []).get(uri)!).push(d);
    }
    for (const [uri, diags] of byUri) {
      const before = JSON.stringify(this.configDiags.get(uri) ?? []);
      this.configDiags.set(uri, diags);
      if (before !== JSON.stringify(diags)) this.publish(uri);
    }
  }

  private scheduleConfigReload(delay: number): void {
    clearTimeout(this.configTimer);
    this.configTimer = setTimeout(() => {
      this.configTimer = undefined;
      this.guard('reloading configuration', () => this.reloadConfig(), undefined);
    }, delay);
  }

  /** Configuration files changed (on disk, in an editor, or the client says so): read them again, lint everything again. */
  private reloadConfig(): void {
    this.resolver = new ConfigResolver(this.configHost, this.rules);
    // Problems in an open configuration file show even when no open pair uses it.
    const checks: Promise<void>[] = [];
    for (const p of this.openPaths.keys()) {
      if (roleOf(p) === 'config') checks.push(this.resolver.resolve(path.dirname(p)).then((r) => this.publishConfigProblems(r)));
    }
    // A file no longer read (or fixed) loses its problems.
    for (const [uri, diags] of this.configDiags) {
      if (diags.length) {
        this.configDiags.set(uri, []);
        this.publish(uri);
      }
    }
    Promise.all(checks).catch((err: unknown) => this.failed('reading configuration', err));
    for (const dir of this.pairs.keys()) this.schedulePair(dir, 0);
    this.scheduleDiscovery(0);
  }

  private configurationChanged(settings: unknown): void {
    const ours = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).impactNotes : undefined;
    this.applyOptions(ours as ClientOptions | undefined);
    this.reloadConfig();
  }

  private watchedFilesChanged(changes: readonly { uri: string; type: FileChangeType }[]): void {
    let config = false;
    let discovery = false;
    for (const ch of changes) {
      const file = uriToPath(ch.uri);
      if (!file) continue;
      const role = roleOf(file);
      discovery = true;
      if (role === 'config') config = true;
      else if (role) {
        const dir = path.dirname(file);
        // An open document is the editor's text; anything else in a linted pair is read again.
        if (this.pairs.has(dir) && !(ch.type === FileChangeType.Changed && this.docFor(file))) this.schedulePair(dir, 0);
      }
    }
    if (config) this.scheduleConfigReload(0);
    else if (discovery) this.scheduleDiscovery(DISCOVERY_DEBOUNCE_MS);
  }

  // ---- discovery --------------------------------------------------------------------------------

  private scheduleDiscovery(delay: number): void {
    if (!this.discoveryEnabled || !this.workspaceFolders.length) return;
    clearTimeout(this.discoveryTimer);
    let settle!: () => void;
    this.discoveryDone = new Promise((r) => (settle = r));
    this.discoveryTimer = setTimeout(() => {
      this.discoveryTimer = undefined;
      this.discover()
        .catch((err: unknown) => this.failed('looking for research artifacts', err))
        .finally(settle);
    }, delay);
  }

  /** Runs the CLI's discovery over every workspace folder; publishes findings on the files they name. */
  private async discover(): Promise<void> {
    const gen = ++this.discoveryGeneration;
    const resolver = this.resolver;
    const findings: Finding[] = [];
    const provider = discoveryProvider({ onProblem: (p) => this.log(`${p.message}; research artifacts in it were not looked for.`) });
    for (const root of this.workspaceFolders) {
      const configFor = (dir: string) => resolver.resolve(dir);
      const ctx: ProviderContext = {
        cwd: root,
        roots: [root],
        pairs: [],
        configFor,
        isIgnored: async (abs, isDir) => isIgnored(abs, (await configFor(isDir ? abs : path.dirname(abs))).ignores, isDir),
        today: this.today(),
      };
      findings.push(...(await provider.provide(ctx)));
      if (gen !== this.discoveryGeneration) return;
    }
    const byUri = new Map<string, Diagnostic[]>();
    for (const f of findings) {
      const uri = this.uriFor(f.path);
      (byUri.get(uri) ?? byUri.set(uri, []).get(uri)!).push(toDiagnostic(f, this.hasBom(f.path)));
    }
    const old = [...this.discoveryDiags.keys()];
    this.discoveryDiags.clear();
    for (const [u, d] of byUri) this.discoveryDiags.set(u, d);
    for (const u of new Set([...old, ...byUri.keys()])) this.publish(u);
  }

  // ---- code actions -----------------------------------------------------------------------------

  /** The pair's lint for a document, linting again now when the document changed since. */
  private async freshState(uri: string): Promise<{ state: PairState; kind: FileKind; doc: TextDocument } | undefined> {
    const doc = this.documents.get(uri);
    const file = uriToPath(uri);
    if (!doc || !file) return undefined;
    const role = roleOf(file);
    if (role !== 'impact' && role !== 'release') return undefined;
    const dir = path.dirname(file);
    const matches = (s: PairState | undefined) => {
      const kind = s?.pair?.impact === file ? 'impact' : s?.pair?.release === file ? 'release' : undefined;
      const source = kind === 'impact' ? s?.result?.impact?.source : kind === 'release' ? s?.result?.release?.source : undefined;
      return kind && source && source.text === doc.getText().replace(/^\ufeff/, '') ? kind : undefined;
    };
    let state = this.pairs.get(dir);
    if (!matches(state)) {
      if (!state) {
        state = { dir, generation: 0, published: new Set() };
        this.pairs.set(dir, state);
      }
      clearTimeout(state.timer);
      state.timer = undefined;
      await this.lintPair(state);
    }
    const kind = matches(state);
    return state && kind ? { state, kind, doc } : undefined;
  }

  private sourceOf(state: PairState, kind: FileKind): SourceText | undefined {
    return kind === 'impact' ? state.result?.impact?.source : state.result?.release?.source;
  }

  private fileOf(state: PairState, kind: FileKind): string | undefined {
    return kind === 'impact' ? state.pair?.impact : state.pair?.release;
  }

  /** A core fix (edits to one or both files of the pair) as a workspace edit. */
  private fixEdit(state: PairState, fix: Fix): WorkspaceEdit | undefined {
    const changes: Record<string, { range: import('vscode-languageserver').Range; newText: string }[]> = {};
    for (const e of fix.edits) {
      const source = this.sourceOf(state, e.file);
      const file = this.fileOf(state, e.file);
      if (!source || !file) return undefined;
      const uri = this.uriFor(file);
      (changes[uri] ??= []).push(toTextEdit(source, e.range, e.newText, this.hasBom(file)));
    }
    return { changes };
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const wantFixAll = !!only && only.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`));
    const wantQuickFix = wants(CodeActionKind.QuickFix);
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code !== undefined);
    if (!wantFixAll && (!wantQuickFix || !ours.length)) return [];
    const fresh = await this.freshState(params.textDocument.uri);
    if (!fresh) return [];
    const { state, kind, doc } = fresh;
    const actions: CodeAction[] = [];
    if (wantFixAll) {
      const edit = this.fixAllEdit(state, kind, doc);
      actions.push({ title: 'Fix all auto-fixable Impact Notes problems', kind: FIX_ALL_KIND, edit: edit ?? { changes: {} } });
      if (!wantQuickFix || !ours.length) return actions;
    }
    const file = this.fileOf(state, kind)!;
    const bom = this.hasBom(file);
    const source = this.sourceOf(state, kind)!;
    const suppressSeen = new Set<string>();
    let withFix = false;
    for (const d of ours) {
      const rule = String(d.code);
      const same = (state.result?.findings ?? []).filter((f) => (f.path === file || f.file === kind) && sameDiagnostic(f, d, bom));
      const finding = same.find((f) => f.message === d.message) ?? same[0];
      // A fix that would pull a heading into a list or paragraph is not offered (fix-all leaves it out too).
      if (finding?.fix && fixKeepsHeadings(state.result?.impact, finding.fix)) {
        const edit = this.fixEdit(state, finding.fix);
        if (edit) {
          actions.push({ title: finding.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit });
          withFix = true;
        }
      }
      for (const s of finding?.suggestions ?? []) {
        const edit = this.fixEdit(state, s);
        if (edit) actions.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
      }
      if (rule === INTERNAL_ERROR || rule === CONFIG_RULE) continue;
      const lineKey = `${rule}:${d.range.start.line}`;
      if (!suppressSeen.has(lineKey)) {
        suppressSeen.add(lineKey);
        const e = disableLineEdit(source, kind, rule, d.range.start.line);
        if (e) actions.push({ title: `Disable ${rule} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [toTextEdit(source, e.range, e.newText, bom)] } } });
      }
      if (!suppressSeen.has(rule)) {
        suppressSeen.add(rule);
        const e = disableFileEdit(source, kind, rule);
        if (e) actions.push({ title: `Disable ${rule} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [toTextEdit(source, e.range, e.newText, bom)] } } });
      }
    }
    const fixable = (state.result?.findings ?? []).filter((f) => f.fix && f.fix.edits.every((e) => e.file === kind)).length;
    if (withFix && fixable > 1) {
      const edit = this.fixAllEdit(state, kind, doc);
      if (edit) actions.push({ title: 'Fix all auto-fixable Impact Notes problems in this file', kind: CodeActionKind.QuickFix, edit });
    }
    return actions;
  }

  /** Every preferred fix for one document, by the core's fix loop, as one minimal edit. */
  private fixAllEdit(state: PairState, kind: FileKind, doc: TextDocument): WorkspaceEdit | undefined {
    const input = state.input;
    const file = input && (kind === 'impact' ? input.impact : input.release);
    // A file left unread (above maxFileSize, not a regular file) has nothing to fix.
    if (!input || !file || file.size !== undefined || file.unreadable !== undefined) return undefined;
    const after = fixAllTexts(input, [kind])[kind];
    if (after === undefined) return undefined;
    const before = doc.getText();
    const change = minimalChange(before, after);
    if (!change) return undefined;
    return { changes: { [doc.uri]: [{ range: { start: doc.positionAt(change.start), end: doc.positionAt(change.end) }, newText: change.newText }] } };
  }

  // ---- hover and completion ---------------------------------------------------------------------

  /** The document, its role and text, when it is ours and small enough to read (maxFileSize). */
  private async helpTarget(uri: string): Promise<{ doc: TextDocument; kind: FileKind; file: string; text: string; bom: number } | undefined> {
    const doc = this.documents.get(uri);
    const file = uriToPath(uri);
    if (!doc || !file) return undefined;
    const role = roleOf(file);
    if (role !== 'impact' && role !== 'release') return undefined;
    const raw = doc.getText();
    const { config } = await this.resolver.resolve(path.dirname(file));
    if (raw.length * 3 > config.maxFileSize && utf8Length(raw) > config.maxFileSize) return undefined;
    if (role === 'release' && !declaresReleasePlan(raw)) {
      // A release.yaml of another tool is never claimed: only a plan beside an IMPACT.md counts.
      const pair = await this.pairIn(path.dirname(file));
      if (pair?.release !== file) return undefined;
    }
    const bom = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { doc, kind: role, file, text: raw.slice(bom), bom };
  }

  private async hover(params: HoverParams): Promise<Hover | null> {
    const t = await this.helpTarget(params.textDocument.uri);
    if (!t) return null;
    const offset = Math.max(0, t.doc.offsetAt(params.position) - t.bom);
    const help: Help | undefined =
      t.kind === 'impact' ? impactHoverAt(parseImpact(t.file, t.text), offset, HELP_OPTIONS) : releaseHoverAt(parseRelease(t.file, t.text), offset, HELP_OPTIONS);
    if (!help) return null;
    return {
      contents: { kind: 'markdown', value: help.markdown },
      range: { start: t.doc.positionAt(help.range.start + t.bom), end: t.doc.positionAt(help.range.end + t.bom) },
    };
  }

  private async completion(params: CompletionParams): Promise<CompletionItem[]> {
    const t = await this.helpTarget(params.textDocument.uri);
    if (!t) return [];
    const offset = Math.max(0, t.doc.offsetAt(params.position) - t.bom);
    const set = t.kind === 'release' ? releaseCompletions(t.text, offset) : impactCompletions(t.text, offset);
    if (!set || !set.items.length) return [];
    // A typed space only opens the list where a value belongs, not while indenting for a key.
    if (params.context?.triggerKind === 2 && params.context.triggerCharacter === ' ' && set.items[0]?.kind === 'key') return [];
    const source = new SourceText(t.file, t.text);
    const line = source.positionAt(set.range.start).line;
    return toCompletionItems(
      set,
      source,
      {
        snippets: this.snippets,
        lineIndent: /^[ \t]*/.exec(source.lineText(line))![0],
        indentUnit: '  ',
        afterColon: set.range.start > 0 && t.text[set.range.start - 1] === ':',
      },
      t.bom === 1,
    );
  }
}

/** Starts the server on a connection (the caller calls `connection.listen()`). */
export function startServer(connection: Connection, options: ServerOptions = {}): ImpactNotesServer {
  return new ImpactNotesServer(connection, options);
}
