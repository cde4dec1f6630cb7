/**
 * Binds the workspace commands of the command table (command-table.ts) to their handlers, through the
 * one registration function (command-registry.ts, which reports failures once). Each handler lives
 * with its feature.
 */
import * as vscode from 'vscode';
import { allRules, findRule } from '../core/rules';
import { isEngineFinding } from '../core/rules/engine-findings';
import { createReleasePlan, newAssessment, runAssessment } from './assessment/assessment-commands';
import { fixAllInPair } from './code-actions';
import { registerCommands, type Handler } from './command-registry';
import type { CommandKey } from './command-table';
import { checkReadiness } from './readiness';
import { showRulePage } from './rule-docs';
import type { Services } from './services';

export type { Handler } from './command-registry';

/** Opens the rule's page (docs/rules/<rule>.md, bundled and read-only) in the Markdown preview. */
export async function showRuleDocumentation(services: Services, rule?: unknown): Promise<vscode.Uri | undefined> {
  let name = typeof rule === 'string' ? rule : undefined;
  if (!name) {
    const picked = await services.prompts.showQuickPick(
      allRules.map((r) => ({ label: r.meta.name, description: r.meta.defaultSeverity, detail: r.meta.description })),
      { title: 'Impact Notes: rule documentation', placeHolder: 'Pick a rule', matchOnDetail: true },
    );
    name = picked?.label;
  }
  if (!name) return undefined;
  if (!findRule(name) && !isEngineFinding(name)) {
    void services.prompts.showWarningMessage(`There is no Impact Notes rule called '${name}'.`);
    return undefined;
  }
  const uri = vscode.Uri.joinPath(services.docsBase, `${name}.md`);
  await showRulePage(uri);
  return uri;
}

export async function lintWorkspaceCommand(services: Services): Promise<{ pairs: number; cancelled: boolean }> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Impact Notes: linting the workspace', cancellable: true },
    async (progress, token) => {
      await services.lintService.lintWorkspace(token, progress);
      return { pairs: services.lintService.pairs().length, cancelled: token.isCancellationRequested };
    },
  );
}

export function register(context: vscode.ExtensionContext, services: Services): Partial<Record<CommandKey, Handler>> {
  return registerCommands(context, services, {
    newAssessment: (uri) => newAssessment(services, uri),
    runAssessment: (uri) => runAssessment(services, uri),
    lintWorkspace: () => lintWorkspaceCommand(services),
    checkReadiness: (arg) => checkReadiness(services, arg),
    createReleasePlan: (uri, artifacts) => createReleasePlan(services, uri, artifacts),
    showRuleDocumentation: (rule) => showRuleDocumentation(services, rule),
    showOutput: () => services.log.show(),
    applyFixAll: (uri) => fixAllInPair(services, uri),
  });
}
