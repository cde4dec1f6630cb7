/**
 * The report webview: one panel per assessment, rendered by the core's renderReportHtml with a
 * fresh nonce per render, the webview's CSP source and clickable findings. Scripts are enabled
 * only for that one nonce'd script; localResourceRoots is media/ (nothing is loaded from it, but
 * nothing else may be either); command URIs are off. The panel re-renders when the lint service
 * reports a new result for its pair, and a `reveal` message opens the source range it names
 * (validated: only the pair's two files, only whole-number positions).
 */
import type { ProvenanceSummary } from '../../core/provenance/credentials';
import { posix } from '../../core/util/posix-path';
import * as vscode from 'vscode';
import { todayUtc } from '../../core/engine';
import { buildReport, renderReportHtml, type ReportModel } from '../../core/report';
import type { PairState } from '../lint-service';
import { listen } from '../listeners';
import type { Services } from '../services';
import { pairLabel } from './pick';

export const REPORT_VIEW_TYPE = 'impactNotes.report';

export interface RevealMessage {
  type: 'reveal';
  file: 'impact' | 'release';
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const MAX_POS = 10_000_000;

function position(v: unknown): { line: number; character: number } | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const { line, character } = v as { line?: unknown; character?: unknown };
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_POS;
  return ok(line) && ok(character) ? { line, character } : undefined;
}

/** The webview's messages are untrusted input: anything that is not a well-formed reveal is dropped. */
export function parseRevealMessage(msg: unknown): RevealMessage | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  if (m.type !== 'reveal' || (m.file !== 'impact' && m.file !== 'release')) return undefined;
  const start = position(m.start);
  const end = position(m.end);
  if (!start || !end) return undefined;
  return { type: 'reveal', file: m.file, start, end };
}

export function makeNonce(): string {
  // Web Crypto: in Node (20 and later) and in the web worker alike. 18 random bytes, base64url.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

/**
 * Where the panel gets the Provenance section from: the provenance feature (Node hosts only, it
 * reads sample bytes) registers its summaries here; elsewhere the section is left out.
 */
export interface ProvenanceSource {
  summaryFor(releaseUri: vscode.Uri): ProvenanceSummary | undefined;
  /** Calls `handler` with a plan's URI whenever its samples were checked again (a counted listener). */
  subscribe(handler: (plan: vscode.Uri) => void): vscode.Disposable;
}
let provenanceSource: ProvenanceSource | undefined;
const provenanceSourceSet = new vscode.EventEmitter<void>();

/** Called by the provenance feature once it runs; open panels re-render with the section. */
export function useProvenanceSource(source: ProvenanceSource): vscode.Disposable {
  provenanceSource = source;
  provenanceSourceSet.fire();
  return { dispose: () => (provenanceSource === source ? (provenanceSource = undefined) : undefined) };
}

export class ReportPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** The HTML last given to the webview (tests read it). */
  html = '';
  /** The model last rendered. */
  model: ReportModel | undefined;
  /** How many times the panel was rendered. */
  renders = 0;
  private readonly renderedEmitter = new vscode.EventEmitter<ReportPanel>();
  /** Fires after each render. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    services: Services,
    public state: PairState,
    private readonly today: () => Date = todayUtc,
    column: vscode.ViewColumn = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
  ) {
    const media = vscode.Uri.joinPath(services.context.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, `Impact report: ${pairLabel(state)}`, column, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [media],
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'impact-notes.svg');
    this.disposables.push(
      this.renderedEmitter,
      listen(this.panel.onDidDispose, () => this.dispose(), 'report panel: webview disposed'),
      listen(
        this.panel.webview.onDidReceiveMessage,
        (msg: unknown) => {
          this.onMessage(msg).then(undefined, (err: unknown) => services.log.error('Could not open the source of a report item', err));
        },
        'report panel: messages',
      ),
      listen(
        services.lintService.onDidUpdate,
        (s) => {
          if (s && s.key !== this.state.key) return;
          const fresh = s ?? services.lintService.pairs().find((p) => p.key === this.state.key);
          if (!fresh) return;
          this.state = fresh;
          this.render();
        },
        'report panel: lint updates',
      ),
      listen(provenanceSourceSet.event, () => this.watchProvenance(), 'report panel: provenance source'),
    );
    this.watchProvenance();
    this.render();
  }

  get key(): string {
    return this.state.key;
  }

  private provenanceListener: vscode.Disposable | undefined;

  /** Re-renders when the provenance of this pair's plan is (re)checked. */
  private watchProvenance(): void {
    this.provenanceListener?.dispose();
    const source = provenanceSource;
    if (!source) return;
    this.provenanceListener = source.subscribe((uri) => {
      if (this.state.releaseUri && uri.toString() === this.state.releaseUri.toString()) this.render();
    });
    this.disposables.push(this.provenanceListener);
  }

  render(): void {
    if (this.disposed) return;
    const s = this.state;
    const name = (u: vscode.Uri | undefined) => (u ? posix.basename(u.path) : undefined);
    const provenance = s.releaseUri ? provenanceSource?.summaryFor(s.releaseUri) : undefined;
    this.model = buildReport({ result: s.result, today: this.today(), folder: pairLabel(s), fileNames: { impact: name(s.impactUri), release: name(s.releaseUri) }, provenance });
    this.html = renderReportHtml(this.model, { nonce: makeNonce(), cspSource: this.panel.webview.cspSource, clickable: true });
    this.panel.webview.html = this.html;
    this.panel.title = `Impact report: ${pairLabel(s)}`;
    this.renders++;
    this.renderedEmitter.fire(this);
  }

  /** Opens the file and range a reveal message names, beside the report. */
  async reveal(message: RevealMessage): Promise<vscode.TextEditor | undefined> {
    const uri = message.file === 'impact' ? this.state.impactUri : this.state.releaseUri;
    if (!uri) return undefined;
    const doc = await vscode.workspace.openTextDocument(uri);
    const clamp = (p: { line: number; character: number }) => doc.validatePosition(new vscode.Position(p.line, p.character));
    const range = new vscode.Range(clamp(message.start), clamp(message.end));
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private async onMessage(msg: unknown): Promise<void> {
    const reveal = parseRevealMessage(msg);
    if (reveal) await this.reveal(reveal);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
