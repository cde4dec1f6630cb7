/**
 * Check Release Readiness: a pass/fail gate over the pair being edited, or over every pair in the
 * workspace. Blocking findings are errors, plus warnings of the rules listed in
 * `impactNotes.readiness.blockingWarnings`. The result object is returned for tests and for other
 * features (the status bar); the blocking findings are listed in a quick pick that reveals each.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import { isBlocking as isBlockingFinding, readiness } from '../core/assessment/readiness';
import { assessment } from '../core/assessment/assessment-model';
import type { PairState } from './lint-service';
import type { Settings } from './settings';
import type { Services } from './services';

export interface BlockingFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  uri: vscode.Uri;
  range: vscode.Range;
}

export interface ReadinessResult {
  ready: boolean;
  scope: 'pair' | 'workspace';
  /** Pairs checked. */
  pairs: number;
  blocking: BlockingFinding[];
  /** The core verdict's one line ("Not ready: 22 unanswered questions."). */
  summary?: string;
  /** The questions still without an answer ("Hazards: Data hazard"). */
  open?: string[];
}

export function isBlocking(f: Finding, settings: Pick<Settings, 'readinessBlockingWarnings'>): boolean {
  return isBlockingFinding(f, { blockingWarnings: settings.readinessBlockingWarnings });
}

/** The blocking findings of some pairs, in file order. */
export function blockingFindings(states: readonly PairState[], settings: Pick<Settings, 'readinessBlockingWarnings'>): BlockingFinding[] {
  const out: BlockingFinding[] = [];
  for (const s of states) {
    for (const f of s.result.findings) {
      if (!isBlocking(f, settings)) continue;
      const uri = f.file === 'release' ? s.releaseUri : f.file === 'impact' ? s.impactUri : f.file === 'card' ? (s.cardUri ?? s.impactUri) : (s.impactUri ?? s.releaseUri);
      if (!uri) continue;
      out.push({ rule: f.rule, severity: f.severity, message: f.message, uri, range: new vscode.Range(f.start.line, f.start.character, f.end.line, f.end.character) });
    }
  }
  return out;
}

/**
 * How a pair's folder is named to the user: workspace-relative, or the workspace folder's name when
 * the pair sits at its root (asRelativePath returns the absolute path for a root folder itself).
 */
function folderLabel(folder: vscode.Uri): string {
  const root = vscode.workspace.getWorkspaceFolder(folder);
  if (root && root.uri.toString() === folder.toString()) return root.name;
  return vscode.workspace.asRelativePath(folder);
}

interface Options {
  /** 'pair': the pair of `uri` or of the active editor; 'workspace': every pair. */
  scope?: 'pair' | 'workspace';
  uri?: vscode.Uri;
}

export async function checkReadiness(services: Services, arg?: unknown): Promise<ReadinessResult> {
  const opts: Options = arg instanceof vscode.Uri ? { scope: 'pair', uri: arg } : ((arg && typeof arg === 'object' ? arg : {}) as Options);
  const { lintService } = services;
  const uri = opts.uri ?? vscode.window.activeTextEditor?.document.uri;
  let states: PairState[] = [];
  let scope: ReadinessResult['scope'] = opts.scope ?? (uri && lintService.pairFor(uri) ? 'pair' : 'workspace');
  if (scope === 'pair' && uri) {
    const s = await lintService.lintUri(uri);
    if (s) states = [s];
    else scope = 'workspace';
  }
  if (scope === 'workspace') {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Impact Notes: checking release readiness' }, (_p, token) => lintService.lintWorkspace(token));
    states = [...lintService.pairs()];
  }
  const blocking = blockingFindings(states, lintService.currentSettings());
  // The verdict and its words come from core, as for the CLI, the status bar and the report.
  const verdict = readiness(
    states.map((s) => assessment(s.result.impact, s.result.release)),
    states.flatMap((s) => s.result.findings),
    { blockingWarnings: lintService.currentSettings().readinessBlockingWarnings },
  );
  const result: ReadinessResult = { ready: states.length > 0 && verdict.ready, scope, pairs: states.length, blocking, summary: verdict.summary, open: verdict.open.map((q) => `${q.sectionTitle}: ${q.label}`) };
  const where = scope === 'pair' && states[0] ? folderLabel(states[0].folder) : `${states.length} pair${states.length === 1 ? '' : 's'}`;
  services.log.info(`release readiness (${where}): ${result.ready ? 'ready' : `${blocking.length} blocking finding(s)`}`);
  if (!states.length) {
    void services.prompts.showWarningMessage('Not ready: there is no IMPACT.md or release plan to check. Run New Impact Assessment… first.');
    return result;
  }
  if (result.ready) {
    void services.prompts.showInformationMessage(`Ready for release (${where}): nothing blocks.`);
    return result;
  }
  const items = blocking.map((b) => ({
    label: `$(${b.severity === 'error' ? 'error' : 'warning'}) ${b.rule}`,
    description: `${vscode.workspace.asRelativePath(b.uri)}:${b.range.start.line + 1}`,
    detail: b.message,
    finding: b,
  }));
  const picked = await services.prompts.showQuickPick(items, {
    title: `${verdict.summary.replace(/^Not ready:/, `Not ready for release (${where}):`).replace(/\.$/, '')}`,
    placeHolder: 'Pick one to go to it',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked) {
    const editor = await vscode.window.showTextDocument(picked.finding.uri, { selection: picked.finding.range, preview: false });
    editor.revealRange(picked.finding.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return result;
}
