/**
 * Quick fixes for `artifact-uncovered` on a release plan: add the uncovered paths to one of its
 * artifacts (one action per artifact, the author picks) or add new artifacts for them. The edits
 * come from the core (artifactUncoveredFixes) over the document's current text, so they are
 * comment-preserving insertions and undoable like any other edit.
 */
import * as vscode from 'vscode';
import { artifactUncoveredFixes } from '../../core/discovery';
import { parseRelease } from '../../core/release/parse';
import { artifactUncovered } from '../../core/rules/workspace';
import { ruleOf } from '../diagnostics';
import type { DiscoveryService } from './service';

export class ArtifactUncoveredActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly service: DiscoveryService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] | undefined {
    const diagnostics = context.diagnostics.filter((d) => ruleOf(d) === artifactUncovered.meta.name);
    if (!diagnostics.length) return undefined;
    const ws = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!ws) return undefined;
    const rel = vscode.workspace.asRelativePath(document.uri, false);
    // Every partially covered research folder whose plan is this file: their suggested paths are
    // relative to the plan's folder.
    const roots = this.service.allRoots().filter((r) => r.workspaceFolder.uri.toString() === ws.uri.toString() && r.root.status === 'partial' && r.root.plan?.file === rel);
    const globs = [...new Set(roots.flatMap((r) => r.root.suggested.flatMap((a) => a.paths)))];
    const suggested = roots.flatMap((r) => r.root.suggested);
    if (!globs.length) return undefined;
    const plan = parseRelease(document.uri.fsPath || document.uri.path, document.getText());
    const source = plan.source;
    const out: vscode.CodeAction[] = [];
    for (const fix of artifactUncoveredFixes(plan, globs, suggested)) {
      const edit = new vscode.WorkspaceEdit();
      const pos = (o: number) => {
        const p = source.positionAt(o);
        return new vscode.Position(p.line, p.character);
      };
      for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(pos(e.range.start), pos(e.range.end)), e.newText);
      const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      a.edit = edit;
      a.diagnostics = diagnostics;
      out.push(a);
    }
    return out;
  }
}
