/**
 * Findings as VS Code diagnostics: one conversion for the lint service, discovery and provenance
 * (same source, codes and documentation links), the split of a pair's findings over its files, and
 * the diagnostics of configuration files.
 */
import * as vscode from 'vscode';
import type { ConfigFileProblem } from '../core/config-chain';
import type { Finding, Severity } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'impact-notes';
/** Rule id shown on problems in `.impact-notes.yaml` itself. */
export const CONFIG_RULE = 'config';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The diagnostic for one finding; ranges come from the core's positions (BOM stripped, as VS Code does). */
export function toDiagnostic(f: Finding, docsBase: vscode.Uri, uriOf?: (path: string) => vscode.Uri): vscode.Diagnostic {
  const range = new vscode.Range(f.start.line, f.start.character, f.end.line, f.end.character);
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.joinPath(docsBase, `${f.rule}.md`) };
  if (f.related?.length && uriOf) {
    d.relatedInformation = f.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.path), new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)), r.message),
    );
  }
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

/**
 * A pair's findings as diagnostics per file: each on the file it names; workspace findings on
 * IMPACT.md, or on the plan when there is no IMPACT.md.
 */
export function pairDiagnostics(findings: readonly Finding[], hasImpact: boolean, docsBase: vscode.Uri): { impact: vscode.Diagnostic[]; release: vscode.Diagnostic[]; card: vscode.Diagnostic[] } {
  const out = { impact: [] as vscode.Diagnostic[], release: [] as vscode.Diagnostic[], card: [] as vscode.Diagnostic[] };
  for (const f of findings) {
    const target = f.file === 'card' ? out.card : f.file === 'release' ? out.release : f.file === 'impact' ? out.impact : hasImpact ? out.impact : out.release;
    target.push(toDiagnostic(f, docsBase));
  }
  return out;
}

/** A problem in a configuration file, from its line to the end of the line. */
export function configProblemDiagnostic(p: ConfigFileProblem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(p.line - 1, Math.max(0, p.column - 1), p.line - 1, Number.MAX_SAFE_INTEGER), p.message, vscode.DiagnosticSeverity.Error);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = CONFIG_RULE;
  return d;
}

/** A configuration file that was not read, said at its top. */
export function configSkipDiagnostic(message: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Error);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = CONFIG_RULE;
  return d;
}
