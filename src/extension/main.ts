/**
 * What both entry points share: extension.ts (Node: desktop VS Code, remote and code-server) and
 * extension.web.ts (the web worker of vscode.dev and github.dev) call createActivate() with their
 * platform. activate() only builds the services and registers features; nothing here scans the
 * workspace synchronously: the lint service lints documents as they open, and "Lint Workspace"
 * covers the rest on request. Every feature module exports `register(context, services)`.
 */
import * as vscode from 'vscode';
import { register as registerCodeActions } from './code-actions';
import { register as registerCodeLens } from './codelens';
import { register as registerCommands } from './workspace-commands';
import { register as registerCompletion } from './completion';
import { register as registerDiscovery, type DiscoveryApi } from './discovery';
import { register as registerHover } from './hover';
import { register as registerReport } from './report';
import { register as registerStatusBar } from './status-bar';
import { register as registerTree, type TreeApi } from './tree';
import type { TreeSection } from './tree/provider';
import { register as registerWalkthrough } from './walkthrough';
import { LintService } from './lint-service';
import { liveListeners, type LiveListeners } from './listeners';
import { Log } from './log';
import { PromptService } from './prompts';
import { docsBaseUri, registerRuleDocs } from './rule-docs';
import type { Platform } from './platform';
import type { Feature, Services } from './services';

/** Feature modules, each `register(context, services)`; the value each returns lands in the API under its name. */
const FEATURES: Record<string, Feature> = {
  codeActions: registerCodeActions,
  commands: registerCommands,
  tree: registerTree,
  discovery: registerDiscovery,
  hover: registerHover,
  completion: registerCompletion,
  codeLens: registerCodeLens,
  statusBar: registerStatusBar,
  report: registerReport,
  walkthrough: registerWalkthrough,
};

export interface ImpactNotesApi {
  lintService: LintService;
  prompts: PromptService;
  log: Log;
  services: Services;
  /** What each feature's register() returned, by feature name (e.g. `features.commands`). */
  features: Record<string, unknown>;
  /** The extension's live event subscriptions and watchers (listeners.ts), for the listener-hygiene tests. */
  liveListeners: () => LiveListeners;
}

/** The extension's activate() on one platform. */
export function createActivate(platform: Platform): (context: vscode.ExtensionContext) => ImpactNotesApi {
  return (context) => {
    const log = new Log(undefined, { mirror: !!platform.env('IMPACT_NOTES_LOG_CONSOLE') });
    context.subscriptions.push(log);
    try {
      return start(context, log, platform);
    } catch (err) {
      // Say so once, visibly, then let VS Code record the failed activation too.
      const message = log.error('Impact Notes could not start', err);
      void vscode.window.showErrorMessage(message, 'Show Output').then((a) => a && log.show());
      throw err;
    }
  };
}

function start(context: vscode.ExtensionContext, log: Log, platform: Platform): ImpactNotesApi {
  const started = Date.now();
  // Rule pages: the bundled docs/rules, served read-only and shown as a rendered preview.
  registerRuleDocs(context, log);
  const docsBase = docsBaseUri();
  const lintService = new LintService({ docsBase, log, readHead: platform.readHead });
  context.subscriptions.push(lintService);
  const prompts = new PromptService();
  const services: Services = { context, log, lintService, prompts, docsBase, platform };
  const features: Record<string, unknown> = {};
  for (const [name, register] of Object.entries({ ...FEATURES, ...(platform.features ?? {}) })) {
    try {
      features[name] = register(context, services);
    } catch (err) {
      const message = log.error(`Impact Notes could not start its ${name} feature`, err);
      void vscode.window.showErrorMessage(message);
    }
  }
  // Discovery's "Unplanned research" group lives in the assessments tree.
  const tree = features.tree as TreeApi | undefined;
  const discovery = features.discovery as DiscoveryApi | undefined;
  if (tree && discovery) context.subscriptions.push(tree.provider.addSection(discovery.section));
  // Provenance (Node hosts only): the "Samples without credentials" group.
  const provenance = features.provenance as { section?: TreeSection } | undefined;
  if (tree && provenance?.section) context.subscriptions.push(tree.provider.addSection(provenance.section));
  lintService.start();
  log.info(`activated in ${Date.now() - started} ms (VS Code ${vscode.version}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, ${platform.kind === 'web' ? 'web worker' : 'Node'} extension host${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''})`);
  return { lintService, prompts, log, services, features, liveListeners };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
