/**
 * CodeLens at the top of IMPACT.md: how complete the assessment is (click: show it in the
 * assessments view), Run Assessment, and Check Release Readiness. Completeness is computed from the
 * document's current text (cheap, always in step with what is on screen) and the pair's cached
 * release plan (for the modality), with the same core function the tree and the report use.
 */
import * as vscode from 'vscode';
import { assessCompleteness, completenessLabel } from '../core/completeness';
import { parseImpact } from '../core/impact/parse';
import { COMMANDS } from './command-table';
import { isImpactDocument, IMPACT_SELECTOR } from './hover';
import { listen } from './listeners';
import type { ViewLintService, ViewServices } from './tree/view-services';

export const REVEAL_PAIR_COMMAND = 'impactNotes.tree.revealPair';

export class ImpactCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly lintService: ViewLintService) {
    // The release plan (modality) or the pair itself may have changed.
    this.subscription = listen(lintService.onDidUpdate, () => this.changed.fire(), 'codelens: lint updates');
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isImpactDocument(doc)) return [];
    const impact = parseImpact(doc.uri.fsPath || doc.uri.path, doc.getText());
    const release = this.lintService.pairFor(doc.uri)?.result.release;
    const c = assessCompleteness(impact, release);
    const line = impact.title?.line ?? 0;
    const range = new vscode.Range(line, 0, line, 0);
    const missing = c.items.filter((i) => !i.done);
    const tooltip = missing.length
      ? `Still to answer: ${missing
          .slice(0, 6)
          .map((i) => `${i.label} (${i.missing})`)
          .join('; ')}${missing.length > 6 ? `; and ${missing.length - 6} more` : ''}`
      : 'Every required item has an answer.';
    return [
      new vscode.CodeLens(range, { title: `Assessment ${completenessLabel(c)} complete`, command: REVEAL_PAIR_COMMAND, arguments: [doc.uri], tooltip }),
      new vscode.CodeLens(range, { title: 'Run Assessment', command: COMMANDS.runAssessment.id, arguments: [doc.uri], tooltip: 'Answer the hazard and path-to-harm questions one by one' }),
      new vscode.CodeLens(range, { title: 'Check Release Readiness', command: COMMANDS.checkReadiness.id, arguments: [doc.uri], tooltip: 'Pass or fail, with the problems that block a release' }),
    ];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function register(context: vscode.ExtensionContext, services: ViewServices): ImpactCodeLensProvider {
  const provider = new ImpactCodeLensProvider(services.lintService);
  context.subscriptions.push(provider, vscode.languages.registerCodeLensProvider(IMPACT_SELECTOR, provider));
  return provider;
}
