/**
 * Provenance in the editor: `content-credentials-missing` for plans that declare C2PA Content
 * Credentials (re-judged on every lint of the plan, and when a sample under the plan's folder is
 * added, changed or removed; credentials are cached by size and modification time, so only new or
 * changed samples are read), and `artifact-checksum-mismatch`, whose hashing runs only on demand:
 * the command *Check Provenance* and saving a release plan. The quick fix writes the current digest.
 *
 * Local folders only (file: URIs): samples are read through Node (src/core/provenance/node.ts),
 * which loads the C2PA chunk the first time a plan declares content credentials.
 */
import { useProvenanceSource } from './report/panel';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HashResult } from '../core/provenance/findings';
import { provenanceFindings } from '../core/provenance/findings';
import { HashCache } from '../core/provenance/cache';
import { hashChecksums, readSamples, ReportCache } from '../core/provenance/node';
import { summarizeProvenance, VERDICT_LABEL, type ProvenanceSummary } from '../core/provenance/credentials';
import { needsProvenance, readProvenancePlan } from '../core/provenance/plan';
import type { Finding } from '../core/types';
import { registerCommands } from './command-registry';
import { listen, watch } from './listeners';
import { DIAGNOSTIC_SOURCE, ruleOf, toDiagnostic } from './diagnostics';
import type { PairState } from './lint-service';
import type { Services } from './services';
import type { TreeNode } from './tree/tree-model';

export class ProvenanceService implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-provenance`);
  private readonly hashCache = new HashCache();
  private readonly reportCache = new ReportCache();
  /** Digests from the last on-demand run, per absolute file. */
  private readonly hashes = new Map<string, HashResult>();
  /** How each plan's samples stand (plans that declare content credentials), per plan URI. */
  readonly summaries = new Map<string, { plan: vscode.Uri; folder: vscode.Uri; summary: ProvenanceSummary }>();
  /** The findings behind the diagnostics, per plan URI (for quick fixes). */
  private readonly findings = new Map<string, { version?: number; findings: Finding[] }>();
  private readonly generations = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the plan's URI after its provenance diagnostics were set. */
  readonly onDidUpdate = this.emitter.event;

  constructor(private readonly services: Services) {
    this.disposables.push(this.emitter);
  }

  start(): void {
    const lint = this.services.lintService;
    this.disposables.push(
      listen(lint.onDidUpdate, (s) => s && void this.update(s, false), 'provenance: lint updated'),
      listen(
        vscode.workspace.onDidSaveTextDocument,
        (doc) => {
          const s = lint.pairFor(doc.uri);
          if (s?.releaseUri?.toString() === doc.uri.toString()) void this.update(s, true);
        },
        'provenance: plan saved',
      ),
    );
    // A sample added, changed or removed: judge the plans above it again.
    const w = watch('**/*', false, false, false, 'provenance: files');
    const onFile = (uri: vscode.Uri) => {
      for (const s of lint.pairs()) {
        if (!s.releaseUri || uri.scheme !== 'file' || uri.toString() === s.releaseUri.toString()) continue;
        if (uri.path.startsWith(s.folder.path.endsWith('/') ? s.folder.path : `${s.folder.path}/`)) this.schedule(s);
      }
    };
    this.disposables.push(w, listen(w.onDidCreate, onFile, 'provenance: file created'), listen(w.onDidChange, onFile, 'provenance: file changed'), listen(w.onDidDelete, onFile, 'provenance: file deleted'));
  }

  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private schedule(s: PairState): void {
    const key = s.releaseUri!.toString();
    const plan = s.result.release && readProvenancePlan(s.result.release);
    if (!plan?.c2pa || !plan.samples.length) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const fresh = this.services.lintService.pairFor(s.releaseUri!) ?? s;
        void this.update(fresh, false);
      }, 300),
    );
  }

  /** Every plan the lint service knows, with hashing. */
  async checkAll(): Promise<number> {
    let n = 0;
    for (const s of this.services.lintService.pairs()) {
      if (!s.releaseUri) continue;
      await this.update(s, true);
      n++;
    }
    return n;
  }

  /** The findings currently shown for a plan. */
  findingsFor(uri: vscode.Uri): Finding[] {
    return this.findings.get(uri.toString())?.findings ?? [];
  }

  async update(s: PairState, hash: boolean): Promise<void> {
    const uri = s.releaseUri;
    const release = s.result.release;
    if (!uri || !release) return;
    const key = uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    try {
      const provenance = readProvenancePlan(release);
      if (uri.scheme !== 'file' || !needsProvenance(provenance)) {
        this.summaries.delete(key);
        this.set(uri, s, []);
        return;
      }
      const dir = path.dirname(uri.fsPath);
      let samples: Awaited<ReturnType<typeof readSamples>> | undefined;
      if (provenance.c2pa && provenance.samples.length) {
        const files = await this.sampleFiles(s.folder, provenance.samples.flatMap((a) => a.globs.map((g) => g.glob)));
        samples = await readSamples(dir, provenance, files, s.config, this.reportCache);
      }
      if (hash) {
        const fresh = await hashChecksums(dir, provenance, this.hashCache);
        for (const [rel, r] of fresh) this.hashes.set(path.join(dir, ...rel.split('/')), r);
      }
      const known = new Map<string, HashResult>();
      for (const c of provenance.checksums) {
        const r = c.file && this.hashes.get(path.join(dir, ...c.file.split('/')));
        if (c.file && r) known.set(c.file, r);
      }
      if (this.generations.get(key) !== generation) return; // a newer run started
      if (samples) this.summaries.set(key, { plan: uri, folder: s.folder, summary: summarizeProvenance(samples.samples.map((x) => ({ file: x.sample.file, report: x.report }))) });
      else this.summaries.delete(key);
      const findings = provenanceFindings({ plan: release, planPath: uri.fsPath, provenance, config: s.config, samples: samples?.samples, hashes: known, problem: samples?.problem });
      this.set(uri, s, findings);
    } catch (err) {
      this.services.log.error(`checking provenance for ${vscode.workspace.asRelativePath(uri)} failed`, err);
    }
  }

  private set(uri: vscode.Uri, s: PairState, findings: Finding[]): void {
    // Plans without provenance claims (most of them): nothing to clear, no event on every keystroke.
    if (!findings.length && !this.findings.get(uri.toString())?.findings.length && !this.summaries.has(uri.toString())) {
      this.findings.set(uri.toString(), { version: s.releaseVersion, findings });
      return;
    }
    this.findings.set(uri.toString(), { version: s.releaseVersion, findings });
    this.diagnostics.set(uri, findings.map((f) => toDiagnostic(f, this.services.docsBase)));
    this.emitter.fire(uri);
  }

  /** Files under the plan's folder that the samples globs (or the folders they name) match, relative. */
  private async sampleFiles(folder: vscode.Uri, globs: string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const g of globs) {
      for (const pattern of [g, `${g}/**`]) {
        for (const u of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), undefined, 5000)) {
          out.add(path.posix.relative(folder.path, u.path));
        }
      }
    }
    return [...out].sort();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

/** The quick fix of artifact-checksum-mismatch: write the current digest. */
class ChecksumFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  constructor(private readonly service: ProvenanceService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const findings = this.service.findingsFor(document.uri);
    for (const d of context.diagnostics) {
      if (ruleOf(d) !== 'artifact-checksum-mismatch') continue;
      const f = findings.find((x) => x.fix && x.start.line === d.range.start.line && x.start.character === d.range.start.character && x.message === d.message);
      if (!f?.fix) continue;
      const e = f.fix.edits[0];
      const range = new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end));
      // Only when the text still reads as it did when the digest was compared.
      const old = document.getText(range);
      if (!/^["']?[0-9A-Za-z]*["']?$/.test(old)) continue;
      const a = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [d];
      a.isPreferred = true;
      a.edit = new vscode.WorkspaceEdit();
      a.edit.replace(document.uri, range, e.newText);
      out.push(a);
    }
    return out;
  }
}

export const SAMPLES_SECTION_ID = 'provenance::samples';

/** The tree's "Samples without credentials" group: per plan, the samples that lack valid marking. */
export class SamplesSection implements vscode.Disposable {
  readonly idPrefix = 'provenance::';
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly service: ProvenanceService) {
    this.sub = listen(service.onDidUpdate, () => this.emitter.fire(), 'provenance section: service updated');
  }

  nodes(): TreeNode[] {
    const plans = [...this.service.summaries.values()].filter((x) => x.summary.lacking.length);
    if (!plans.length) return [];
    const total = plans.reduce((n, x) => n + x.summary.lacking.length, 0);
    const group: TreeNode = {
      id: SAMPLES_SECTION_ID,
      kind: 'group',
      label: 'Samples without credentials',
      description: `${total} file${total === 1 ? '' : 's'}`,
      tooltip: 'Published samples that the release plan says carry C2PA Content Credentials, and that do not carry valid ones marking them as generated.',
      icon: { id: 'unverified', color: 'problemsErrorIcon.foreground' },
      contextValue: 'impactNotes.group.samplesWithoutCredentials',
      expanded: true,
      children: [],
    };
    for (const { plan, folder, summary } of plans) {
      const parent: TreeNode =
        plans.length > 1
          ? { id: `${SAMPLES_SECTION_ID}::${plan.toString()}`, kind: 'group', label: vscode.workspace.asRelativePath(folder), description: `${summary.credentialed} of ${summary.total} credentialed`, contextValue: 'impactNotes.group.samplesPlan', parent: group, expanded: true, children: [], icon: { id: 'folder' } }
          : group;
      if (parent !== group) group.children!.push(parent);
      for (const l of summary.lacking) {
        parent.children!.push({
          id: `${SAMPLES_SECTION_ID}::${plan.toString()}::${l.file}`,
          kind: 'artifact',
          label: l.file,
          description: VERDICT_LABEL[l.verdict],
          icon: { id: 'file-media', color: 'problemsErrorIcon.foreground' },
          contextValue: 'impactNotes.sampleWithoutCredentials',
          parent,
          value: vscode.Uri.joinPath(folder, ...l.file.split('/')).toString(),
        });
      }
    }
    return [group];
  }

  commandFor(node: TreeNode): vscode.Command | undefined {
    if (node.contextValue !== 'impactNotes.sampleWithoutCredentials' || !node.value) return undefined;
    return { command: 'revealInExplorer', title: 'Reveal in Explorer', arguments: [vscode.Uri.parse(node.value)] };
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

export interface ProvenanceApi {
  service: ProvenanceService;
  section: SamplesSection;
}

export function register(context: vscode.ExtensionContext, services: Services): ProvenanceApi {
  const service = new ProvenanceService(services);
  const section = new SamplesSection(service);
  context.subscriptions.push(service, section);
  service.start();
  // The report panel's Provenance section (how many samples are credentialed, which are not).
  context.subscriptions.push(
    useProvenanceSource({
      summaryFor: (uri) => service.summaries.get(uri.toString())?.summary,
      subscribe: (handler) => listen(service.onDidUpdate, handler, 'report panel: provenance updates'),
    }),
  );
  registerCommands(context, services, {
    checkProvenance: async () => {
      const n = await service.checkAll();
      services.log.info(`provenance checked for ${n} release plan${n === 1 ? '' : 's'}`);
      return n;
    },
  });
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'yaml' }, new ChecksumFixProvider(service), ChecksumFixProvider.metadata),
  );
  return { service, section };
}
