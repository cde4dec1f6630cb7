/**
 * Registers the assessments tree view, its context key (`impactNotes.hasAssessments`, which shows the
 * welcome view when false) and the commands its title bar and item menus use.
 *
 * Tree-item commands (`impactNotes.tree.*`) take the clicked node and forward to the workspace-wide
 * commands with the pair's IMPACT.md (or release.yaml) uri, so those commands need not know the tree.
 */
import * as vscode from 'vscode';
import { registerCommands, type CommandServices } from '../command-registry';
import { COMMANDS } from '../command-table';
import { listen } from '../listeners';
import type { TreeNode } from './tree-model';
import { AssessmentTreeProvider } from './provider';
import { HAS_ASSESSMENTS_KEY, VIEW_ID } from './view-contributions';
import { fireAndLog, type ViewServices } from './view-services';

export { VIEW_ID, HAS_ASSESSMENTS_KEY } from './view-contributions';

export interface TreeApi {
  readonly provider: AssessmentTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  /** Reveals (selects, expands, focuses) the pair node of a file or folder; false when it has none. */
  revealPair(uri: vscode.Uri, options?: { focus?: boolean }): Promise<boolean>;
  /** Reveals any current node. */
  reveal(node: TreeNode, options?: { focus?: boolean; select?: boolean; expand?: boolean | number }): Promise<void>;
  /** The current value of the `impactNotes.hasAssessments` context key. */
  readonly hasAssessments: boolean;
  /** Lints the whole workspace once (what showing the view does); later calls return the same promise. */
  scanOnce(): Promise<void>;
}

/** How long after activation the background lint of the whole workspace starts (after the first paint). */
const WORKSPACE_LINT_DELAY_MS = 400;

export function register(context: vscode.ExtensionContext, services: ViewServices & CommandServices): TreeApi {
  const { lintService } = services;
  const provider = new AssessmentTreeProvider(lintService);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(provider, view);

  let hasAssessments: boolean | undefined;
  const updateContext = () => {
    const now = lintService.pairs().length > 0;
    if (now === hasAssessments) return;
    hasAssessments = now;
    fireAndLog(services, 'Could not update the hasAssessments context key', () => vscode.commands.executeCommand('setContext', HAS_ASSESSMENTS_KEY, now));
  };
  updateContext();
  context.subscriptions.push(listen(lintService.onDidUpdate, updateContext, 'tree: hasAssessments'));

  // The service lints open documents by itself; the first time the view is shown, lint the whole
  // workspace in the background so that every assessment appears (never before activate returns).
  // On activation, every pair in the workspace is linted in the background, so the Problems panel,
  // the status bar, the tree and the report show the same counts from the first screen: after the
  // first paint (a short delay, never before activate returns), cancelled when the extension stops,
  // and in batches that never block typing (LintService.lintWorkspace yields between pairs).
  let scanned: Promise<void> | undefined;
  const cancel = new vscode.CancellationTokenSource();
  context.subscriptions.push(cancel);
  const scanOnce = (): Promise<void> => {
    scanned ??= Promise.resolve(
      vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => lintService.lintWorkspace(cancel.token)),
    ).then(updateContext);
    return scanned;
  };
  const onVisible = () => {
    if (view.visible) fireAndLog(services, 'Linting the workspace for the assessments view failed', scanOnce);
  };
  context.subscriptions.push(listen(view.onDidChangeVisibility, onVisible, 'tree: view visibility'));
  onVisible();
  const startup = setTimeout(() => {
    if (!cancel.token.isCancellationRequested) fireAndLog(services, 'Linting the workspace on start-up failed', scanOnce);
  }, WORKSPACE_LINT_DELAY_MS);
  context.subscriptions.push({ dispose: () => (clearTimeout(startup), cancel.cancel()) });

  const uriOf = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    if (arg && typeof arg === 'object' && 'id' in arg && 'kind' in arg) {
      const pair = provider.pairOf(arg as TreeNode);
      return pair?.impactUri ?? pair?.releaseUri ?? pair?.folder;
    }
    return vscode.window.activeTextEditor?.document.uri;
  };

  const revealPair = async (uri: vscode.Uri, options?: { focus?: boolean }): Promise<boolean> => {
    const node = provider.pairNode(uri);
    if (!node) return false;
    await view.reveal(node, { select: true, focus: options?.focus ?? true, expand: true });
    return true;
  };

  const open = async (node: unknown, which: 'impact' | 'release') => {
    const pair = node && typeof node === 'object' && 'kind' in node ? provider.pairOf(node as TreeNode) : undefined;
    const uri = which === 'impact' ? pair?.impactUri : pair?.releaseUri;
    if (uri) await vscode.window.showTextDocument(uri, { preview: false });
  };

  registerCommands(context, services, {
    treeRefresh: async () => {
      await scanOnce();
      provider.refresh();
    },
    treeLintWorkspace: () => vscode.commands.executeCommand(COMMANDS.lintWorkspace.id),
    treeRevealPair: async (arg?: unknown) => {
      const uri = uriOf(arg);
      if (uri) await revealPair(uri);
    },
    treeOpenImpact: (node?: unknown) => open(node, 'impact'),
    treeOpenRelease: (node?: unknown) => open(node, 'release'),
    treeRunAssessment: (node?: unknown) => vscode.commands.executeCommand(COMMANDS.runAssessment.id, uriOf(node)),
    treeCheckReadiness: (node?: unknown) => vscode.commands.executeCommand(COMMANDS.checkReadiness.id, uriOf(node)),
  });

  return {
    provider,
    view,
    revealPair,
    reveal: (node, options) => Promise.resolve(view.reveal(node, options)),
    get hasAssessments() {
      return hasAssessments ?? false;
    },
    scanOnce,
  };
}
