/**
 * Discovery feature: registers the service (scan, watchers, diagnostics), the tree section
 * "Unplanned research" and its commands. activate() is not delayed: the first scan is scheduled
 * to run after it returns. The tree provider shows the section once extension.ts hands it over
 * (`tree.provider.addSection(discovery.section)`).
 */
import * as vscode from 'vscode';
import { suggestArtifacts } from '../../core/discovery';
import type { Services } from '../services';
import { ArtifactUncoveredActions } from './discovery-code-actions';
import { registerCommands } from '../command-registry';
import { COMMANDS } from '../command-table';
import { DiscoveryService, type RootState } from './service';
import { UnplannedResearchSection } from './tree-section';

export { DiscoveryService, type RootState } from './service';
export { UnplannedResearchSection } from './tree-section';

/** Delay between activation and the first scan (ms): lets the workbench finish restoring first. */
const FIRST_SCAN_DELAY_MS = 250;

export interface DiscoveryApi {
  service: DiscoveryService;
  section: UnplannedResearchSection;
  /** Resolves when the first scan has finished. */
  ready: Promise<void>;
  /** The arguments Create Release Plan gets for a root: its folder and the artifacts found there. */
  createPlanArgs(root: RootState): [vscode.Uri, { id: string; content: string; paths: string[] }[]];
}

function createPlanArgs(root: RootState): [vscode.Uri, { id: string; content: string; paths: string[] }[]] {
  // Paths relative to the root's folder, where the new plan goes.
  return [root.uri, suggestArtifacts(root.root.uncovered, root.root.dir)];
}

export function register(context: vscode.ExtensionContext, services: Services): DiscoveryApi {
  const service = new DiscoveryService({ host: services.lintService.config, log: services.log, docsBase: services.docsBase });
  const section = new UnplannedResearchSection(service);
  context.subscriptions.push(service, section);
  service.watch();

  const rootFrom = (arg: unknown): RootState | undefined => {
    if (typeof arg === 'string') return service.root(arg);
    if (arg instanceof vscode.Uri) return service.roots().find((r) => r.uri.toString() === arg.toString());
    return section.rootOf(arg);
  };

  registerCommands(context, services, {
    discoveryCreateReleasePlan: async (arg?: unknown) => {
      const root = rootFrom(arg);
      if (!root) return undefined;
      return vscode.commands.executeCommand(COMMANDS.createReleasePlan.id, ...createPlanArgs(root));
    },
    discoveryOpenReleasePlan: async (arg?: unknown) => {
      const root = rootFrom(arg);
      const plan = root?.root.plan;
      if (!root || !plan?.file) return undefined;
      const uri = vscode.Uri.joinPath(root.workspaceFolder.uri, ...plan.file.split('/'));
      const a = plan.anchor;
      const selection = a ? new vscode.Range(a.start.line, a.start.character, a.end.line, a.end.character) : undefined;
      return vscode.window.showTextDocument(uri, { selection, preview: false });
    },
    discoveryRescan: () => service.scanAll('rescan requested'),
  });
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'yaml' }, new ArtifactUncoveredActions(service), ArtifactUncoveredActions.metadata),
  );

  // The first scan: after activation, off its critical path.
  const ready = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      service.scanAll('first scan').then(resolve, resolve);
    }, FIRST_SCAN_DELAY_MS);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  });

  return { service, section, ready, createPlanArgs };
}
